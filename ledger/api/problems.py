"""Every exception an app handler can meet, answered as a problem (``problem_documents``).

This module is the one place where errors of the lower layers become HTTP statuses: one
table (``_KINDS``) from each error class to its problem type, status and title.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

import psycopg
import structlog
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_412_PRECONDITION_FAILED,
    HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_429_TOO_MANY_REQUESTS,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from psycopg_pool import PoolTimeout

from ledger.api.problem_documents import FieldError, Problem, ProblemError, problem_response
from ledger.api.validation_problems import validation_problem
from ledger.application.access import ApiKeyError
from ledger.application.errors import ContentionError, PreconditionFailedError
from ledger.application.health import DatabaseCircuit, is_connection_failure
from ledger.application.log import store_errors as store
from ledger.domain import errors as domain

RETRY_AFTER_SECONDS: Final = 2
"""What a 503 for an unreachable database asks clients to wait: the circuit probes faster."""

logger = structlog.get_logger(__name__)


_HTTP_SLUGS: Final = {
    400: ("invalid-request", "The request does not have the expected shape"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
    503: ("service-unavailable", "Service unavailable"),
}


def http_exception_handler(
    request: Request[Any, Any, Any], exc: HTTPException
) -> Response[Problem]:
    """Render Litestar's own HTTP errors (routing, validation, limits, auth) as problems."""
    if isinstance(exc, ValidationException):
        return validation_problem(request, exc)
    status = exc.status_code
    slug, title = _HTTP_SLUGS.get(status, ("http-error", "HTTP error"))
    headers = dict(exc.headers) if exc.headers else {}
    if status == HTTP_429_TOO_MANY_REQUESTS and "RateLimit-Reset" in headers:
        headers.setdefault("Retry-After", headers["RateLimit-Reset"])
    return problem_response(
        request,
        slug=slug,
        title=title,
        status=status,
        detail=exc.detail or None,
        headers=headers or None,
    )


_RULE_BROKEN: Final = "The request breaks a rule of the ledger"
_BAD_SHAPE: Final = "The request does not have the expected shape"


class _Kind(NamedTuple):
    """How one kind of lower-layer error is answered."""

    slug: str
    status: int
    title: str
    detail: str | None = None
    """Said in place of the error's own message, or after it when it starts with ``;``."""
    names_field: bool = False
    """The error names the field at fault: listed under ``errors``."""


def _rule(slug: str) -> _Kind:
    return _Kind(slug, HTTP_422_UNPROCESSABLE_ENTITY, _RULE_BROKEN, names_field=True)


_KINDS: Final[tuple[tuple[type[Exception], _Kind], ...]] = (
    # The first that matches: subclasses before the classes they refine.
    (domain.NotFoundError, _Kind("not-found", HTTP_404_NOT_FOUND, "Not found")),
    (
        domain.AlreadyExistsError,
        _Kind("already-exists", HTTP_409_CONFLICT, "The {kind} exists already"),
    ),
    (
        domain.UnreadableStreamError,
        _Kind(
            "stream-unreadable",
            HTTP_409_CONFLICT,
            "The {kind} cannot be read by this ledger",
            "; its stored events remain listed as they were recorded",
        ),
    ),
    (domain.UnknownSourceError, _rule("unknown-source")),
    (domain.UnknownIncidentError, _rule("unknown-incident")),
    (domain.TimeZoneRequiredError, _rule("time-zone-required")),
    (domain.RelayLoopError, _rule("relay-loop")),
    (domain.InvalidRelayError, _rule("invalid-relay")),
    (domain.ClaimNotFoundError, _rule("claim-not-found")),
    (domain.ClaimRetractedError, _rule("claim-retracted")),
    (domain.InvalidCorrectionError, _rule("invalid-correction")),
    (domain.IncidentClosedError, _rule("incident-closed")),
    (domain.MergeRefusedError, _rule("merge-refused")),
    (domain.RuleViolationError, _rule("rule-violation")),
    (
        store.EventTooLargeError,
        _Kind(
            "event-too-large", HTTP_413_REQUEST_ENTITY_TOO_LARGE, "The event is over the size limit"
        ),
    ),
    (
        store.IdempotencyKeyReusedError,
        _Kind(
            "idempotency-key-reused",
            HTTP_422_UNPROCESSABLE_ENTITY,
            "The idempotency key was used for a different request",
            "send a new Idempotency-Key for a new request",
        ),
    ),
    (store.InvalidCursorError, _Kind("invalid-request", HTTP_400_BAD_REQUEST, _BAD_SHAPE)),
    (store.InvalidReadError, _Kind("invalid-request", HTTP_400_BAD_REQUEST, _BAD_SHAPE)),
    (store.InvalidAppendError, _rule("rule-violation")),
    (
        ApiKeyError,
        _Kind(
            "invalid-api-key-request",
            HTTP_422_UNPROCESSABLE_ENTITY,
            "The key cannot be issued as asked",
        ),
    ),
)
"""Every lower-layer error answered with a problem of its own kind; others are internal."""


