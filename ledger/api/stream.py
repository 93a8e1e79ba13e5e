"""/v1/events/stream: the global log as Server-Sent Events, caught up, then live."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated, Any, Final

import msgspec
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import ServerSentEvent, ServerSentEventMessage

from ledger.api.views import EventView
from ledger.domain.incidents import incident_stream
from ledger.store import START_OF_LOG, EventStore, GlobalCursor
from ledger.store.api_keys import Role
from ledger.store.notifications import LogListener

PAGE_SIZE: Final = 200
_encoder: Final = msgspec.json.Encoder()


async def _messages(  # noqa: PLR0913 - the stream's independent options
    store: EventStore,
    *,
    listener: LogListener,
    after: GlobalCursor,
    event_types: list[str] | None,
    stream_id: str | None,
    heartbeat_seconds: float,
) -> AsyncGenerator[ServerSentEventMessage, None]:
    # Pulled by the response as the client reads: a slow client holds at most one page here.
    cursor = after
    while True:
        seen = listener.count
        page = await store.read_all(cursor, limit=PAGE_SIZE, event_types=event_types)
        for event in page.events:
            if stream_id is None or event.stream_id == stream_id:
                yield ServerSentEventMessage(
                    data=_encoder.encode(EventView.of(event)).decode(),
                    event=event.type,
                    id=event.cursor.encode(),
                )
        cursor = page.next_cursor
        if len(page.events) < PAGE_SIZE:
            before = listener.count
            await listener.wait(seen, heartbeat_seconds)
            if listener.count == before == seen:
                yield ServerSentEventMessage(comment="heartbeat")


@get(
    "/v1/events/stream",
    opt={"role": Role.READER},
    summary="Stream the global log (SSE)",
    tags=["events"],
)
async def stream_events(
    request: Request[Any, Any, Any],
    store: NamedDependency[EventStore],
    *,
    after: Annotated[
        str | None, QueryParameter(description="Start after this cursor; default: the start.")
    ] = None,
    event_type: Annotated[
        list[str] | None, QueryParameter(name="type", description="Keep only these types.")
    ] = None,
    incident: Annotated[
        str | None, QueryParameter(description="Keep only this incident's events.")
    ] = None,
) -> ServerSentEvent:
    """Every event after a cursor, then each new one as it commits, in the gap-free order.

    Each message's `id` is the event's cursor: a reconnecting client sends it back as
    `Last-Event-ID` and resumes with nothing lost or repeated. A comment line is sent as a
    heartbeat after each LEDGER_STREAM_HEARTBEAT_SECONDS (default 15) of quiet.
    """
    resume = request.headers.get("last-event-id") or after
    cursor = GlobalCursor.decode(resume) if resume else START_OF_LOG
    listener: LogListener = request.app.state.listener
    return ServerSentEvent(
        _messages(
            store,
            listener=listener,
            after=cursor,
            event_types=event_type,
            stream_id=incident_stream(incident) if incident else None,
            heartbeat_seconds=request.app.state.heartbeat_seconds,
        ),
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
