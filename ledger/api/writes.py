"""What every write request shares: idempotency, If-Match, and the 201 it answers with."""

from __future__ import annotations

import hashlib
import re
from typing import Any, Final

import structlog
from litestar import Request, Response
from litestar.status_codes import (
    HTTP_201_CREATED,
    HTTP_400_BAD_REQUEST,
    HTTP_422_UNPROCESSABLE_ENTITY,
)

from ledger.api.auth import current_principal
from ledger.api.problem_documents import ProblemError
from ledger.application.receipts import Outcome, Receipt, WriteContext

IDEMPOTENCY_KEY_HEADER: Final = "idempotency-key"
REPLAYED_HEADER: Final = "Idempotent-Replayed"
MAX_IDEMPOTENCY_KEY_LENGTH: Final = 128
IDEMPOTENCY_KEY_PATTERN: Final = r"^[\x21-\x7e]{1,%d}$" % MAX_IDEMPOTENCY_KEY_LENGTH  # noqa: UP031
IF_MATCH_PATTERN: Final = r'^(?:\*|(?:W/)?"([0-9]{1,16})")$'
"""``*`` (any version) or one ETag this API sent: a stream's version in quotes."""
_ACCEPTABLE_KEY: Final = re.compile(IDEMPOTENCY_KEY_PATTERN)
_ENTITY_TAG: Final = re.compile(IF_MATCH_PATTERN)


def entity_tag(version: int) -> str:
    """The ETag of a stream at ``version``."""
    return f'"{version}"'


def _expected_version(request: Request[Any, Any, Any]) -> int | None:
    header = request.headers.get("if-match")
    if header is None:
        return None
    match = _ENTITY_TAG.fullmatch(header.strip())
    if match is None:
        raise ProblemError(
            HTTP_400_BAD_REQUEST,
            "invalid-if-match",
            "If-Match is not an entity tag of this API",
            f'If-Match must be one ETag this API sent, such as "3"; got {header!r}',
        )
    return None if match[1] is None else int(match[1])


def _idempotency_key(request: Request[Any, Any, Any], principal: str) -> str | None:
    key = request.headers.get(IDEMPOTENCY_KEY_HEADER)
    if key is None:
        return None
    if not _ACCEPTABLE_KEY.fullmatch(key):
        raise ProblemError(
            HTTP_400_BAD_REQUEST,
            "invalid-idempotency-key",
            "The Idempotency-Key header is not usable",
            f"an Idempotency-Key is 1-{MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters",
        )
    # Keys are per principal: two clients that pick the same key never collide.
    return f"{principal}/{key}"


async def write_context(request: Request[Any, Any, Any]) -> WriteContext:
    """Who writes and with which guarantees, read from the request's headers."""
    principal = current_principal(request).name
    fingerprint = hashlib.sha256()
    for part in (request.method.encode(), request.url.path.encode(), await request.body()):
        fingerprint.update(len(part).to_bytes(8, "big"))
        fingerprint.update(part)
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    return WriteContext(
        principal=principal,
        idempotency_key=_idempotency_key(request, principal),
        request_fingerprint=fingerprint.digest(),
        expected_version=_expected_version(request),
        correlation_id=str(request_id) if request_id else None,
    )


def created(outcome: Outcome, location: str) -> Response[Receipt]:
    """201 with the receipt; a replayed idempotent request gets the same answer, marked."""
    headers = {"Location": location, "ETag": entity_tag(outcome.receipt.stream_version)}
    if outcome.replayed:
        headers[REPLAYED_HEADER] = "true"
    return Response(outcome.receipt, status_code=HTTP_201_CREATED, headers=headers)


def check_path_matches(path_id: str, body_id: str, name: str) -> None:
    """Refuse a body that names another resource than the path it was sent to."""
    if path_id != body_id:
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY,
            "id-mismatch",
            "The body names another resource than the path",
            f"{name} is {body_id!r} in the body but {path_id!r} in the path",
        )
