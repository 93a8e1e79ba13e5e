"""Domain events to new store events, and stored events to the records the domain folds."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import msgspec

from ledger.domain.errors import UnreadableEventError
from ledger.domain.events import LedgerEvent
from ledger.domain.records import EventRecord, UnreadableEvent
from ledger.domain.upcasting import decode_event, decode_event_json, encode_event_json
from ledger.store import (
    START_OF_LOG,
    AppendResult,
    EventMetadata,
    GlobalCursor,
    NewEvent,
    RecordedEvent,
    StoredRow,
)

if TYPE_CHECKING:
    from ledger.store import EventStore


def new_event(
    event: LedgerEvent,
    *,
    principal: str | None,
    correlation_id: str | None = None,
    event_id: uuid.UUID | None = None,
) -> NewEvent:
    """Wrap a domain event for the store, naming who appends it and on whose word."""
    event_type, data = encode_event_json(event)
    attribution = getattr(event, "attribution", None)
    metadata = EventMetadata(
        principal=principal,
        source=attribution.source_id if attribution is not None else None,
        correlation_id=correlation_id,
    )
    return NewEvent(
        type=event_type,
        data=msgspec.Raw(data),
        metadata=metadata,
        event_id=event_id or uuid.uuid4(),
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


def appended_records(
    result: AppendResult,
    written: Sequence[NewEvent],
    events: Sequence[LedgerEvent],
) -> list[EventRecord]:
    """The records an append made of ``events`` (encoded as ``written``), without a read."""
    first_version = result.stream_version - len(written) + 1
    return [
        EventRecord(
            event_id=str(new.event_id),
            stream_id=result.stream_id,
            stream_version=first_version + index,
            position=position,
            transaction_id=result.transaction_id,
            recorded_at=result.recorded_at,
            principal=new.metadata.principal,
            event=event,
        )
        for index, (new, event, position) in enumerate(
            zip(written, events, result.positions, strict=True)
        )
    ]


class UnreadableRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A stored event this code cannot decode, set aside from a page of records."""

    cursor: GlobalCursor
    event_id: str
    event_type: str
    error: str


class RecordPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of the log decoded for folding, read after ``after``."""

    after: GlobalCursor
    records: tuple[EventRecord, ...]
    next_cursor: GlobalCursor
    full: bool
    """It holds as many events as were asked for: more may follow at once."""
    unreadable: tuple[UnreadableRecord, ...] = ()
    """The page's events that could not be decoded, in log order, left out of ``records``."""


def _from_row(row: StoredRow) -> EventRecord:
    return EventRecord(
        event_id=row.event_id,
        stream_id=row.stream_id,
        stream_version=row.stream_version,
        position=row.position,
        transaction_id=int(row.transaction_id),
        recorded_at=row.recorded_at,
        principal=row.principal,
        event=decode_event_json(row.event_type, row.schema_version, row.data),
    )


async def read_record_page(
    store: EventStore,
    after: GlobalCursor = START_OF_LOG,
    *,
    limit: int = 1000,
    event_types: Collection[str] | None = None,
) -> RecordPage:
    """A page of the log after ``after``, each event decoded straight from its JSON."""
    page = await store.read_rows(after, limit=limit, event_types=event_types)
    records: list[EventRecord] = []
    unreadable: list[UnreadableRecord] = []
    for row in page.rows:
        # One undecodable event (a row older code accepted, a row from a newer ledger)
        # must not stop every page after it: the folder decides what to do with it.
        try:
            records.append(_from_row(row))
        except UnreadableEventError as exc:
            unreadable.append(
                UnreadableRecord(
                    cursor=GlobalCursor(int(row.transaction_id), row.position),
                    event_id=row.event_id,
                    event_type=row.event_type,
                    error=str(exc),
                )
            )
    return RecordPage(
        after=after,
        records=tuple(records),
        next_cursor=page.next_cursor,
        full=page.full,
        unreadable=tuple(unreadable),
    )
