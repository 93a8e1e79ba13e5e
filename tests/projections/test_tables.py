"""How a generation's tables are created."""

from __future__ import annotations

from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.rebuilds import ensure_live
from ledger.store import EventStore


async def test_large_documents_are_compressed_with_lz4_where_the_server_has_it(
    pool: AsyncConnectionPool,
) -> None:
    projection = IncidentsProjection(EventStore(pool, EVENT_SCHEMA_VERSIONS))
    catalog = ProjectionCatalog(pool)
    await ensure_live(catalog, projection)
    live = await catalog.live(projection.name)
    assert live is not None
    table = projection.table_names(live.generation)["state"]
    async with pool.connection() as connection:
        cursor = await connection.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = await cursor.fetchone()
        assert row is not None
        cursor = await connection.execute(
            "SELECT attname, attcompression FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attname IN ('document', 'status')",
            (table,),
        )
        compression: dict[str, str] = dict(await cursor.fetchall())
    # "l" is lz4; an empty method is the server's default (pglz).
    assert compression == {"document": "l" if row[0] else "", "status": ""}
