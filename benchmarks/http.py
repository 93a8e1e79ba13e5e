"""Workload (e): the HTTP API under load, the server run as in production.

The server runs as docker-compose.yml deploys it: ``ledger serve`` (one uvicorn worker,
projection workers off) and ``ledger projections run`` beside it, two processes, JSON logs
at level warning, against the scratch schema. The load comes from this process over
loopback, at most ``concurrency`` requests in flight: POST a casualty report (each client to
an incident of its own, so the figure is the write path, not contention on one stream), GET
the losses view, GET an incident. Each kind is measured after a warm-up, the POSTs once the
projection process has caught up with it, the GETs once it has caught up with the POSTs.
Each request's latency is timed from send to the whole body read. ``/metrics`` is scraped
every second over the measured loads, as Prometheus would (``scraping.py``).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

import httpx
import msgspec

from benchmarks.latency import p50_p99
from benchmarks.loopback import Connection, Response
from benchmarks.scraping import Scraped, watching

if TYPE_CHECKING:
    from benchmarks.scales import Scale

CONCURRENCY: Final = 32
_LEDGER: Final = [sys.executable, "-m", "ledger.cli"]
_STARTUP_SECONDS: Final = 60.0
_CATCH_UP_SECONDS: Final = 600.0
_FILED: Final = "2020-03-03T15:00:00Z"
_ROUTES: Final = {
    "post_casualty_report": "POST /v1/incidents/{incident_id}/reports 201",
    "get_losses_view": "GET /v1/views/losses 200",
    "get_incident": "GET /v1/incidents/{incident_id} 200",
}
"""Where the server counts each measured request kind's successes in ``/metrics``."""


class Endpoint(msgspec.Struct, frozen=True, kw_only=True):
    """One request kind under load."""

    name: str
    requests: int
    errors: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float


