"""Folding the log into a projection: one batch, one transaction, one checkpoint move."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Sequence
from typing import Any, Final, NamedTuple, Self, TypeVar

import msgspec
import psycopg
import psycopg.sql
import structlog

from ledger.application.projection_admin import RebuildInProgressError
from ledger.domain.events import EVENT_CLASSES, event_type
from ledger.domain.records import EventRecord
from ledger.mapping import RecordPage, UnreadableRecord, read_record_page
from ledger.projections.catalog import Generation, ProjectionCatalog
from ledger.projections.chunking import Chunking
from ledger.projections.collector import collector_for_a_pass
from ledger.projections.definition import CheckpointMove, Projection
from ledger.projections.poison import THE_EVENTS_FAULT, PoisonEvent, cursor_of, set_aside
from ledger.projections.temporal import made_at
from ledger.store import (
    START_OF_LOG,
    EventStore,
    EventStoreError,
    GlobalCursor,
)
from ledger.store.circuit import is_connection_failure
from ledger.store.notifications import LogListener

logger = structlog.get_logger(__name__)

_T = TypeVar("_T")

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
_PAGES_AHEAD: Final = 2
# Advisory locks are per database: the schema tells two ledgers in one apart.
_LOCK_KEY: Final = "hashtext('ledger-rebuild'), hashtext(current_schema() || '.' || %s)"
# A projection's transaction moves its checkpoint with its rows: lost in a crash, both are
# lost together and the events are applied again. Waiting for each commit's WAL flush bought
# nothing, and short transactions made it most of a rebuild's time (docs/performance.md).
_ASYNCHRONOUS_COMMIT: Final = "SET LOCAL synchronous_commit TO off"
_TRY_LOCK_SQL: Final = f"SELECT pg_try_advisory_lock({_LOCK_KEY})"
_UNLOCK_SQL: Final = f"SELECT pg_advisory_unlock({_LOCK_KEY})"


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


class Progress(msgspec.Struct, frozen=True, kw_only=True):
    """How far a rebuild has come."""

    done: int
    total: int
    events_per_second: float
    seconds_left: float | None


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
        self._store = store
        self._catalog = catalog
        self.projection = projection
        self._batch_size = batch_size
        self._rebuild_batch_size = rebuild_batch_size
        self._event_types = sorted(projection.event_types)
        self._classes = tuple(c for c in EVENT_CLASSES if event_type(c) in projection.event_types)
        self._rate = 0.0
        self._statistics_checked = -math.inf
        self._chunking = Chunking(max(batch_size, rebuild_batch_size), projection.cost)

    async def _read(self, after: GlobalCursor) -> RecordPage:
        return await read_record_page(
            self._store, after, limit=self._batch_size, event_types=self._event_types
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
        async with self._store.pool.connection() as connection, connection.transaction():
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
        async with self._store.pool.connection() as connection:
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
            self._store,
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
        refreshed = await self._catalog.get(self.projection.name, generation.generation)
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
                failures = 0
                if caught_up:
                    await listener.wait(seen, _IDLE_POLL_SECONDS)
                elif time.monotonic() - statistics_checked > _STATISTICS_CHECK_SECONDS:
                    statistics_checked = time.monotonic()
                    if await self._store.refresh_statistics():
                        logger.info("log statistics refreshed", projection=self.projection.name)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a worker must outlive a bad batch
                generation = None
                logger.exception("projection batch failed", projection=self.projection.name)
                # Recording it needs the database too, which may be what failed: the worker
                # must go on either way.
                with contextlib.suppress(psycopg.Error, EventStoreError):
                    live = await self._catalog.live(self.projection.name)
                    if live is not None:
                        await self._catalog.record_error(
                            self.projection.name, live.generation, f"{type(exc).__name__}: {exc}"
                        )
                failures += 1
                longest = (
                    _UNREACHABLE_RETRY_SECONDS if is_connection_failure(exc) else _RETRY_SECONDS
                )
                await asyncio.sleep(min(longest, _FIRST_RETRY_SECONDS * 2 ** min(failures - 1, 8)))

    async def _live_step(self, generation: Generation | None) -> tuple[Generation | None, bool]:
        """One batch of the live generation; ``generation`` is this runner's copy of it.

        Returns the copy after the batch (``None``: read it again) and whether the log is
        caught up. The copy is read again only when a step finds it moved on: a step moves
        the checkpoint only from where the copy says it is, in a generation building or live.
        """
        if generation is None:
            generation = await self._catalog.live(self.projection.name)
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

    async def rebuild(self, on_progress: Callable[[Progress], None] | None = None) -> Generation:
        """Build a new generation from the start of the log, then make it live.

        The live generation keeps serving readers until the new one has caught up; the swap
        is one transaction. Only one rebuild of a projection runs at a time.
        """
        (built,) = await rebuild_together([self], on_progress)
        return built


class LogPass:
    """One pass over the log from ``after``, page by page, for runners folding side by side.

    Each page is read and decoded once, while the runners fold the pages before it. A
    runner more than ``_PAGES_AHEAD`` pages behind holds the reading back, which bounds the
    memory the pass takes. Reading starts on entering the context and stops on leaving it;
    each runner iterates its own ``pages``, which raise what stopped the reading, if
    anything did before their end.
    """

    def __init__(
        self,
        store: EventStore,
        event_types: Iterable[str],
        after: GlobalCursor,
        *,
        readers: int,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self._store = store
        self._event_types = sorted(set(event_types))
        self._after = after
        self._batch_size = batch_size
        self._queues: list[asyncio.Queue[RecordPage | None]] = [
            asyncio.Queue(_PAGES_AHEAD) for _ in range(readers)
        ]
        self._reading: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        """Start reading."""
        self._reading = asyncio.create_task(self._read(), name="ledger-log-pass")
        return self

    async def __aexit__(self, *_: object) -> None:
        """Stop reading, wherever it got to."""
        if self._reading is not None:
            # Also when a runner stopped early: the reading may wait for it to take a page.
            # A failure of the reading is the pages' to raise, to the runners that read on.
            self._reading.cancel()
            await asyncio.gather(self._reading, return_exceptions=True)

    async def _read(self) -> None:
        after = self._after
        while True:
            page = await read_record_page(
                self._store, after, limit=self._batch_size, event_types=self._event_types
            )
            for queue in self._queues:
                await queue.put(page)
            if not page.full:
                break
            after = page.next_cursor
        for queue in self._queues:
            await queue.put(None)

    async def pages(self, reader: int) -> AsyncIterator[RecordPage]:
        """The pages for reader number ``reader``, in log order."""
        queue = self._queues[reader]
        while (page := await self._next(queue)) is not None:
            yield page

    async def _next(self, queue: asyncio.Queue[RecordPage | None]) -> RecordPage | None:
        if not queue.empty():
            return queue.get_nowait()
        reading = self._reading
        if reading is None:
            raise RuntimeError("the pass over the log has not started")
        getting = asyncio.ensure_future(queue.get())
        try:
            await asyncio.wait({getting, reading}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            got = getting.done()
            if not got:
                getting.cancel()
        if got:
            return getting.result()
        # The reading ended without handing this reader its last page: it failed.
        failure = None if reading.cancelled() else reading.exception()
        raise failure or RuntimeError("the pass over the log stopped before its end")


async def _side_by_side(folds: Sequence[Coroutine[Any, Any, _T]]) -> list[_T]:
    """Run ``folds`` concurrently; the first to fail cancels the others, which are awaited."""
    tasks = [asyncio.create_task(fold) for fold in folds]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in tasks:
        failure = None if task.cancelled() else task.exception()
        if failure is not None:
            raise failure
    return [task.result() for task in tasks]


async def rebuild_together(
    runners: Sequence[ProjectionRunner], on_progress: Callable[[Progress], None] | None = None
) -> list[Generation]:
    """Rebuild several projections in one pass over the log, then make each new generation live.

    Reading and decoding the log was most of a rebuild's own work (docs/performance.md):
    the projections share it and fold side by side. If a fold fails, none goes live and
    every new generation is dropped; the live ones keep serving throughout.
    """
    store, catalog = runners[0]._store, runners[0]._catalog  # noqa: SLF001 - same class
    async with rebuild_locks(store, [runner.projection.name for runner in runners]):
        for runner in runners:
            await catalog.drop_abandoned(runner.projection)
        with collector_for_a_pass():
            return await _rebuild(store, runners, catalog, on_progress)


@contextlib.asynccontextmanager
async def rebuild_locks(store: EventStore, names: Sequence[str]) -> AsyncIterator[None]:
    """Hold the rebuild lock of each projection in ``names``, or raise ``RebuildInProgressError``.

    Session-level advisory locks: they hold no transaction open, and a killed rebuild's
    connection lets them go.
    """
    async with store.pool.connection() as lock_connection:
        held: list[str] = []
        try:
            for name in names:
                cursor = await lock_connection.execute(_TRY_LOCK_SQL, (name,))
                row = await cursor.fetchone()
                if row is None or not row[0]:
                    raise RebuildInProgressError(f"{name} is being rebuilt already")
                held.append(name)
            yield
        finally:
            for name in held:
                await lock_connection.execute(_UNLOCK_SQL, (name,))


async def drop_abandoned_generations(store: EventStore, projections: Sequence[Projection]) -> None:
    """Drop the generations a rebuild left building when it was killed, where none runs now."""
    catalog = ProjectionCatalog(store.pool)
    for projection in projections:
        try:
            async with rebuild_locks(store, [projection.name]):
                await catalog.drop_abandoned(projection)
        except RebuildInProgressError:
            continue


async def _rebuild(
    store: EventStore,
    runners: Sequence[ProjectionRunner],
    catalog: ProjectionCatalog,
    on_progress: Callable[[Progress], None] | None,
) -> list[Generation]:
    generations: list[Generation] = []
    made_live: set[str] = set()
    if await store.refresh_statistics():
        logger.info("log statistics refreshed before the rebuild")
    try:
        for runner in runners:
            await catalog.register(runner.projection)
            generations.append(await catalog.create_generation(runner.projection))
        total = await _events_to_apply(store, runners)
        started = time.perf_counter()
        applied = [0] * len(runners)

        def reporter(index: int) -> Callable[[Generation], None]:
            def report(built: Generation) -> None:
                applied[index] = built.events_applied
                if on_progress is not None:
                    on_progress(_progress(sum(applied), total, started))

            return report

        async with LogPass(
            store,
            set().union(*(runner.projection.event_types for runner in runners)),
            START_OF_LOG,
            readers=len(runners),
            batch_size=min(runner._rebuild_batch_size for runner in runners),  # noqa: SLF001
        ) as log:
            caught_up = await _side_by_side(
                [
                    runner.catch_up(generation, reporter(index), log.pages(index))
                    for index, (runner, generation) in enumerate(
                        zip(runners, generations, strict=True)
                    )
                ]
            )
        for runner, generation in zip(runners, caught_up, strict=True):
            await catalog.make_live(runner.projection, generation.generation)
            made_live.add(runner.projection.name)
    except BaseException as exc:
        await _abandon(catalog, runners, generations, made_live, exc)
        raise
    built = []
    for runner, generation in zip(runners, generations, strict=True):
        live = await catalog.get(runner.projection.name, generation.generation)
        assert live is not None  # noqa: S101
        logger.info(
            "projection rebuilt",
            projection=runner.projection.name,
            generation=live.generation,
            events=live.events_applied,
            seconds=round(time.perf_counter() - started, 2),
        )
        built.append(live)
    return built


async def _events_to_apply(store: EventStore, runners: Sequence[ProjectionRunner]) -> int:
    """How many events the runners will apply in all, counted in one scan of the log."""
    async with store.pool.connection() as connection:
        cursor = await connection.execute("SELECT event_type, count(*) FROM events GROUP BY 1")
        by_type: dict[str, int] = dict(await cursor.fetchall())
    return sum(by_type.get(t, 0) for runner in runners for t in runner.projection.event_types)


async def _abandon(
    catalog: ProjectionCatalog,
    runners: Sequence[ProjectionRunner],
    generations: Sequence[Generation],
    made_live: set[str],
    failure: BaseException,
) -> None:
    """Mark the new generations failed and drop them, but any already made live."""
    error = f"{type(failure).__name__}: {failure}"
    for runner, generation in zip(runners, generations, strict=False):
        # Made live before another one's swap failed: it serves now, complete.
        if runner.projection.name not in made_live:
            await catalog.mark_failed(runner.projection.name, generation.generation, error)
            await catalog.drop_generation(runner.projection, generation.generation)


def _progress(done: int, total: int, started: float) -> Progress:
    elapsed = time.perf_counter() - started
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate > 0 and total > done else (0.0 if total <= done else None)
    return Progress(done=done, total=max(total, done), events_per_second=rate, seconds_left=left)


async def ensure_live(catalog: ProjectionCatalog, projection: Projection) -> bool:
    """Give a new projection an empty live generation; say whether a rebuild is due.

    A projection never built goes live at once and fills as its worker runs; one whose
    live generation was built by another version needs a rebuild, and until then gets the
    tables that version did not have, for this one keeps it current.
    """
    await catalog.register(projection)
    live = await catalog.live(projection.name)
    if live is None:
        generation = await catalog.create_generation(projection)
        await catalog.make_live(projection, generation.generation)
        return False
    if live.version == projection.version:
        return False
    await catalog.add_missing_tables(projection, live)
    return True
