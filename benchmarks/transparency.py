"""Workloads (g1) and (g2): the verifiable log — sealing, proofs over HTTP, the sealer's lag.

(g1) On the ledger workload (d) built (1,000,000 events at full scale): every event sealed
into the hash chain and the Merkle tree from none, and a checkpoint signed; then
``ledger serve`` answers inclusion proofs of random events and consistency proofs from
random tree sizes to the checkpoint over loopback: four requests in flight for their latency
(proofs are occasional reads; at ``CONCURRENCY`` in flight two cores are saturated and the
latency is the queue's), then ``CONCURRENCY`` for the rate the server sustains. Each proof's
size is set against RFC 9162's bound: ⌈log2 n⌉ hashes for an inclusion proof, one more for
a consistency proof (the old tree's last pair can take two).

(g2) The sealer running beside the batched appends of workload (c), as ``ledger serve``
runs it: how far behind the log the tree's head falls (the oldest unsealed event's wait,
sampled every 50 ms), and how long after the last append it has sealed everything.
"""

from __future__ import annotations

import asyncio
import math
import random
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

import msgspec

from benchmarks import appends
from benchmarks.http import CONCURRENCY, environment, free_port, issue_key, serve
from benchmarks.latency import p50_p99
from benchmarks.loopback import Connection
from ledger.store import EventStore, open_pool
from ledger.store.chain import Chain
from ledger.store.signing import KeyFile

if TYPE_CHECKING:
    from benchmarks.scales import Scale

_HASH_BYTES: Final = 32
LATENCY_CONCURRENCY: Final = 4
_SAMPLE_SECONDS: Final = 0.05
_CATCH_UP_SECONDS: Final = 120.0
_SEED: Final = 20200227


class Proofs(msgspec.Struct, frozen=True, kw_only=True):
    """One kind of proof under load."""

    kind: str
    concurrency: int
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    max_hashes: int
    max_bytes: int
    bound_hashes: int
    """RFC 9162's most for this kind at this tree size."""


class ProofReport(msgspec.Struct, frozen=True, kw_only=True):
    """Workload (g1)."""

    tree_size: int
    seal_seconds: float
    seal_events_per_second: float
    log2_bytes: int
    """32 bytes times ⌈log2 n⌉: the bound the issue sets on a proof's size."""
    inclusion: Proofs
    consistency: Proofs
    """Each at ``LATENCY_CONCURRENCY`` requests in flight: the targets' latency."""
    saturated: list[Proofs]
    """Each again at ``CONCURRENCY`` in flight: the rate two cores sustain."""


class SealLag(msgspec.Struct, frozen=True, kw_only=True):
    """Workload (g2)."""

    appended: appends.Throughput
    samples: int
    max_lag_seconds: float
    """The longest any committed event waited for its seal, as sampled."""
    max_backlog_events: int
    sealed_after_last_append_seconds: float


async def _proofs(  # noqa: PLR0913, PLR0917 - the load and what its answers are held to
    port: int, reader: str, kind: str, paths: list[str], bound: int, concurrency: int
) -> Proofs:
    """GET every path over ``concurrency`` connections; time each, count each proof's hashes."""
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    pending = iter(paths)
    headers = {"X-API-Key": reader}

    async def client() -> None:
        nonlocal errors
        connection = await Connection.open(port)
        try:
            for path in pending:
                started = time.perf_counter()
                answer = await connection.request("GET", path, headers)
                latencies.append((time.perf_counter() - started) * 1000)
                if answer.status != 200:  # noqa: PLR2004 - the one success
                    errors += 1
                    continue
                sizes.append(len(msgspec.json.decode(answer.body)["hashes"]))
        finally:
            await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    p50, p99 = p50_p99(latencies)
    most = max(sizes, default=0)
    return Proofs(
        kind=kind,
        concurrency=concurrency,
        requests=len(paths),
        errors=errors,
        requests_per_second=round(len(paths) / seconds, 1),
        p50_ms=p50,
        p99_ms=p99,
        max_hashes=most,
        max_bytes=most * _HASH_BYTES,
        bound_hashes=bound,
    )


