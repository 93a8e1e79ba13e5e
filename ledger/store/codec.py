"""Domain events to store rows and back."""

from __future__ import annotations

import uuid

from ledger.domain.errors import UnreadableEventError
from ledger.domain.events import LedgerEvent
from ledger.domain.records import EventRecord, UnreadableEvent
from ledger.domain.upcasting import decode_event, encode_event
from ledger.store.records import EventMetadata, NewEvent, RecordedEvent


def new_event(
    event: LedgerEvent,
    *,
    principal: str | None,
    correlation_id: str | None = None,
    event_id: uuid.UUID | None = None,
) -> NewEvent:
    """Wrap a domain event for the store, naming who appends it and on whose word."""
    event_type, data = encode_event(event)
    attribution = getattr(event, "attribution", None)
    metadata = EventMetadata(
        principal=principal,
        source=attribution.source_id if attribution is not None else None,
        correlation_id=correlation_id,
    )
    return NewEvent(
        type=event_type, data=data, metadata=metadata, event_id=event_id or uuid.uuid4()
    )


def to_record(recorded: RecordedEvent) -> EventRecord:
    """Decode a stored event, upcasting older schema versions, for the domain to fold.

    An event this code cannot decode comes as an ``UnreadableEvent`` in its place.
    """
    event: LedgerEvent | UnreadableEvent
    try:
        event = decode_event(recorded.type, recorded.schema_version, recorded.data)
    except UnreadableEventError as exc:
        event = UnreadableEvent(event_type=recorded.type, error=str(exc))
    return EventRecord(
        event_id=str(recorded.event_id),
        stream_id=recorded.stream_id,
        stream_version=recorded.stream_version,
        position=recorded.position,
        transaction_id=recorded.transaction_id,
        recorded_at=recorded.recorded_at,
        principal=recorded.metadata.principal,
        event=event,
    )
