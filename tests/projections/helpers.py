"""Building a projection, comparing two row for row, and waiting for one to catch up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from psycopg_pool import AsyncConnectionPool

from ledger.projections.catalog import Generation, ProjectionCatalog
from ledger.projections.definition import Projection, view_name
from ledger.projections.rebuilds import ensure_live
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, GlobalCursor


async def live_generation(catalog: ProjectionCatalog, projection: Projection) -> Generation:
    """``projection``'s live generation, created empty if it has none."""
    await ensure_live(catalog, projection)
    live = await catalog.live(projection.name)
    assert live is not None
    return live


async def build(store: EventStore, projection: Projection, batch_size: int) -> None:
    """Bring ``projection``'s live generation up to the log, ``batch_size`` events a batch."""
    catalog = ProjectionCatalog(store.pool)
    live = await live_generation(catalog, projection)
    await ProjectionRunner(store, catalog, projection, batch_size=batch_size).catch_up(live)


async def rows_of(
    pool: AsyncConnectionPool, projection: Projection, without: Sequence[str] = ()
) -> dict[str, list[Any]]:
    """Every live row of every table of ``projection``, in a stable order.

    ``without`` names columns left out, such as those another database cannot reproduce.
    """
    tables = {}
    left_out = "".join(f" - '{column}'" for column in without)
    async with pool.connection() as connection:
        for table in projection.tables:
            cursor = await connection.execute(
                f"SELECT (to_jsonb(t){left_out})::text"  # noqa: S608 - our names
                f' FROM "{view_name(projection.name, table)}" t'
                " ORDER BY 1"
            )
            tables[table] = [row[0] for row in await cursor.fetchall()]
    return tables


async def live_position_reaches_head(store: EventStore, name: str, patience: float = 60.0) -> None:
    """Wait until the live generation of ``name`` has seen every event committed so far.

    Not only the log's visible head: a write already acknowledged may still be held back
    from readers by an older transaction (a projection worker's batch) for a moment.
    """
    async with store.pool.connection() as connection:
        cursor = await connection.execute(
            "SELECT transaction_id::text AS transaction_text, position FROM events"
            " ORDER BY transaction_id DESC, position DESC LIMIT 1"
        )
        last = await cursor.fetchone()
    head = GlobalCursor(int(last[0]), last[1]) if last else await store.head()
    deadline = time.monotonic() + patience
    while True:
        async with store.pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT transaction_id::text, position FROM projection_generations"
                " WHERE name = %s AND state = 'live'",
                (name,),
            )
            row = await cursor.fetchone()
        if row is not None and GlobalCursor(int(row[0]), row[1]) >= head:
            return
        assert time.monotonic() < deadline, f"{name} did not reach {head}"
        await asyncio.sleep(0.05)