class HttpReport(msgspec.Struct, frozen=True, kw_only=True):
    """Workload (e): the server as run, and each request kind's figures."""

    server: str
    concurrency: int
    endpoints: list[Endpoint]
    projections_caught_up_seconds: float
    """How long the projections took, after the last POST answered, to show every write."""
    metrics: Scraped
    """``/metrics`` scraped over the measured loads."""
    metrics_counted_as_sent: bool
    """Whether the server counted each measured request once, under its route and status."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(url: str, schema: str) -> dict[str, str]:
    return {
        **os.environ,
        "LEDGER_DATABASE_URL": url,
        "LEDGER_DATABASE_SCHEMA": schema,
        "LEDGER_LOG_FORMAT": "json",
        "LEDGER_LOG_LEVEL": "warning",
    }


def issue_key(env: dict[str, str], role: str, name: str | None = None) -> str:
    """A new key of ``role``, named ``name`` (default: bench-ROLE; names are unique)."""
    issued = subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [*_LEDGER, "keys", "create", "--role", role, "--name", name or f"bench-{role}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return issued.stdout.strip()


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _projection_workers(env: dict[str, str]) -> Iterator[None]:
    """``ledger projections run`` until the block ends."""
    process = subprocess.Popen(  # noqa: S603 - our own command with fixed arguments
        [*_LEDGER, "projections", "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        _stop(process)


@contextmanager
def serve(env: dict[str, str], port: int) -> Iterator[None]:
    """``ledger serve`` on ``port`` of loopback (projection workers off), until the block ends."""
    process = subprocess.Popen(  # noqa: S603 - our own command with fixed arguments
        [*_LEDGER, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "LEDGER_PROJECTION_WORKERS": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"ledger serve exited: {error[-2000:]}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == httpx.codes.OK:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("ledger serve did not answer /health in time")
            time.sleep(0.2)
        yield
    finally:
        _stop(process)


def _incident(number: int) -> dict[str, Any]:
    return {
        "incident_id": f"bench-http-{number}",
        "title": f"Shelling of a village, report {number}",
        "category": "ground",
        "occurred": {
            "start": "2020-02-27T00:00:00Z",
            "end": "2020-02-28T00:00:00Z",
            "precision": "day",
        },
        "location": {"country": "SY", "precision": "province", "admin1": "Idlib"},
        "parties": ["turkey", "syria"],
        "summary": "Artillery hit positions near the town; both sides reported losses.",
        "attribution": {"source_id": "bench-agency", "reported_at": _FILED, "credibility": 2},
    }


def _casualties(incident_id: str, killed: int) -> dict[str, Any]:
    return {
        "type": "casualties.reported",
        "incident_id": incident_id,
        "party": "turkey",
        "group": "military",
        "killed": {"low": killed, "best": killed, "high": killed + 2, "qualifier": "approximately"},
        "attribution": {"source_id": "bench-agency", "reported_at": _FILED, "credibility": 2},
    }


Send = Callable[[Connection, int], Awaitable[Response]]


async def _load(name: str, port: int, requests: int, send: Send) -> Endpoint:
    """``requests`` requests over ``CONCURRENCY`` connections; errors are non-2xx answers."""
    latencies: list[float] = []
    errors = 0
    next_request = iter(range(requests))

    async def client() -> None:
        nonlocal errors
        connection = await Connection.open(port)
        try:
            for number in next_request:
                started = time.perf_counter()
                response = await send(connection, number)
                latencies.append((time.perf_counter() - started) * 1000)
                if not 200 <= response.status < 300:  # noqa: PLR2004 - the 2xx class
                    errors += 1
        finally:
            await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CONCURRENCY)))
    seconds = time.perf_counter() - started
    p50, p99 = p50_p99(latencies)
    return Endpoint(
        name=name,
        requests=requests,
        errors=errors,
        seconds=round(seconds, 3),
        requests_per_second=round(requests / seconds, 1),
        p50_ms=p50,
        p99_ms=p99,
    )


async def _setup(port: int, keys: dict[str, str]) -> None:
    """The source and one incident per client the POSTs report to."""
    connection = await Connection.open(port)
    try:
        source = {"source_id": "bench-agency", "name": "Agency", "kind": "news_agency"}
        writes = [("/v1/sources", source | {"grade": "B"}, keys["admin"])]
        writes += [("/v1/incidents", _incident(n), keys["reporter"]) for n in range(CONCURRENCY)]
        for path, body, key in writes:
            created = await connection.request(
                "POST", path, {"X-API-Key": key}, msgspec.json.encode(body)
            )
            if created.status != httpx.codes.CREATED:
                raise RuntimeError(f"{path}: {created.status} {created.body.decode()}")
    finally:
        await connection.close()


async def _wait_for_projections(port: int, admin_key: str) -> float:
    """Seconds until no projection generation lags behind the log."""
    started = time.perf_counter()
    connection = await Connection.open(port)
    try:
        while True:
            answer = await connection.request(
                "GET", "/v1/admin/projections", {"X-API-Key": admin_key}
            )
            listed = msgspec.json.decode(answer.body)["items"]
            if all(g["lag_events"] == 0 for p in listed for g in p["generations"]):
                return round(time.perf_counter() - started, 2)
            if time.perf_counter() - started > _CATCH_UP_SECONDS:
                raise RuntimeError(f"projections still lag after {_CATCH_UP_SECONDS} s")
            await asyncio.sleep(0.1)
    finally:
        await connection.close()


async def http_workload(url: str, schema: str, scale: Scale) -> HttpReport:
    """(e) POST casualty reports, GET the losses view, GET an incident, under load."""
    env = environment(url, schema)
    keys = {role: issue_key(env, role) for role in ("admin", "reporter", "reader")}
    port = free_port()
    reporter, reader = {"X-API-Key": keys["reporter"]}, {"X-API-Key": keys["reader"]}

    def post(connection: Connection, number: int) -> Awaitable[Response]:
        incident_id = f"bench-http-{number % CONCURRENCY}"
        body = msgspec.json.encode(_casualties(incident_id, number % 40))
        return connection.request("POST", f"/v1/incidents/{incident_id}/reports", reporter, body)

    def losses(connection: Connection, _: int) -> Awaitable[Response]:
        return connection.request("GET", "/v1/views/losses", reader)

    def incident(connection: Connection, number: int) -> Awaitable[Response]:
        return connection.request("GET", f"/v1/incidents/bench-http-{number % CONCURRENCY}", reader)

    with serve(env, port), _projection_workers(env):
        await _setup(port, keys)
        # Warm the server's pools and caches; these requests are not counted.
        for send in (post, losses, incident):
            await _load("warm-up", port, CONCURRENCY * 2, send)
        # The POSTs meet a running deployment: the projection process has started (its
        # imports and first queries took CPU from the POSTs' first seconds) and caught up.
        await _wait_for_projections(port, keys["admin"])
        async with watching(port) as watch:
            posted = await _load("post_casualty_report", port, scale.http_requests, post)
            # The GETs are measured on a settled server, not against the projections' backlog.
            caught_up = await _wait_for_projections(port, keys["admin"])
            endpoints = [
                posted,
                await _load("get_losses_view", port, scale.http_requests, losses),
                await _load("get_incident", port, scale.http_requests, incident),
            ]
    scraped = watch.report()
    return HttpReport(
        server="ledger serve: one uvicorn worker (one process, httptools, uvloop),"
        " projection workers off; ledger projections run in a second process",
        concurrency=CONCURRENCY,
        endpoints=endpoints,
        projections_caught_up_seconds=caught_up,
        metrics=scraped,
        metrics_counted_as_sent=all(
            scraped.requests.get(_ROUTES[e.name]) == e.requests - e.errors for e in endpoints
        ),
    )
