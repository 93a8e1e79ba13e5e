"""The service may refresh the planner's statistics on the log, which only its owner may ANALYZE."""

from __future__ import annotations

import psycopg

from ledger.store import EventStore, StreamState
from tests.store.helpers import happened


def _rows_estimated(superuser: psycopg.Connection[tuple[object, ...]]) -> float:
    row = superuser.execute("SELECT reltuples FROM pg_class WHERE oid = 'events'::regclass")
    found = row.fetchone()
    assert found is not None
    return float(str(found[0]))


async def test_statistics_are_gathered_when_missing_then_left_alone_while_fresh(
    store: EventStore, superuser: psycopg.Connection[tuple[object, ...]]
) -> None:
    await store.append("stats-1", [happened(n) for n in range(200)], StreamState.NO_STREAM)
    assert _rows_estimated(superuser) < 0  # never analyzed
    # The store's connections run as the service role where it exists: not the owner.
    assert await store.refresh_statistics()
    assert _rows_estimated(superuser) == 200
    assert not await store.refresh_statistics()
