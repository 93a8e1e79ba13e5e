"""Failing fast while the database is down, and noticing at once when it is back.

Once a request meets a lost connection or an exhausted pool, the circuit opens: requests are
refused at once (no thirty-second waits for a pool that cannot fill) while a probe tries a
fresh connection every ``probe_seconds``. When one succeeds, the pool drops its broken
connections and makes new ones, and the circuit closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Final

import psycopg
import structlog

from ledger.store.database import LedgerPool
from ledger.store.errors import DatabaseUnavailableError

logger = structlog.get_logger(__name__)

PROBE_SECONDS: Final = 0.5
_CONNECT_TIMEOUT_SECONDS: Final = 2


class DatabaseCircuit:
    """Open while the database is unreachable; closed otherwise."""

    def __init__(self, pool: LedgerPool, *, probe_seconds: float = PROBE_SECONDS) -> None:
        self._pool = pool
        self._probe_seconds = probe_seconds
        self._probing: asyncio.Task[None] | None = None
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        """Whether requests should be refused without trying the database."""
        return self._opened_at is not None

    def trip(self, failure: BaseException) -> None:
        """Open the circuit after ``failure`` (a lost connection, a pool that cannot fill)."""
        if self._opened_at is not None:
            return
        self._opened_at = time.monotonic()
        self._pool.unreachable = True
        logger.warning(
            "database unreachable: refusing requests until it answers", error=str(failure)
        )
        self._probing = asyncio.get_running_loop().create_task(
            self._probe(), name="ledger-database-probe"
        )

    async def _probe(self) -> None:
        conninfo, kwargs = self._pool.conninfo, self._pool.kwargs
        options = {
            **(kwargs if isinstance(kwargs, dict) else {}),
            "connect_timeout": _CONNECT_TIMEOUT_SECONDS,
        }
        while True:
            await asyncio.sleep(self._probe_seconds)
            try:
                connection = await psycopg.AsyncConnection.connect(str(conninfo), **options)
            except psycopg.Error:
                continue
            await connection.close()
            self._pool.unreachable = False
            # Connections made before the outage are broken: replaced now, not one failed
            # request each.
            with contextlib.suppress(psycopg.Error):
                await self._pool.check()
            down = time.monotonic() - (self._opened_at or time.monotonic())
            self._opened_at = None
            logger.info("database answers again", seconds_unreachable=round(down, 2))
            return

    async def close(self) -> None:
        """Stop probing; the pool takes requests again."""
        self._pool.unreachable = False
        if self._probing is not None:
            self._probing.cancel()
            await asyncio.gather(self._probing, return_exceptions=True)


def is_connection_failure(failure: BaseException) -> bool:
    """Whether ``failure`` says the database cannot be reached, not that a statement failed.

    ``DatabaseUnavailableError`` is one: the pool raises it at once while the circuit knows
    the database is unreachable.
    """
    if isinstance(failure, DatabaseUnavailableError):
        return True
    if not isinstance(failure, psycopg.OperationalError | psycopg.InterfaceError):
        return False
    sqlstate = getattr(failure, "sqlstate", None)
    # No SQLSTATE: the connection broke or never opened (a pool timeout among them). Class 08
    # is a connection exception; 57P01-57P03, the server shutting down or starting up.
    return sqlstate is None or sqlstate.startswith(("08", "57P"))
