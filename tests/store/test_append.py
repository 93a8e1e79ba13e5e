import asyncio
from typing import Any

import psycopg
import pytest

from ledger.store import (
    EventMetadata,
    EventStore,
    IdempotencyKeyReusedError,
    NewEvent,
    StreamState,
    WrongExpectedVersionError,
)
from tests.store.helpers import count_rows, happened


async def test_first_append_creates_stream_at_version_of_batch(store: EventStore) -> None:
    result = await store.append("incident-a", [happened(1), happened(2)], StreamState.NO_STREAM)

    assert result.stream_version == 2
    assert len(result.positions) == 2
    assert result.positions[0] < result.positions[1]
    assert not result.deduplicated
    events = await store.read_stream("incident-a")
    assert [(e.stream_version, e.position) for e in events] == [
        (1, result.positions[0]),
        (2, result.positions[1]),
    ]
    assert all(e.transaction_id == result.transaction_id for e in events)
    assert all(e.recorded_at == result.recorded_at for e in events)


async def test_schema_version_comes_from_the_registry(store: EventStore) -> None:
    await store.append("s-1", [NewEvent(type="test.counted", data={"count": 3})])
    [event] = await store.read_stream("s-1")
    assert event.type == "test.counted"
    assert event.schema_version == 2
    assert event.data == {"count": 3}


async def test_metadata_is_stored_with_the_idempotency_key(store: EventStore) -> None:
    metadata = EventMetadata(
        principal="analyst-7", source="src-1", correlation_id="corr-1", causation_id="cause-1"
    )
    event = NewEvent(type="test.happened", data={"n": 1}, metadata=metadata)
    await store.append("s-1", [event], idempotency_key="key-1")
    [recorded] = await store.read_stream("s-1")
    assert recorded.event_id == event.event_id
    assert recorded.metadata == EventMetadata(
        principal="analyst-7",
        source="src-1",
        correlation_id="corr-1",
        causation_id="cause-1",
        idempotency_key="key-1",
    )


@pytest.mark.parametrize(
    ("expected", "existing_events", "accepted"),
    [
        (StreamState.ANY, 0, True),
        (StreamState.ANY, 2, True),
        (StreamState.NO_STREAM, 0, True),
        (StreamState.NO_STREAM, 2, False),
        (StreamState.STREAM_EXISTS, 0, False),
        (StreamState.STREAM_EXISTS, 2, True),
        (0, 0, True),
        (0, 2, False),
        (2, 2, True),
        (1, 2, False),
        (3, 2, False),
    ],
)
async def test_expected_version_semantics(
    store: EventStore,
    superuser: psycopg.Connection[tuple[Any, ...]],
    expected: StreamState | int,
    existing_events: int,
    accepted: bool,  # noqa: FBT001
) -> None:
    if existing_events:
        await store.append("s-1", [happened(i) for i in range(existing_events)])
    before = count_rows(superuser, "events")

    if accepted:
        result = await store.append("s-1", [happened(99)], expected)
        assert result.stream_version == existing_events + 1
        assert count_rows(superuser, "events") == before + 1
    else:
        with pytest.raises(WrongExpectedVersionError) as raised:
            await store.append("s-1", [happened(99)], expected)
        assert raised.value.actual == existing_events
        assert raised.value.expected == expected
        assert raised.value.stream_id == "s-1"
        assert count_rows(superuser, "events") == before
        assert await store.stream_version("s-1") == existing_events


async def test_conflicting_writers_one_wins(store: EventStore) -> None:
    await store.append("s-1", [happened(0)])
    outcomes = await asyncio.gather(
        *(store.append("s-1", [happened(i)], 1) for i in range(6)), return_exceptions=True
    )
    winners = [o for o in outcomes if not isinstance(o, BaseException)]
    losers = [o for o in outcomes if isinstance(o, WrongExpectedVersionError)]
    assert len(winners) == 1
    assert len(losers) == 5
    assert all(loser.actual == 2 for loser in losers)
    assert await store.stream_version("s-1") == 2


async def test_concurrent_creation_of_one_new_stream(store: EventStore) -> None:
    outcomes = await asyncio.gather(
        *(store.append("fresh-1", [happened(i)], StreamState.NO_STREAM) for i in range(6)),
        return_exceptions=True,
    )
    assert sum(not isinstance(o, BaseException) for o in outcomes) == 1
    assert sum(isinstance(o, WrongExpectedVersionError) for o in outcomes) == 5
    assert len(await store.read_stream("fresh-1")) == 1


