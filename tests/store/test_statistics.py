"""The service may refresh the planner's statistics on the log, which only its owner may ANALYZE."""

from __future__ import annotations

import psycopg

from ledger.store import EventStore, StreamState
from tests.store.helpers import events_estimated, happened


async def test_statistics_are_gathered_when_missing_then_left_alone_while_fresh(
    store: EventStore, superuser: psycopg.Connection[tuple[object, ...]]
) -> None:
    await store.append("stats-1", [happened(n) for n in range(200)], StreamState.NO_STREAM)
    assert events_estimated(superuser) < 0  # never analyzed
    # The store's connections run as the service role where it exists: not the owner.
    assert await store.refresh_statistics()
    assert events_estimated(superuser) == 200
    assert not await store.refresh_statistics()
