"""The harness: a scratch schema on a real PostgreSQL, the workloads, and the targets.

The server is ``LEDGER_DATABASE_URL``, or the embedded PostgreSQL kept under
``.ledger/bench``. Every run creates its own schema and drops it at the end.
"""

from __future__ import annotations

import os
import platform
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import msgspec
import psycopg

from benchmarks import appends, as_of, console, http, replay, transparency
from benchmarks.calibration import calibrate
from benchmarks.scales import Scale
from ledger.store import run_migrations
from ledger.store.embedded import start_embedded_postgres


class Target(msgspec.Struct, frozen=True, kw_only=True):
    """One target of the issue, and whether this run meets it."""

    figure: str
    value: float
    at_least: float | None = None
    below: float | None = None
    holds: bool


def _target(
    figure: str, value: float, *, at_least: float | None = None, below: float | None = None
) -> Target:
    holds = (at_least is None or value >= at_least) and (below is None or value < below)
    return Target(figure=figure, value=round(value, 2), at_least=at_least, below=below, holds=holds)


def database_url() -> str:
    """``LEDGER_DATABASE_URL``, or the embedded server under ``.ledger/bench``."""
    url = os.environ.get("LEDGER_DATABASE_URL")
    if url:
        return url
    return start_embedded_postgres(Path(__file__).resolve().parents[1] / ".ledger" / "bench")


