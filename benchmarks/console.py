"""Workload (h): the analyst's console, each page's server time, on the ledger (d) built.

``ledger serve`` answers each console page in turn with one request in flight (a reader
clicking, not a crowd), signed in with a reader key's session cookie: the incidents and
their timeline, one incident with its claims and revisions, the losses charts (one party,
every party, by week), one figure's evidence with its proofs, the reconciliation, the map,
the sources and one source — each now and, where the page has a moment, as the ledger stood
at a random past position. Each request is timed from send to the whole page read.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import msgspec

from benchmarks.http import environment, free_port, issue_key, serve
from benchmarks.latency import p50_p99
from benchmarks.loopback import Connection
from benchmarks.replay import PARTIES, SOURCES
from ledger.store import open_pool

if TYPE_CHECKING:
    from benchmarks.scales import Scale

_WARM_UP: Final = 5
_SEED: Final = 20200305
_OK: Final = 200

Path = Callable[[random.Random], str]


class Page(msgspec.Struct, frozen=True, kw_only=True):
    """One console page's server time."""

    page: str
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    bytes: int
    """The largest page served."""


class ConsoleReport(msgspec.Struct, frozen=True, kw_only=True):
    """Workload (h)."""

    events: int
    incidents: int
    pages: list[Page]


def _pages(incidents: int, head: int) -> dict[str, Path]:
    """Each page's path, drawn at random: which incident, which moment."""

    def incident(rng: random.Random) -> str:
        return f"bench-incident-{rng.randrange(incidents)}"

    def past(rng: random.Random) -> int:
        return rng.randint(1, head)

    return {
        "incidents": lambda _: "/console/",
        "incidents_of_a_party_as_of": lambda r: f"/console/?party={PARTIES[0]}&as_of={past(r)}",
        "incident": lambda r: f"/console/incidents/{incident(r)}",
        "incident_as_of": lambda r: f"/console/incidents/{incident(r)}?as_of={head}",
        "losses_of_a_party": lambda _: f"/console/losses?party={PARTIES[0]}",
        "losses_of_every_party_by_week": lambda _: "/console/losses?by=week",
        "losses_as_of": lambda r: f"/console/losses?party={PARTIES[1]}&as_of={past(r)}",
        "a_figures_evidence": lambda r: (
            f"/console/losses/evidence?party={PARTIES[r.randrange(2)]}&group=military"
            f"&measure=killed&period=2020-02-{r.randint(1, 29):02d}"
        ),
        "reconciliation": lambda _: "/console/reconciliation",
        "map": lambda _: "/console/map",
        "map_as_of": lambda r: f"/console/map?as_of={past(r)}",
        "sources": lambda _: "/console/sources",
        "a_source": lambda r: f"/console/sources/{SOURCES[r.randrange(len(SOURCES))]}",
    }


async def _time(port: int, cookie: str, name: str, path: Path, requests: int) -> Page:
    rng = random.Random(_SEED)
    headers = {"Cookie": f"ledger_console={cookie}"}
    latencies: list[float] = []
    errors = largest = 0
    connection = await Connection.open(port)
    try:
        for number in range(_WARM_UP + requests):
            started = time.perf_counter()
            answer = await connection.request("GET", path(rng), headers)
            if number >= _WARM_UP:
                latencies.append((time.perf_counter() - started) * 1000)
                errors += answer.status != _OK
                largest = max(largest, len(answer.body))
    finally:
        await connection.close()
    p50, p99 = p50_p99(latencies)
    return Page(
        page=name,
        requests=requests,
        errors=errors,
        p50_ms=p50,
        p99_ms=p99,
        max_ms=round(max(latencies), 2),
        bytes=largest,
    )


async def console_workload(url: str, schema: str, scale: Scale, data_dir: str) -> ConsoleReport:
    """(h) ``scale.console_requests`` of each page, one in flight, on the sealed ledger (d).

    ``data_dir`` holds the signing key the log was sealed with, so pages show its checkpoint.
    """
    pool = await open_pool(url, schema=schema, min_size=1, max_size=1)
    try:
        async with pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT count(*), max(position),"
                " count(*) FILTER (WHERE event_type = 'incident.reported') FROM events"
            )
            row = await cursor.fetchone()
    finally:
        await pool.close()
    assert row is not None  # noqa: S101 - an aggregate always returns a row
    events, head, incidents = row
    env = environment(url, schema) | {"LEDGER_DATA_DIR": data_dir}
    reader, port = issue_key(env, "reader", "bench-console"), free_port()
    with serve(env, port):
        pages = [
            await _time(port, reader, name, path, scale.console_requests)
            for name, path in _pages(incidents, head).items()
        ]
    return ConsoleReport(events=events, incidents=incidents, pages=pages)
