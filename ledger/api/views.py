"""Response bodies that are not domain state as it is."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from ledger.application.log import EventMetadata, RecordedEvent
from ledger.application.queries import Queries
from ledger.domain.history import Revision
from ledger.domain.sources import SourceState


class EventView(msgspec.Struct, frozen=True, kw_only=True):
    """A recorded event as clients see it."""

    position: int
    cursor: str
    event_id: str
    stream_id: str
    stream_version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: EventMetadata
    recorded_at: datetime

    @classmethod
    def of(cls, event: RecordedEvent) -> EventView:
        """View a stored event."""
        return cls(
            position=event.position,
            cursor=event.cursor.encode(),
            event_id=str(event.event_id),
            stream_id=event.stream_id,
            stream_version=event.stream_version,
            type=event.type,
            schema_version=event.schema_version,
            data=event.data,
            metadata=event.metadata,
            recorded_at=event.recorded_at,
        )


class StreamEventsPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of one stream's events; ``next_from_version`` is null on the last page."""

    items: list[EventView]
    next_from_version: int | None


async def stream_page(
    queries: Queries, stream_id: str, from_version: int, limit: int
) -> StreamEventsPage | None:
    """A page of one stream's events from ``from_version``; ``None`` if it has none at all."""
    events = await queries.stream_events(stream_id, from_version, limit)
    if events is None:
        return None
    next_version = events[-1].stream_version + 1 if len(events) == limit else None
    return StreamEventsPage(items=[EventView.of(e) for e in events], next_from_version=next_version)


class EventPage(msgspec.Struct, frozen=True, kw_only=True):
    """A page of the global log; read on from ``next_cursor``, which is never null."""

    items: list[EventView]
    next_cursor: str


class SourceList(msgspec.Struct, frozen=True, kw_only=True):
    """Every registered source."""

    items: list[SourceState]


class IncidentHistory(msgspec.Struct, frozen=True, kw_only=True):
    """An incident's revisions, oldest first."""

    incident_id: str
    revisions: list[Revision]


class SourceHistory(msgspec.Struct, frozen=True, kw_only=True):
    """A source's revisions: its registration and each regrading."""

    source_id: str
    revisions: list[Revision]
