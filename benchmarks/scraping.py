"""``/metrics`` scraped while workload (e) runs, as Prometheus would: what the server saw.

Every ``interval`` seconds one connection of its own asks ``/metrics``; the report keeps the
request counts and latencies the server recorded over the measured loads, and the worst
projection and sealer lag, oldest open transaction and pool queue any scrape showed. The
server's counts are held against what the load sent: each measured request must be counted
once under its route and status.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import AsyncIterator
from typing import Final

import msgspec
from prometheus_client.parser import text_string_to_metric_families

from benchmarks.latency import p50_p99
from benchmarks.loopback import Connection

INTERVAL_SECONDS: Final = 1.0
_PERCENTILE: Final = 0.99
_WORST: Final = {
    "ledger_projection_lag_events": "projection_lag_events",
    "ledger_projection_lag_seconds": "projection_lag_seconds",
    "ledger_sealer_lag_events": "sealer_lag_events",
    "ledger_sealer_lag_seconds": "sealer_lag_seconds",
    "ledger_oldest_transaction_seconds": "oldest_transaction_seconds",
    "ledger_pool_requests_waiting": "pool_requests_waiting",
}


class Scraped(msgspec.Struct, frozen=True, kw_only=True):
    """What the scrapes showed over the measured loads."""

    interval_seconds: float
    scrapes: int
    scrape_p50_ms: float
    scrape_p99_ms: float
    requests: dict[str, int]
    """Requests the server counted over the loads, by ``METHOD route status``."""
    request_p99_ms_at_most: dict[str, float | None]
    """By ``METHOD route``: the upper bound of the latency bucket holding the 99th percentile
    (None: above the largest bucket)."""
    appends: int
    events_appended: int
    worst: dict[str, float]
    """The largest value any scrape showed of each lag gauge, by gauge and label."""


class _Sample(msgspec.Struct, frozen=True, kw_only=True):
    counters: dict[str, float]
    buckets: dict[str, dict[float, float]]
    gauges: dict[str, float]


class MetricsWatch:
    """Scrapes ``/metrics`` on ``port`` until stopped; ``report()`` sums them up."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._samples: list[_Sample] = []
        self._scrape_ms: list[float] = []

    async def scrape(self, connection: Connection) -> None:
        """One scrape, kept."""
        started = time.perf_counter()
        answer = await connection.request("GET", "/metrics", {})
        self._scrape_ms.append((time.perf_counter() - started) * 1000)
        if answer.status != 200:  # noqa: PLR2004 - OK
            raise RuntimeError(f"/metrics answered {answer.status}")
        self._samples.append(_parse(answer.body.decode()))

    async def scrape_every_interval(self, connection: Connection) -> None:
        """Scrape each ``INTERVAL_SECONDS`` until cancelled."""
        while True:
            await asyncio.sleep(INTERVAL_SECONDS)
            await self.scrape(connection)

    def report(self) -> Scraped:
        """The counts between the first and last scrape, and the worst of each gauge."""
        first, last = self._samples[0], self._samples[-1]
        counted = {
            name: round(value - first.counters.get(name, 0))
            for name, value in last.counters.items()
            if value > first.counters.get(name, 0)
        }
        worst: dict[str, float] = {}
        for sample in self._samples:
            for name, value in sample.gauges.items():
                worst[name] = max(worst.get(name, 0.0), value)
        p50, p99 = p50_p99(self._scrape_ms)
        return Scraped(
            interval_seconds=INTERVAL_SECONDS,
            scrapes=len(self._samples),
            scrape_p50_ms=p50,
            scrape_p99_ms=p99,
            requests={k: v for k, v in counted.items() if not k.startswith("ledger_")},
            request_p99_ms_at_most=_percentiles(first.buckets, last.buckets),
            appends=counted.get("ledger_appends", 0),
            events_appended=sum(v for k, v in counted.items() if k.startswith("ledger_events")),
            worst={name: round(value, 3) for name, value in sorted(worst.items())},
        )


@contextlib.asynccontextmanager
async def watching(port: int) -> AsyncIterator[MetricsWatch]:
    """Scrape once now, every interval while the block runs, and once at its end."""
    watch = MetricsWatch(port)
    connection = await Connection.open(port)
    try:
        await watch.scrape(connection)
        scraping = asyncio.create_task(watch.scrape_every_interval(connection))
        try:
            yield watch
        finally:
            scraping.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await scraping
        # A scrape cancelled mid-answer leaves the connection unusable: the last has its own.
        last = await Connection.open(port)
        try:
            await watch.scrape(last)
        finally:
            await last.close()
    finally:
        await connection.close()


def _parse(text: str) -> _Sample:
    counters: dict[str, float] = {}
    buckets: dict[str, dict[float, float]] = {}
    gauges: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = sample.labels
            if sample.name == "ledger_http_requests_total":
                key = f"{labels['method']} {labels['route']} {labels['status']}"
                counters[key] = sample.value
            elif sample.name in {"ledger_appends_total", "ledger_events_appended_total"}:
                key = f"{sample.name.removesuffix('_total')} {labels.get('type', '')}".strip()
                counters[key] = sample.value
            elif sample.name == "ledger_http_request_duration_seconds_bucket":
                route = buckets.setdefault(f"{labels['method']} {labels['route']}", {})
                route[float(labels["le"])] = sample.value
            elif sample.name in _WORST:
                suffix = f" {labels['projection']}" if "projection" in labels else ""
                gauges[_WORST[sample.name] + suffix] = sample.value
    return _Sample(counters=counters, buckets=buckets, gauges=gauges)


def _percentiles(
    before: dict[str, dict[float, float]], after: dict[str, dict[float, float]]
) -> dict[str, float | None]:
    """By route, the smallest bucket bound under which 99% of the requests in between fell."""
    found: dict[str, float | None] = {}
    for route, cumulative in after.items():
        earlier = before.get(route, {})
        counts = Counter({le: value - earlier.get(le, 0.0) for le, value in cumulative.items()})
        total = counts[float("inf")]
        if total <= 0:
            continue
        bound = min(le for le, count in counts.items() if count >= _PERCENTILE * total)
        found[route] = round(bound * 1000, 3) if bound != float("inf") else None
    return found
