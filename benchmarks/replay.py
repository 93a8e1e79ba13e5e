"""Workload (d): a ledger of realistic reports, read page by page and replayed from zero.

Ten sources; each incident is one ``incident.reported`` followed by casualty reports from
several sources (one in four an equipment-loss claim instead), appended as one batch to the
incident's stream. Every projection is rebuilt as ``ledger projections rebuild`` does it: all
in one pass over the log.

A revised ledger (``revised=True``) adds two revisions for each incident, each in a
transaction of its own, as analysts make them: a correction of one of its claims, then a
retraction of another (even incidents) or a merge into the incident before it (odd ones).
About one event in eleven is a revision.
"""

from __future__ import annotations

import asyncio
import resource
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

import msgspec

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.domain.events import LedgerEvent
from ledger.domain.incidents import incident_stream
from ledger.domain.sources import source_stream
from ledger.mapping import new_event
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.projections.workers import default_projections
from ledger.store import START_OF_LOG, EventStore, NewEvent, StreamState, open_pool

if TYPE_CHECKING:
    from benchmarks.scales import Scale

EVENTS_PER_INCIDENT: Final = 20
SOURCES: Final = [f"bench-src-{n}" for n in range(10)]
PARTIES: Final = ("turkey", "syria")
_START: Final = datetime(2020, 2, 1, tzinfo=UTC)
_SEED_WRITERS: Final = 4
_READ_PAGE: Final = 1000


class Replay(msgspec.Struct, frozen=True, kw_only=True):
    """One projection rebuilt from the start of the log: the events it applied."""

    projection: str
    events: int


class ReplayReport(msgspec.Struct, frozen=True, kw_only=True):
    """Workload (d): seeding, reading the log in pages, and replaying every projection."""

    events: int
    seed_seconds: float
    read_seconds: float
    read_events_per_second: float
    replays: list[Replay]
    replay_seconds: float
    """The one pass that rebuilt every projection."""
    replay_events_per_second: float
    """The events all projections applied, over the pass's seconds."""
    log_events_per_second: float
    """The log's events over the pass's seconds: how fast the whole log is replayed."""
    peak_rss_mib: float


def _event(payload: dict[str, Any]) -> NewEvent:
    return new_event(msgspec.convert(payload, LedgerEvent), principal="bench")


def _attribution(n: int, at: datetime) -> dict[str, Any]:
    return {
        "source_id": SOURCES[n % len(SOURCES)],
        "reported_at": at.isoformat(),
        "credibility": 1 + n % 6,
    }


def _incident_events(number: int) -> list[NewEvent]:
    incident_id = f"bench-incident-{number}"
    day = _START + timedelta(hours=number % (24 * 365))
    events = [
        _event(
            {
                "type": "incident.reported",
                "incident_id": incident_id,
                "title": f"Clash number {number}",
                "category": "ground",
                "occurred": {
                    "start": day.isoformat(),
                    "end": (day + timedelta(hours=6)).isoformat(),
                    "precision": "day",
                },
                "location": {"country": "SY", "precision": "province", "admin1": "Idlib"},
                "parties": list(PARTIES),
                "summary": "Forces of both sides exchanged fire in the province.",
                "attribution": _attribution(number, day),
            }
        )
    ]
    for n in range(1, EVENTS_PER_INCIDENT):
        at = day + timedelta(hours=n)
        if n % 4 == 0:
            events.append(
                _event(
                    {
                        "type": "equipment_loss.claimed",
                        "incident_id": incident_id,
                        "platform": "armor",
                        "operator": PARTIES[n % 2],
                        "claimed_by": PARTIES[(n + 1) % 2],
                        "status": "destroyed",
                        "crew_fate": "unknown",
                        "attribution": _attribution(number + n, at),
                    }
                )
            )
        else:
            killed = (number + n) % 40
            events.append(
                _event(
                    {
                        "type": "casualties.reported",
                        "incident_id": incident_id,
                        "party": PARTIES[n % 2],
                        "group": "military",
                        "killed": {
                            "low": killed,
                            "best": killed + 1,
                            "high": killed + 3,
                            "qualifier": "approximately",
                        },
                        "attribution": _attribution(number + n, at),
                    }
                )
            )
    return events


Transaction = list[tuple[str, list[NewEvent]]]
"""The appends of one transaction: each stream and its events."""


