"""/v1/events: the global log in its gap-free order."""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from ledger.api.views import EventView, LogPage
from ledger.store import START_OF_LOG, EventStore, GlobalCursor
from ledger.store.api_keys import Role


@get(
    "/v1/events",
    opt={"role": Role.READER},
    summary="Read the global log",
    tags=["events"],
)
async def read_log(
    store: NamedDependency[EventStore],
    after: Annotated[
        str | None, QueryParameter(description="`next_cursor` of the previous page; omit to start.")
    ] = None,
    event_type: Annotated[
        list[str] | None, QueryParameter(name="type", description="Keep only these event types.")
    ] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
) -> LogPage:
    """Every event in the ledger after a cursor; no event is ever skipped or repeated."""
    cursor = GlobalCursor.decode(after) if after else START_OF_LOG
    page = await store.read_all(cursor, limit=limit, event_types=event_type)
    return LogPage(
        items=[EventView.of(e) for e in page.events], next_cursor=page.next_cursor.encode()
    )
