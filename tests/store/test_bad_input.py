from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from ledger.store import (
    EmptyAppendError,
    EventMetadata,
    EventNotEncodableError,
    EventStore,
    EventTooLargeError,
    InvalidAppendError,
    InvalidExpectedVersionError,
    InvalidIdempotencyKeyError,
    InvalidStreamIdError,
    NewEvent,
    StreamState,
    UnknownEventTypeError,
)
from tests.store.helpers import count_rows, happened


@pytest.mark.parametrize(
    "stream_id",
    ["", "   ", "x" * 201, "incident-\n1", "incident-\x00", "tab\there", "bell\x07", 42],
    ids=["empty", "blank", "too-long", "newline", "nul", "tab", "bell", "not-a-string"],
)
async def test_bad_stream_ids_are_refused(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]], stream_id: Any
) -> None:
    with pytest.raises(InvalidStreamIdError) as raised:
        await store.append(stream_id, [happened(1)])
    assert raised.value.field == "stream_id"
    assert count_rows(superuser, "events") == 0


async def test_longest_allowed_stream_id_and_unicode_are_accepted(store: EventStore) -> None:
    await store.append("x" * 200, [happened(1)])
    await store.append("incident-إدلب-Maarat-al-Numan", [happened(1)])
    assert await store.stream_version("x" * 200) == 1


async def test_unregistered_event_type_is_refused(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    with pytest.raises(UnknownEventTypeError) as raised:
        await store.append("s-1", [happened(1), NewEvent(type="test.unknown", data={})])
    assert raised.value.field == "events[1].type"
    assert "test.unknown" in str(raised.value)
    assert count_rows(superuser, "events") == 0


@pytest.mark.parametrize(
    "data",
    [{"when": object()}, {"nested": {"bad": {1, object()}}}, ["not", "an", "object"], "text"],
    ids=["object", "nested-object", "list", "string"],
)
async def test_data_that_is_not_a_json_object_is_refused(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]], data: Any
) -> None:
    with pytest.raises(EventNotEncodableError) as raised:
        await store.append("s-1", [NewEvent(type="test.happened", data=data)])
    assert raised.value.field == "events[0].data"
    assert count_rows(superuser, "events") == 0


async def test_nul_characters_are_refused_before_the_database(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    with pytest.raises(EventNotEncodableError):
        await store.append("s-1", [happened(1, quote="a\x00b")])
    with pytest.raises(EventNotEncodableError):
        event = NewEvent(type="test.happened", data={}, metadata=EventMetadata(principal="p\x00"))
        await store.append("s-1", [event])
    assert count_rows(superuser, "events") == 0


async def test_json_encodable_values_round_trip(store: EventStore) -> None:
    moment = datetime(2020, 3, 3, 21, 0, tzinfo=UTC)
    await store.append("s-1", [happened(1, at=moment, ratio=0.5, tags=["a"], none=None)])
    [event] = await store.read_stream("s-1")
    assert event.data == {
        "n": 1,
        "at": "2020-03-03T21:00:00Z",
        "ratio": 0.5,
        "tags": ["a"],
        "none": None,
    }


async def test_event_over_the_size_limit_is_refused(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    with pytest.raises(EventTooLargeError) as raised:
        await store.append("s-1", [happened(1), happened(2, text="x" * 70_000)])
    assert raised.value.field == "events[1]"
    assert raised.value.limit == 64 * 1024
    assert raised.value.size > raised.value.limit
    assert count_rows(superuser, "events") == 0


async def test_event_just_under_the_size_limit_is_accepted(store: EventStore) -> None:
    await store.append("s-1", [happened(1, text="x" * 60_000)])
    assert await store.stream_version("s-1") == 1


@pytest.mark.parametrize("expected", [-1, -2, 2**53, 2**63, True, 1.0, "1", None], ids=repr)
async def test_nonsense_expected_versions_are_refused(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]], expected: Any
) -> None:
    with pytest.raises(InvalidExpectedVersionError) as raised:
        await store.append("s-1", [happened(1)], expected)
    assert raised.value.field == "expected_version"
    assert count_rows(superuser, "events") == 0


@pytest.mark.parametrize("key", ["", " ", "k" * 256, "line\nbreak"], ids=repr)
async def test_bad_idempotency_keys_are_refused(store: EventStore, key: str) -> None:
    with pytest.raises(InvalidIdempotencyKeyError):
        await store.append("s-1", [happened(1)], StreamState.ANY, key)
    assert await store.stream_exists("s-1") is False


async def test_an_empty_append_is_refused(store: EventStore) -> None:
    with pytest.raises(EmptyAppendError):
        await store.append("s-1", [])
    assert await store.stream_exists("s-1") is False


def test_every_input_error_is_an_invalid_append() -> None:
    for error in (
        InvalidStreamIdError,
        UnknownEventTypeError,
        EventNotEncodableError,
        EventTooLargeError,
        InvalidExpectedVersionError,
        InvalidIdempotencyKeyError,
        EmptyAppendError,
    ):
        assert issubclass(error, InvalidAppendError)
