"""Liveness and readiness of the service and its database."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency

from ledger.application.health import Health, HealthCheck


@get("/health", summary="Service and database health", tags=["operations"])
async def health(health_check: NamedDependency[HealthCheck]) -> Health:
    """Answer 200 when the database answers a query, 503 problem+json otherwise."""
    return await health_check.check()
