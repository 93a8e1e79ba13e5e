"""What every console page shows around its content, and the moment it is read at."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request
from litestar.params import QueryParameter

from ledger.application.log import NoCheckpointError, Transparency
from ledger.application.queries import Queries

AsOf = Annotated[
    str | None,
    QueryParameter(max_length=64, description="A position of the log or an RFC 3339 instant."),
]


class Frame(msgspec.Struct, frozen=True, kw_only=True):
    """The moment a page is read at, the log's position, the latest signed checkpoint."""

    as_of: str | None
    log_position: int
    checkpoint_size: int | None
    checkpoint_root: str | None
    reader: str


async def frame(
    request: Request[Any, Any, Any], queries: Queries, transparency: Transparency, as_of: str | None
) -> Frame:
    """The frame of a page read ``as_of`` (``None``: now)."""
    head = await queries.reached("log")
    try:
        signed = await transparency.checkpoint()
    except NoCheckpointError:
        signed = None
    return Frame(
        as_of=as_of,
        log_position=head.position,
        checkpoint_size=None if signed is None else signed.tree_size,
        checkpoint_root=None if signed is None else signed.root_hash,
        reader=str(request.state.reader),
    )