def known_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    """Answer an error of the domain, the store or the key registry by ``_KINDS``."""
    if isinstance(exc, store.WrongExpectedVersionError):
        return problem_response(
            request,
            slug="concurrency-conflict",
            title="The stream changed concurrently",
            status=HTTP_409_CONFLICT,
            detail=str(exc),
            actual_version=exc.actual,
        )
    if isinstance(exc, store.DatabaseUnavailableError):
        return database_unavailable(request, detail=str(exc))
    if isinstance(exc, store.InvalidStreamIdError) and request.method == "GET":
        # A read naming an id no stream can have: nothing there, as for any unknown id.
        return problem_response(
            request, slug="not-found", title="Not found", status=HTTP_404_NOT_FOUND, detail=str(exc)
        )
    kind = next((k for cls, k in _KINDS if isinstance(exc, cls)), None)
    if kind is None:
        return internal_error_handler(request, exc)
    detail = str(exc)
    if kind.detail is not None:
        detail = f"{detail}{kind.detail}" if kind.detail.startswith(";") else kind.detail
    field = getattr(exc, "field", None)
    return problem_response(
        request,
        slug=kind.slug,
        title=kind.title.format(kind=getattr(exc, "kind", "")),
        status=kind.status,
        detail=detail,
        errors=[FieldError(message=str(exc), field=field)] if kind.names_field else None,
    )


def precondition_failed_handler(
    request: Request[Any, Any, Any], exc: PreconditionFailedError
) -> Response[Problem]:
    """An If-Match that no longer matches: 412 with the version to retry from."""
    return problem_response(
        request,
        slug="precondition-failed",
        title="The resource changed since the version in If-Match",
        status=HTTP_412_PRECONDITION_FAILED,
        detail=str(exc),
        headers={"ETag": f'"{exc.actual}"'},
        actual_version=exc.actual,
    )


def contention_handler(request: Request[Any, Any, Any], exc: ContentionError) -> Response[Problem]:
    """Writers kept racing on one stream: 409, safe to retry."""
    return problem_response(
        request,
        slug="concurrency-conflict",
        title="The stream kept changing concurrently",
        status=HTTP_409_CONFLICT,
        detail=str(exc),
        headers={"Retry-After": "1"},
    )


def problem_error_handler(request: Request[Any, Any, Any], exc: ProblemError) -> Response[Problem]:
    """A problem a handler raised itself."""
    unavailable = exc.status == HTTP_503_SERVICE_UNAVAILABLE
    return problem_response(
        request,
        slug=exc.slug,
        title=exc.title,
        status=exc.status,
        detail=str(exc),
        errors=exc.errors,
        headers={"Retry-After": str(exc.retry_after_seconds)} if unavailable else None,
    )


def database_error_handler(
    request: Request[Any, Any, Any], exc: psycopg.OperationalError | psycopg.InterfaceError
) -> Response[Problem]:
    """The database failed the request: 503, and say whether a write may have been made.

    A write whose connection broke after its statement was sent may or may not have
    committed: the client is told so, and that sending it again with the same
    Idempotency-Key is safe (it is written once, or answered with the first receipt).
    """
    if not is_connection_failure(exc):
        logger.warning("database error", error_type=type(exc).__name__, error=str(exc))
    else:
        circuit: DatabaseCircuit | None = getattr(request.app.state, "circuit", None)
        if circuit is not None:
            circuit.trip(exc)
    if request.method == "POST" and not isinstance(exc, PoolTimeout):
        return problem_response(
            request,
            slug="write-outcome-unknown",
            title="The write may or may not have been recorded",
            status=HTTP_503_SERVICE_UNAVAILABLE,
            detail="the database failed while the write was under way; send the same request"
            " again with the same Idempotency-Key: it is recorded once whatever happened",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return database_unavailable(request, detail=f"the database failed ({type(exc).__name__})")


def database_unavailable(request: Request[Any, Any, Any], *, detail: str) -> Response[Problem]:
    """503 with Retry-After: the database cannot be reached now; nothing was written."""
    return problem_response(
        request,
        slug="database-unavailable",
        title="The database is unavailable",
        status=HTTP_503_SERVICE_UNAVAILABLE,
        detail=detail,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    """Log the failure with its traceback; answer without one."""
    logger.error("unhandled error", error_type=type(exc).__name__, exc_info=exc)
    return problem_response(
        request,
        slug="internal-error",
        title="Internal server error",
        status=HTTP_500_INTERNAL_SERVER_ERROR,
        detail="The ledger could not complete the request; it has been logged.",
    )


EXCEPTION_HANDLERS: Final = {
    HTTPException: http_exception_handler,
    domain.DomainError: known_error_handler,
    store.EventStoreError: known_error_handler,
    PreconditionFailedError: precondition_failed_handler,
    ContentionError: contention_handler,
    ProblemError: problem_error_handler,
    ApiKeyError: known_error_handler,
    psycopg.OperationalError: database_error_handler,
    psycopg.InterfaceError: database_error_handler,
    Exception: internal_error_handler,
}
"""Every exception handler the app installs."""
