"""Folding the log into a projection: one batch, one transaction, one checkpoint move."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Final, NamedTuple

import msgspec
import psycopg
import psycopg.sql
import structlog

from ledger.domain.events import EVENT_CLASSES, event_type
from ledger.domain.records import EventRecord
from ledger.mapping import RecordPage, UnreadableRecord, read_record_page
from ledger.projections.catalog import Generation, ProjectionCatalog
from ledger.projections.chunking import Chunking
from ledger.projections.definition import CheckpointMove, Projection
from ledger.projections.log_pass import LogPass
from ledger.projections.poison import THE_EVENTS_FAULT, PoisonEvent, cursor_of, set_aside
from ledger.projections.temporal import made_at
from ledger.store import (
    EventStore,
    EventStoreError,
    GlobalCursor,
)
from ledger.store.circuit import is_connection_failure
from ledger.store.notifications import LogListener

logger = structlog.get_logger(__name__)


DEFAULT_BATCH_SIZE: Final = 500
# A generation being built takes no inline writes to wait behind its batches: larger ones
# commit and query less per event, for a little more memory (docs/performance.md). Reads
# stop at MAX_READ_LIMIT.
DEFAULT_REBUILD_BATCH_SIZE: Final = 8000
_IDLE_POLL_SECONDS: Final = 1.0
# After a failed batch, the next try comes soon and then less often, up to the longest
# wait: a failure that stays costs a try every few seconds. While the database cannot be
# reached, a try is what finds it back, as the API's circuit probes do: the views move again
# within a second of its return.
_FIRST_RETRY_SECONDS: Final = 0.25
_RETRY_SECONDS: Final = 5.0
_UNREACHABLE_RETRY_SECONDS: Final = 0.5
_STATISTICS_EVERY_SECONDS: Final = 0.5
# Stale as autovacuum judges it, with a fifth of its threshold: more rows changed since the
# last ANALYZE than 50 plus 2% of the table (and never analyzed counts as stale).
_STALE_TABLES_SQL: Final = """
    SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema() AND s.relname = ANY(%s)
      AND s.n_mod_since_analyze > 50 + 0.02 * greatest(c.reltuples, 0)
