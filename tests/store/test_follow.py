import asyncio
from contextlib import aclosing

from ledger.store import EventStore, NewEvent, RecordedEvent
from tests.store.helpers import happened


async def test_a_waiting_follower_is_woken_by_notify(store: EventStore) -> None:
    await store.append("s-1", [happened(1)])
    received: list[RecordedEvent] = []
    caught_up = asyncio.Event()

    async def follow() -> None:
        # Polling alone would take 60 s: only the NOTIFY can deliver the second event in time.
        async with aclosing(store.follow(idle_poll_seconds=60)) as events:
            async for event in events:
                received.append(event)
                caught_up.set()
                if len(received) == 2:
                    return

    follower = asyncio.create_task(follow())
    await asyncio.wait_for(caught_up.wait(), timeout=10)
    await asyncio.sleep(0.2)  # let the follower settle into waiting for a notification
    await store.append("s-1", [happened(2)])
    await asyncio.wait_for(follower, timeout=10)
    assert [e.data["n"] for e in received] == [1, 2]


async def test_follow_applies_filters(store: EventStore) -> None:
    await store.append("incident-1", [happened(1), NewEvent(type="other.noted", data={})])
    await store.append("source-1", [happened(2)])
    received: list[RecordedEvent] = []

    async def follow() -> None:
        following = store.follow(event_types=["test.happened"], categories=["source"])
        async with aclosing(following) as events:
            async for event in events:
                received.append(event)
                return

    await asyncio.wait_for(follow(), timeout=10)
    assert [(e.stream_id, e.data["n"]) for e in received] == [("source-1", 2)]
