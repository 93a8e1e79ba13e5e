"""Rebuilding projections: new generations built in one pass over the log, then made live."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from typing import Any, Final, TypeVar

import msgspec
import structlog

from ledger.application.projection_admin import RebuildInProgressError
from ledger.projections.catalog import Generation, ProjectionCatalog
from ledger.projections.collector import collector_for_a_pass
from ledger.projections.definition import Projection
from ledger.projections.log_pass import LogPass
from ledger.projections.runner import ProjectionRunner
from ledger.store import START_OF_LOG, EventStore

logger = structlog.get_logger(__name__)

_T = TypeVar("_T")

# Advisory locks are per database: the schema tells two ledgers in one apart.
_LOCK_KEY: Final = "hashtext('ledger-rebuild'), hashtext(current_schema() || '.' || %s)"
_TRY_LOCK_SQL: Final = f"SELECT pg_try_advisory_lock({_LOCK_KEY})"
_UNLOCK_SQL: Final = f"SELECT pg_advisory_unlock({_LOCK_KEY})"


class Progress(msgspec.Struct, frozen=True, kw_only=True):
    """How far a rebuild has come."""

    done: int
    total: int
    events_per_second: float
    seconds_left: float | None


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
    store, catalog = runners[0].store, runners[0].catalog
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
            batch_size=min(runner.rebuild_batch_size for runner in runners),
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
