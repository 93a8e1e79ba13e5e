"""An append checked and encoded before it reaches the database: one JSON array per append."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from typing import Final

import msgspec
import psycopg
from psycopg.types.json import Jsonb

from ledger.store.errors import (
    EmptyAppendError,
    EventNotEncodableError,
    EventTooLargeError,
    IdempotencyKeyReusedError,
    UnknownEventTypeError,
    WrongExpectedVersionError,
)
from ledger.store.records import EventMetadata, ExpectedVersion, NewEvent
from ledger.store.validation import (
    check_idempotency_key,
    check_stream_id,
    expected_version_parameter,
)

# SQLSTATEs raised by append_events() (migrations/versions/0001_event_store.py).
_WRONG_EXPECTED_VERSION: Final = "LD001"
_IDEMPOTENCY_KEY_REUSED: Final = "LD002"

_encoder: Final = msgspec.json.Encoder()


class EncodedEvent(msgspec.Struct, frozen=True):
    """One element of append_events()'s jsonb array; data and metadata already encoded."""

    event_id: uuid.UUID
    type: str
    schema_version: int
    data: msgspec.Raw
    metadata: msgspec.Raw


class EncodedAppend(msgspec.Struct, frozen=True):
    """An append ready for append_events(): its stream, condition, events and key."""

    stream_id: str
    expected_version: int | None
    events: tuple[EncodedEvent, ...]
    idempotency_key: str | None
    request_hash: bytes | None

    def parameters(self) -> tuple[object, ...]:
        """append_events()'s arguments, the events as one jsonb array."""
        return (
            self.stream_id,
            self.expected_version,
            Jsonb(self.events, dumps=_encoder.encode),
            self.idempotency_key,
            self.request_hash,
        )


class AppendEncoder:
    """Checks appends against the registry of event types and the size limit, and encodes them."""

    def __init__(self, schema_versions: Mapping[str, int], max_event_bytes: int) -> None:
        self._schema_versions = dict(schema_versions)
        self._max_event_bytes = max_event_bytes

    def encode(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion,
        idempotency_key: str | None,
        request_fingerprint: bytes | None = None,
    ) -> EncodedAppend:
        """Validate and encode an append; raise an ``InvalidAppendError`` on bad input."""
        check_stream_id(stream_id)
        expected = expected_version_parameter(expected_version)
        if idempotency_key is not None:
            check_idempotency_key(idempotency_key)
        if not events:
            raise EmptyAppendError("an append needs at least one event", field="events")
        # An append's events usually share their metadata: each distinct one is encoded once.
        metadata_encodings: dict[EventMetadata, bytes] = {}
        encoded = tuple(
            self._encode_event(index, event, idempotency_key, metadata_encodings)
            for index, event in enumerate(events)
        )
        if idempotency_key is not None and request_fingerprint is None:
            digest = hashlib.sha256()
            digest.update(_encoder.encode([stream_id, expected]))
            for event in encoded:
                # The data as a JSON string, as fingerprints stored before 0007 were made.
                digest.update(_encoder.encode([event.type, bytes(event.data).decode()]))
            request_fingerprint = digest.digest()
        return EncodedAppend(
            stream_id=stream_id,
            expected_version=expected,
            events=encoded,
            idempotency_key=idempotency_key,
            request_hash=request_fingerprint,
        )

    def _encode_event(
        self,
        index: int,
        event: NewEvent,
        idempotency_key: str | None,
        metadata_encodings: dict[EventMetadata, bytes],
    ) -> EncodedEvent:
        # Field names are formatted only for an error: this runs for every event appended.
        schema_version = self._schema_versions.get(event.type)
        if schema_version is None:
            raise UnknownEventTypeError(
                f"event type {event.type!r} is not registered", field=f"events[{index}].type"
            )
        metadata = event.metadata
        if idempotency_key is not None:
            metadata = msgspec.structs.replace(metadata, idempotency_key=idempotency_key)
        try:
            data = _encoded_data(event.data)
            encoded_metadata = metadata_encodings.get(metadata)
            if encoded_metadata is None:
                encoded_metadata = metadata_encodings[metadata] = _encoder.encode(metadata)
        except (TypeError, ValueError, msgspec.EncodeError) as exc:
            raise EventNotEncodableError(
                f"event data is not JSON-encodable: {exc}", field=f"events[{index}].data"
            ) from None
        if data is None:
            raise EventNotEncodableError(
                "event data must be a JSON object", field=f"events[{index}].data"
            )
        if b"\\u0000" in data or b"\\u0000" in encoded_metadata:
            raise EventNotEncodableError(
                "event data may not hold NUL characters (PostgreSQL jsonb refuses them)",
                field=f"events[{index}].data",
            )
        size = len(data) + len(encoded_metadata)
        if size > self._max_event_bytes:
            raise EventTooLargeError(
                f"event is {size} bytes encoded, over the limit of {self._max_event_bytes}",
                field=f"events[{index}]",
                size=size,
                limit=self._max_event_bytes,
            )
        return EncodedEvent(
            event_id=event.event_id,
            type=event.type,
            schema_version=schema_version,
            data=msgspec.Raw(data),
            metadata=msgspec.Raw(encoded_metadata),
        )


def _encoded_data(data: object) -> bytes | None:
    """The data as JSON text, or ``None`` when it is not a JSON object."""
    if isinstance(data, msgspec.Raw):
        text = bytes(data)
        return text if text.startswith(b"{") else None
    if type(data) is not dict and not isinstance(data, Mapping):
        return None
    return _encoder.encode(data)


def translate_append_error(
    exc: psycopg.Error, encoded: EncodedAppend, expected_version: ExpectedVersion
) -> Exception:
    """The store's error for what append_events() raised, or ``exc`` itself if none fits."""
    if exc.sqlstate == _WRONG_EXPECTED_VERSION:
        actual = int(exc.diag.message_detail or 0)
        return WrongExpectedVersionError(encoded.stream_id, expected_version, actual)
    if exc.sqlstate == _IDEMPOTENCY_KEY_REUSED:
        return IdempotencyKeyReusedError(encoded.idempotency_key or "")
    return exc
