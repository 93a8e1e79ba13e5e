"""Liveness and readiness of the service and its database."""

from __future__ import annotations

import msgspec
import psycopg
from litestar import get
from litestar.di import NamedDependency
from litestar.exceptions import ServiceUnavailableException

from ledger.store import EventStore


class Health(msgspec.Struct, frozen=True, kw_only=True):
    """The service answers and its database does too."""

    status: str
    database: str


@get("/health", summary="Service and database health", tags=["operations"])
async def health(store: NamedDependency[EventStore]) -> Health:
    """Answer 200 when the database answers a query, 503 otherwise."""
    try:
        async with store.pool.connection(timeout=2.0) as connection:
            await connection.execute("SELECT 1")
    except (psycopg.Error, TimeoutError) as exc:
        raise ServiceUnavailableException(
            detail=f"the database does not answer ({type(exc).__name__})",
            headers={"Retry-After": "5"},
        ) from exc
    return Health(status="ok", database="ok")
