"""Refusing text no handler could use: NUL bytes and bytes that are not UTF-8.

The ledger stores no text with a NUL (PostgreSQL's text cannot hold one) nor any that is
not UTF-8, so a path or query that has either names nothing the ledger has: a path is
answered 404, a query 400, before routing, so no handler has to remember the rule. Bodies
are checked once parsed (``refuse_unparseable_bodies``): one nested past any depth or not
UTF-8 is a bad request, not a failure of the service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final
from urllib.parse import unquote_to_bytes

import msgspec
from litestar.enums import ScopeType
from litestar.status_codes import HTTP_400_BAD_REQUEST, HTTP_404_NOT_FOUND

from ledger.api.problem_documents import (
    PROBLEM_MEDIA_TYPE,
    Problem,
    ProblemError,
    problem_type,
)

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import ASGIApp, HTTPResponseStartEvent, Receive, Scope, Send

USABLE_TEXT_PATTERN: Final = r"^[^\x00]*$"
"""Text a query may carry, as the OpenAPI document states it (UTF-8 is JSON's own)."""
_encoder: Final = msgspec.json.Encoder()
_WRITES: Final = frozenset({"POST", "PUT", "PATCH"})


def _usable(raw: bytes) -> bool:
    """Whether percent-decoded ``raw`` is UTF-8 text without a NUL."""
    decoded = unquote_to_bytes(raw.replace(b"+", b" "))
    if b"\x00" in decoded:
        return False
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class InputGuard:
    """Answer a request whose path or query is not usable text with a problem, unrouted."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass usable requests on; refuse the others."""
        if scope["type"] != ScopeType.HTTP:
            await self._app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        if not _usable(raw_path) or "\x00" in scope["path"]:
            await _refuse(
                scope,
                send,
                status=HTTP_404_NOT_FOUND,
                slug="not-found",
                title="Not found",
                detail="no resource of the ledger has such a path",
            )
            return
        if not _usable(scope.get("query_string", b"")):
            await _refuse(
                scope,
                send,
                status=HTTP_400_BAD_REQUEST,
                slug="invalid-request",
                title="The request does not have the expected shape",
                detail="query parameters are UTF-8 text without NUL characters",
            )
            return
        await self._app(scope, receive, send)


async def _refuse(  # noqa: PLR0913 - one response's parts
    scope: Scope, send: Send, *, status: int, slug: str, title: str, detail: str
) -> None:
    body = _encoder.encode(
        Problem(
            type=problem_type(slug),
            title=title,
            status=status,
            detail=detail,
            instance=scope["path"].replace("\x00", "\ufffd"),
        )
    )
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def refuse_unparseable_bodies(request: Request[Any, Any, Any]) -> None:
    """Refuse a write body that is not UTF-8 or nests too deep for any parser, with a 400.

    Other malformed JSON is left to the handler's own decoding, which says where it fails.
    """
    if request.method not in _WRITES:
        return
    body = await request.body()
    if not body:
        return
    try:
        msgspec.json.decode(body)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ProblemError(
            HTTP_400_BAD_REQUEST,
            "invalid-request",
            "The request does not have the expected shape",
            "the body must be JSON in UTF-8, nested at most a few hundred levels"
            if isinstance(exc, RecursionError)
            else "the body is not UTF-8",
        ) from None
    except msgspec.DecodeError:
        return
