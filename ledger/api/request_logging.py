"""One structured log line per request, every line of it tagged with the request id.

Wraps the whole application, routing included, so that a 404 for an unknown path or a 405
is logged like any other request.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import structlog
from litestar.enums import ScopeType

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER: Final = "x-request-id"
_ACCEPTABLE_REQUEST_ID: Final = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

logger = structlog.get_logger("ledger.api.access")

RequestObserver = Callable[[str, str | None, int, float], None]
"""Told of each answered request: method, route template (if routed), status, seconds."""


def _incoming_request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER.encode():
            candidate = value.decode("latin-1")
            # A caller's id is kept only when it cannot smuggle anything into the logs.
            if _ACCEPTABLE_REQUEST_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestLogging:
    """Bind a request id for the request's duration, echo it, and log the outcome.

    ``observe``, if given, is told of each request as it is logged (metrics).
    """

    def __init__(self, app: ASGIApp, observe: RequestObserver | None = None) -> None:
        self._app = app
        self._observe = observe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap one request; other scopes pass through untouched."""
        if scope["type"] != ScopeType.HTTP:
            await self._app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope)
        status = 500
        started = time.perf_counter()

        async def send_with_request_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER.encode(), request_id.encode()))
                message["headers"] = headers
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self._app(scope, receive, send_with_request_id)
            finally:
                state = scope.get("state", {})
                seconds = time.perf_counter() - started
                if self._observe is not None:
                    self._observe(scope["method"], scope.get("path_template"), status, seconds)
                logger.info(
                    "request",
                    request_id=request_id,
                    method=scope.get("method"),
                    path=scope.get("path"),
                    route=scope.get("path_template"),
                    status=status,
                    duration_ms=round(seconds * 1000, 2),
                    principal=state.get("principal_name"),
                )
