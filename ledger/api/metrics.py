"""Prometheus metrics: requests and appends as they happen, the vitals measured at each scrape.

Each app has a registry of its own (several run in one test process). Counters and the
latency histogram are kept as requests are served; the gauges (lags, the transaction
holding readers back, the pool) are measured when ``/metrics`` is scraped, so a figure is
never older than the scrape.
"""

from __future__ import annotations

from collections import Counter as Tally
from typing import TYPE_CHECKING, Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

if TYPE_CHECKING:
    from ledger.application.receipts import Outcome
    from ledger.application.vitals import Readiness

_LATENCY_BUCKETS: Final = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_UNROUTED: Final = "unrouted"
"""The route label of a request no route matched: its path would make one series per URL."""


class LedgerMetrics:
    """The service's metrics and their registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self._requests = Counter(
            "ledger_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=registry,
        )
        self._latency = Histogram(
            "ledger_http_request_duration_seconds",
            "Time from a request's arrival to the end of its response, by method and route.",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )
        self._appends = Counter(
            "ledger_appends", "Writes that appended events (replays excluded).", registry=registry
        )
        self._events = Counter(
            "ledger_events_appended", "Events appended, by type.", ["type"], registry=registry
        )
        self._projection_lag_events = Gauge(
            "ledger_projection_lag_events",
            "Events a projection's live generation has still to apply (counted up to a cap).",
            ["projection"],
            registry=registry,
        )
        self._projection_lag_seconds = Gauge(
            "ledger_projection_lag_seconds",
            "How long the first event a projection has still to apply has waited.",
            ["projection"],
            registry=registry,
        )
        self._sealer_lag_events = Gauge(
            "ledger_sealer_lag_events",
            "Committed events the chain has not sealed.",
            registry=registry,
        )
        self._sealer_lag_seconds = Gauge(
            "ledger_sealer_lag_seconds",
            "How long the oldest event not sealed has waited.",
            registry=registry,
        )
        self._held_back_seconds = Gauge(
            "ledger_oldest_transaction_seconds",
            "How long the oldest transaction holding an id has been open: readers of the log"
            " see nothing committed after it began (0 when there is none).",
            registry=registry,
        )
        self._pool_connections = Gauge(
            "ledger_pool_connections",
            "Connections of this process's pool, by state.",
            ["state"],
            registry=registry,
        )
        self._pool_max = Gauge(
            "ledger_pool_max_connections", "The most connections the pool opens.", registry=registry
        )
        self._pool_waiting = Gauge(
            "ledger_pool_requests_waiting",
            "Requests for a connection waiting in the pool.",
            registry=registry,
        )
        self._series: dict[tuple[str, str | None, int], tuple[Counter, Histogram]] = {}
        self._ready = Gauge(
            "ledger_ready", "1 when the service is ready by its limits, else 0.", registry=registry
        )

    def observe_request(self, method: str, route: str | None, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        key = (method, route, status)
        series = self._series.get(key)
        if series is None:
            # Looking a labelled series up costs more than the request's own metrics work:
            # each one is looked up once (routes, methods and statuses are few).
            label = route or _UNROUTED
            series = (
                self._requests.labels(method, label, str(status)),
                self._latency.labels(method, label),
            )
            self._series[key] = series
        counted, timed = series
        counted.inc()
        timed.observe(seconds)

    def appended(self, outcome: Outcome) -> None:
        """Count a write that appended events (``AppendWatcher``)."""
        self._appends.inc()
        for kind, count in Tally(event.type for event in outcome.receipt.events).items():
            self._events.labels(kind).inc(count)

    def exposition(self, readiness: Readiness) -> bytes:
        """The text format a scraper reads, the gauges set from ``readiness``."""
        vitals = readiness.vitals
        for lag in vitals.projections:
            self._projection_lag_events.labels(lag.projection).set(lag.events)
            self._projection_lag_seconds.labels(lag.projection).set(lag.seconds)
        self._sealer_lag_events.set(vitals.sealer_backlog_events)
        self._sealer_lag_seconds.set(vitals.sealer_backlog_seconds)
        self._held_back_seconds.set(vitals.oldest_transaction_seconds or 0.0)
        self._pool_connections.labels("in_use").set(vitals.pool.connections - vitals.pool.idle)
        self._pool_connections.labels("idle").set(vitals.pool.idle)
        self._pool_max.set(vitals.pool.max_connections)
        self._pool_waiting.set(vitals.pool.requests_waiting)
        self._ready.set(1 if readiness.ready else 0)
        return generate_latest(self.registry)
