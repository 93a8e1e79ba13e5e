"""The gap-free global order under concurrent writers, proven against a real server.

Writers hold their transactions open for random moments after inserting, so positions are
taken in one order and committed in another, and some transactions roll back. A reader tails
the log the whole time and must end with every committed event exactly once.
"""

import asyncio
import random
import uuid
from contextlib import aclosing
from typing import Any

import psycopg
import pytest

from ledger.store import START_OF_LOG, EventStore, RecordedEvent
from tests.store.helpers import EVENTS_PER_WRITER, WRITERS, concurrent_writer


async def _read_everything(store: EventStore) -> list[RecordedEvent]:
    events: list[RecordedEvent] = []
    cursor = START_OF_LOG
    while page := await store.read_all(cursor, limit=700):
        if not page.events:
            return events
        events.extend(page.events)
        cursor = page.next_cursor
    return events


@pytest.mark.slow
async def test_tailing_reader_sees_every_committed_event_once_in_a_stable_order(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    rng = random.Random(20200303)
    committed: set[uuid.UUID] = set()
    rolled_back: set[uuid.UUID] = set()
    seen: list[RecordedEvent] = []

    async def tail() -> None:
        # Stops at the number the writers will commit, known before they start: a reader
        # that waited for them to finish first could take the last events before it knew,
        # then wait for one more event forever.
        async with aclosing(store.follow(batch_size=200, idle_poll_seconds=0.2)) as events:
            async for event in events:
                seen.append(event)
                if len(seen) == WRITERS * EVENTS_PER_WRITER:
                    return

    reader = asyncio.create_task(tail())
    await asyncio.gather(
        *(
            concurrent_writer(store, n, committed, rolled_back, random.Random(rng.random()))
            for n in range(WRITERS)
        )
    )
    await asyncio.wait_for(reader, timeout=60)

    seen_ids = [event.event_id for event in seen]
    assert len(committed) == WRITERS * EVENTS_PER_WRITER
    assert rolled_back, "the schedule should have rolled some transactions back"
    assert len(seen_ids) == len(set(seen_ids)), "an event was delivered twice"
    assert set(seen_ids) == committed, "an event was skipped or a rolled-back one delivered"
    assert not set(seen_ids) & rolled_back
    # Positions were taken out of commit order: otherwise this test proves nothing.
    positions = [event.position for event in seen]
    assert positions != sorted(positions)

    second_read = await _read_everything(store)
    assert [event.event_id for event in second_read] == seen_ids
    row = superuser.execute("SELECT count(*) FROM events").fetchone()
    assert row == (len(committed),)
    # Within each stream the versions run 1..n without a hole, in the global order.
    by_stream: dict[str, list[int]] = {}
    for event in seen:
        by_stream.setdefault(event.stream_id, []).append(event.stream_version)
    for versions in by_stream.values():
        assert versions == list(range(1, len(versions) + 1))
