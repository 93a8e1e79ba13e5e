"""Incidents whose claims are stored as rows list as incidents stored whole do.

Now and at every moment a reader can ask for (each transaction's end), in any batch size,
for incidents that cross the threshold, for a live generation built before claims had
rows, and with events applied again. A batch's states sent in many statements list as
those sent in one.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.application.views import IncidentFilter
from ledger.mapping import read_record_page
from ledger.projections import incident_list, incident_rows
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.rebuilds import ensure_live
from ledger.projections.runner import ProjectionRunner
from ledger.store import START_OF_LOG, EventStore, GlobalCursor
from tests.e2e import idlib_scenario as scenario
from tests.projections.helpers import build, rows_of

_NEVER = 10**9


def _incidents(store: EventStore, name: str, claims_as_rows_above: int) -> IncidentsProjection:
    return IncidentsProjection(store, name, claims_as_rows_above=claims_as_rows_above)


async def _moments(store: EventStore) -> list[GlobalCursor | None]:
    """Now, and the end of every transaction in the log."""
    async with store.pool.connection() as connection:
        cursor = await connection.execute(
            "SELECT transaction_id::text, max(position) FROM events GROUP BY 1 ORDER BY 2"
        )
        ends = [GlobalCursor(int(tx), position) for tx, position in await cursor.fetchall()]
    return [None, *ends]


async def _lists(store: EventStore, projection: IncidentsProjection) -> list[list[Any]]:
    """The whole incident list, now and at every transaction's end."""
    lists = []
    for moment in await _moments(store):
        page = await incident_list.list_incidents(
            store.pool,
            projection.view_names(),
            IncidentFilter(),
            after=None,
            limit=200,
            projection=projection.name,
            as_of=moment,
        )
        lists.append(page.content.items)
    return lists


async def _whole_lists(store: EventStore) -> list[list[Any]]:
    whole = _incidents(store, "incidents_whole", _NEVER)
    await build(store, whole, batch_size=500)
    assert not (await rows_of(store.pool, whole))["claims"]
    return await _lists(store, whole)


@pytest.mark.usefixtures("everything_recorded")
@pytest.mark.parametrize(("claims_as_rows_above", "batch_size"), [(0, 3), (0, 500), (2, 1)])
async def test_incidents_with_claims_as_rows_list_as_incidents_stored_whole(
    store: EventStore, claims_as_rows_above: int, batch_size: int
) -> None:
    as_rows = _incidents(store, "incidents_as_rows", claims_as_rows_above)
    await build(store, as_rows, batch_size)
    stored = await rows_of(store.pool, as_rows)
    assert len(stored["claims"]) > len(scenario.reports())
    assert any('"to_pos": null' not in row for row in stored["claims"])  # corrected claims
    lists = await _lists(store, as_rows)
    assert lists == await _whole_lists(store)
    assert any(state.claims for state in lists[0])


@pytest.mark.usefixtures("everything_recorded")
async def test_states_sent_one_statement_each_list_as_states_sent_together(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incident_rows, "_STATE_BYTES_PER_STATEMENT", 1)
    apart = _incidents(store, "incidents_apart", _NEVER)
    await build(store, apart, batch_size=500)
    assert await _lists(store, apart) == await _whole_lists(store)


@pytest.mark.usefixtures("everything_recorded")
async def test_incidents_applied_again_keep_their_claim_rows(store: EventStore) -> None:
    as_rows = _incidents(store, "incidents_as_rows", 0)
    await build(store, as_rows, batch_size=500)
    before = await rows_of(store.pool, as_rows)
    # As an inline write and its runner both apply an append's events.
    page = await read_record_page(
        store, START_OF_LOG, limit=10_000, event_types=as_rows.event_types
    )
    catalog = ProjectionCatalog(store.pool)
    live = await catalog.live(as_rows.name)
    assert live is not None
    async with store.pool.connection() as connection, connection.transaction():
        await as_rows.apply(connection, as_rows.table_names(live.generation), page.records)
    assert await rows_of(store.pool, as_rows) == before


async def test_a_live_generation_built_before_claim_rows_gets_them(
    store: EventStore,
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scenario.record(client, admin, reporter)
    earlier = _incidents(store, "incidents_upgraded", _NEVER)
    await build(store, earlier, batch_size=500)
    # As version 4 left it: whole states and no claims table.
    async with store.pool.connection() as connection:
        await connection.execute('DROP VIEW "incidents_upgraded_claims"')
        await connection.execute('DROP TABLE "incidents_upgraded_claims__g1"')
        await connection.execute(
            "UPDATE projection_generations SET version = 4 WHERE name = 'incidents_upgraded'"
        )
    async for _ in scenario.later_writes(client, admin, reporter, reader):
        pass
    # This version keeps that generation current until a rebuild replaces it.
    upgraded = _incidents(store, "incidents_upgraded", 0)
    catalog = ProjectionCatalog(store.pool)
    assert await ensure_live(catalog, upgraded)  # a rebuild is due
    live = await catalog.live(upgraded.name)
    assert live is not None
    assert live.version == 4  # the version that built it
    await ProjectionRunner(store, catalog, upgraded, batch_size=3).catch_up(live)
    assert (await rows_of(store.pool, upgraded))["claims"]
    assert await _lists(store, upgraded) == await _whole_lists(store)
