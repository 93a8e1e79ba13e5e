"""The benchmark harness at tiny sizes: it runs, cleans up, and reports every figure.

No timing is asserted here; figures and targets live in the harness's own output.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import msgspec
import psycopg

from tests.conftest import REPOSITORY


def _run_harness(database_url: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scale", "tiny"],
        env={**os.environ, "LEDGER_DATABASE_URL": database_url},
        cwd=REPOSITORY,
        capture_output=True,
        timeout=300,
        check=False,
    )


def _scratch_objects(database_url: str) -> set[str]:
    """The harness's schemas and its calibration tables, wherever they are."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench\\_%'"
            " UNION ALL SELECT relname FROM pg_class WHERE relname LIKE 'calibration\\_%'"
        ).fetchall()
    return {row[0] for row in rows}


async def test_the_harness_prints_every_figure_and_target(database_url: str) -> None:
    before = _scratch_objects(database_url)
    result = await asyncio.to_thread(_run_harness, database_url)
    assert result.returncode == 0, result.stderr.decode()
    report = msgspec.json.decode(result.stdout)
    assert report["scale"] == "tiny"
    assert set(report["workloads"]) == {
        "a_single_appends",
        "b1_eventsourcing_recorder",
        "b2_raw_insert_floor",
        "c_batched_appends",
        "per_round_a_b_c",
        "d_read_and_replay",
        "d2_revised_replays",
        "e_http",
        "f_as_of_losses",
        "f2_reported_by_losses",
        "g1_proofs",
        "g2_seal_lag",
        "h_console",
    }
    assert report["workloads"]["a_single_appends"]["events"] == 40
    assert report["workloads"]["c_batched_appends"]["events"] == 400
    appended = [w for name, w in report["workloads"].items() if name[0] in "abc"]
    assert all(w["events_per_second"] > 0 for w in appended)
    assert len(report["workloads"]["per_round_a_b_c"]) == 1
    assert [t["figure"] for t in report["targets"]] == [
        "a_vs_eventsourcing",
        "a_vs_raw_floor",
        "c_batched_events_per_second",
        "e_post_requests_per_second",
        "e_post_p99_ms",
        "e_get_losses_requests_per_second",
        "e_get_incident_requests_per_second",
        "d_replay_events_per_second",
        "d_peak_rss_mib",
        "d2_revised_large_vs_small",
        "f_as_of_losses_p99_ms",
        "f2_reported_by_losses_p99_ms",
        "g1_inclusion_p99_ms",
        "g1_consistency_p99_ms",
        "g1_inclusion_hashes_over_log2_n",
        "g1_consistency_hashes_over_log2_n_plus_1",
        "g2_seal_lag_seconds",
        *(f"h_console_{page['page']}_p99_ms" for page in report["workloads"]["h_console"]["pages"]),
        "h_console_errors",
    ]
    pages = report["workloads"]["h_console"]["pages"]
    assert len(pages) == 13
    assert all(p["requests"] == 5 and p["errors"] == 0 and p["p99_ms"] > 0 for p in pages)
    replayed = report["workloads"]["d_read_and_replay"]
    assert replayed["events"] == 210
    assert {r["projection"]: r["events"] for r in replayed["replays"]} == {
        "incidents": 200,
        "facts": 210,
    }
    revised = report["workloads"]["d2_revised_replays"]
    assert [r["events"] > 0 for r in revised] == [True, True]
    assert revised[1]["events"] > 3 * revised[0]["events"]
    served = report["workloads"]["e_http"]
    assert [(e["name"], e["requests"], e["errors"]) for e in served["endpoints"]] == [
        ("post_casualty_report", 64, 0),
        ("get_losses_view", 64, 0),
        ("get_incident", 64, 0),
    ]
    assert served["projections_caught_up_seconds"] >= 0
    scraped = served["metrics"]
    assert scraped["scrapes"] >= 2
    assert served["metrics_counted_as_sent"] is True
    assert scraped["requests"]["POST /v1/incidents/{incident_id}/reports 201"] == 64
    assert scraped["appends"] == scraped["events_appended"] == 64
    assert {"projection_lag_events incidents", "projection_lag_events facts"} <= set(
        scraped["worst"]
    )
    as_of_losses = report["workloads"]["f_as_of_losses"]
    assert (as_of_losses["events"], as_of_losses["queries"]) == (210, 20)
    proofs = report["workloads"]["g1_proofs"]
    assert proofs["tree_size"] == 210
    for proven in (proofs["inclusion"], proofs["consistency"], *proofs["saturated"]):
        assert (proven["requests"], proven["errors"]) == (64, 0)
        assert 0 < proven["max_hashes"] <= proven["bound_hashes"]
    assert [p["concurrency"] for p in proofs["saturated"]] == [32, 32]
    assert proofs["inclusion"]["bound_hashes"] == 8  # ceil(log2(210))
    sealing = report["workloads"]["g2_seal_lag"]
    assert sealing["appended"]["events"] == 400
    assert sealing["samples"] >= 1
    assert report["all_targets_hold"] == all(t["holds"] for t in report["targets"])
    assert report["machine"]["cores"] >= 1
    for probed in (report["calibration"]["before"], report["calibration"]["after"]):
        assert set(probed) == {"python_ms", "server_ms", "commit_p50_ms", "round_trip_p50_us"}
        assert all(figure > 0 for figure in probed.values())
    assert _scratch_objects(database_url) == before  # its scratch schema and tables are gone
