"""Running every projection inside the service (or alone): live workers and rebuilds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Final

import structlog

from ledger.application.projection_admin import (
    GenerationStatus,
    ProjectionStatus,
    RebuildInProgressError,
    SetAside,
    UnknownProjectionError,
)
from ledger.projections.catalog import Generation, ProjectionCatalog
from ledger.projections.definition import Projection
from ledger.projections.facts import FactsProjection
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.poison import poison_events
from ledger.projections.rebuilds import (
    Progress,
    drop_abandoned_generations,
    ensure_live,
    rebuild_together,
)
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, GlobalCursor
from ledger.store.chain import Chain
from ledger.store.notifications import LogListener

logger = structlog.get_logger(__name__)

_LAG_COUNT_CAP: Final = 1_000_000
# The events a generation has still to apply: how many (up to the cap), and how long the
# first of them has waited since it was recorded.
_PENDING_SQL: Final = """
    SELECT count(*), extract(epoch FROM clock_timestamp() - min(recorded_at))::float8
    FROM (
        SELECT recorded_at FROM events
        WHERE (transaction_id, position) > (%(transaction_id)s::xid8, %(position)s)
          AND event_type = ANY(%(types)s)
        ORDER BY transaction_id, position
        LIMIT %(cap)s
    ) pending
"""
_STOP_ROUND_SECONDS: Final = 1.0


def default_projections(store: EventStore) -> list[Projection]:
    """Every projection the service keeps."""
    return [IncidentsProjection(store), FactsProjection()]


class ProjectionWorkers:
    """Keeps live generations and the hash chain current, and runs rebuilds, in the background."""

    def __init__(
        self,
        store: EventStore,
        projections: Sequence[Projection],
        listener: LogListener,
        chain: Chain | None = None,
    ) -> None:
        self._store = store
        self._chain = chain
        self._catalog = ProjectionCatalog(store.pool)
        self._listener = listener
        self._runners = {p.name: ProjectionRunner(store, self._catalog, p) for p in projections}
        self._tasks: list[asyncio.Task[None]] = []
        self._rebuilds: dict[str, asyncio.Task[list[Generation]]] = {}

    @property
    def store(self) -> EventStore:
        """The store the workers fold."""
        return self._store

    @property
    def projections(self) -> list[Projection]:
        """The projections these workers run."""
        return [runner.projection for runner in self._runners.values()]

    @property
    def names(self) -> list[str]:
        """Every projection's name."""
        return list(self._runners)

    async def set_aside(self) -> list[SetAside]:
        """Every event a building or live generation could not apply, in log order."""
        return await poison_events(self._store.pool)

    def projection(self, name: str) -> Projection:
        """The projection called ``name``."""
        runner = self._runners.get(name)
        if runner is None:
            raise UnknownProjectionError(name)
        return runner.projection

    async def prepare(self) -> list[str]:
        """Give new projections a live generation; return those whose version changed.

        Generations a killed rebuild left building are dropped first.
        """
        await drop_abandoned_generations(self._store, self.projections)
        return [
            runner.projection.name
            for runner in self._runners.values()
            if await ensure_live(self._catalog, runner.projection)
        ]

    async def start(self) -> None:
        """Start every worker: one per projection, the chain's sealer, any rebuild due."""
        changed = await self.prepare()
        if changed:
            logger.info("projection versions changed: rebuilding", projections=changed)
            self.start_rebuild(changed)
        for runner in self._runners.values():
            self._tasks.append(
                asyncio.create_task(
                    runner.run_live(self._listener), name=f"projection-{runner.projection.name}"
                )
            )
        if self._chain is not None:
            self._tasks.append(
                asyncio.create_task(self._chain.run(self._listener), name="ledger-sealer")
            )

    async def stop(self) -> None:
        """Stop every worker and rebuild; a stopped rebuild leaves the live generation serving."""
        pending = {*self._tasks, *self._rebuilds.values()}
        while pending:
            # Cancelled again each round: on Python 3.11 a timeout inside asyncio or
            # psycopg_pool that fires together with a cancellation swallows it.
            for task in pending:
                task.cancel()
            _, pending = await asyncio.wait(pending, timeout=_STOP_ROUND_SECONDS)
        self._tasks.clear()
        self._rebuilds.clear()

    def start_rebuild(
        self, names: Sequence[str], on_progress: Callable[[Progress], None] | None = None
    ) -> asyncio.Task[list[Generation]]:
        """Rebuild projections in the background, in one pass over the log.

        Their live generations serve meanwhile. Raises ``UnknownProjectionError`` or
        ``RebuildInProgressError`` before anything starts.
        """
        runners = []
        for name in dict.fromkeys(names):
            runner = self._runners.get(name)
            if runner is None:
                raise UnknownProjectionError(name)
            running = self._rebuilds.get(name)
            if running is not None and not running.done():
                raise RebuildInProgressError(f"{name} is being rebuilt already")
            runners.append(runner)
        task = asyncio.create_task(
            rebuild_together(runners, on_progress),
            name=f"rebuild-{'+'.join(r.projection.name for r in runners)}",
        )
        for runner in runners:
            self._rebuilds[runner.projection.name] = task
        task.add_done_callback(self._log_rebuild_end)
        return task

    @staticmethod
    def _log_rebuild_end(task: asyncio.Task[list[Generation]]) -> None:
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            logger.error("projection rebuild failed", task=task.get_name(), exc_info=error)

    async def status(self) -> list[ProjectionStatus]:
        """Position, lag, state and rate of every projection's generations."""
        head = await self._store.head()
        statuses = []
        for runner in self._runners.values():
            projection = runner.projection
            generations = await self._catalog.generations(projection.name)
            reported = [
                await self._generation_status(projection, generation, head)
                for generation in generations
            ]
            building = any(g.state == "building" for g in generations)
            live = any(g.state == "live" for g in generations)
            state = "rebuilding" if building else ("live" if live else "empty")
            statuses.append(
                ProjectionStatus(
                    name=projection.name,
                    version=projection.version,
                    state=state,
                    generations=reported,
                )
            )
        return statuses

    async def _generation_status(
        self, projection: Projection, generation: Generation, head: GlobalCursor
    ) -> GenerationStatus:
        lag, waited = 0, 0.0
        async with self._store.pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT count(*) FROM projection_poison WHERE name = %s AND generation = %s",
                (projection.name, generation.generation),
            )
            row = await cursor.fetchone()
            poisoned = int(row[0]) if row else 0
            if generation.cursor < head:
                cursor = await connection.execute(
                    _PENDING_SQL,
                    {
                        "transaction_id": str(generation.cursor.transaction_id),
                        "position": generation.cursor.position,
                        "types": sorted(projection.event_types),
                        "cap": _LAG_COUNT_CAP,
                    },
                )
                row = await cursor.fetchone()
                if row is not None and row[0]:
                    lag, waited = int(row[0]), max(float(row[1]), 0.0)
        return GenerationStatus(
            generation=generation.generation,
            version=generation.version,
            state=generation.state,
            position=generation.cursor.encode(),
            events_applied=generation.events_applied,
            events_per_second=round(generation.events_per_second, 1),
            lag_events=lag,
            lag_capped=lag >= _LAG_COUNT_CAP,
            lag_seconds=round(waited, 3),
            poison_events=poisoned,
            last_error=generation.last_error,
            started_at=generation.started_at,
            updated_at=generation.updated_at,
        )
