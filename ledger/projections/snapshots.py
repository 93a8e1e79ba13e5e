"""Reading a projection at one log position: its rows and its checkpoint from one snapshot.

Each query runs in one read-only REPEATABLE READ transaction together with the read of its
projection's checkpoint, so the position reported with a view is exactly the one it shows.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any, Final

import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from ledger.store import GlobalCursor

_CHECKPOINT_SQL: Final = (
    "SELECT transaction_id::text, position FROM projection_generations"
    " WHERE name = %s AND state = 'live'"
)
# A query's rows, each with the checkpoint after them.
_ROWS_WITH_CHECKPOINT: Final = sql.SQL("""
    SELECT q.*,
        (SELECT transaction_id::text FROM projection_generations
         WHERE name = %(checkpoint_of_projection)s AND state = 'live'),
        (SELECT position FROM projection_generations
         WHERE name = %(checkpoint_of_projection)s AND state = 'live')
    FROM ({query}) q
""")


@functools.lru_cache(maxsize=1024)
def _with_checkpoint(query: str) -> str:
    """A query kept as text, with the checkpoint on its rows: composed once per query."""
    return _ROWS_WITH_CHECKPOINT.format(query=sql.SQL(query)).as_string(None)


def _reflected(row: tuple[Any, ...] | None, as_of: GlobalCursor | None) -> GlobalCursor:
    position = GlobalCursor(int(row[0]), row[1]) if row else GlobalCursor(0, 0)
    return position if as_of is None else min(position, as_of)


@asynccontextmanager
async def snapshot(
    pool: AsyncConnectionPool, projection: str, as_of: GlobalCursor | None = None
) -> AsyncIterator[tuple[psycopg.AsyncConnection[Any], GlobalCursor]]:
    """A read-only snapshot together with the checkpoint of ``projection`` in it."""
    async with pool.connection() as connection, connection.transaction():
        await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor = await connection.execute(_CHECKPOINT_SQL, (projection,))
        yield connection, _reflected(await cursor.fetchone(), as_of)


async def query_at_checkpoint(
    pool: AsyncConnectionPool,
    projection: str,
    as_of: GlobalCursor | None,
    query: sql.Composed | str,
    parameters: Mapping[str, Any],
) -> tuple[list[tuple[Any, ...]], GlobalCursor]:
    """One query and the projection's checkpoint, both from one snapshot.

    One statement sees one snapshot, so the checkpoint rides on each row of the query
    (uncorrelated subqueries, read once). The query stays a subquery of its own, sorted
    before the outer SELECT adds the two columns, so its rows keep its order: a pipelined
    BEGIN, checkpoint, query and COMMIT cost the API server markedly more per call. A query
    that finds no rows carries no checkpoint: it runs again, with the checkpoint, in a
    read-only snapshot of its own. A query given as text (composed once and kept by its
    caller) is wrapped once too.
    """
    async with pool.connection() as connection:
        cursor = await connection.execute(
            _with_checkpoint(query)
            if isinstance(query, str)
            else _ROWS_WITH_CHECKPOINT.format(query=query),
            {**parameters, "checkpoint_of_projection": projection},
        )
        rows = await cursor.fetchall()
    if not rows:
        async with snapshot(pool, projection, as_of) as (connection, position):
            cursor = await connection.execute(query, parameters)
            return await cursor.fetchall(), position
    checkpoint = rows[0][-2:]
    return [row[:-2] for row in rows], _reflected(
        checkpoint if checkpoint[0] is not None else None, as_of
    )


async def projection_position(pool: AsyncConnectionPool, projection: str) -> GlobalCursor:
    """The log position the projection's live generation has reached."""
    async with pool.connection() as connection:
        cursor = await connection.execute(_CHECKPOINT_SQL, (projection,))
        return _reflected(await cursor.fetchone(), None)
