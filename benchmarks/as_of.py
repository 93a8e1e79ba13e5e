"""Workloads (f) and (f2): the losses view at past moments, on the ledger workload (d) built.

Each query asks what the issue's example asks — one party's military killed over one month
of occurred time — at a random past moment. (f) as the ledger knew it then: half of them a
global position, half an instant (the recorded time of a random event). (f2) as the sources
had told it by a random instant of their reporting (``reported_by``), half of them now and
half as the ledger knew it at a random position. Timed from the moment's resolution to the
decoded rows, as the API does it, without HTTP.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import msgspec

from benchmarks.latency import p50_p99
from benchmarks.replay import PARTIES
from ledger.application.views import LossFilter, Moment
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.domain.vocabulary import CasualtyGroup, LossMeasure
from ledger.projections import views
from ledger.store import EventStore, open_pool

if TYPE_CHECKING:
    from benchmarks.scales import Scale

_FEBRUARY: Final = LossFilter(
    occurred_from=datetime(2020, 2, 1, tzinfo=UTC),
    occurred_to=datetime(2020, 3, 1, tzinfo=UTC),
    party=PARTIES[0],
    group=CasualtyGroup.MILITARY,
    measure=LossMeasure.KILLED,
)
_WARM_UP: Final = 10
_SAID_FROM: Final = datetime(2020, 2, 1, tzinfo=UTC)
_SAID_TO: Final = datetime(2020, 4, 1, tzinfo=UTC)
"""The reporting instants (f2) asks at: before, through and after the month's reports."""


class Latency(msgspec.Struct, frozen=True, kw_only=True):
    """Workload (f): how long an as-of losses query takes."""

    events: int
    queries: int
    p50_ms: float
    p99_ms: float
    max_ms: float


async def as_of_workload(
    url: str, schema: str, scale: Scale, *, by_sources: bool = False
) -> Latency:
    """(f) ``scale.as_of_queries`` as-of losses queries at random past moments.

    ``by_sources``: (f2), ``reported_by`` queries instead.
    """
    pool = await open_pool(url, schema=schema, min_size=1, max_size=2)
    try:
        store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
        async with pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT min(recorded_at), max(recorded_at), max(position), count(*) FROM events"
            )
            row = await cursor.fetchone()
        assert row is not None  # noqa: S101 - an aggregate always returns a row
        first, last, head, events = row
        chooser = random.Random(6)
        samples = []
        for query in range(_WARM_UP + scale.as_of_queries):
            if by_sources:
                said = _SAID_FROM + (_SAID_TO - _SAID_FROM) * chooser.random()
                position = chooser.randint(1, head) if query % 2 else None
                started = time.perf_counter()
                at = None if position is None else await store.cursor_at(position)
                await views.losses(pool, "facts", _FEBRUARY, Moment(at, said))
            else:
                moment: int | datetime = (
                    chooser.randint(1, head)
                    if query % 2
                    else first + (last - first) * chooser.random()
                )
                started = time.perf_counter()
                at = await store.cursor_at(moment)
                await views.losses(pool, "facts", _FEBRUARY, Moment(at))
            if query >= _WARM_UP:
                samples.append((time.perf_counter() - started) * 1000)
    finally:
        await pool.close()
    p50, p99 = p50_p99(samples)
    return Latency(
        events=events,
        queries=len(samples),
        p50_ms=p50,
        p99_ms=p99,
        max_ms=round(max(samples), 2),
    )
