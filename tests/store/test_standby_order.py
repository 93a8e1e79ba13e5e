"""The gap-free global order holds on a hot standby: paging the log there loses nothing.

The same writers as the store's concurrency test append on the primary, holding
transactions open and rolling some back; a reader pages the log on a streaming standby the
whole time. The standby knows the primary's running transactions from its WAL, so its
snapshot hides an event until every transaction that could still commit before it has
ended there too: the reader must end with every committed event exactly once, in order.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid

import pytest

from ledger.store import START_OF_LOG, EventStore, RecordedEvent, open_pool, run_migrations
from tests.conftest import TEST_EVENT_TYPES
from tests.replication import primary_and_standby
from tests.store.helpers import EVENTS_PER_WRITER, WRITERS, concurrent_writer

_SCHEMA = "ledger"
_PATIENCE_SECONDS = 60


async def _page_until(store: EventStore, count: int) -> list[RecordedEvent]:
    """Page the log from its start until ``count`` events were read, polling when idle."""
    seen: list[RecordedEvent] = []
    cursor, deadline = START_OF_LOG, time.monotonic() + _PATIENCE_SECONDS
    while len(seen) < count:
        assert time.monotonic() < deadline, f"the standby showed {len(seen)} of {count}"
        page = await store.read_all(cursor, limit=300)
        seen.extend(page.events)
        cursor = page.next_cursor
        if not page.events:
            await asyncio.sleep(0.02)
    return seen


@pytest.mark.slow
async def test_paging_the_log_on_a_standby_sees_every_committed_event_once_in_order() -> None:
    with primary_and_standby() as servers:
        run_migrations(servers.primary, schema=_SCHEMA)
        servers.wait_for_replay()  # the schema exists on the standby before it is read
        primary = await open_pool(servers.primary, schema=_SCHEMA, min_size=1, max_size=10)
        standby = await open_pool(servers.standby, schema=_SCHEMA, min_size=1, max_size=2)
        try:
            writing = EventStore(primary, TEST_EVENT_TYPES)
            reading = EventStore(standby, TEST_EVENT_TYPES)
            rng = random.Random(20200305)
            committed: set[uuid.UUID] = set()
            rolled_back: set[uuid.UUID] = set()
            reader = asyncio.create_task(_page_until(reading, WRITERS * EVENTS_PER_WRITER))
            await asyncio.gather(
                *(
                    concurrent_writer(
                        writing, n, committed, rolled_back, random.Random(rng.random())
                    )
                    for n in range(WRITERS)
                )
            )
            seen = await reader
            on_primary: list[uuid.UUID] = []
            cursor = START_OF_LOG
            while (page := await writing.read_all(cursor, limit=1000)).events:
                on_primary.extend(event.event_id for event in page.events)
                cursor = page.next_cursor
        finally:
            await primary.close()
            await standby.close()
    seen_ids = [event.event_id for event in seen]
    assert rolled_back, "the schedule should have rolled some transactions back"
    assert len(seen_ids) == len(set(seen_ids)), "an event was delivered twice"
    assert set(seen_ids) == committed, "an event was skipped or a rolled-back one delivered"
    assert seen_ids == on_primary, "the standby's order differs from the primary's"
    positions = [event.position for event in seen]
    assert positions != sorted(positions), "positions were committed in order: nothing proven"
