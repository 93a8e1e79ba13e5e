"""What goes into the event store and what comes out of it."""

from __future__ import annotations

import base64
import binascii
import enum
import struct
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, NamedTuple

import msgspec

from ledger.store.errors import InvalidCursorError


class StreamState(enum.Enum):
    """Expected-version conditions that are not an exact version."""

    ANY = "any"
    NO_STREAM = "no_stream"
    STREAM_EXISTS = "stream_exists"


ExpectedVersion = StreamState | int
"""``StreamState`` or the exact version the stream must be at (0: no events yet)."""


class EventMetadata(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Who appended an event and why: kept beside the data, never part of it."""

    principal: str | None = None
    source: str | None = None
    correlation_id: str | None = None
    causation_id: str | None = None
    idempotency_key: str | None = None


class NewEvent(msgspec.Struct, frozen=True, kw_only=True):
    """An event to append: a registered type and a JSON object of data.

    ``data`` is a mapping, or a JSON object already encoded (``msgspec.Raw``), which the
    store takes as it is.
    """

    type: str
    data: Mapping[str, Any] | msgspec.Raw
    metadata: EventMetadata = EventMetadata()
    event_id: uuid.UUID = msgspec.field(default_factory=uuid.uuid4)


_CURSOR_LAYOUT: Final = struct.Struct(">QQ")
CURSOR_PATTERN: Final = r"^[A-Za-z0-9_-]{22}$"
"""A cursor as ``GlobalCursor.encode`` writes it: two 64-bit numbers in unpadded base64url."""


class GlobalCursor(msgspec.Struct, frozen=True, order=True):
    """A place in the global log: the order is (transaction id, position).

    Encoded for clients as an opaque URL-safe string.
    """

    transaction_id: int
    position: int

    def encode(self) -> str:
        """Encode as the opaque string handed to clients."""
        raw = _CURSOR_LAYOUT.pack(self.transaction_id, self.position)
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, token: str) -> GlobalCursor:
        """Parse a cursor from ``encode``; anything else raises ``InvalidCursorError``."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            transaction_id, position = _CURSOR_LAYOUT.unpack(raw)
        except (binascii.Error, struct.error, ValueError) as exc:
            raise InvalidCursorError(f"{token!r} is not a global-log cursor") from exc
        return cls(transaction_id, position)


START_OF_LOG: Final = GlobalCursor(0, 0)
"""The cursor before the first event."""


class RecordedEvent(msgspec.Struct, frozen=True, kw_only=True):
    """An event as stored: immutable, with its place in its stream and in the global log."""

    position: int
    transaction_id: int
    event_id: uuid.UUID
    stream_id: str
    stream_version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: EventMetadata
    recorded_at: datetime

    @property
    def cursor(self) -> GlobalCursor:
        """The global-log cursor just after this event."""
        return GlobalCursor(self.transaction_id, self.position)


class AppendResult(msgspec.Struct, frozen=True, kw_only=True):
    """What an append wrote, or for a repeated idempotency key, what it wrote the first time."""

    stream_id: str
    positions: tuple[int, ...]
    stream_version: int
    transaction_id: int
    recorded_at: datetime
    deduplicated: bool

    @property
    def cursor(self) -> GlobalCursor:
        """The global-log cursor just after the last appended event."""
        return GlobalCursor(self.transaction_id, max(self.positions))


class IdempotentAppend(msgspec.Struct, frozen=True, kw_only=True):
    """The append an idempotency key stands for: the request's fingerprint and its result."""

    request_fingerprint: bytes
    result: AppendResult


class LogPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of the global log and the cursor to read the next one from."""

    events: tuple[RecordedEvent, ...]
    next_cursor: GlobalCursor


class StoredRow(NamedTuple):
    """An event as a fold reads it: what it needs, as text the driver loads without decoding.

    The data stays JSON text, to be decoded once straight into its class; of the metadata,
    only the principal.
    """

    position: int
    transaction_id: str
    event_id: str
    stream_id: str
    stream_version: int
    event_type: str
    schema_version: int
    data: str
    principal: str | None
    recorded_at: datetime


class RowPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of ``StoredRow`` and the cursor to read the next one from."""

    rows: tuple[StoredRow, ...]
    next_cursor: GlobalCursor
    full: bool
    """It holds as many events as were asked for: more may follow at once."""
