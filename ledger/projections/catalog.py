"""Where projections' generations are recorded, created, made live and retired."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, Literal

import msgspec
import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from ledger.projections.definition import Projection, TableSpec
from ledger.store import GlobalCursor

GenerationState = Literal["building", "live", "retired", "failed"]


class Generation(msgspec.Struct, frozen=True, kw_only=True):
    """One build of a projection's tables, with its checkpoint."""

    name: str
    generation: int
    version: int
    state: GenerationState
    cursor: GlobalCursor
    events_applied: int
    events_per_second: float
    last_error: str | None
    started_at: datetime
    updated_at: datetime


_GENERATIONS: Final = sql.SQL("""
    SELECT name, generation, version, state, transaction_id::text, position, events_applied,
           events_per_second, last_error, started_at, updated_at
    FROM projection_generations WHERE name = %s AND {condition}
""")


_DROP_TABLE: Final = sql.SQL("DROP TABLE IF EXISTS {}")


def _generation(row: tuple[Any, ...]) -> Generation:
    return Generation(
        name=row[0],
        generation=row[1],
        version=row[2],
        state=row[3],
        cursor=GlobalCursor(int(row[4]), row[5]),
        events_applied=row[6],
        events_per_second=row[7],
        last_error=row[8],
        started_at=row[9],
        updated_at=row[10],
    )


class ProjectionCatalog:
    """The registry of projections and their generations in the database."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def register(self, projection: Projection) -> None:
        """Make sure ``projection`` has a registry row."""
        async with self._pool.connection() as connection:
            await connection.execute(
                "INSERT INTO projections (name) VALUES (%s) ON CONFLICT (name) DO NOTHING",
                (projection.name,),
            )

    async def live(self, name: str) -> Generation | None:
        """The generation readers are served from, if any."""
        return await self._one(sql.SQL("state = 'live'"), name)

    async def get(self, name: str, generation: int) -> Generation | None:
        """One generation by number."""
        return await self._one(sql.SQL("generation = %s"), name, generation)

    async def generations(self, name: str) -> list[Generation]:
        """Every generation still building, live, or failed."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                _GENERATIONS.format(condition=sql.SQL("state <> 'retired' ORDER BY generation")),
                (name,),
            )
            return [_generation(row) for row in await cursor.fetchall()]

    async def _one(self, condition: sql.SQL, *parameters: object) -> Generation | None:
        async with self._pool.connection() as connection:
            cursor = await connection.execute(_GENERATIONS.format(condition=condition), parameters)
            row = await cursor.fetchone()
        return None if row is None else _generation(row)

    async def create_generation(self, projection: Projection) -> Generation:
        """Create empty tables for a new generation, which starts from the log's beginning."""
        async with self._pool.connection() as connection, connection.transaction():
            await connection.execute(
                "SELECT 1 FROM projections WHERE name = %s FOR UPDATE", (projection.name,)
            )
            cursor = await connection.execute(
                "SELECT coalesce(max(generation), 0) + 1 FROM projection_generations"
                " WHERE name = %s",
                (projection.name,),
            )
            row = await cursor.fetchone()
            assert row is not None  # noqa: S101 - an aggregate always returns a row
            generation = int(row[0])
            lz4 = await _has_lz4(connection)
            for table, physical in projection.table_names(generation).items():
                await _create_table(connection, physical, projection.tables[table], lz4=lz4)
            await connection.execute(
                "INSERT INTO projection_generations (name, generation, version, state)"
                " VALUES (%s, %s, %s, 'building')",
                (projection.name, generation, projection.version),
            )
        created = await self.get(projection.name, generation)
        assert created is not None  # noqa: S101 - inserted just above
        return created

    async def add_missing_tables(self, projection: Projection, live: Generation) -> list[str]:
        """Create the tables (and views) ``projection`` declares that ``live`` lacks.

        A newer version of a projection may declare a table the live generation, built by
        an older one, does not have; the newer code keeps that generation current until a
        rebuild replaces it, and its readers query every view. Returns the tables created.
        """
        created = []
        async with self._pool.connection() as connection, connection.transaction():
            await connection.execute(
                "SELECT 1 FROM projections WHERE name = %s FOR UPDATE", (projection.name,)
            )
            lz4 = await _has_lz4(connection)
            views = projection.view_names()
            for table, physical in projection.table_names(live.generation).items():
                cursor = await connection.execute(
                    "SELECT to_regclass(%s)", (sql.Identifier(physical).as_string(connection),)
                )
                row = await cursor.fetchone()
                if row is not None and row[0] is not None:
                    continue
                await _create_table(connection, physical, projection.tables[table], lz4=lz4)
                await connection.execute(
                    sql.SQL("CREATE OR REPLACE VIEW {} AS SELECT * FROM {}").format(
                        sql.Identifier(views[table]), sql.Identifier(physical)
                    )
                )
                created.append(table)
        return created

    async def make_live(self, projection: Projection, generation: int) -> None:
        """Point the views at ``generation`` and retire the one they pointed at, atomically."""
        async with self._pool.connection() as connection, connection.transaction():
            await connection.execute(
                "SELECT 1 FROM projections WHERE name = %s FOR UPDATE", (projection.name,)
            )
            previous = await connection.execute(
                "SELECT generation FROM projection_generations WHERE name = %s AND state = 'live'",
                (projection.name,),
            )
            retiring = [int(row[0]) for row in await previous.fetchall() if row[0] != generation]
            for table, view in projection.view_names().items():
                physical = projection.table_names(generation)[table]
                await connection.execute(
                    sql.SQL("DROP VIEW IF EXISTS {}").format(sql.Identifier(view))
                )
                await connection.execute(
                    sql.SQL("CREATE VIEW {} AS SELECT * FROM {}").format(
                        sql.Identifier(view), sql.Identifier(physical)
                    )
                )
            await connection.execute(
                "UPDATE projection_generations SET state = 'retired',"
                " updated_at = clock_timestamp() WHERE name = %s AND generation = ANY(%s)",
                (projection.name, retiring),
            )
            await connection.execute(
                "UPDATE projection_generations SET state = 'live', updated_at = clock_timestamp()"
                " WHERE name = %s AND generation = %s",
                (projection.name, generation),
            )
            await connection.execute(
                "UPDATE projections SET live_generation = %s, live_version = %s,"
                " updated_at = clock_timestamp() WHERE name = %s",
                (generation, projection.version, projection.name),
            )
            for old in retiring:
                for physical in projection.table_names(old).values():
                    await connection.execute(_DROP_TABLE.format(sql.Identifier(physical)))

    async def mark_failed(self, name: str, generation: int, error: str) -> None:
        """Record why a generation stopped; it is kept for inspection, never served."""
        async with self._pool.connection() as connection:
            await connection.execute(
                "UPDATE projection_generations SET state = 'failed', last_error = %s,"
                " updated_at = clock_timestamp()"
                " WHERE name = %s AND generation = %s AND state = 'building'",
                (error[:2000], name, generation),
            )

    async def record_error(self, name: str, generation: int, error: str | None) -> None:
        """Note (or clear) the last error a generation's worker met."""
        async with self._pool.connection() as connection:
            await connection.execute(
                "UPDATE projection_generations SET last_error = %s"
                " WHERE name = %s AND generation = %s",
                (None if error is None else error[:2000], name, generation),
            )

    async def drop_abandoned(self, projection: Projection) -> list[int]:
        """Drop every generation of ``projection`` still building; return their numbers.

        Call it holding the projection's rebuild lock: then no rebuild is running, and a
        generation still building was left so by one that was killed.
        """
        abandoned = [
            g.generation for g in await self.generations(projection.name) if g.state == "building"
        ]
        for generation in abandoned:
            await self.mark_failed(projection.name, generation, "abandoned: its rebuild stopped")
            await self.drop_generation(projection, generation)
        return abandoned

    async def drop_generation(self, projection: Projection, generation: int) -> None:
        """Remove a generation that never went live."""
        async with self._pool.connection() as connection, connection.transaction():
            for physical in projection.table_names(generation).values():
                await connection.execute(_DROP_TABLE.format(sql.Identifier(physical)))
            await connection.execute(
                "UPDATE projection_generations SET state = 'retired'"
                " WHERE name = %s AND generation = %s AND state <> 'live'",
                (projection.name, generation),
            )