def _revisions(number: int, events: list[NewEvent]) -> list[Transaction]:
    """The revisions of incident ``number``, whose events are ``events``, a transaction each."""
    incident_id = f"bench-incident-{number}"
    stream = incident_stream(incident_id)
    attribution = _attribution(number, _START + timedelta(days=400))
    correction = {
        "type": "claim.corrected",
        "incident_id": incident_id,
        "target_event_id": str(events[1].event_id),
        "changes": {"killed": {"low": 5, "best": 5, "high": 5}},
        "reason": "a later statement",
        "attribution": attribution,
    }
    if number % 2 == 0:
        retraction = {
            "type": "claim.retracted",
            "incident_id": incident_id,
            "target_event_id": str(events[2].event_id),
            "reason": "withdrawn",
            "attribution": attribution,
        }
        return [[(stream, [_event(correction)])], [(stream, [_event(retraction)])]]
    merge = {
        "type": "incidents.merged",
        "incident_id": f"bench-incident-{number - 1}",
        "merged_incident_id": incident_id,
        "reason": "one clash",
    }
    # Written to both streams in one transaction, as the service writes a merge.
    merged = [(incident_stream(merge["incident_id"]), [_event(merge)]), (stream, [_event(merge)])]
    return [[(stream, [_event(correction)])], merged]


async def seed(store: EventStore, events: int, *, revised: bool = False) -> None:
    """About ``events`` events of realistic reports; with revisions when ``revised``."""
    for number, source in enumerate(SOURCES):
        registered = _event(
            {
                "type": "source.registered",
                "source_id": source,
                "name": f"Source {source}",
                "kind": "news_agency",
                "grade": "ABCDEF"[number % 6],
            }
        )
        await store.append(source_stream(source), [registered], StreamState.NO_STREAM)
    incidents = max(1, (events - len(SOURCES)) // EVENTS_PER_INCIDENT)

    written: dict[int, list[NewEvent]] = {}

    async def write(writer: int) -> None:
        for number in range(writer, incidents, _SEED_WRITERS):
            stream = incident_stream(f"bench-incident-{number}")
            written[number] = _incident_events(number)
            await store.append(stream, written[number], StreamState.NO_STREAM)

    async def revise(writer: int) -> None:
        # Pairs of incidents per writer: a merge writes to the odd one and the one before.
        for pair in range(writer, (incidents + 1) // 2, _SEED_WRITERS):
            for number in range(2 * pair, min(2 * pair + 2, incidents)):
                for transaction in _revisions(number, written[number]):
                    async with store.transaction() as appending:
                        for stream, batch in transaction:
                            await appending.append(stream, batch, StreamState.STREAM_EXISTS)

    await asyncio.gather(*(write(w) for w in range(_SEED_WRITERS)))
    if revised:
        await asyncio.gather(*(revise(w) for w in range(_SEED_WRITERS)))


async def replay_workload(
    url: str, schema: str, scale: Scale, *, revised: bool = False
) -> ReplayReport:
    """(d) Seed ``scale.replay_events``, read the whole log in pages, rebuild each projection.

    ``revised``: on a ledger with corrections, retractions and merges (``seed``).
    """
    pool = await open_pool(url, schema=schema, min_size=2, max_size=_SEED_WRITERS + 2)
    try:
        store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
        started = time.perf_counter()
        await seed(store, scale.replay_events, revised=revised)
        seeded = time.perf_counter() - started

        started = time.perf_counter()
        cursor, read = START_OF_LOG, 0
        while True:
            page = await store.read_all(cursor, limit=_READ_PAGE)
            read += len(page.events)
            if len(page.events) < _READ_PAGE:
                break
            cursor = page.next_cursor
        reading = time.perf_counter() - started

        catalog = ProjectionCatalog(pool)
        runners = [ProjectionRunner(store, catalog, p) for p in default_projections(store)]
        started = time.perf_counter()
        built = await rebuild_together(runners)
        replaying = time.perf_counter() - started
    finally:
        await pool.close()
    replays = [Replay(projection=g.name, events=g.events_applied) for g in built]
    return ReplayReport(
        events=read,
        seed_seconds=round(seeded, 3),
        read_seconds=round(reading, 3),
        read_events_per_second=round(read / reading, 1),
        replays=replays,
        replay_seconds=round(replaying, 3),
        replay_events_per_second=round(sum(r.events for r in replays) / replaying, 1),
        log_events_per_second=round(read / replaying, 1),
        peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
