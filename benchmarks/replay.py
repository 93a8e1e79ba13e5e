"""Workload (d): a ledger of realistic reports, read page by page and replayed from zero.

Ten sources; each incident is one ``incident.reported`` followed by casualty reports from
several sources (one in four an equipment-loss claim instead), appended as one batch to the
incident's stream. Every projection is rebuilt as ``ledger projections rebuild`` does it: all
in one pass over the log.
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
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.runner import ProjectionRunner, rebuild_together
from ledger.projections.workers import default_projections
from ledger.store import START_OF_LOG, EventStore, NewEvent, StreamState, open_pool
from ledger.store.codec import new_event

if TYPE_CHECKING:
    from benchmarks.harness import Scale

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


async def _seed(store: EventStore, events: int) -> None:
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

    async def write(writer: int) -> None:
        for number in range(writer, incidents, _SEED_WRITERS):
            stream = incident_stream(f"bench-incident-{number}")
            await store.append(stream, _incident_events(number), StreamState.NO_STREAM)

    await asyncio.gather(*(write(w) for w in range(_SEED_WRITERS)))


async def replay_workload(url: str, schema: str, scale: Scale) -> ReplayReport:
    """(d) Seed ``scale.replay_events``, read the whole log in pages, rebuild each projection."""
    pool = await open_pool(url, schema=schema, min_size=2, max_size=_SEED_WRITERS + 2)
    try:
        store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
        started = time.perf_counter()
        await _seed(store, scale.replay_events)
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
