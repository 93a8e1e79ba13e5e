"""The errors each operation can answer, declared in the OpenAPI document.

Every error is a problem document (``Problem``, ``application/problem+json``). Which
statuses an operation can answer follows from what it is: every operation may meet a bad
request, a failure and an unavailable database; one under ``/v1`` needs a key and is rate
limited; one with an id in its path may find nothing; a write may conflict, be too large,
break a rule, or lose its connection midway; a read that waits for ``Ledger-Min-Position``
may give up. What only one operation answers, it declares in ``opt["problems"]``.
Each status is declared with the problem types it carries, so a client can branch on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from litestar.openapi import ResponseSpec

from ledger.api.problem_documents import PROBLEM_MEDIA_TYPE, Problem
from ledger.api.route_table import routed_operations

if TYPE_CHECKING:
    from litestar import Litestar
    from litestar.handlers import HTTPRouteHandler

PROBLEM_OPT: Final = "problems"
"""The ``opt`` key where a handler lists problem types of its own, by status."""

_MEANING: Final = {
    400: "The request does not have the expected shape",
    401: "No valid API key",
    403: "The key's role may not do this",
    404: "Nothing at this path",
    409: "The request conflicts with the ledger's state",
    412: "The resource changed since the version in If-Match",
    413: "The request or an event is over the size limit",
    422: "The request breaks a rule of the ledger",
    429: "Too many requests: wait Retry-After seconds",
    500: "The ledger failed; the failure is logged",
    503: "Unavailable for now: retry after Retry-After seconds",
}

_EVERY: Final = {
    400: ("invalid-request", "unknown-query-parameter"),
    500: ("internal-error",),
    503: ("database-unavailable",),
}
_KEYED: Final = {401: ("unauthorized",), 403: ("forbidden",), 429: ("too-many-requests",)}
_FOUND_BY_PATH: Final = {404: ("not-found",), 409: ("stream-unreadable",)}

READS_AT_A_POSITION: Final = {400: ("invalid-min-position",), 503: ("position-not-reached",)}
"""The problems of a read that honours ``Ledger-Min-Position``."""
READS_AS_OF: Final = {400: ("invalid-as-of", "invalid-reported-by")}
"""The problems of a read that takes ``as_of`` and ``reported_by``."""
_WRITE: Final = {
    400: ("invalid-idempotency-key", "invalid-if-match"),
    409: ("already-exists", "concurrency-conflict", "stream-unreadable"),
    412: ("precondition-failed",),
    413: ("payload-too-large", "event-too-large"),
    422: ("rule-violation", "idempotency-key-reused", "id-mismatch"),
    503: ("write-outcome-unknown",),
}


def declare_problems(app: Litestar) -> None:
    """Give every HTTP operation of ``app`` the problem responses it can answer."""
    # A handler serving two methods is met twice: its responses are the same both times.
    for route, _, handler, _ in routed_operations(app):
        statuses = _problems_of(handler, route.path, has_path_id=bool(route.path_parameters))
        handler.responses = {
            **{status: _response(status, types) for status, types in statuses.items()},
            **(handler.responses or {}),
        }


def operation_id(handler: HTTPRouteHandler, _method: object, _path: object) -> str:
    """``{tag}_{handler}``: a client generated from the document names its calls by it."""
    tags = handler.resolve_tags()
    return f"{tags[0] if tags else 'ledger'}_{handler.handler_name}"


def _problems_of(
    handler: HTTPRouteHandler, path: str, *, has_path_id: bool
) -> dict[int, tuple[str, ...]]:
    parts: list[Mapping[int, Iterable[str]]] = [_EVERY]
    if path.startswith("/v1/"):
        parts.append(_KEYED)
    if has_path_id:
        parts.append(_FOUND_BY_PATH)
    if "POST" in handler.http_methods:
        parts.append(_WRITE)
    parts.append(handler.opt.get(PROBLEM_OPT, {}))
    return problems(*parts)


def problems(*parts: Mapping[int, Iterable[str]]) -> dict[int, tuple[str, ...]]:
    """The problem types of each part, status by status, none lost where two share one."""
    merged: dict[int, tuple[str, ...]] = {}
    for part in parts:
        for status, types in part.items():
            merged[status] = tuple(dict.fromkeys((*merged.get(status, ()), *types)))
    return dict(sorted(merged.items()))


def _response(status: int, types: tuple[str, ...]) -> ResponseSpec:
    listed = ", ".join(f"`{kind}`" for kind in types)
    return ResponseSpec(
        data_container=Problem,
        description=f"{_MEANING[status]}. Problem types: {listed}.",
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
    )
