"""Live: each event as it commits, pushed to an open console page (Server-Sent Events).

The page's own script (``static/live.js``) listens from the log position the page was
drawn at, keeps that position current and lists each new event with its incident. The
stream is the API's (``/v1/events/stream``), behind the console's session instead of an
``X-API-Key`` header, which a browser's EventSource cannot send.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import ServerSentEvent, ServerSentEventMessage

from ledger.api.console.session import CONSOLE_PATH, SESSION_COOKIE
from ledger.api.parsed_parameters import CURSOR, parsed_text
from ledger.api.stream import log_messages, resumed_at
from ledger.application.access import ApiKeyStore
from ledger.application.queries import Queries


async def _unnamed(
    messages: AsyncIterator[ServerSentEventMessage],
) -> AsyncGenerator[ServerSentEventMessage, None]:
    """The messages without their event names: an EventSource's ``onmessage`` gets them all."""
    async for message in messages:
        yield dataclasses.replace(message, event=None)


@get(f"{CONSOLE_PATH}/live", name="console-live", include_in_schema=False)
async def live(
    request: Request[Any, Any, Any],
    queries: NamedDependency[Queries],
    api_keys: NamedDependency[ApiKeyStore],
    after: Annotated[
        str | None, parsed_text("Start after this cursor; default: the start.", CURSOR)
    ] = None,
) -> ServerSentEvent:
    """Every event after ``after`` (or the reconnecting browser's last one), then each new one.

    The session is checked again at every heartbeat: a revoked key ends the stream.
    """
    key = None if request.app.state.anonymous_reads else request.cookies.get(SESSION_COOKIE)

    async def still_allowed() -> bool:
        return key is None or await api_keys.authenticate(key) is not None

    messages = log_messages(
        queries,
        after=resumed_at(request, after),
        event_types=None,
        stream_id=None,
        heartbeat_seconds=request.app.state.heartbeat_seconds,
        still_allowed=still_allowed,
    )
    return ServerSentEvent(
        _unnamed(messages), headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
