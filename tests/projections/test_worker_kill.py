"""A projection worker process killed between its writes and its commit counts nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.application.views import LossFilter
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.projections import views
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore
from tests.conftest import ClientFactory
from tests.e2e import idlib_scenario as scenario
from tests.projections.helpers import live_position_reaches_head, rows_of

Superuser = psycopg.Connection[tuple[Any, ...]]


@pytest.fixture
async def api_without_workers(
    client_with: ClientFactory,
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with client_with(projection_workers=False) as client:
        yield client


@pytest.fixture
def start_worker(database_url: str, schema: str, tmp_path: Path) -> Iterator[Any]:
    """Start ``ledger projections run`` as its own process; every one is gone afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        env = {**os.environ, "LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
        with (tmp_path / f"worker-{len(started)}.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "ledger.cli", "projections", "run"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def _blocked_backend(superuser: Superuser, table: str, patience: float = 60.0) -> int:
    """The backend waiting for a lock on ``table``, once there is one."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        row = superuser.execute(
            "SELECT pid FROM pg_locks WHERE NOT granted AND relation = %s::regclass",
            (table,),
        ).fetchone()
        if row is not None:
            return int(row[0])
        time.sleep(0.05)
    raise AssertionError(f"no worker blocked on {table}")


def _holds_write_lock(superuser: Superuser, pid: int, table: str) -> bool:
    row = superuser.execute(
        "SELECT 1 FROM pg_locks WHERE pid = %s AND granted AND mode = 'RowExclusiveLock'"
        " AND relation = %s::regclass",
        (pid, table),
    ).fetchone()
    return row is not None


def _gone(superuser: Superuser, pid: int, patience: float = 30.0) -> None:
    deadline = time.monotonic() + patience
    while superuser.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
        assert time.monotonic() < deadline, f"backend {pid} is still there"
        time.sleep(0.05)


async def test_a_killed_worker_resumes_with_nothing_double_counted(  # noqa: PLR0913, PLR0917
    api_without_workers: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    pool: AsyncConnectionPool,
    superuser: Superuser,
    start_worker: Any,
) -> None:
    await scenario.record(api_without_workers, admin, reporter)
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    catalog = ProjectionCatalog(pool)
    facts = FactsProjection()
    tables = facts.table_names(1)

    # The worker writes its incidents, then needs the losses table, which we hold: it stops
    # mid-transaction, its checkpoint moved and its incidents written but not committed.
    superuser.execute("BEGIN")
    superuser.execute(f'LOCK TABLE "{tables["losses"]}" IN ACCESS EXCLUSIVE MODE')
    worker = start_worker()
    backend = _blocked_backend(superuser, tables["losses"])
    assert _holds_write_lock(superuser, backend, tables["incidents"])
    worker.send_signal(signal.SIGKILL)
    assert worker.wait(timeout=30) == -signal.SIGKILL
    superuser.execute("COMMIT")
    _gone(superuser, backend)

    untouched = await catalog.live("facts")
    assert untouched is not None
    assert untouched.events_applied == 0
    for table in ("incidents", "claims"):
        rows = superuser.execute(f'SELECT count(*) FROM "{tables[table]}"').fetchone()  # noqa: S608
        assert rows == (0,)

    survivor = start_worker()
    await live_position_reaches_head(store, "facts")
    survivor.send_signal(signal.SIGTERM)
    assert survivor.wait(timeout=30) == 0

    reference = FactsProjection("facts_reference")
    await rebuild_together([ProjectionRunner(store, catalog, reference)])
    assert await rows_of(pool, facts) == await rows_of(pool, reference)
    losses = await views.losses(pool, "facts", LossFilter(party="turkey"))
    killed = [row for row in losses.content.rows if row.measure == "killed"]
    assert [(row.best, row.incidents) for row in killed] == [(34, 2)]
