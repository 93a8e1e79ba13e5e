"""What an operator watches, and whether the service is ready by it.

How far the read side and the sealer are behind, what holds readers back, and the pool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ledger.store.long_transactions import oldest_transaction

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool

    from ledger.application.projection_admin import ProjectionAdmin
    from ledger.store.chain import Chain


class ProjectionLag(msgspec.Struct, frozen=True, kw_only=True):
    """How far a projection's live generation is behind the log."""

    projection: str
    events: int
    """Events it has still to apply (counted up to a cap)."""
    seconds: float
    """How long the first of them has waited since it was recorded."""


class PoolUse(msgspec.Struct, frozen=True, kw_only=True):
    """The connection pool of this process."""

    connections: int
    idle: int
    max_connections: int
    requests_waiting: int


class Vitals(msgspec.Struct, frozen=True, kw_only=True):
    """The figures ``/metrics`` exposes and readiness is judged on, measured now."""

    projections: list[ProjectionLag]
    sealer_backlog_events: int
    sealer_backlog_seconds: float
    sealing: str
    """``ok``, or why this process's sealer stopped (``ledger verify``)."""
    oldest_transaction_seconds: float | None
    """How long the oldest transaction holding an id has been open: readers see nothing
    committed after it began. ``null`` when there is none."""
    pool: PoolUse


class ReadinessLimits(msgspec.Struct, frozen=True, kw_only=True):
    """How far behind the service may be and still take traffic (``LEDGER_READY_*``)."""

    projection_lag_seconds: float
    sealer_lag_seconds: float
    held_back_seconds: float


class Readiness(msgspec.Struct, frozen=True, kw_only=True):
    """Whether the service is ready, and why not."""

    ready: bool
    reasons: list[str]
    vitals: Vitals


class VitalSigns:
    """Measures ``Vitals`` from the database and judges readiness by ``limits``."""

    def __init__(
        self,
        pool: AsyncConnectionPool,
        projections: ProjectionAdmin,
        chain: Chain,
        limits: ReadinessLimits,
    ) -> None:
        self._pool = pool
        self._projections = projections
        self._chain = chain
        self._limits = limits

    async def measure(self) -> Vitals:
        """Every figure, read now."""
        lags = [
            ProjectionLag(
                projection=status.name, events=generation.lag_events, seconds=generation.lag_seconds
            )
            for status in await self._projections.status()
            for generation in status.generations
            if generation.state == "live"
        ]
        backlog = await self._chain.backlog()
        oldest = await oldest_transaction(self._pool)
        stats = self._pool.get_stats()
        return Vitals(
            projections=lags,
            sealer_backlog_events=backlog.events,
            sealer_backlog_seconds=round(backlog.seconds, 3),
            sealing="ok" if self._chain.stopped is None else f"stopped: {self._chain.stopped}",
            oldest_transaction_seconds=None if oldest is None else round(oldest.seconds, 3),
            pool=PoolUse(
                connections=stats.get("pool_size", 0),
                idle=stats.get("pool_available", 0),
                max_connections=self._pool.max_size,
                requests_waiting=stats.get("requests_waiting", 0),
            ),
        )

    async def readiness(self) -> Readiness:
        """Ready unless something is further behind than its limit; each reason named."""
        vitals = await self.measure()
        limits = self._limits
        reasons = [
            f"projection {lag.projection} is {lag.seconds:.1f} s behind the log"
            f" ({lag.events} events; limit {limits.projection_lag_seconds:g} s)"
            for lag in vitals.projections
            if lag.seconds > limits.projection_lag_seconds
        ]
        if vitals.sealer_backlog_seconds > limits.sealer_lag_seconds:
            reasons.append(
                f"the sealer is {vitals.sealer_backlog_seconds:.1f} s behind the log"
                f" ({vitals.sealer_backlog_events} events; limit {limits.sealer_lag_seconds:g} s)"
            )
        if vitals.sealing != "ok":
            reasons.append(f"sealing {vitals.sealing}")
        held = vitals.oldest_transaction_seconds
        if held is not None and held > limits.held_back_seconds:
            reasons.append(
                f"a transaction open for {held:.1f} s holds every reader of the log back"
                f" (limit {limits.held_back_seconds:g} s)"
            )
        return Readiness(ready=not reasons, reasons=reasons, vitals=vitals)
