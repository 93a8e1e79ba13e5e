"""Facts written with COPY equal facts written with INSERTs."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.runner import ProjectionRunner, ensure_live
from ledger.store import EventStore
from tests.e2e import idlib_scenario as scenario
from tests.projections.helpers import rows_of

_NEVER = 10**9


@pytest.fixture
def store(pool: AsyncConnectionPool) -> EventStore:
    """The ledger's store on the test's own event loop (the app's pool lives on another)."""
    return EventStore(pool, EVENT_SCHEMA_VERSIONS)


@pytest.fixture
async def everything_recorded(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    """The scenario and every later write: corrections, a retraction, a merge, a regrade."""
    await scenario.record(client, admin, reporter)
    async for _ in scenario.later_writes(client, admin, reporter, reader):
        pass


async def _build(store: EventStore, projection: FactsProjection, batch_size: int) -> None:
    catalog = ProjectionCatalog(store.pool)
    await ensure_live(catalog, projection)
    live = await catalog.live(projection.name)
    assert live is not None
    await ProjectionRunner(store, catalog, projection, batch_size=batch_size).catch_up(live)


@pytest.mark.usefixtures("everything_recorded")
@pytest.mark.parametrize("batch_size", [6, 500])
async def test_facts_copied_equal_facts_inserted(store: EventStore, batch_size: int) -> None:
    copied = FactsProjection("facts_copied", copy_at_least=1)
    inserted = FactsProjection("facts_inserted", copy_at_least=_NEVER)
    for projection in (copied, inserted):
        await _build(store, projection, batch_size)
    tables = await rows_of(store.pool, copied)
    assert tables == await rows_of(store.pool, inserted)
    assert len(tables["claims"]) > len(scenario.reports())
    assert any('"to_pos": null' not in row for row in tables["losses"])  # revised figures