async def proof_workload(url: str, schema: str, scale: Scale, data_dir: str) -> ProofReport:
    """(g1) Seal the whole log, then serve ``scale.http_requests`` proofs of each kind.

    The signing key is kept in ``data_dir``, as ``ledger serve`` keeps it.
    """
    pool = await open_pool(url, schema=schema, min_size=1, max_size=2)
    try:
        chain = Chain(pool, KeyFile(Path(data_dir) / "signing-key"))
        started = time.perf_counter()
        size = await chain.seal_all()
        await chain.checkpoint()
        sealed_in = time.perf_counter() - started
        rng = random.Random(_SEED)
        seqs = [rng.randint(1, size) for _ in range(scale.http_requests)]
        async with pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT seq, position FROM event_chain WHERE seq = ANY(%s)", (seqs,)
            )
            position_of: dict[int, int] = dict(await cursor.fetchall())
    finally:
        await pool.close()
    env = environment(url, schema) | {"LEDGER_DATA_DIR": data_dir}
    reader, port = issue_key(env, "reader"), free_port()
    depth = math.ceil(math.log2(size)) if size > 1 else 0
    inclusions = [f"/v1/ledger/proofs/inclusion/{position_of[seq]}" for seq in seqs]
    consistencies = [
        f"/v1/ledger/proofs/consistency?from_size={rng.randint(1, size)}" for _ in seqs
    ]
    loads = [("inclusion", inclusions, depth), ("consistency", consistencies, depth + 1)]
    with serve(env, port):
        # Warm the server's pools and caches; these requests are not counted.
        await _proofs(port, reader, "warm-up", inclusions[:100], depth, CONCURRENCY)
        inclusion, consistency = [
            await _proofs(port, reader, *load, LATENCY_CONCURRENCY) for load in loads
        ]
        saturated = [await _proofs(port, reader, *load, CONCURRENCY) for load in loads]
    return ProofReport(
        tree_size=size,
        seal_seconds=round(sealed_in, 2),
        seal_events_per_second=round(size / sealed_in),
        log2_bytes=_HASH_BYTES * depth,
        inclusion=inclusion,
        consistency=consistency,
        saturated=saturated,
    )


async def seal_lag_workload(url: str, schema: str, scale: Scale) -> SealLag:
    """(g2) The batched appends of (c) with the sealer running, its lag sampled."""
    with tempfile.TemporaryDirectory() as data_dir:
        pool = await open_pool(url, schema=schema, min_size=2, max_size=2)
        listener = EventStore(pool, {appends.EVENT_TYPE: 1}).listener()
        await listener.start()
        chain = Chain(pool, KeyFile(Path(data_dir) / "signing-key"))
        sealer = asyncio.create_task(chain.run(listener))
        lags: list[tuple[float, int]] = []
        appending = True

        async def sample() -> None:
            while appending or not lags or lags[-1][1]:
                backlog = await chain.backlog()
                lags.append((backlog.seconds, backlog.events))
                await asyncio.sleep(_SAMPLE_SECONDS)

        sampler = asyncio.create_task(sample())
        try:
            appended = await appends.ledger_batched_appends(url, schema, scale)
            appending = False
            finished = time.perf_counter()
            await asyncio.wait_for(sampler, _CATCH_UP_SECONDS)
            caught_up = time.perf_counter() - finished
        finally:
            for task in (sampler, sealer):
                task.cancel()
            await asyncio.gather(sampler, sealer, return_exceptions=True)
            await listener.stop()
            await pool.close()
    return SealLag(
        appended=appended,
        samples=len(lags),
        max_lag_seconds=round(max((seconds for seconds, _ in lags), default=0.0), 3),
        max_backlog_events=max((events for _, events in lags), default=0),
        sealed_after_last_append_seconds=round(caught_up, 3),
    )
