"""Watching for long transactions: each one hides every later commit from readers.

Readers of the log see no commit made after the oldest transaction still open on the
server (docs/architecture.md, "Gap-free global order"). A transaction that holds an id for
seconds (a stuck batch, a forgotten session in psql) holds every reader, live projection
and stream back for as long. The watcher measures the oldest one it may see, logs it while
it lasts past a bound, and keeps the figure for ``/health``.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Final

import msgspec
import psycopg
import structlog
from psycopg_pool import AsyncConnectionPool

logger = structlog.get_logger(__name__)

WARN_AFTER_SECONDS: Final = 5.0
CHECK_EVERY_SECONDS: Final = 5.0

# Transactions with an id only: one that has written nothing holds no reader back. The
# function (migration 0010) reads pg_stat_activity with the migrating user's rights.
_OLDEST_SQL: Final = (
    "SELECT pid, seconds, usename, application_name, state FROM oldest_transaction()"
)


class OldestTransaction(msgspec.Struct, frozen=True, kw_only=True):
    """The oldest open transaction holding an id on the ledger's server."""

    pid: int
    seconds: float
    user: str | None
    application: str | None
    state: str | None


async def oldest_transaction(pool: AsyncConnectionPool) -> OldestTransaction | None:
    """The oldest open transaction with an id this role may see, if any."""
    async with pool.connection() as connection:
        cursor = await connection.execute(_OLDEST_SQL)
        row = await cursor.fetchone()
    if row is None:
        return None
    return OldestTransaction(
        pid=row[0], seconds=float(row[1]), user=row[2], application=row[3], state=row[4]
    )


class LongTransactionWatch:
    """Measure the oldest transaction now and then; warn while it is older than the bound."""

    def __init__(
        self,
        pool: AsyncConnectionPool,
        *,
        warn_after_seconds: float = WARN_AFTER_SECONDS,
        check_every_seconds: float = CHECK_EVERY_SECONDS,
    ) -> None:
        self._pool = pool
        self._warn_after = warn_after_seconds
        self._check_every = check_every_seconds
        self.latest: OldestTransaction | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start watching in the background."""
        self._task = asyncio.get_running_loop().create_task(
            self._watch(), name="ledger-long-transactions"
        )

    async def _watch(self) -> None:
        while True:
            with contextlib.suppress(psycopg.Error):
                self.latest = oldest = await oldest_transaction(self._pool)
                if oldest is not None and oldest.seconds > self._warn_after:
                    logger.warning(
                        "a long transaction holds readers back",
                        pid=oldest.pid,
                        seconds=round(oldest.seconds, 1),
                        user=oldest.user,
                        application=oldest.application,
                        state=oldest.state,
                    )
            await asyncio.sleep(self._check_every)

    async def stop(self) -> None:
        """Stop watching."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