async def test_a_batch_is_atomic(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    first = happened(1)
    await store.append("s-1", [first])
    # The second event reuses an event id: the database refuses it, and with it the whole batch.
    duplicate = NewEvent(type="test.happened", data={"n": 3}, event_id=first.event_id)
    with pytest.raises(psycopg.errors.UniqueViolation):
        await store.append("s-2", [happened(2), duplicate])
    assert count_rows(superuser, "events") == 1
    assert await store.stream_exists("s-2") is False


async def test_retry_with_same_idempotency_key_returns_first_result(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    first = await store.append("s-1", [happened(1), happened(2)], StreamState.NO_STREAM, "k-1")
    await store.append("s-1", [happened(3)])

    again = await store.append("s-1", [happened(1), happened(2)], StreamState.NO_STREAM, "k-1")

    assert again.deduplicated
    assert (again.positions, again.stream_version, again.transaction_id) == (
        first.positions,
        first.stream_version,
        first.transaction_id,
    )
    assert again.recorded_at == first.recorded_at
    assert count_rows(superuser, "events") == 3


async def test_same_idempotency_key_for_another_request_is_refused(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    await store.append("s-1", [happened(1)], idempotency_key="k-1")
    with pytest.raises(IdempotencyKeyReusedError) as raised:
        await store.append("s-1", [happened(2)], idempotency_key="k-1")
    assert raised.value.idempotency_key == "k-1"
    with pytest.raises(IdempotencyKeyReusedError):
        await store.append("s-2", [happened(1)], idempotency_key="k-1")
    assert count_rows(superuser, "events") == 1


async def test_failed_append_does_not_consume_its_idempotency_key(store: EventStore) -> None:
    await store.append("s-1", [happened(1)])
    with pytest.raises(WrongExpectedVersionError):
        await store.append("s-1", [happened(2)], StreamState.NO_STREAM, "k-1")
    # The key of the failed request is free: the corrected request goes through with it.
    retried = await store.append("s-1", [happened(2)], 1, "k-1")
    assert not retried.deduplicated
    assert retried.stream_version == 2


async def test_concurrent_retries_with_one_key_write_once(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    results = await asyncio.gather(
        *(store.append("s-1", [happened(1)], StreamState.ANY, "k-1") for _ in range(8))
    )
    assert sum(not r.deduplicated for r in results) == 1
    assert len({r.positions for r in results}) == 1
    assert count_rows(superuser, "events") == 1


async def test_appends_in_one_transaction_commit_together(store: EventStore) -> None:
    async with store.transaction() as transaction:
        await transaction.append("s-1", [happened(1)], StreamState.NO_STREAM)
        await transaction.append("s-2", [happened(2)], StreamState.NO_STREAM)
    assert await store.stream_version("s-1") == 1
    assert await store.stream_version("s-2") == 1


async def test_a_rolled_back_transaction_leaves_nothing(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    class AbortError(Exception):
        pass

    with pytest.raises(AbortError):
        async with store.transaction() as transaction:
            await transaction.append("s-1", [happened(1)], StreamState.NO_STREAM)
            raise AbortError
    assert count_rows(superuser, "events") == 0
    assert count_rows(superuser, "streams") == 0
    assert (await store.read_all()).events == ()


async def test_an_idempotent_append_can_be_looked_up(store: EventStore) -> None:
    assert await store.find_idempotent_append("k-1") is None
    first = await store.append("s-1", [happened(1)], idempotency_key="k-1")
    found = await store.find_idempotent_append("k-1")
    assert found is not None
    assert found.result.positions == first.positions
    assert found.result.stream_version == first.stream_version
    assert found.result.deduplicated


async def test_a_caller_fingerprint_identifies_the_request(store: EventStore) -> None:
    first = await store.append(
        "s-1", [happened(1)], idempotency_key="k-1", request_fingerprint=b"request-a"
    )
    # Other events, same fingerprint: the caller says it is the same request.
    again = await store.append(
        "s-1", [happened(2)], idempotency_key="k-1", request_fingerprint=b"request-a"
    )
    assert again.deduplicated
    assert again.positions == first.positions
    with pytest.raises(IdempotencyKeyReusedError):
        await store.append(
            "s-1", [happened(1)], idempotency_key="k-1", request_fingerprint=b"request-b"
        )
    found = await store.find_idempotent_append("k-1")
    assert found is not None
    assert found.request_fingerprint == b"request-a"
