"""Loading sources and incidents from their streams."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Final

from ledger.domain.events import LedgerEvent
from ledger.domain.history import Revision, grade_at, incident_revisions, source_revisions
from ledger.domain.incident_state import IncidentState
from ledger.domain.incidents import fold_incident, incident_stream, said_by
from ledger.domain.links import LinkState, fold_link, link_stream
from ledger.domain.records import EventRecord, UnreadableEvent
from ledger.domain.situations import SituationState, fold_situation, situation_stream
from ledger.domain.sources import SourceState, evolve_source, fold_source, source_stream
from ledger.mapping import to_record
from ledger.store import START_OF_LOG, EventStore

_PAGE: Final = 1000

AsOf = int | datetime
"""A past moment of the ledger: a global position, or a recorded-at instant."""
_MAX_MERGE_DEPTH: Final = 32


async def read_records(
    store: EventStore, stream_id: str, *, as_of: AsOf | None = None, from_version: int = 1
) -> list[EventRecord]:
    """The events of one stream from ``from_version`` on, decoded.

    Optionally as the ledger held the stream at ``as_of``.
    """
    records: list[EventRecord] = []
    version = from_version
    while True:
        page = await store.read_stream(
            stream_id,
            from_version=version,
            limit=_PAGE,
            up_to_position=as_of if isinstance(as_of, int) else None,
            recorded_until=as_of if isinstance(as_of, datetime) else None,
        )
        records.extend(to_record(event) for event in page)
        if len(page) < _PAGE:
            return records
        version = page[-1].stream_version + 1


async def load_source(store: EventStore, source_id: str) -> SourceState | None:
    """A source's current state, or ``None`` if it was never registered."""
    return fold_source(await read_records(store, source_stream(source_id)))


async def load_sources(store: EventStore) -> list[SourceState]:
    """Every registered source, in order of registration."""
    states: dict[str, SourceState] = {}
    cursor = START_OF_LOG
    while True:
        page = await store.read_all(cursor, limit=_PAGE, categories=["source"])
        for event in page.events:
            record = to_record(event)
            source_id = event.stream_id.removeprefix("source-")
            states[source_id] = evolve_source(states.get(source_id), record)
        if len(page.events) < _PAGE:
            return list(states.values())
        cursor = page.next_cursor


async def load_link(store: EventStore, link_id: str) -> LinkState | None:
    """A link's current state, or ``None`` if it was never made."""
    return fold_link(await read_records(store, link_stream(link_id)))


async def load_situation(store: EventStore, situation_id: str) -> SituationState | None:
    """A situation's current state, or ``None`` if nothing was stated about it."""
    return fold_situation(await read_records(store, situation_stream(situation_id)))


async def claims_by_id(store: EventStore, claim_ids: Iterable[str]) -> dict[str, LedgerEvent]:
    """The claims of ``claim_ids`` the ledger holds, by id, decoded."""
    ids = [uuid.UUID(claim_id) for claim_id in set(claim_ids)]
    records = map(to_record, await store.read_events(ids))
    return {
        record.event_id: record.event
        for record in records
        if not isinstance(record.event, UnreadableEvent)
    }


async def known_sources(store: EventStore, source_ids: Iterable[str]) -> set[str]:
    """Which of ``source_ids`` are registered sources."""
    return {
        source_id
        for source_id in set(source_ids)
        if await store.stream_exists(source_stream(source_id))
    }


async def load_incident(
    store: EventStore,
    incident_id: str,
    *,
    as_of: AsOf | None = None,
    reported_by: datetime | None = None,
    _depth: int = 0,
) -> IncidentState | None:
    """An incident's state with the claims of every incident merged into it.

    The current state; with ``as_of`` the state the ledger showed then; with
    ``reported_by`` what its sources had said by that instant (both may be given).
    """
    records = await read_records(store, incident_stream(incident_id), as_of=as_of)
    if reported_by is not None:
        records = said_by(records, reported_by)
    return await fold_with_absorbed(
        store, incident_id, records, as_of=as_of, reported_by=reported_by, _depth=_depth
    )


async def fold_with_absorbed(
    store: EventStore,
    incident_id: str,
    records: list[EventRecord],
    *,
    as_of: AsOf | None = None,
    reported_by: datetime | None = None,
    _depth: int = 0,
) -> IncidentState | None:
    """Fold an incident's own events, loading the incidents merged into it as they need."""
    absorbed = await _absorbed(store, incident_id, records, as_of, reported_by, _depth)
    return fold_incident(records, absorbed)


async def _absorbed(  # noqa: PLR0913, PLR0917 - the records and how to read what they absorb
    store: EventStore,
    incident_id: str,
    records: Iterable[EventRecord],
    as_of: AsOf | None,
    reported_by: datetime | None,
    depth: int,
) -> dict[str, IncidentState]:
    """The states of the incidents merged into this one, by id."""
    absorbed: dict[str, IncidentState] = {}
    if depth >= _MAX_MERGE_DEPTH:
        return absorbed
    for record in records:
        merged_id = getattr(record.event, "merged_incident_id", None)
        if merged_id is not None and merged_id != incident_id:
            state = await load_incident(
                store, merged_id, as_of=as_of, reported_by=reported_by, _depth=depth + 1
            )
            if state is not None:
                absorbed[merged_id] = state
    return absorbed


async def incident_history(store: EventStore, incident_id: str) -> list[Revision] | None:
    """Every revision of an incident, or ``None`` if it was never reported."""
    records = await read_records(store, incident_stream(incident_id))
    if not records:
        return None
    absorbed = await _absorbed(store, incident_id, records, None, None, 0)
    cited = {
        attribution.source_id
        for record in records
        if (attribution := getattr(record.event, "attribution", None)) is not None
    }
    sources = {s: await read_records(store, source_stream(s)) for s in cited}
    return incident_revisions(
        records, lambda source_id, position: grade_at(sources[source_id], position), absorbed
    )


async def source_history(store: EventStore, source_id: str) -> list[Revision] | None:
    """Every revision of a source, or ``None`` if it was never registered."""
    records = await read_records(store, source_stream(source_id))
    return source_revisions(records) if records else None
