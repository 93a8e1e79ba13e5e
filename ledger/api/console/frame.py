"""What every console page shows around its content, and the moment it is read at."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from litestar import Request
from litestar.params import QueryParameter
from litestar.response import Template

from ledger.api.positions import parse_reported_by
from ledger.application.log import NoCheckpointError, Transparency
from ledger.application.queries import Queries


class Asked(msgspec.Struct, frozen=True, kw_only=True):
    """The moment a page is asked at.

    As the ledger stood ``as_of``, as the sources had told it by ``reported_by``; ``None``
    on either is now.
    """

    as_of: str | None = None
    reported_by: str | None = None

    @property
    def query(self) -> str:
        """The moment as a query string every link of the page carries on ("" for now)."""
        return self.query_with()

    def query_with(self, **filters: str | None) -> str:
        """``filters`` and the moment as one query string ("" when none is given)."""
        given = {
            name: value
            for name, value in {**filters, **msgspec.structs.asdict(self)}.items()
            if value
        }
        return f"?{urlencode(given)}" if given else ""

    @property
    def said(self) -> datetime | None:
        """``reported_by`` as an instant (a malformed one is a 400 page)."""
        return parse_reported_by(self.reported_by) if self.reported_by else None


async def asked(
    as_of: Annotated[
        str | None,
        QueryParameter(max_length=64, description="A position of the log or an RFC 3339 instant."),
    ] = None,
    reported_by: Annotated[
        str | None, QueryParameter(max_length=64, description="An RFC 3339 instant.")
    ] = None,
) -> Asked:
    """The moment in the page's URL."""
    return Asked(as_of=as_of or None, reported_by=reported_by or None)


class Frame(msgspec.Struct, frozen=True, kw_only=True):
    """The moment a page is read at, the log's position, the latest signed checkpoint."""

    asked: Asked
    log_position: int
    log_cursor: str
    """Where the page's live panel starts streaming from."""
    checkpoint_size: int | None
    checkpoint_root: str | None
    reader: str


async def frame(
    request: Request[Any, Any, Any], queries: Queries, transparency: Transparency, at: Asked
) -> Frame:
    """The frame of a page read at ``at``."""
    head = await queries.reached("log")
    try:
        signed = await transparency.checkpoint()
    except NoCheckpointError:
        signed = None
    return Frame(
        asked=at,
        log_position=head.position,
        log_cursor=head.encode(),
        checkpoint_size=None if signed is None else signed.tree_size,
        checkpoint_root=None if signed is None else signed.root_hash,
        reader=str(request.state.reader),
    )


async def page(
    template_name: str,
    request: Request[Any, Any, Any],
    queries: Queries,
    transparency: Transparency,
    at: Asked,
    **content: object,
) -> Template:
    """The page ``template_name`` shows ``content`` in, framed as read at ``at``."""
    framed = await frame(request, queries, transparency, at)
    return Template(template_name=template_name, context={"frame": framed, **content})
