"""Whether the service can serve: its database, readers held back, the chain's sealer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
import psycopg

from ledger.store.circuit import DatabaseCircuit, is_connection_failure
from ledger.store.errors import DatabaseUnavailableError

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool

    from ledger.store.chain import Chain
    from ledger.store.long_transactions import LongTransactionWatch

_PING_SECONDS = 2.0


class Health(msgspec.Struct, frozen=True, kw_only=True):
    """The service answers and its database does too."""

    status: str
    database: str
    oldest_transaction_seconds: float | None
    """How long the oldest transaction open on the server has held readers back, as last
    measured; ``null`` when none was."""
    sealing: str
    """``ok``, or why the sealer stopped: the log disagrees with its chain (``ledger verify``)."""
    signing: str
    """``ok``, or why checkpoints cannot be signed now (the key file cannot be read)."""


class HealthCheck:
    """Answers ``Health``, or raises ``DatabaseUnavailableError`` when the database does not."""

    def __init__(
        self,
        pool: AsyncConnectionPool,
        long_transactions: LongTransactionWatch,
        chain: Chain,
        circuit: DatabaseCircuit,
    ) -> None:
        self._pool = pool
        self._long_transactions = long_transactions
        self._chain = chain
        self.circuit = circuit

    async def check(self) -> Health:
        """Ping the database and report what holds the service back."""
        try:
            async with self._pool.connection(timeout=_PING_SECONDS) as connection:
                await connection.execute("SELECT 1")
        except (psycopg.Error, TimeoutError) as exc:
            raise DatabaseUnavailableError(
                f"the database does not answer ({type(exc).__name__})"
            ) from exc
        oldest = self._long_transactions.latest
        return Health(
            status="ok",
            database="ok",
            oldest_transaction_seconds=None if oldest is None else round(oldest.seconds, 3),
            sealing="ok" if self._chain.stopped is None else f"stopped: {self._chain.stopped}",
            signing="ok" if self._chain.signing_failed is None else self._chain.signing_failed,
        )


__all__ = ["DatabaseCircuit", "Health", "HealthCheck", "is_connection_failure"]
