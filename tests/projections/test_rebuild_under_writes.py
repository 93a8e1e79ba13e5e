"""Rebuilds never hold readers back, finish on a revised ledger, and leave nothing behind.

A reader of the log sees no commit made after the oldest transaction still open: a rebuild
that kept one open for long would hide every new write for as long.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from benchmarks.replay import seed
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.projections.workers import ProjectionWorkers, default_projections
from ledger.store import EventStore, GlobalCursor, NewEvent, StreamState

_LOG_EVENTS = 15_000


async def _visible_within(store: EventStore, after: GlobalCursor, event_id: uuid.UUID) -> float:
    """Seconds until the event ``event_id``, appended just now, is read after ``after``."""
    started = time.monotonic()
    while True:
        page = await store.read_all(after, limit=1000)
        if any(event.event_id == event_id for event in page.events):
            return time.monotonic() - started
        assert time.monotonic() - started < 30, "the write never became visible"
        await asyncio.sleep(0.01)


@pytest.mark.slow
async def test_a_rebuild_of_a_revised_ledger_hides_no_write_for_a_second(
    store: EventStore,
) -> None:
    await seed(store, _LOG_EVENTS, revised=True)
    catalog = ProjectionCatalog(store.pool)
    runners = [ProjectionRunner(store, catalog, p) for p in default_projections(store)]
    started = time.monotonic()
    rebuilding = asyncio.create_task(rebuild_together(runners))
    delays: list[float] = []
    while not rebuilding.done():
        head = await store.head()
        written = NewEvent(
            type="source.registered",
            data={
                "source_id": f"late-{len(delays)}",
                "name": "A source registered during the rebuild",
                "kind": "news_agency",
                "grade": "B",
            },
        )
        await store.append(f"source-late-{len(delays)}", [written], StreamState.NO_STREAM)
        delays.append(await _visible_within(store, head, written.event_id))
        await asyncio.sleep(0.05)
    built = await rebuilding
    took = time.monotonic() - started
    assert [g.state for g in built] == ["live", "live"]
    assert len(delays) >= 5, f"the rebuild took {took:.1f} s: too short to measure"
    assert max(delays) < 1.0, f"a write stayed invisible for {max(delays):.2f} s"


async def test_a_killed_rebuild_leaves_no_generation_building(store: EventStore) -> None:
    await seed(store, 300, revised=True)
    catalog = ProjectionCatalog(store.pool)
    projections = default_projections(store)
    for projection in projections:
        await catalog.register(projection)
        await catalog.create_generation(projection)  # what a killed rebuild leaves
    workers = ProjectionWorkers(store, projections, store.listener())
    await workers.prepare()
    for status in await workers.status():
        assert status.state == "live", status
        assert [g.state for g in status.generations] == ["live"]