@asynccontextmanager
async def scratch_schema(url: str) -> AsyncIterator[str]:
    """A schema migrated to head for this run alone, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    run_migrations(url, schema=schema)
    try:
        yield schema
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _machine(url: str) -> dict[str, Any]:
    settings = ("server_version", "fsync", "synchronous_commit", "autovacuum")
    with psycopg.connect(url) as connection:
        shown = {name: connection.execute(f"SHOW {name}").fetchone() for name in settings}
    values = {name: row[0] if row else None for name, row in shown.items()}
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": values["server_version"],
        "fsync": values["fsync"],
        "synchronous_commit": values["synchronous_commit"],
        "autovacuum": values["autovacuum"],
    }


def _http_targets(served: http.HttpReport) -> list[Target]:
    figures = {endpoint.name: endpoint for endpoint in served.endpoints}
    post = figures["post_casualty_report"]
    return [
        _target("e_post_requests_per_second", post.requests_per_second, at_least=1500),
        _target("e_post_p99_ms", post.p99_ms, below=50),
        _target(
            "e_get_losses_requests_per_second",
            figures["get_losses_view"].requests_per_second,
            at_least=3000,
        ),
        _target(
            "e_get_incident_requests_per_second",
            figures["get_incident"].requests_per_second,
            at_least=3000,
        ),
    ]


def _proof_targets(proofs: transparency.ProofReport, lag: transparency.SealLag) -> list[Target]:
    # A proof within RFC 9162's bound: at most 1.0 of it (the ratio of hashes to the bound).
    within = 1.0 + 1e-9
    return [
        _target("g1_inclusion_p99_ms", proofs.inclusion.p99_ms, below=10),
        _target("g1_consistency_p99_ms", proofs.consistency.p99_ms, below=10),
        _target(
            "g1_inclusion_hashes_over_log2_n",
            proofs.inclusion.max_hashes / max(proofs.inclusion.bound_hashes, 1),
            below=within,
        ),
        _target(
            "g1_consistency_hashes_over_log2_n_plus_1",
            proofs.consistency.max_hashes / max(proofs.consistency.bound_hashes, 1),
            below=within,
        ),
        _target("g2_seal_lag_seconds", lag.max_lag_seconds, below=1),
    ]


class AppendRound(msgspec.Struct, frozen=True, kw_only=True):
    """Workloads (a), (b1), (b2) and (c) run once, one after the other."""

    single: appends.Throughput
    peer: appends.Throughput
    floor: appends.Throughput
    batched: appends.Throughput


async def _append_round(url: str, scale: Scale) -> AppendRound:
    # A fresh schema per round: each round's writers start new streams and tables.
    async with scratch_schema(url) as schema:
        return AppendRound(
            single=await appends.ledger_single_appends(url, schema, scale),
            peer=appends.eventsourcing_appends(url, schema, scale),
            floor=await appends.raw_insert_floor(url, schema, scale),
            batched=await appends.ledger_batched_appends(url, schema, scale),
        )


def _median(figures: list[appends.Throughput]) -> appends.Throughput:
    """The round with the median rate: on two shared cores one run can be off by 40%."""
    return sorted(figures, key=lambda figure: figure.events_per_second)[len(figures) // 2]


async def run(scale: Scale) -> dict[str, Any]:
    """Every workload at ``scale``: figures, ratios, and each target with whether it holds."""
    url = database_url()
    calibrated_before = calibrate(url)
    rounds = [await _append_round(url, scale) for _ in range(scale.append_rounds)]
    single, peer, floor, batched = (
        _median([getattr(r, name) for r in rounds])
        for name in ("single", "peer", "floor", "batched")
    )
    async with scratch_schema(url) as schema:
        served = await http.http_workload(url, schema, scale)
    with tempfile.TemporaryDirectory() as data_dir:
        async with scratch_schema(url) as schema:
            replayed = await replay.replay_workload(url, schema, scale)
            as_of_losses = await as_of.as_of_workload(url, schema, scale)
            reported_by_losses = await as_of.as_of_workload(url, schema, scale, by_sources=True)
            proofs = await transparency.proof_workload(url, schema, scale, data_dir)
            pages = await console.console_workload(url, schema, scale, data_dir)
    async with scratch_schema(url) as schema:
        seal_lag = await transparency.seal_lag_workload(url, schema, scale)
    revised = []
    for events in (scale.revised_replay_events // 4, scale.revised_replay_events):
        async with scratch_schema(url) as schema:
            sized = msgspec.structs.replace(scale, replay_events=events)
            revised.append(await replay.replay_workload(url, schema, sized, revised=True))
    calibrated_after = calibrate(url)
    targets = [
        _target(
            "a_vs_eventsourcing", single.events_per_second / peer.events_per_second, at_least=3
        ),
        _target("a_vs_raw_floor", single.events_per_second / floor.events_per_second, at_least=0.6),
        _target("c_batched_events_per_second", batched.events_per_second, at_least=30_000),
        *_http_targets(served),
        _target("d_replay_events_per_second", replayed.replay_events_per_second, at_least=50_000),
        _target("d_peak_rss_mib", replayed.peak_rss_mib, below=500),
        # Linear whatever the event types: four times the revised ledger, four times the time.
        _target(
            "d2_revised_large_vs_small",
            revised[1].log_events_per_second / revised[0].log_events_per_second,
            at_least=0.75,
        ),
        _target("f_as_of_losses_p99_ms", as_of_losses.p99_ms, below=100),
        _target("f2_reported_by_losses_p99_ms", reported_by_losses.p99_ms, below=100),
        *_proof_targets(proofs, seal_lag),
        *(_target(f"h_console_{p.page}_p99_ms", p.p99_ms, below=100) for p in pages.pages),
        _target("h_console_errors", sum(p.errors for p in pages.pages), below=1),
    ]
    return {
        "scale": scale.name,
        "machine": _machine(url),
        "calibration": {"before": calibrated_before, "after": calibrated_after},
        "workloads": {
            "a_single_appends": single,
            "b1_eventsourcing_recorder": peer,
            "b2_raw_insert_floor": floor,
            "c_batched_appends": batched,
            "per_round_a_b_c": rounds,
            "e_http": served,
            "d_read_and_replay": replayed,
            "d2_revised_replays": revised,
            "f_as_of_losses": as_of_losses,
            "f2_reported_by_losses": reported_by_losses,
            "g1_proofs": proofs,
            "g2_seal_lag": seal_lag,
            "h_console": pages,
        },
        "targets": targets,
        "all_targets_hold": all(t.holds for t in targets),
    }
