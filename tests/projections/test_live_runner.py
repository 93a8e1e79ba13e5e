"""A live runner far behind the log makes sure the planner knows the log before catching up."""

from __future__ import annotations

import asyncio

import msgspec
import psycopg

from ledger.domain.events import LedgerEvent
from ledger.domain.sources import source_stream
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, StreamState
from ledger.store.codec import new_event
from tests.projections.helpers import live_generation, live_position_reaches_head
from tests.store.helpers import events_estimated


async def test_a_live_runner_behind_by_pages_refreshes_the_log_statistics(
    store: EventStore, superuser: psycopg.Connection[tuple[object, ...]]
) -> None:
    for number in range(30):
        source = f"agency-{number}"
        registered = {"type": "source.registered", "source_id": source, "name": source}
        event = msgspec.convert({**registered, "kind": "news_agency", "grade": "B"}, LedgerEvent)
        await store.append(
            source_stream(source), [new_event(event, principal="test")], StreamState.NO_STREAM
        )
    assert events_estimated(superuser) < 0  # never analyzed
    facts = FactsProjection()
    catalog = ProjectionCatalog(store.pool)
    await live_generation(catalog, facts)
    listener = store.listener()
    await listener.start()
    running = asyncio.create_task(
        ProjectionRunner(store, catalog, facts, batch_size=5).run_live(listener)
    )
    try:
        await live_position_reaches_head(store, facts.name)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await listener.stop()
    # Without statistics each page's query sorted every later event.
    assert events_estimated(superuser) == 30  # the events appended
