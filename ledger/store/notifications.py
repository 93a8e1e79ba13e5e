"""Waking tailing readers: one coalescing NOTIFY sender, one LISTEN connection for all."""

from __future__ import annotations

import asyncio
import contextlib
import math
from typing import Any, Final

import psycopg
import structlog
from psycopg import sql
from psycopg_pool import AsyncConnectionPool, PoolClosed, PoolTimeout

from ledger.store.database import NOTIFY_CHANNEL

logger = structlog.get_logger(__name__)

_LISTEN: Final = sql.SQL("LISTEN {}").format(sql.Identifier(NOTIFY_CHANNEL))
_NOTIFY: Final = sql.SQL("NOTIFY {}").format(sql.Identifier(NOTIFY_CHANNEL))

_RECONNECT_SECONDS = 1.0
# How often the listening loop looks up from the socket to see whether it should stop:
# cancelling a task blocked inside psycopg's notifies() can hang its connection's close.
_CHECK_STOP_SECONDS = 0.25


class LogListener:
    """Counts NOTIFYs on the ledger's channel; readers wait for the count to move.

    A reader notes ``count`` before reading the log and, when it has caught up, waits for
    the count to pass what it noted: a notification that arrives between the read and the
    wait is therefore never missed. Losing the connection wakes every waiter (they re-read
    and fall back to polling) while it reconnects.
    """

    def __init__(self, conninfo: str, **connect_kwargs: Any) -> None:  # noqa: ANN401 - passed to psycopg as given
        self._conninfo = conninfo
        self._connect_kwargs = connect_kwargs
        self._count = 0
        self._changed: asyncio.Future[None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self._stopping = False

    @property
    def count(self) -> int:
        """Notifications seen so far."""
        return self._count

    async def start(self) -> None:
        """Connect and listen; returns once the first LISTEN is in place."""
        self._task = asyncio.create_task(self._listen(), name="ledger-log-listener")
        await self._connected.wait()

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        self._stopping = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def wait(self, seen: int, timeout: float) -> None:  # noqa: ASYNC109 - a poll bound, not a deadline
        """Return once more than ``seen`` notifications arrived, or after ``timeout`` seconds."""
        if self._count > seen:
            return
        if self._changed is None:
            self._changed = asyncio.get_running_loop().create_future()
        # asyncio.wait times out without cancelling anything. asyncio.timeout and wait_for
        # time out by cancelling, and on Python 3.11 a timeout that fires as the task is
        # cancelled from outside swallows that cancellation: a worker then never stops.
        await asyncio.wait({self._changed}, timeout=timeout)

    def _bump(self) -> None:
        self._count += 1
        # Every waiter shares one future; the next wait gets a fresh one.
        if self._changed is not None:
            self._changed.set_result(None)
            self._changed = None

    async def _listen(self) -> None:
        while not self._stopping:
            try:
                connection = await psycopg.AsyncConnection.connect(
                    self._conninfo, autocommit=True, **self._connect_kwargs
                )
                async with connection:
                    await connection.execute(_LISTEN)
                    self._connected.set()
                    while not self._stopping:
                        async for _ in connection.notifies(timeout=_CHECK_STOP_SECONDS):
                            self._bump()
            except psycopg.Error as exc:
                logger.warning("log listener lost its connection", error=str(exc))
                self._connected.set()  # waiters fall back to polling meanwhile
                self._bump()
                await asyncio.sleep(_RECONNECT_SECONDS)


class CommitNotifier:
    """Sends the NOTIFY that wakes tailing readers after appends commit, coalesced.

    At most one NOTIFY is in flight, and under load they are at least ``min_interval``
    seconds apart: appends that commit meanwhile share the next one. So an append returns
    without the extra round trip, and a busy ledger pays a bounded number of NOTIFYs (each is
    a transaction with a WAL flush of its own) while readers wait at most ``min_interval``
    longer. A commit after a quiet spell is notified at once. Sent in a transaction of its
    own, after the commit: inside the append's transaction it would hold PostgreSQL's global
    notify lock across the commit's WAL flush and serialise every concurrent append. A
    NOTIFY that fails is only logged: tailing readers also poll.
    """

    def __init__(self, pool: AsyncConnectionPool, *, min_interval: float = 0.01) -> None:
        self._pool = pool
        self._min_interval = min_interval
        self._pending = False
        self._sending: asyncio.Task[None] | None = None
        self._last_sent = -math.inf

    def committed(self) -> None:
        """Note that events committed; a NOTIFY follows shortly."""
        self._pending = True
        if self._sending is None or self._sending.done():
            self._sending = asyncio.get_running_loop().create_task(
                self._send(), name="ledger-commit-notifier"
            )

    async def flush(self) -> None:
        """Wait until every commit noted so far has been notified."""
        while self._sending is not None and not self._sending.done():
            await asyncio.shield(self._sending)

    async def _send(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            wait = self._last_sent + self._min_interval - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._pending = False
            self._last_sent = loop.time()
            try:
                async with self._pool.connection() as connection:
                    await connection.execute(_NOTIFY)
            except (psycopg.Error, PoolClosed, PoolTimeout) as exc:
                logger.warning("could not notify tailing readers", error=str(exc))
