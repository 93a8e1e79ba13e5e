"""How fast the machine is during a run, so that figures from different machines compare.

The same code has run 2.5 times slower on one machine of this description than on another
(docs/performance.md), and a machine moves by a quarter within a run. Four fixed probes,
taken before the workloads and again after them, tell which: Python's speed on one core,
the server's on one core, a commit's wait for the disk, and a round trip on loopback. None
touches the ledger's code, so a change to the ledger never moves them.
"""

from __future__ import annotations

import statistics
import time
import uuid
from typing import Final

import msgspec
import psycopg

from benchmarks.appends import PAYLOAD, PAYLOAD_BYTES

_PYTHON_ROUNDS: Final = 50_000
_SERVER_ROWS: Final = 2_000_000
_COMMITS: Final = 200
_ROUND_TRIPS: Final = 1_000
_BEST_OF: Final = 3


class Calibration(msgspec.Struct, frozen=True, kw_only=True):
    """The probes' figures: lower is a faster machine."""

    python_ms: float
    """Best of three: 50,000 rounds of encoding and decoding the appended payload, and a
    loop of arithmetic, in this process."""
    server_ms: float
    """Best of three: the server sums two million integers, in one backend."""
    commit_p50_ms: float
    """Median of 200 one-row autocommitted INSERTs on one connection: the disk's flush."""
    round_trip_p50_us: float
    """Median of 1,000 ``SELECT 1`` on one connection."""


def _python_ms() -> float:
    encoder, decoder = msgspec.json.Encoder(), msgspec.json.Decoder()
    best = float("inf")
    for _ in range(_BEST_OF):
        started = time.perf_counter()
        total = 0
        for number in range(_PYTHON_ROUNDS):
            decoder.decode(encoder.encode(PAYLOAD))
            for step in range(20):
                total += number * step
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def _median_ms(
    connection: psycopg.Connection[tuple[object, ...]],
    query: str,
    parameters: tuple[object, ...],
    times: int,
) -> float:
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        connection.execute(query, parameters)
        durations.append(time.perf_counter() - started)
    return statistics.median(durations) * 1000


def calibrate(url: str) -> Calibration:
    """Take the four probes against the server at ``url`` (a table of its own, dropped after)."""
    table = f"calibration_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        server = float("inf")
        for _ in range(_BEST_OF):
            started = time.perf_counter()
            connection.execute("SELECT sum(i) FROM generate_series(1, %s) AS i", (_SERVER_ROWS,))
            server = min(server, time.perf_counter() - started)
        round_trip = _median_ms(connection, "SELECT 1", (), _ROUND_TRIPS)
        connection.execute(f"CREATE TABLE {table} (data jsonb NOT NULL)")
        try:
            insert = f"INSERT INTO {table} VALUES (%s::jsonb)"  # noqa: S608 - a name of ours
            commit = _median_ms(connection, insert, (PAYLOAD_BYTES.decode(),), _COMMITS)
        finally:
            connection.execute(f"DROP TABLE {table}")
    return Calibration(
        python_ms=_python_ms(),
        server_ms=round(server * 1000, 1),
        commit_p50_ms=round(commit, 3),
        round_trip_p50_us=round(round_trip * 1000, 1),
    )
