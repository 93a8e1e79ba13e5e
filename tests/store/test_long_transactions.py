"""A transaction left open is measured, and logged while it lasts."""

from __future__ import annotations

import asyncio

import psycopg
from psycopg_pool import AsyncConnectionPool
from structlog.testing import capture_logs

from ledger.store.long_transactions import LongTransactionWatch, oldest_transaction


async def test_an_open_transaction_is_measured_and_logged(
    pool: AsyncConnectionPool, database_url: str
) -> None:
    async with await psycopg.AsyncConnection.connect(database_url) as idle:
        await idle.execute("SELECT pg_current_xact_id()")  # takes an id: readers wait for it
        pid = idle.info.backend_pid
        await asyncio.sleep(0.4)
        oldest = await oldest_transaction(pool)
        assert oldest is not None
        assert oldest.pid == pid
        assert oldest.seconds >= 0.4
        watch = LongTransactionWatch(pool, warn_after_seconds=0.1, check_every_seconds=0.05)
        with capture_logs() as logs:
            watch.start()
            await asyncio.sleep(0.2)
            await watch.stop()
        warned = [
            entry for entry in logs if entry["event"] == "a long transaction holds readers back"
        ]
        assert warned
        assert warned[0]["pid"] == pid
