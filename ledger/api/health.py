"""Liveness and readiness of the service and its database."""

from __future__ import annotations

from typing import Any

import msgspec
import psycopg
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.exceptions import ServiceUnavailableException

from ledger.store import EventStore
from ledger.store.chain import Chain
from ledger.store.long_transactions import LongTransactionWatch


class Health(msgspec.Struct, frozen=True, kw_only=True):
    """The service answers and its database does too."""

    status: str
    database: str
    oldest_transaction_seconds: float | None
    """How long the oldest transaction open on the server has held readers back, as last
    measured; ``null`` when none was."""
    sealing: str
    """``ok``, or why the sealer stopped: the log disagrees with its chain (``ledger verify``)."""


@get("/health", summary="Service and database health", tags=["operations"])
async def health(request: Request[Any, Any, Any], store: NamedDependency[EventStore]) -> Health:
    """Answer 200 when the database answers a query, 503 otherwise."""
    try:
        async with store.pool.connection(timeout=2.0) as connection:
            await connection.execute("SELECT 1")
    except (psycopg.Error, TimeoutError) as exc:
        raise ServiceUnavailableException(
            detail=f"the database does not answer ({type(exc).__name__})",
            headers={"Retry-After": "5"},
        ) from exc
    watch: LongTransactionWatch = request.app.state.long_transactions
    chain: Chain = request.app.state.chain
    oldest = watch.latest
    return Health(
        status="ok",
        database="ok",
        oldest_transaction_seconds=None if oldest is None else round(oldest.seconds, 3),
        sealing="ok" if chain.stopped is None else f"stopped: {chain.stopped}",
    )
