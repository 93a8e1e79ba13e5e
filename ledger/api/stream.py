"""/v1/events/stream: the global log as Server-Sent Events, caught up, then live."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Annotated, Any, Final

import msgspec
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import ServerSentEvent, ServerSentEventMessage

from ledger.api.auth import presented_key
from ledger.api.parsed_parameters import CURSOR, parsed_text
from ledger.api.views import EventView
from ledger.application.access import ApiKeyStore, Role
from ledger.application.log import START_OF_LOG, GlobalCursor
from ledger.application.queries import Queries
from ledger.domain.incidents import incident_stream

PAGE_SIZE: Final = 200
# A commit held back from readers by an older transaction gets no NOTIFY of its own when
# that transaction ends (and NOTIFYs are coalesced): for a heartbeat's time after each NOTIFY
# the stream looks again this often. A ledger nobody writes to is not polled at all.
_POLL_SECONDS: Final = 0.5
_encoder: Final = msgspec.json.Encoder()
_HEARTBEAT: Final = ServerSentEventMessage(comment="heartbeat", data=None)
"""A comment line alone: with a data line, EventSource would deliver an empty message."""


async def log_messages(  # noqa: PLR0913 - the stream's independent options
    queries: Queries,
    *,
    after: GlobalCursor,
    event_types: list[str] | None,
    stream_id: str | None,
    heartbeat_seconds: float,
    still_allowed: Callable[[], Awaitable[bool]],
) -> AsyncGenerator[ServerSentEventMessage, None]:
    """The stream's messages; it ends once ``still_allowed``, asked every heartbeat, says no."""
    # Pulled by the response as the client reads: a slow client holds at most one page here.
    cursor = after
    quiet_since = checked_at = time.monotonic()
    polling_until = 0.0
    while True:
        if time.monotonic() - checked_at >= heartbeat_seconds:
            if not await still_allowed():
                return
            checked_at = time.monotonic()
        seen = queries.notifications
        page = await queries.log_page(cursor, PAGE_SIZE, event_types)
        for event in page.events:
            if stream_id is None or event.stream_id == stream_id:
                yield ServerSentEventMessage(
                    data=_encoder.encode(EventView.of(event)).decode(),
                    event=event.type,
                    id=event.cursor.encode(),
                )
                quiet_since = time.monotonic()
        cursor = page.next_cursor
        if len(page.events) < PAGE_SIZE:
            if time.monotonic() - quiet_since >= heartbeat_seconds:
                yield _HEARTBEAT
                quiet_since = time.monotonic()
            now = time.monotonic()
            until_heartbeat = max(heartbeat_seconds - (now - quiet_since), 0.01)
            polling = now < polling_until
            await queries.wait_notified(
                seen, min(_POLL_SECONDS, until_heartbeat) if polling else until_heartbeat
            )
            if queries.notifications != seen:
                polling_until = time.monotonic() + heartbeat_seconds


def resumed_at(request: Request[Any, Any, Any], after: str | None) -> GlobalCursor:
    """Where a stream starts: after a reconnecting client's ``Last-Event-ID``, else ``after``."""
    resume = request.headers.get("last-event-id") or after
    return GlobalCursor.decode(resume) if resume else START_OF_LOG


@get(
    "/v1/events/stream",
    opt={"role": Role.READER},
    summary="Stream the global log (SSE)",
    tags=["events"],
)
async def stream_events(  # noqa: PLR0913 - the stream's independent options
    request: Request[Any, Any, Any],
    queries: NamedDependency[Queries],
    api_keys: NamedDependency[ApiKeyStore],
    *,
    after: Annotated[
        str | None, parsed_text("Start after this cursor; default: the start.", CURSOR)
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
    heartbeat after each LEDGER_STREAM_HEARTBEAT_SECONDS (default 15) of quiet; the key is
    checked again as often, and the stream ends once it is revoked.
    """
    cursor = resumed_at(request, after)
    presented = presented_key(request)

    async def still_allowed() -> bool:
        return presented is None or await api_keys.authenticate(presented) is not None

    return ServerSentEvent(
        log_messages(
            queries,
            after=cursor,
            event_types=event_type,
            stream_id=incident_stream(incident) if incident else None,
            heartbeat_seconds=request.app.state.heartbeat_seconds,
            still_allowed=still_allowed,
        ),
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
