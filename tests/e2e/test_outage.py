"""Database outages under write load: fast 503s, no acknowledged write lost, quick recovery.

``ledger serve`` runs in a process of its own while the database goes away three times, in
one of two ways:

- ``network``: a TCP relay on loopback between the service and PostgreSQL is cut: every
  open connection is dropped at once and new ones are refused, as when the network fails;
- ``crash``: a PostgreSQL of the test's own is killed with SIGKILL, every process of it,
  and started again, going through crash recovery.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from ledger.application.access import Role
from ledger.store import open_pool
from tests.api import payloads
from tests.conftest import issue_keys, migrated_schema
from tests.e2e.crashing import CrashablePostgres
from tests.e2e.serving import serving

POOL_TIMEOUT_SECONDS = 2.0
_WRITERS = 4
_OUTAGES = 3


class Relay:
    """A TCP relay to the database that can be cut off and restored.

    It runs on an event loop of its own, in a thread: the service under test runs on
    another, as it would in a process of its own.
    """

    def __init__(self, upstream: dict[str, Any]) -> None:
        self._upstream = upstream
        self._pipes: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.down = False

    def start(self) -> int:
        self._thread.start()
        return asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result()

    async def _listen(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def _open_upstream(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        host = str(self._upstream.get("host") or "localhost")
        port = int(self._upstream.get("port") or 5432)
        if host.startswith("/"):
            return await asyncio.open_unix_connection(f"{host}/.s.PGSQL.{port}")
        return await asyncio.open_connection(host, port)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.down:
            writer.close()
            return
        up_reader, up_writer = await self._open_upstream()
        self._pipes |= {writer, up_writer}
        await asyncio.gather(
            self._pump(reader, up_writer), self._pump(up_reader, writer), return_exceptions=True
        )

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        finally:
            self._pipes.discard(sink)
            sink.close()

    def cut(self) -> None:
        """Drop every open connection and refuse new ones."""
        self.down = True
        self._loop.call_soon_threadsafe(self._abort_all)

    def _abort_all(self) -> None:
        for pipe in list(self._pipes):
            pipe.transport.abort()
        self._pipes.clear()

    def restore(self) -> None:
        self.down = False

    def close(self) -> None:
        """Stop relaying, end its tasks, and close its loop."""
        self.cut()
        asyncio.run_coroutine_threadsafe(self._shut_down(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    async def _shut_down(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        pumps = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pumps:
            task.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)


@dataclass(frozen=True)
class Outage:
    """A way for the database to go away and come back, and where the service finds it."""

    begin: Callable[[], None]
    end: Callable[[], None]  # returns once the database accepts connections again
    database_url: str  # the server itself
    service_url: str  # the server as the service reaches it
    schema: str
    keys: dict[Role, dict[str, str]]


def _through(relay: Relay, database_url: str) -> str:
    """The URL of the database at ``database_url`` as reached through ``relay``."""
    params = conninfo_to_dict(database_url)
    port = relay.start()
    user = quote(str(params.get("user") or "postgres"), safe="")
    password = f":{quote(str(params['password']), safe='')}" if params.get("password") else ""
    database = quote(str(params.get("dbname") or "postgres"), safe="")
    return f"postgresql://{user}{password}@127.0.0.1:{port}/{database}"


async def _keys(database_url: str, schema: str) -> dict[Role, dict[str, str]]:
    pool = await open_pool(database_url, schema=schema, min_size=1, max_size=1)
    try:
        return await issue_keys(pool)
    finally:
        await pool.close()


@pytest.fixture(params=["network", "crash"])
async def outage(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path
) -> AsyncIterator[Outage]:
    if request.param == "network":
        relay = Relay(conninfo_to_dict(database_url))
        service_url = _through(relay, database_url)
        try:
            with migrated_schema(database_url) as schema:
                keys = await _keys(database_url, schema)
                yield Outage(relay.cut, relay.restore, database_url, service_url, schema, keys)
        finally:
            relay.close()
        return
    server = CrashablePostgres(tmp_path / "postgres")
    try:
        with migrated_schema(server.url) as schema:
            keys = await _keys(server.url, schema)
            yield Outage(server.crash, server.start, server.url, server.url, schema, keys)
    finally:
        server.remove()


class Outcome:
    """What the writers saw."""

    def __init__(self) -> None:
        self.acknowledged: list[str] = []  # event ids answered 201
        self.statuses: list[tuple[int, str]] = []  # status and problem type of each answer
        self.slowest = 0.0


async def _write(
    http: httpx.AsyncClient, reporter: dict[str, str], outcome: Outcome, stop: asyncio.Event
) -> None:
    while not stop.is_set():
        key = uuid.uuid4().hex
        # A client that sends the same request, with the same key, until it gets its 201.
        while True:
            started = time.monotonic()
            response = await http.post(
                "/v1/incidents/inc-1/reports",
                json=payloads.casualties(killed=1),
                headers={**reporter, "Idempotency-Key": key},
            )
            outcome.slowest = max(outcome.slowest, time.monotonic() - started)
            problem = response.headers.get("content-type") == "application/problem+json"
            kind = response.json()["type"].rsplit("/", 1)[-1] if problem else ""
            outcome.statuses.append((response.status_code, kind))
            if response.status_code == 201:
                outcome.acknowledged.extend(e["event_id"] for e in response.json()["events"])
                break
            if response.status_code != 503:
                return
            await asyncio.sleep(0.05)


async def _healthy_after(http: httpx.AsyncClient, restored: float) -> float:
    """Seconds from ``restored`` until the service says it is healthy."""
    while (await http.get("/health")).status_code != 200:
        assert time.monotonic() - restored < 5.0, "not healthy 5 s after the database"
        await asyncio.sleep(0.1)
    return time.monotonic() - restored


@pytest.mark.slow
async def test_writes_through_three_outages_lose_nothing_and_fail_fast(
    outage: Outage, tmp_path: Path
) -> None:
    admin, reporter = outage.keys[Role.ADMIN], outage.keys[Role.REPORTER]
    outcome, recoveries = Outcome(), []
    settings = {"LEDGER_POOL_TIMEOUT_SECONDS": str(POOL_TIMEOUT_SECONDS)}
    log = tmp_path / "server.log"
    with serving(outage.service_url, outage.schema, log, settings) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            for path, body, headers in (
                ("/v1/sources", payloads.source(), admin),
                ("/v1/incidents", payloads.incident(), reporter),
            ):
                assert (await http.post(path, json=body, headers=headers)).status_code == 201
            stop = asyncio.Event()
            writers = [
                asyncio.create_task(_write(http, reporter, outcome, stop)) for _ in range(_WRITERS)
            ]
            for _ in range(_OUTAGES):
                await asyncio.sleep(1.5)
                await asyncio.to_thread(outage.begin)
                await asyncio.sleep(3.0)
                await asyncio.to_thread(outage.end)
                recoveries.append(await _healthy_after(http, time.monotonic()))
            await asyncio.sleep(1.5)
            stop.set()
            await asyncio.gather(*writers)
            # The projection workers went on through the outages: the views reach the end.
            last = await http.post(
                "/v1/incidents/inc-1/reports", json=payloads.casualties(), headers=reporter
            )
            assert last.status_code == 201, last.text
            outcome.acknowledged.extend(e["event_id"] for e in last.json()["events"])
            caught_up = await http.get(
                "/v1/views/losses",
                headers={**reporter, "Ledger-Min-Position": last.json()["cursor"]},
            )
            assert caught_up.status_code == 200, caught_up.text

    failures = [kind for status, kind in outcome.statuses if status != 201]
    assert {status for status, _ in outcome.statuses} <= {201, 503}, outcome.statuses
    assert set(failures) <= {"database-unavailable", "write-outcome-unknown"}
    assert failures, "no request met the outages"
    assert outcome.slowest < POOL_TIMEOUT_SECONDS + 1.5, outcome.slowest
    assert max(recoveries) < 5.0
    with psycopg.connect(outage.database_url) as connection:
        connection.execute(f'SET search_path TO "{outage.schema}"')
        stored = {
            str(row[0])
            for row in connection.execute(
                "SELECT event_id FROM events WHERE event_id = ANY(%s::uuid[])",
                (outcome.acknowledged,),
            )
        }
        # Every write committed was acknowledged at last, once: a retry replays, never repeats.
        written = connection.execute(
            "SELECT count(*) FROM events WHERE event_type = 'casualties.reported'"
        ).fetchone()
    assert len(outcome.acknowledged) > 20
    assert stored == set(outcome.acknowledged)
    assert written == (len(outcome.acknowledged),)
