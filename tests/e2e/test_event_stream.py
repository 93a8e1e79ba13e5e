"""The live event stream over a real server on loopback, while eight writers append."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool

from ledger.application.access import ApiKeyStore, Role
from tests.api import payloads
from tests.e2e.serving import serving

WRITERS = 8
REPORTS_PER_WRITER = 25


class Server:
    """A running ``ledger serve`` and a key of each role."""

    def __init__(self, base_url: str, keys: dict[Role, dict[str, str]]) -> None:
        self.base_url = base_url
        self.keys = keys


@pytest.fixture
def heartbeat_seconds() -> float:
    """The server's heartbeat; a test overrides it with a fixture of its own."""
    return 0.5


@pytest.fixture
def server_process(
    database_url: str, schema: str, tmp_path: Path, heartbeat_seconds: float
) -> Iterator[str]:
    settings = {"LEDGER_STREAM_HEARTBEAT_SECONDS": str(heartbeat_seconds)}
    with serving(database_url, schema, tmp_path / "server.log", settings) as base_url:
        yield base_url


@pytest.fixture
async def server(server_process: str, pool: AsyncConnectionPool) -> Server:
    store = ApiKeyStore(pool)
    keys = {}
    for role in Role:
        issued = await store.issue(f"stream-{role}", role, created_by="tests")
        keys[role] = {"X-API-Key": issued.secret}
    return Server(server_process, keys)


