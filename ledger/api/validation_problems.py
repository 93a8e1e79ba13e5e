"""Requests Litestar could not validate: malformed (400), or a body that breaks a rule (422)."""

from __future__ import annotations

import re
from typing import Any, Final

from litestar import Request, Response
from litestar.exceptions import ValidationException
from litestar.status_codes import HTTP_400_BAD_REQUEST, HTTP_422_UNPROCESSABLE_ENTITY
from litestar.types import Empty
from litestar.utils.scope.state import ScopeState

from ledger.api.body_shapes import fits_shape
from ledger.api.problem_documents import FieldError, Problem, problem_response

# msgspec names a missing or unknown field in its message, not in the error's path: read
# only to say which field, never to decide the status.
_NAMED_FIELD: Final = re.compile(r"^Object (?:contains unknown|missing required) field `([^`]+)`")


def validation_problem(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[Problem]:
    """400 for a request without the expected shape; 422 for a body that breaks a rule.

    Rules apply to what a body asserts: a bad query, path or header is a bad request, and a
    body breaks a rule when it has its type's shape (``body_shapes``) and is still refused.
    """
    items = exc.extra if isinstance(exc.extra, list) else []
    errors = [
        FieldError(
            message=str(item.get("message", "")),
            field=_field_path(item.get("key"), str(item.get("message", ""))),
            source=item.get("source"),
        )
        for item in items
        if isinstance(item, dict)
    ]
    if errors and all(error.source == "body" for error in errors) and _body_fits_shape(request):
        return problem_response(
            request,
            slug="rule-violation",
            title="The request breaks a rule of the ledger",
            status=HTTP_422_UNPROCESSABLE_ENTITY,
            detail="; ".join(error.message for error in errors),
            errors=errors,
        )
    return problem_response(
        request,
        slug="invalid-request",
        title="The request does not have the expected shape",
        status=HTTP_400_BAD_REQUEST,
        detail=errors[0].message if len(errors) == 1 else str(exc.detail),
        errors=errors or None,
    )


def _body_fits_shape(request: Request[Any, Any, Any]) -> bool:
    """Whether the request's decoded body has the shape of the handler's ``data`` type."""
    body = ScopeState.from_scope(request.scope).json
    data = request.route_handler.parsed_fn_signature.parameters.get("data")
    if body is Empty or data is None:
        return False
    return fits_shape(body, data.annotation)


def _field_path(key: object, message: str) -> str | None:
    path = None if key in (None, "data") else str(key).removeprefix("data.")
    named = _NAMED_FIELD.match(message)
    if named:
        path = f"{path}.{named[1]}" if path else named[1]
    return path
