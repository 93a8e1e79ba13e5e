"""The live runner: it catches up from far behind, follows a rebuild's new generation, and
waits out an outage saying so once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import msgspec
import psycopg
from structlog.testing import capture_logs

from ledger.domain.events import LedgerEvent
from ledger.domain.records import EventRecord
from ledger.domain.sources import source_stream
from ledger.mapping import new_event
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.definition import CheckpointMove, Projection
from ledger.projections.facts import FactsProjection
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, StreamState
from tests.projections.helpers import live_generation, live_position_reaches_head
from tests.store.helpers import events_estimated


async def _register_sources(store: EventStore, numbers: range) -> None:
    for number in numbers:
        source = f"agency-{number}"
        registered = {"type": "source.registered", "source_id": source, "name": source}
        event = msgspec.convert({**registered, "kind": "news_agency", "grade": "B"}, LedgerEvent)
        await store.append(
            source_stream(source), [new_event(event, principal="test")], StreamState.NO_STREAM
        )


@asynccontextmanager
async def _running_live(
    store: EventStore, catalog: ProjectionCatalog, projection: Projection
) -> AsyncIterator[None]:
    """A live runner of ``projection``, in batches of 5, until the block ends."""
    listener = store.listener()
    await listener.start()
    running = asyncio.create_task(
        ProjectionRunner(store, catalog, projection, batch_size=5).run_live(listener)
    )
    try:
        yield
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await listener.stop()


async def test_a_live_runner_behind_by_pages_refreshes_the_log_statistics(
    store: EventStore, superuser: psycopg.Connection[tuple[object, ...]]
) -> None:
    await _register_sources(store, range(30))
    assert events_estimated(superuser) < 0  # never analyzed
    facts = FactsProjection()
    catalog = ProjectionCatalog(store.pool)
    await live_generation(catalog, facts)
    async with _running_live(store, catalog, facts):
        await live_position_reaches_head(store, facts.name)
    # Without statistics each page's query sorted every later event.
    assert events_estimated(superuser) == 30  # the events appended


async def test_a_live_runner_moves_on_to_the_generation_a_rebuild_made_live(
    store: EventStore,
) -> None:
    facts = FactsProjection()
    catalog = ProjectionCatalog(store.pool)
    await live_generation(catalog, facts)
    # The runner keeps its own copy of the live generation between batches.
    async with _running_live(store, catalog, facts):
        await _register_sources(store, range(3))
        await live_position_reaches_head(store, facts.name)
        (rebuilt,) = await rebuild_together([ProjectionRunner(store, catalog, facts)])
        assert rebuilt.generation == 2
        # Only the running runner can apply these to generation 2, which it has not seen.
        await _register_sources(store, range(3, 10))
        await live_position_reaches_head(store, facts.name)
    live = await catalog.live(facts.name)
    assert live is not None
    assert (live.generation, live.events_applied) == (2, 10)
    retired = await catalog.get(facts.name, 1)
    assert retired is not None
    assert (retired.state, retired.events_applied) == ("retired", 3)


class _FactsBehindAFlakyLink(FactsProjection):
    """The facts projection, whose first few batches lose their connection."""

    def __init__(self, lost: int) -> None:
        super().__init__()
        self.lost = lost

    async def apply(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: Sequence[EventRecord],
        move: CheckpointMove | None = None,
    ) -> None:
        if self.lost:
            self.lost -= 1
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        await super().apply(connection, tables, records, move)


async def test_a_live_runner_waits_out_an_outage_saying_so_once(store: EventStore) -> None:
    facts = _FactsBehindAFlakyLink(lost=3)
    catalog = ProjectionCatalog(store.pool)
    await live_generation(catalog, facts)
    await _register_sources(store, range(3))
    with capture_logs() as logs:
        async with _running_live(store, catalog, facts):
            await live_position_reaches_head(store, facts.name)
            # The runner says it resumed once its batch has committed: the position can be
            # read a moment before it does.
            for _ in range(200):
                if any(log["event"] == "projection resumed" for log in logs):
                    break
                await asyncio.sleep(0.01)
    said = [
        (log["event"], log["log_level"])
        for log in logs
        if log["event"] != "log statistics refreshed"
    ]
    assert said == [
        ("projection waits for the database", "warning"),
        ("projection resumed", "info"),
    ]
    assert "exc_info" not in logs[0]
    assert facts.lost == 0
