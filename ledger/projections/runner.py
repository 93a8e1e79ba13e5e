"""Folding the log into a projection: one batch, one transaction, one checkpoint move."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Final

import msgspec
import structlog

from ledger.projections.catalog import Generation, ProjectionCatalog
from ledger.projections.definition import Projection
from ledger.store import EventStore, GlobalCursor, RecordPage
from ledger.store.notifications import LogListener

logger = structlog.get_logger(__name__)

DEFAULT_BATCH_SIZE: Final = 500
_IDLE_POLL_SECONDS: Final = 1.0
_RETRY_SECONDS: Final = 5.0
_FIRST_ANALYZE: Final = 1000


class Step(msgspec.Struct, frozen=True, kw_only=True):
    """What one batch did."""

    applied: int
    cursor: GlobalCursor
    caught_up: bool
    lost_race: bool = False


class Progress(msgspec.Struct, frozen=True, kw_only=True):
    """How far a rebuild has come."""

    done: int
    total: int
    events_per_second: float
    seconds_left: float | None


class RebuildInProgressError(Exception):
    """Another rebuild of the same projection is running."""


class ProjectionRunner:
    """Applies the log to one projection's generations, batch by batch."""

    def __init__(
        self,
        store: EventStore,
        catalog: ProjectionCatalog,
        projection: Projection,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self._store = store
        self._catalog = catalog
        self.projection = projection
        self._batch_size = batch_size
        self._event_types = sorted(projection.event_types)
        self._rate = 0.0
        self._analyzed_at = 0

    async def _read(self, after: GlobalCursor) -> RecordPage:
        return await self._store.read_records(
            after, limit=self._batch_size, event_types=self._event_types
        )

    async def step(self, generation: Generation, page: RecordPage | None = None) -> Step:
        """Apply the next batch after ``generation``'s checkpoint, checkpoint included.

        ``page``, read ahead, is used when it starts at the checkpoint; else it is read now.
        """
        started = time.perf_counter()
        if page is None or page.after != generation.cursor:
            page = await self._read(generation.cursor)
        caught_up = not page.full
        if page.next_cursor == generation.cursor:
            return Step(applied=0, cursor=generation.cursor, caught_up=True)
        records = page.records
        async with self._store.pool.connection() as connection, connection.transaction():
            # Moving the checkpoint first takes its row lock: a second runner of the same
            # generation waits here, then finds the checkpoint moved and gives way.
            moved = await connection.execute(
                """
                UPDATE projection_generations
                SET transaction_id = %s::xid8, position = %s,
                    events_applied = events_applied + %s, updated_at = clock_timestamp()
                WHERE name = %s AND generation = %s
                  AND transaction_id = %s::xid8 AND position = %s
                  AND state IN ('building', 'live')
                """,
                (
                    str(page.next_cursor.transaction_id),
                    page.next_cursor.position,
                    len(records),
                    self.projection.name,
                    generation.generation,
                    str(generation.cursor.transaction_id),
                    generation.cursor.position,
                ),
            )
            if moved.rowcount != 1:
                return Step(applied=0, cursor=generation.cursor, caught_up=False, lost_race=True)
            if records:
                await self.projection.apply(
                    connection, self.projection.table_names(generation.generation), records
                )
            elapsed = time.perf_counter() - started
            if records and elapsed > 0:
                rate = len(records) / elapsed
                self._rate = rate if self._rate == 0 else 0.8 * self._rate + 0.2 * rate
                await connection.execute(
                    "UPDATE projection_generations SET events_per_second = %s"
                    " WHERE name = %s AND generation = %s",
                    (self._rate, self.projection.name, generation.generation),
                )
        return Step(applied=len(records), cursor=page.next_cursor, caught_up=caught_up)

    async def _analyze_as_it_grows(self, generation: Generation) -> None:
        """ANALYZE a growing generation's tables each time it applied four times more events.

        Tables built from zero have no statistics until autovacuum gets to them: the plans
        cached while they were empty (sequential scans) would stay, and a rebuild would slow
        down quadratically. Analyzing at 1k, 4k, 16k, … events costs little in all.
        """
        if generation.events_applied < max(_FIRST_ANALYZE, 4 * self._analyzed_at):
            return
        async with self._store.pool.connection() as connection:
            for table in self.projection.table_names(generation.generation).values():
                await connection.execute(f'ANALYZE "{table}"')
        self._analyzed_at = generation.events_applied

    async def catch_up(
        self, generation: Generation, on_step: Callable[[Generation], None] | None = None
    ) -> Generation:
        """Apply batches until the generation has seen the whole visible log.

        While one batch is folded the next is read and decoded: the database and the fold
        work side by side instead of in turns.
        """
        ahead: asyncio.Task[RecordPage] | None = None
        try:
            while True:
                page = await (ahead or self._read(generation.cursor))
                ahead = asyncio.create_task(self._read(page.next_cursor)) if page.full else None
                step = await self.step(generation, page)
                refreshed = await self._catalog.get(self.projection.name, generation.generation)
                if refreshed is None:
                    raise RuntimeError(f"generation {generation.generation} disappeared")
                generation = refreshed
                await self._analyze_as_it_grows(generation)
                if on_step is not None:
                    on_step(generation)
                if step.caught_up and not step.lost_race:
                    return generation
        finally:
            if ahead is not None:
                ahead.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ahead

    async def run_live(self, listener: LogListener) -> None:
        """Keep the live generation current, forever; errors are logged and retried."""
        while True:
            seen = listener.count
            try:
                generation = await self._catalog.live(self.projection.name)
                if generation is None:
                    await listener.wait(seen, _IDLE_POLL_SECONDS)
                    continue
                step = await self.step(generation)
                await self._analyze_as_it_grows(generation)
                if step.caught_up:
                    await listener.wait(seen, _IDLE_POLL_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a worker must outlive a bad batch
                logger.exception("projection batch failed", projection=self.projection.name)
                live = await self._catalog.live(self.projection.name)
                if live is not None:
                    await self._catalog.record_error(
                        self.projection.name, live.generation, f"{type(exc).__name__}: {exc}"
                    )
                await asyncio.sleep(_RETRY_SECONDS)

    async def rebuild(self, on_progress: Callable[[Progress], None] | None = None) -> Generation:
        """Build a new generation from the start of the log, then make it live.

        The live generation keeps serving readers until the new one has caught up; the swap
        is one transaction. Only one rebuild of a projection runs at a time.
        """
        # Advisory locks are per database: the schema tells two ledgers in one apart.
        async with self._store.pool.connection() as lock_connection:
            cursor = await lock_connection.execute(
                "SELECT pg_try_advisory_lock(hashtext('ledger-rebuild'),"
                " hashtext(current_schema() || '.' || %s))",
                (self.projection.name,),
            )
            row = await cursor.fetchone()
            if row is None or not row[0]:
                raise RebuildInProgressError(f"{self.projection.name} is being rebuilt already")
            try:
                return await self._rebuild(on_progress)
            finally:
                await lock_connection.execute(
                    "SELECT pg_advisory_unlock(hashtext('ledger-rebuild'),"
                    " hashtext(current_schema() || '.' || %s))",
                    (self.projection.name,),
                )

    async def _rebuild(self, on_progress: Callable[[Progress], None] | None) -> Generation:
        await self._catalog.register(self.projection)
        generation = await self._catalog.create_generation(self.projection)
        total = await self._count_events()
        started = time.perf_counter()

        def report(built: Generation) -> None:
            if on_progress is not None:
                on_progress(_progress(built.events_applied, total, started))

        try:
            generation = await self.catch_up(generation, report)
            await self._catalog.make_live(self.projection, generation.generation)
        except BaseException as exc:
            await self._catalog.mark_failed(
                self.projection.name, generation.generation, f"{type(exc).__name__}: {exc}"
            )
            await self._catalog.drop_generation(self.projection, generation.generation)
            raise
        live = await self._catalog.get(self.projection.name, generation.generation)
        assert live is not None  # noqa: S101
        logger.info(
            "projection rebuilt",
            projection=self.projection.name,
            generation=live.generation,
            events=live.events_applied,
            seconds=round(time.perf_counter() - started, 2),
        )
        return live

    async def _count_events(self) -> int:
        async with self._store.pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT count(*) FROM events WHERE event_type = ANY(%s)",
                (sorted(self.projection.event_types),),
            )
            row = await cursor.fetchone()
        return int(row[0]) if row else 0


def _progress(done: int, total: int, started: float) -> Progress:
    elapsed = time.perf_counter() - started
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate > 0 and total > done else (0.0 if total <= done else None)
    return Progress(done=done, total=max(total, done), events_per_second=rate, seconds_left=left)


async def ensure_live(catalog: ProjectionCatalog, projection: Projection) -> bool:
    """Give a new projection an empty live generation; say whether a rebuild is due.

    A projection never built goes live at once and fills as its worker runs; one whose
    live generation was built by another version needs a rebuild.
    """
    await catalog.register(projection)
    live = await catalog.live(projection.name)
    if live is None:
        generation = await catalog.create_generation(projection)
        await catalog.make_live(projection, generation.generation)
        return False
    return live.version != projection.version
