"""Latency percentiles, the same way for every workload that reports them."""

from __future__ import annotations

import statistics


def p50_p99(samples_ms: list[float]) -> tuple[float, float]:
    """The median and the 99th percentile (nearest rank) of ``samples_ms``, rounded."""
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return round(statistics.median(ordered), 2), round(p99, 2)
