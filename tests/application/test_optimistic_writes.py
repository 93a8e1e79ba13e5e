"""Two processes' write sides over one ledger: each decides on what it last saw."""

import asyncio
from typing import Any

import pytest
from psycopg_pool import AsyncConnectionPool

from ledger.application.errors import PreconditionFailedError
from ledger.application.incident_states import IncidentStates
from ledger.application.reading import load_incident
from ledger.application.receipts import WriteContext
from ledger.application.reporting import Reporting
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.domain.errors import UnknownSourceError
from ledger.domain.events import CasualtiesReported
from ledger.store import EventStore, RecordedEvent
from tests.unit.builders import casualties, incident_reported, source_registered

ANALYST = WriteContext(principal="analyst")


@pytest.fixture
async def processes(pool: AsyncConnectionPool) -> tuple[Reporting, Reporting]:
    """Two write sides with caches of their own, as two server processes have."""
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    first, second = (Reporting(store, states=IncidentStates(store)) for _ in range(2))
    await first.register_source(source_registered("tr-mod"), ANALYST)
    await first.report_incident(incident_reported("inc-1"), ANALYST)
    await first.add_to_incident(casualties(33, hours=1), ANALYST)
    return first, second


async def test_a_write_on_a_stale_state_is_retried_on_the_stream_as_it_is(
    processes: tuple[Reporting, Reporting], pool: AsyncConnectionPool
) -> None:
    first, second = processes
    await second.add_to_incident(casualties(34, hours=2), ANALYST)
    # The first process last saw version 2; the stream is at 3.
    outcome = await first.add_to_incident(casualties(36, hours=3), ANALYST)
    assert outcome.receipt.stream_version == 4

    state = await load_incident(EventStore(pool, EVENT_SCHEMA_VERSIONS), "inc-1")
    assert state is not None
    assert state.version == 4
    reported = [c.current for c in state.claims if isinstance(c.current, CasualtiesReported)]
    assert [r.killed.best for r in reported if r.killed is not None] == [33, 34, 36]


class _CountingStore(EventStore):
    stream_reads = 0

    async def read_stream(self, stream_id: str, **options: Any) -> list[RecordedEvent]:
        self.stream_reads += 1
        return await super().read_stream(stream_id, **options)


async def test_the_cache_follows_its_own_writes_without_reading_the_stream(
    pool: AsyncConnectionPool,
) -> None:
    store = _CountingStore(pool, EVENT_SCHEMA_VERSIONS)
    writer = Reporting(store, states=IncidentStates(store))
    await writer.register_source(source_registered("tr-mod"), ANALYST)
    await writer.report_incident(incident_reported("inc-1"), ANALYST)
    store.stream_reads = 0
    for hours in range(1, 6):
        outcome = await writer.add_to_incident(casualties(30 + hours, hours=hours), ANALYST)
        assert outcome.receipt.stream_version == hours + 1
    assert store.stream_reads == 0


async def test_a_pinned_version_is_checked_against_the_stream_not_the_cache(
    processes: tuple[Reporting, Reporting],
) -> None:
    first, second = processes
    await second.add_to_incident(casualties(34, hours=2), ANALYST)
    with pytest.raises(PreconditionFailedError):
        await first.add_to_incident(
            casualties(35, hours=3), WriteContext(principal="analyst", expected_version=2)
        )
    pinned = WriteContext(principal="analyst", expected_version=3)
    outcome = await first.add_to_incident(casualties(35, hours=3), pinned)
    assert outcome.receipt.stream_version == 4


async def test_a_source_registered_by_another_process_is_known_at_once(
    processes: tuple[Reporting, Reporting],
) -> None:
    first, second = processes
    with pytest.raises(UnknownSourceError):
        await first.add_to_incident(casualties(2, source_id="sy-army", hours=2), ANALYST)
    await second.register_source(source_registered("sy-army"), ANALYST)
    outcome = await first.add_to_incident(casualties(2, source_id="sy-army", hours=2), ANALYST)
    assert outcome.receipt.stream_version == 3


async def test_concurrent_reports_to_one_incident_all_land_in_turn(
    processes: tuple[Reporting, Reporting],
) -> None:
    first, _ = processes
    reports = [first.add_to_incident(casualties(n, hours=n), ANALYST) for n in range(2, 42)]
    outcomes = await asyncio.gather(*reports)
    assert sorted(o.receipt.stream_version for o in outcomes) == list(range(3, 43))
