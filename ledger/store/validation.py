"""Checks on what callers hand the store, made before anything is written."""

from __future__ import annotations

import unicodedata
from typing import Final

from ledger.store.errors import (
    InvalidExpectedVersionError,
    InvalidIdempotencyKeyError,
    InvalidStreamIdError,
)
from ledger.store.records import ExpectedVersion, StreamState

MAX_STREAM_ID_LENGTH: Final = 200
MAX_IDEMPOTENCY_KEY_LENGTH: Final = 255
MAX_STREAM_VERSION: Final = 2**53 - 1
"""The largest version a JSON client can hold exactly; beyond it a version is absurd."""

_UNPRINTABLE_CATEGORIES: Final = frozenset({"Cc", "Cs"})

# How an expected version travels to append_events(): NULL any, -1 no stream, -2 exists.
_STATE_PARAMETERS: Final[dict[StreamState, int | None]] = {
    StreamState.ANY: None,
    StreamState.NO_STREAM: -1,
    StreamState.STREAM_EXISTS: -2,
}


def _has_control_character(text: str) -> bool:
    # Printable text holds neither category; only text that is not is looked at per character.
    if text.isprintable():
        return False
    return any(unicodedata.category(char) in _UNPRINTABLE_CATEGORIES for char in text)


def check_stream_id(stream_id: object) -> str:
    """Return ``stream_id`` if it can name a stream, else raise ``InvalidStreamIdError``."""
    if not isinstance(stream_id, str) or not stream_id.strip():
        raise InvalidStreamIdError("a stream id must be a non-empty string", field="stream_id")
    if len(stream_id) > MAX_STREAM_ID_LENGTH:
        raise InvalidStreamIdError(
            f"a stream id is at most {MAX_STREAM_ID_LENGTH} characters, not {len(stream_id)}",
            field="stream_id",
        )
    if _has_control_character(stream_id):
        raise InvalidStreamIdError("a stream id may not hold control characters", field="stream_id")
    return stream_id


def check_idempotency_key(key: object) -> str:
    """Return ``key`` if it can serve as an idempotency key, else raise."""
    if not isinstance(key, str) or not key.strip():
        raise InvalidIdempotencyKeyError(
            "an idempotency key must be a non-empty string", field="idempotency_key"
        )
    if len(key) > MAX_IDEMPOTENCY_KEY_LENGTH or _has_control_character(key):
        raise InvalidIdempotencyKeyError(
            f"an idempotency key is at most {MAX_IDEMPOTENCY_KEY_LENGTH} printable characters",
            field="idempotency_key",
        )
    return key


def expected_version_parameter(expected: ExpectedVersion) -> int | None:
    """Translate an expected version for append_events(), rejecting nonsense."""
    if isinstance(expected, StreamState):
        return _STATE_PARAMETERS[expected]
    # bool is an int to Python, never a version to a person.
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise InvalidExpectedVersionError(
            f"expected version must be a StreamState or an integer, not {expected!r}",
            field="expected_version",
        )
    if not 0 <= expected <= MAX_STREAM_VERSION:
        raise InvalidExpectedVersionError(
            f"expected version {expected} is outside 0..{MAX_STREAM_VERSION}",
            field="expected_version",
        )
    return expected
