"""/v1/events: the global log in its gap-free order, and its export."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import QueryParameter
from litestar.response import Stream

from ledger.api.contract import PROBLEM_OPT, READS_AT_A_POSITION
from ledger.api.parsed_parameters import CURSOR, parsed_text
from ledger.api.positions import MAX_POSITION, await_min_position
from ledger.api.views import EventPage, EventView
from ledger.application.access import Role
from ledger.application.log import START_OF_LOG, GlobalCursor, RecordedEvent
from ledger.application.queries import Queries


@get(
    "/v1/events",
    opt={"role": Role.READER, PROBLEM_OPT: READS_AT_A_POSITION},
    summary="Read the global log",
    tags=["events"],
)
async def read_log(
    request: Request[Any, Any, Any],
    queries: NamedDependency[Queries],
    after: Annotated[
        str | None, parsed_text("`next_cursor` of the previous page; omit to start.", CURSOR)
    ] = None,
    event_type: Annotated[
        list[str] | None, QueryParameter(name="type", description="Keep only these event types.")
    ] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
) -> EventPage:
    """Every event in the ledger after a cursor; no event is ever skipped or repeated.

    `Ledger-Min-Position` (e.g. a write's receipt `cursor`) waits until the log shows it.
    """
    await await_min_position(request, queries, "log")
    cursor = GlobalCursor.decode(after) if after else START_OF_LOG
    page = await queries.log_page(cursor, limit, event_type)
    return EventPage(
        items=[EventView.of(e) for e in page.events], next_cursor=page.next_cursor.encode()
    )


@get(
    "/v1/events/export",
    opt={"role": Role.READER},
    summary="Export the log (NDJSON)",
    tags=["events"],
    media_type="application/x-ndjson",
    responses={
        200: ResponseSpec(
            data_container=RecordedEvent,
            media_type="application/x-ndjson",
            description="One event per line, as stored",
            generate_examples=False,
        )
    },
)
async def export_log(
    queries: NamedDependency[Queries],
    from_position: Annotated[int | None, QueryParameter(ge=1, le=MAX_POSITION)] = None,
    to_position: Annotated[int | None, QueryParameter(ge=1, le=MAX_POSITION)] = None,
) -> Stream:
    """Every committed event (or those in a position range), one JSON object per line.

    In the gap-free order, with every stored field and the original `transaction_id`, so
    `ledger import` reproduces the same log, hash chain and projections. Streamed page by
    page: memory stays constant whatever the size of the log.
    """
    return Stream(
        queries.export(from_position, to_position),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="ledger-events.ndjson"'},
    )
