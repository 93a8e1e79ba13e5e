"""RFC 9457 problem details: the document every error response is, and how one is built.

Each kind of error has a stable ``type`` URI; clients branch on it, never on ``detail``.
"""

from __future__ import annotations

from typing import Any, Final

import msgspec
from litestar import Request, Response

PROBLEM_MEDIA_TYPE: Final = "application/problem+json"


PROBLEM_BASE: Final = "https://incident-ledger.dev/problems/"


class FieldError(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One thing wrong with one part of a request."""

    message: str
    field: str | None = None
    source: str | None = None


class Problem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A problem details document."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None
    actual_version: int | None = None


class ProblemError(Exception):
    """Raised by handlers for request-level problems that have no lower-layer error."""

    def __init__(  # noqa: PLR0913 - the fields of one document
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        retry_after_seconds: int = 1,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.title = title
        self.errors = errors
        self.retry_after_seconds = retry_after_seconds  # sent with a 503


def problem_type(slug: str) -> str:
    """The stable type URI of one kind of error."""
    return f"{PROBLEM_BASE}{slug}"


def problem_response(  # noqa: PLR0913 - keyword-only fields of one document
    request: Request[Any, Any, Any],
    *,
    slug: str,
    title: str,
    status: int,
    detail: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    actual_version: int | None = None,
) -> Response[Problem]:
    """Build a problem+json response for ``request``."""
    return Response(
        Problem(
            type=problem_type(slug),
            title=title,
            status=status,
            detail=detail,
            instance=request.url.path,
            errors=errors,
            actual_version=actual_version,
        ),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )
