"""The sizes the harness runs at."""

from __future__ import annotations

from typing import Final

import msgspec


class Scale(msgspec.Struct, frozen=True, kw_only=True):
    """Workload sizes. ``full`` is what the targets are set for; ``tenth`` replays a tenth of
    its events, for quick comparisons; ``tiny`` is the test suite's smoke run."""

    name: str
    writers: int
    events_per_writer: int
    batches_per_writer: int
    batch_size: int
    replay_events: int
    revised_replay_events: int
    """The larger of the two revised ledgers (d2); the smaller has a quarter of its events."""
    as_of_queries: int
    http_requests: int
    append_rounds: int
    console_requests: int
    """Of each console page (h)."""


SCALES: Final = {
    "full": Scale(
        name="full",
        writers=8,
        events_per_writer=500,
        batches_per_writer=50,
        batch_size=100,
        replay_events=1_000_000,
        revised_replay_events=100_000,
        as_of_queries=1000,
        http_requests=3000,
        append_rounds=3,
        console_requests=200,
    ),
    "tenth": Scale(
        name="tenth",
        writers=8,
        events_per_writer=500,
        batches_per_writer=50,
        batch_size=100,
        replay_events=100_000,
        revised_replay_events=40_000,
        as_of_queries=1000,
        http_requests=3000,
        append_rounds=3,
        console_requests=200,
    ),
    "tiny": Scale(
        name="tiny",
        writers=2,
        events_per_writer=20,
        batches_per_writer=2,
        batch_size=100,
        replay_events=210,
        revised_replay_events=840,
        as_of_queries=20,
        http_requests=64,
        append_rounds=1,
        console_requests=5,
    ),
}