async def _messages(
    http: httpx.AsyncClient, headers: dict[str, str], params: dict[str, str] | None = None
) -> AsyncIterator[dict[str, str]]:
    """Parse the stream into messages (comments come as {"comment": ...})."""
    async with http.stream(
        "GET", "/v1/events/stream", headers=headers, params=params, timeout=None
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        message: dict[str, str] = {}
        async for line in response.aiter_lines():
            if line == "":
                if message:
                    yield message
                message = {}
            elif line.startswith(":"):
                yield {"comment": line[1:].strip()}
            else:
                field, _, value = line.partition(":")
                message[field] = value.removeprefix(" ")


async def _collect(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    count: int,
    params: dict[str, str] | None = None,
) -> list[dict[str, str]]:
    received = []
    async for message in _messages(http, headers, params):
        if "id" in message:
            received.append(message)
            if len(received) == count:
                break
    return received


async def _write(http: httpx.AsyncClient, headers: dict[str, str], writer: int) -> None:
    for number in range(REPORTS_PER_WRITER):
        body = payloads.casualties(f"inc-{writer}", killed=number)
        # As a client should: on a 503 (a server too loaded to lend a connection within
        # its bound) the same request again, with the same key, is written once.
        keyed = {**headers, "Idempotency-Key": uuid.uuid4().hex}
        for _ in range(20):
            response = await http.post(
                f"/v1/incidents/inc-{writer}/reports", json=body, headers=keyed
            )
            if response.status_code != 503:
                break
            await asyncio.sleep(float(response.headers["Retry-After"]))
        assert response.status_code == 201, response.text
        await asyncio.sleep((writer * number % 7) / 1000)


async def _full_log(http: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    params = {"limit": "500"}
    while True:
        page = (await http.get("/v1/events", params=params, headers=headers)).json()
        events += page["items"]
        if not page["items"]:
            return events
        params = {"limit": "500", "after": page["next_cursor"]}


async def test_a_reader_sees_every_event_once_in_order_while_eight_writers_append(
    server: Server,
) -> None:
    admin, reporter, reader = (server.keys[r] for r in (Role.ADMIN, Role.REPORTER, Role.READER))
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        for source in ("tr-mod", "sy-army"):
            response = await http.post("/v1/sources", json=payloads.source(source), headers=admin)
            assert response.status_code == 201
        for writer in range(WRITERS):
            incident = payloads.incident(f"inc-{writer}")
            response = await http.post("/v1/incidents", json=incident, headers=reporter)
            assert response.status_code == 201
        setup = 2 + WRITERS
        total = setup + WRITERS * REPORTS_PER_WRITER

        # The reader starts from the beginning before the writers and ends with them.
        reading = asyncio.create_task(_collect(http, reader, total))
        # A second reader stops part-way and resumes with Last-Event-ID.
        first_part = asyncio.create_task(_collect(http, reader, setup + 40))
        await asyncio.gather(*(_write(http, reporter, w) for w in range(WRITERS)))
        streamed = await asyncio.wait_for(reading, 60)
        head = await asyncio.wait_for(first_part, 60)
        rest = await asyncio.wait_for(
            _collect(http, {**reader, "Last-Event-ID": head[-1]["id"]}, total - len(head)), 60
        )
        log = await _full_log(http, reader)

    assert len(log) == total
    assert [m["id"] for m in streamed] == [e["cursor"] for e in log]
    assert [m["id"] for m in head + rest] == [e["cursor"] for e in log]
    assert [m["event"] for m in streamed] == [e["type"] for e in log]


async def test_filters_and_heartbeats(server: Server) -> None:
    admin, reporter, reader = (server.keys[r] for r in (Role.ADMIN, Role.REPORTER, Role.READER))
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        assert (
            await http.post("/v1/sources", json=payloads.source(), headers=admin)
        ).status_code == 201
        for incident_id in ("inc-a", "inc-b"):
            body = payloads.incident(incident_id)
            assert (
                await http.post("/v1/incidents", json=body, headers=reporter)
            ).status_code == 201
            body = payloads.casualties(incident_id)
            path = f"/v1/incidents/{incident_id}/reports"
            assert (await http.post(path, json=body, headers=reporter)).status_code == 201

        of_b = await _collect(http, reader, 2, {"incident": "inc-b"})
        assert [m["event"] for m in of_b] == ["incident.reported", "casualties.reported"]
        casualties = await _collect(http, reader, 2, {"type": "casualties.reported"})
        assert [m["event"] for m in casualties] == ["casualties.reported"] * 2

        heartbeats = 0
        async for message in _messages(http, reader, {"after": of_b[-1]["id"]}):
            # A comment line alone: no data line a browser would take for an empty message.
            assert message == {"comment": "heartbeat"}
            heartbeats += 1
            if heartbeats == 2:
                break

        unauthorised = await http.get("/v1/events/stream")
        assert unauthorised.status_code == 401
        bad = await http.get("/v1/events/stream", headers={**reader, "Last-Event-ID": "junk"})
        assert bad.status_code == 400
        assert bad.headers["content-type"].startswith("application/problem+json")


async def test_a_stream_ends_once_its_key_is_revoked(
    server: Server, pool: AsyncConnectionPool
) -> None:
    issued = await ApiKeyStore(pool).issue("soon-revoked", Role.READER, created_by="tests")
    admin = server.keys[Role.ADMIN]
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        ended = asyncio.Event()

        async def read() -> None:
            async for _ in _messages(http, {"X-API-Key": issued.secret}):
                pass
            ended.set()

        reading = asyncio.create_task(read())
        await asyncio.sleep(1.0)
        assert not ended.is_set()
        revoked = await http.delete(f"/v1/admin/keys/{issued.key.key_id}", headers=admin)
        assert revoked.status_code == 200, revoked.text
        await asyncio.wait_for(reading, 5)


@pytest.mark.parametrize("heartbeat_seconds", [15.0])
async def test_a_commit_held_back_by_an_older_transaction_arrives_within_a_second(
    server: Server, database_url: str
) -> None:
    admin, reporter, reader = (server.keys[r] for r in (Role.ADMIN, Role.REPORTER, Role.READER))
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        assert (
            await http.post("/v1/sources", json=payloads.source(), headers=admin)
        ).status_code == 201
        first = await _collect(http, reader, 1)
        following = asyncio.create_task(_collect(http, reader, 1, {"after": first[-1]["id"]}))
        await asyncio.sleep(0.5)
        async with await psycopg.AsyncConnection.connect(database_url) as older:
            # An open transaction with an id, older than the write: readers stop below it.
            await older.execute("SELECT pg_current_xact_id()")
            written = await http.post("/v1/incidents", json=payloads.incident(), headers=reporter)
            assert written.status_code == 201
            await asyncio.sleep(0.5)
            assert not following.done()
        released = time.monotonic()
        (message,) = await asyncio.wait_for(following, 5)
        assert message["event"] == "incident.reported"
        assert time.monotonic() - released < 1.0