"""
_STATISTICS_CHECK_SECONDS: Final = 60.0
# A projection's transaction moves its checkpoint with its rows: lost in a crash, both are
# lost together and the events are applied again. Waiting for each commit's WAL flush bought
# nothing, and short transactions made it most of a rebuild's time (docs/performance.md).
_ASYNCHRONOUS_COMMIT: Final = "SET LOCAL synchronous_commit TO off"


class Step(msgspec.Struct, frozen=True, kw_only=True):
    """What one batch did."""

    applied: int
    cursor: GlobalCursor
    caught_up: bool
    lost_race: bool = False


class _Chunk(NamedTuple):
    """What one transaction applies: the events after ``after`` up to ``to``."""

    after: GlobalCursor
    to: GlobalCursor
    records: Sequence[EventRecord]
    poison: Sequence[PoisonEvent | UnreadableRecord]
    """Events set aside in the same transaction: unreadable, or failed alone."""


class ProjectionRunner:
    """Applies the log to one projection's generations, batch by batch.

    A live generation takes at most ``batch_size`` events a batch, a rebuild
    ``rebuild_batch_size``.
    """

    def __init__(
        self,
        store: EventStore,
        catalog: ProjectionCatalog,
        projection: Projection,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        rebuild_batch_size: int = DEFAULT_REBUILD_BATCH_SIZE,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.projection = projection
        self._batch_size = batch_size
        self.rebuild_batch_size = rebuild_batch_size
        self._event_types = sorted(projection.event_types)
        self._classes = tuple(c for c in EVENT_CLASSES if event_type(c) in projection.event_types)
        self._rate = 0.0
        self._statistics_checked = -math.inf
        self._chunking = Chunking(max(batch_size, rebuild_batch_size), projection.cost)

    async def _read(self, after: GlobalCursor) -> RecordPage:
        return await read_record_page(
            self.store, after, limit=self._batch_size, event_types=self._event_types
        )

    async def step(self, generation: Generation, page: RecordPage | None = None) -> Step:
        """Apply the next batch after ``generation``'s checkpoint, checkpoint included.

        ``page``, read ahead, is used when it starts at the checkpoint; else it is read now.
        The page is applied in as many transactions as keep each one short (``Chunking``):
        readers of the log see no commit made after the oldest transaction still open, so
        one long batch would hide every new write from them.
        """
        started = time.perf_counter()
        if page is None or page.after != generation.cursor:
            page = await self._read(generation.cursor)
        caught_up = not page.full
        if page.next_cursor == generation.cursor:
            return Step(applied=0, cursor=generation.cursor, caught_up=True)
        records, cursor, done, applied = page.records, generation.cursor, 0, 0
        while True:
            end = self._chunking.end(records, done)
            to = page.next_cursor if end == len(records) else made_at(records[end - 1])
            unreadable = [u for u in page.unreadable if cursor < u.cursor <= to]
            if not await self._commit(
                generation, _Chunk(cursor, to, records[done:end], unreadable)
            ):
                return Step(applied=applied, cursor=cursor, caught_up=False, lost_race=True)
            applied += end - done + len(unreadable)
            cursor, done = to, end
            if done == len(records):
                break
            await self._refresh_statistics(generation.generation)
        elapsed = time.perf_counter() - started
        if records and elapsed > 0:
            rate = len(records) / elapsed
            self._rate = rate if self._rate == 0 else 0.8 * self._rate + 0.2 * rate
        return Step(applied=applied, cursor=cursor, caught_up=caught_up)

    async def _commit(self, generation: Generation, chunk: _Chunk) -> bool:
        """Apply ``chunk`` in one transaction that moves the checkpoint across it.

        Returns whether it moved: ``False`` when another runner moved it first. A chunk the
        projection fails on for a reason an event can cause (``THE_EVENTS_FAULT``) is applied
        again event by event, and each event it still fails on alone is set aside as poison.
        """
        try:
            return await self._transaction(generation, chunk)
        except THE_EVENTS_FAULT:
            if not chunk.records:
                raise
            logger.warning(
                "projection batch failed: applying it event by event",
                projection=self.projection.name,
                generation=generation.generation,
                events=len(chunk.records),
                exc_info=True,
            )
        return await self._isolate(generation, chunk)

    async def _isolate(self, generation: Generation, chunk: _Chunk) -> bool:
        """Apply ``chunk`` one event a transaction; set aside each one that fails alone."""
        cursor = chunk.after
        for item in sorted([*chunk.poison, *chunk.records], key=cursor_of):
            to = cursor_of(item)
            if isinstance(item, EventRecord):
                try:
                    moved = await self._transaction(generation, _Chunk(cursor, to, [item], []))
                except THE_EVENTS_FAULT as exc:
                    poisoned = [PoisonEvent.of(item, exc)]
                    moved = await self._transaction(generation, _Chunk(cursor, to, [], poisoned))
            else:
                moved = await self._transaction(generation, _Chunk(cursor, to, [], [item]))
            if not moved:
                return False
            cursor = to
        # A filtered page ends past its last event: the checkpoint goes there too.
        return cursor == chunk.to or await self._transaction(
            generation, _Chunk(cursor, chunk.to, [], [])
        )

    async def _transaction(self, generation: Generation, chunk: _Chunk) -> bool:
        """Apply ``chunk`` and move the checkpoint in one transaction; say whether it moved."""
        started = time.perf_counter()
        async with self.store.pool.connection() as connection, connection.transaction():
            await connection.execute(_ASYNCHRONOUS_COMMIT)
            # Moving the checkpoint first takes its row lock: a second runner of the same
            # generation waits here, then finds the checkpoint moved and gives way. The rate
            # it records is the one measured up to the batch before: this batch's would cost
            # a statement more per batch, and live batches are often a handful of events.
            moved = await connection.execute(
                """
                UPDATE projection_generations
                SET transaction_id = %s::xid8, position = %s,
                    events_applied = events_applied + %s, updated_at = clock_timestamp(),
                    events_per_second = coalesce(%s, events_per_second)
                WHERE name = %s AND generation = %s
                  AND transaction_id = %s::xid8 AND position = %s
                  AND state IN ('building', 'live')
                """,
                (
                    str(chunk.to.transaction_id),
                    chunk.to.position,
                    len(chunk.records) + len(chunk.poison),
                    self._rate or None,
                    self.projection.name,
                    generation.generation,
                    str(chunk.after.transaction_id),
                    chunk.after.position,
                ),
            )
            if moved.rowcount != 1:
                return False
            if chunk.poison:
                await set_aside(
                    connection, self.projection.name, generation.generation, chunk.poison
                )
            if chunk.records:
                await self.projection.apply(
                    connection,
                    self.projection.table_names(generation.generation),
                    chunk.records,
                    CheckpointMove(after=chunk.after, to=chunk.to),
                )
        self._chunking.took(chunk.records, time.perf_counter() - started)
        return True

    async def _refresh_statistics(self, generation: int) -> None:
        """ANALYZE the generation's tables that changed much since their last statistics.

        Tables built from zero have no statistics until autovacuum gets to them, and a
        table that starts growing late (claims kept as rows once incidents are merged)
        keeps the statistics of its first rows: the plans made on them (sequential scans
        for every lookup) made a rebuild quadratic. The rule is autovacuum's, tighter; it
        is checked at most once every ``_STATISTICS_EVERY_SECONDS``.
        """
        now = time.monotonic()
        if now - self._statistics_checked < _STATISTICS_EVERY_SECONDS:
            return
        self._statistics_checked = now
        tables = list(self.projection.table_names(generation).values())
        async with self.store.pool.connection() as connection:
            cursor = await connection.execute(_STALE_TABLES_SQL, (tables,))
            for (table,) in await cursor.fetchall():
                await connection.execute(
                    psycopg.sql.SQL("ANALYZE {}").format(psycopg.sql.Identifier(table))
                )

    async def catch_up(
        self,
        generation: Generation,
        on_step: Callable[[Generation], None] | None = None,
        pages: AsyncIterator[RecordPage] | None = None,
    ) -> Generation:
        """Apply batches until the generation has seen the whole visible log.

        ``pages`` is a pass over the log shared with other runners (``rebuild_together``);
        without it the runner reads its own, each page while the one before is folded.
        """
        if pages is not None:
            return await self._catch_up_from(generation, pages, on_step)
        async with LogPass(
            self.store,
            self.projection.event_types,
            generation.cursor,
            readers=1,
            batch_size=self._batch_size,
        ) as own:
            return await self._catch_up_from(generation, own.pages(0), on_step)

    async def _catch_up_from(
        self,
        generation: Generation,
        pages: AsyncIterator[RecordPage],
        on_step: Callable[[Generation], None] | None,
    ) -> Generation:
        async for page in pages:
            generation, caught_up = await self._apply_page(generation, page, on_step)
            if caught_up:
                return generation
        # The pass ended first: this runner lost a race for a batch and fell behind it.
        while True:
            generation, caught_up = await self._apply_page(generation, None, on_step)
            if caught_up:
                return generation

    async def _apply_page(
        self,
        generation: Generation,
        page: RecordPage | None,
        on_step: Callable[[Generation], None] | None,
    ) -> tuple[Generation, bool]:
        """One step with ``page``, or with a page read now.

        Returns the generation after it and whether it has caught up with the log.
        """
        if page is not None and any(
            not isinstance(record.event, self._classes) for record in page.records
        ):
            page = msgspec.structs.replace(
                page, records=tuple(r for r in page.records if isinstance(r.event, self._classes))
            )
        if page is not None and page.unreadable:
            types = self.projection.event_types
            page = msgspec.structs.replace(
                page, unreadable=tuple(u for u in page.unreadable if u.event_type in types)
            )
        step = await self.step(generation, page)
        refreshed = await self.catalog.get(self.projection.name, generation.generation)
        if refreshed is None:
            raise RuntimeError(f"generation {generation.generation} disappeared")
        await self._refresh_statistics(refreshed.generation)
        if on_step is not None:
            on_step(refreshed)
        return refreshed, step.caught_up and not step.lost_race

    async def run_live(self, listener: LogListener) -> None:
        """Keep the live generation current, forever; errors are logged and retried.

        Behind by more than a batch (after a restart, say), it first makes sure the log's
        planner statistics are fresh, as a rebuild does, at most once a minute: without them
        each page's query sorts every later event, and catching up takes quadratic time.
        """
        statistics_checked = -math.inf
        generation: Generation | None = None
        failures = 0
        while True:
            seen = listener.count
            try:
                generation, caught_up = await self._live_step(generation)
                if failures:
                    logger.info("projection resumed", projection=self.projection.name)
                failures = 0
                if caught_up:
                    await listener.wait(seen, _IDLE_POLL_SECONDS)
                elif time.monotonic() - statistics_checked > _STATISTICS_CHECK_SECONDS:
                    statistics_checked = time.monotonic()
                    if await self.store.refresh_statistics():
                        logger.info("log statistics refreshed", projection=self.projection.name)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - a worker must outlive a bad batch
                generation = None
                failures += 1
                await asyncio.sleep(await self._failed(exc, failures))

    async def _failed(self, exc: Exception, failures: int) -> float:
        """Log and record the ``failures``-th failure in a row; the seconds to wait."""
        unreachable = is_connection_failure(exc)
        if not unreachable:
            logger.error("projection batch failed", projection=self.projection.name, exc_info=exc)
        elif failures == 1:
            # Once an outage: it is retried every half second until the database is back.
            logger.warning(
                "projection waits for the database",
                projection=self.projection.name,
                error=f"{type(exc).__name__}: {exc}",
            )
        # Recording it needs the database too, which may be what failed: the worker must go
        # on either way.
        with contextlib.suppress(psycopg.Error, EventStoreError):
            live = await self.catalog.live(self.projection.name)
            if live is not None:
                await self.catalog.record_error(
                    self.projection.name, live.generation, f"{type(exc).__name__}: {exc}"
                )
        longest = _UNREACHABLE_RETRY_SECONDS if unreachable else _RETRY_SECONDS
        return float(min(longest, _FIRST_RETRY_SECONDS * 2 ** min(failures - 1, 8)))

    async def _live_step(self, generation: Generation | None) -> tuple[Generation | None, bool]:
        """One batch of the live generation; ``generation`` is this runner's copy of it.

        Returns the copy after the batch (``None``: read it again) and whether the log is
        caught up. The copy is read again only when a step finds it moved on: a step moves
        the checkpoint only from where the copy says it is, in a generation building or live.
        """
        if generation is None:
            generation = await self.catalog.live(self.projection.name)
            if generation is None:
                return None, True
        step = await self.step(generation)
        if step.lost_race:
            return None, False
        generation = msgspec.structs.replace(
            generation,
            cursor=step.cursor,
            events_applied=generation.events_applied + step.applied,
        )
        await self._refresh_statistics(generation.generation)
        return generation, step.caught_up
