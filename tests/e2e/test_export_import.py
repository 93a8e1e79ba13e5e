"""Export a ledger and import it into an empty one: same events, hashes and projections."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, open_pool
from ledger.store.chain import Chain
from tests.commands import run_ledger
from tests.conftest import migrated_schema
from tests.e2e import idlib_scenario as scenario
from tests.projections.helpers import live_position_reaches_head, rows_of


@pytest.fixture
def empty_schema(database_url: str) -> Iterator[str]:
    with migrated_schema(database_url, "import") as name:
        yield name


@pytest.fixture
async def empty_pool(database_url: str, empty_schema: str) -> AsyncIterator[AsyncConnectionPool]:
    pool = await open_pool(database_url, schema=empty_schema, min_size=1, max_size=4)
    yield pool
    await pool.close()


async def _events(pool: AsyncConnectionPool) -> list[tuple[Any, ...]]:
    async with pool.connection() as connection:
        cursor = await connection.execute(
            "SELECT position, event_id, stream_id, stream_version, event_type, schema_version,"
            " data, metadata, recorded_at FROM events ORDER BY transaction_id, position"
        )
        return await cursor.fetchall()


async def test_an_import_reproduces_events_hashes_and_projections(  # noqa: PLR0913, PLR0917
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    pool: AsyncConnectionPool,
    empty_pool: AsyncConnectionPool,
    database_url: str,
    schema: str,
    empty_schema: str,
    tmp_path: Path,
) -> None:
    await scenario.record(client, admin, reporter)
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    for name in ("facts", "incidents"):
        await live_position_reaches_head(store, name)
    original_chain = Chain(pool)
    await original_chain.seal_all()
    digest = await original_chain.digest()
    assert digest is not None

    exported = await client.get("/v1/events/export", headers=reader)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("application/x-ndjson")
    lines = exported.content.splitlines()
    assert len(lines) == digest.seq
    first = msgspec.json.decode(lines[0])
    assert (first["type"], first["stream_id"]) == ("source.registered", "source-tr-mod")
    ranged = await client.get(
        "/v1/events/export", params={"from_position": "3", "to_position": "5"}, headers=reader
    )
    assert [msgspec.json.decode(line)["position"] for line in ranged.content.splitlines()] == [
        3,
        4,
        5,
    ]

    file = tmp_path / "ledger.ndjson"
    source = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    target = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": empty_schema}
    dumped = await asyncio.to_thread(run_ledger, source, "export", str(file))
    assert dumped.returncode == 0, dumped.stderr
    assert file.read_bytes() == exported.content

    loaded = await asyncio.to_thread(run_ledger, target, "import", str(file))
    assert loaded.returncode == 0, loaded.stderr
    assert f"imported {digest.seq} events" in loaded.stderr
    assert f"chain root {digest.root_hash} at {digest.seq}" in loaded.stderr

    assert await _events(empty_pool) == await _events(pool)
    copy = await Chain(empty_pool).digest()
    assert copy is not None
    assert (copy.seq, copy.position, copy.root_hash) == (
        digest.seq,
        digest.position,
        digest.root_hash,
    )
    assert (await Chain(empty_pool).verify()).ok

    copied_store = EventStore(empty_pool, EVENT_SCHEMA_VERSIONS)
    catalog = ProjectionCatalog(empty_pool)
    for original, rebuilt in [
        (FactsProjection(), FactsProjection()),
        (IncidentsProjection(store), IncidentsProjection(copied_store)),
    ]:
        await rebuild_together([ProjectionRunner(copied_store, catalog, rebuilt)])
        # Versions keep the recording transaction's id, which an import cannot reproduce;
        # their positions and order it does.
        unreproducible = ("from_tx", "to_tx")
        assert await rows_of(empty_pool, rebuilt, unreproducible) == await rows_of(
            pool, original, unreproducible
        )

    again = await asyncio.to_thread(run_ledger, target, "import", str(file))
    assert again.returncode != 0
    assert "already holds events" in again.stderr

    # The imported ledger goes on from where the original stopped.
    async with empty_pool.connection() as connection:
        await connection.execute("INSERT INTO streams (stream_id, version) VALUES ('probe-1', 1)")
        cursor = await connection.execute(
            "INSERT INTO events (event_id, stream_id, stream_version, event_type,"
            " schema_version, data, metadata, recorded_at) VALUES (gen_random_uuid(),"
            " 'probe-1', 1, 'probe', 1, '{}', '{}', now()) RETURNING position"
        )
        row = await cursor.fetchone()
    assert row is not None
    assert row[0] > digest.position


async def test_a_broken_export_is_refused_with_its_line(
    empty_schema: str, database_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "broken.ndjson"
    file.write_text('{"position": 1}\n')
    target = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": empty_schema}
    result = await asyncio.to_thread(run_ledger, target, "import", str(file))
    assert result.returncode != 0
    assert "line 1" in result.stderr
