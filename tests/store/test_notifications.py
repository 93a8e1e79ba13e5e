import asyncio
import time
from collections.abc import Callable

from ledger.store import EventStore
from tests.store.helpers import happened

WRITERS = 8
APPENDS_PER_WRITER = 25


async def _notifications_settled(count: Callable[[], int], previous: int) -> int:
    # Delivery is asynchronous: wait until the count stops moving.
    while True:
        await asyncio.sleep(0.3)
        now = count()
        if now == previous:
            return now
        previous = now


async def test_a_burst_of_appends_shares_spaced_notifications(store: EventStore) -> None:
    listener = store.listener()
    await listener.start()
    try:
        started = time.monotonic()

        async def write(writer: int) -> None:
            for n in range(APPENDS_PER_WRITER):
                await store.append(f"burst-{writer}", [happened(n)])

        await asyncio.gather(*(write(w) for w in range(WRITERS)))
        await store.flush_notifications()
        elapsed = time.monotonic() - started
        sent = await _notifications_settled(lambda: listener.count, listener.count)
    finally:
        await listener.stop()
    # At least one, and never more often than one per 10 ms: not one per append.
    assert 1 <= sent <= elapsed / 0.01 + 2
    assert sent < WRITERS * APPENDS_PER_WRITER


async def test_a_commit_after_a_quiet_spell_is_notified_at_once(store: EventStore) -> None:
    listener = store.listener()
    await listener.start()
    try:
        await store.append("quiet-1", [happened(1)])
        await store.flush_notifications()
        seen = await _notifications_settled(lambda: listener.count, listener.count)
        await asyncio.sleep(0.1)
        await store.append("quiet-1", [happened(2)])
        # The wait ends on the notification; a sender that held it back would time out.
        await listener.wait(seen, timeout=5)
        assert listener.count > seen
    finally:
        await listener.stop()