async def _create_table(
    connection: psycopg.AsyncConnection[Any], physical: str, spec: TableSpec, *, lz4: bool
) -> None:
    table = sql.Identifier(physical)
    # The columns and indexes are the projection's own declarations: SQL text, not input.
    await connection.execute(sql.SQL("CREATE TABLE {} ({})").format(table, sql.SQL(spec.columns)))
    for column in spec.compressed if lz4 else ():
        await connection.execute(
            sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET COMPRESSION lz4").format(
                table, sql.Identifier(column)
            )
        )
    for index in spec.indexes:
        await connection.execute(sql.SQL("CREATE INDEX ON {} {}").format(table, sql.SQL(index)))


async def _has_lz4(connection: psycopg.AsyncConnection[Any]) -> bool:
    """Whether the server can compress values with lz4 (a build option of PostgreSQL)."""
    cursor = await connection.execute(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    )
    row = await cursor.fetchone()
    return bool(row and row[0])


async def live_tables(
    connection: psycopg.AsyncConnection[Any], projection: Projection
) -> dict[str, str] | None:
    """The live generation's tables, looked up inside the caller's transaction."""
    cursor = await connection.execute(
        "SELECT generation FROM projection_generations WHERE name = %s AND state = 'live'",
        (projection.name,),
    )
    row = await cursor.fetchone()
    return None if row is None else projection.table_names(int(row[0]))
