import asyncio
from datetime import timedelta

import pytest
from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.domain.events import SourceRegistered
from ledger.domain.incidents import incident_stream
from ledger.domain.records import EventRecord
from ledger.domain.sources import source_stream
from ledger.domain.vocabulary import ReliabilityGrade, SourceKind
from ledger.mapping import new_event, read_record_page, to_record
from ledger.store import (
    START_OF_LOG,
    EventStore,
    GlobalCursor,
    InvalidCursorError,
    InvalidReadError,
    InvalidStreamIdError,
    NewEvent,
    RecordedEvent,
)
from tests.store.helpers import happened
from tests.unit.builders import casualties, event_id, incident_reported, retraction


async def _stream_of(store: EventStore, stream_id: str, count: int) -> None:
    await store.append(stream_id, [happened(i) for i in range(1, count + 1)])


async def test_forward_read_from_a_version_with_a_limit(store: EventStore) -> None:
    await _stream_of(store, "s-1", 10)
    events = await store.read_stream("s-1", from_version=4, limit=3)
    assert [e.stream_version for e in events] == [4, 5, 6]
    assert [e.data["n"] for e in events] == [4, 5, 6]


async def test_backward_read_from_the_end_and_from_a_version(store: EventStore) -> None:
    await _stream_of(store, "s-1", 10)
    latest = await store.read_stream("s-1", direction="backward", limit=2)
    assert [e.stream_version for e in latest] == [10, 9]
    middle = await store.read_stream("s-1", direction="backward", from_version=5, limit=10)
    assert [e.stream_version for e in middle] == [5, 4, 3, 2, 1]


async def test_reading_a_missing_stream_gives_nothing(store: EventStore) -> None:
    assert await store.read_stream("nothing-here") == []
    assert await store.stream_version("nothing-here") == 0
    assert await store.stream_exists("nothing-here") is False


async def test_stream_version_and_existence(store: EventStore) -> None:
    await _stream_of(store, "s-1", 3)
    assert await store.stream_version("s-1") == 3
    assert await store.stream_exists("s-1") is True


@pytest.mark.parametrize("limit", [0, -1, 10_001, True])
async def test_limits_out_of_range_are_refused(store: EventStore, limit: int) -> None:
    with pytest.raises(InvalidReadError):
        await store.read_stream("s-1", limit=limit)
    with pytest.raises(InvalidReadError):
        await store.read_all(limit=limit)


async def test_bad_reads_are_refused(store: EventStore) -> None:
    with pytest.raises(InvalidStreamIdError):
        await store.read_stream("")
    with pytest.raises(InvalidReadError):
        await store.read_stream("s-1", from_version=-1)
    with pytest.raises(InvalidReadError):
        await store.read_stream("s-1", direction="sideways")  # type: ignore[arg-type]


async def test_global_log_pages_in_order(store: EventStore) -> None:
    await _stream_of(store, "incident-1", 3)
    await _stream_of(store, "source-1", 2)
    await _stream_of(store, "incident-2", 2)

    seen: list[RecordedEvent] = []
    cursor = START_OF_LOG
    while True:
        page = await store.read_all(cursor, limit=2)
        if not page.events:
            assert page.next_cursor == cursor
            break
        seen.extend(page.events)
        cursor = page.next_cursor
    assert [(e.stream_id, e.stream_version) for e in seen] == [
        ("incident-1", 1),
        ("incident-1", 2),
        ("incident-1", 3),
        ("source-1", 1),
        ("source-1", 2),
        ("incident-2", 1),
        ("incident-2", 2),
    ]
    assert [e.cursor for e in seen] == sorted(e.cursor for e in seen)


async def test_global_log_filters_by_type_and_category(store: EventStore) -> None:
    await store.append("incident-1", [happened(1), NewEvent(type="other.noted", data={})])
    await store.append("source-1", [happened(2), NewEvent(type="other.noted", data={})])
    await store.append("incidents", [happened(3)])

    by_type = await store.read_all(event_types=["other.noted"])
    assert [(e.stream_id, e.type) for e in by_type.events] == [
        ("incident-1", "other.noted"),
        ("source-1", "other.noted"),
    ]
    by_category = await store.read_all(categories=["incident"])
    assert [e.stream_id for e in by_category.events] == ["incident-1", "incident-1"]
    both = await store.read_all(event_types=["test.happened"], categories=["source", "incidents"])
    assert [e.data["n"] for e in both.events] == [2, 3]
    assert (await store.read_all(event_types=[])).events == ()


async def test_cursor_round_trips_and_rejects_forgeries() -> None:
    cursor = GlobalCursor(transaction_id=123_456, position=789)
    token = cursor.encode()
    assert GlobalCursor.decode(token) == cursor
    assert "123456" not in token
    for forged in ["", "abc", "!!!!", token + "AAAA"]:
        with pytest.raises(InvalidCursorError):
            GlobalCursor.decode(forged)


async def test_stream_as_of_a_global_position(store: EventStore) -> None:
    first = await store.append("s-1", [happened(1), happened(2)])
    await store.append("other-1", [happened(100)])
    await store.append("s-1", [happened(3)])

    as_of = await store.read_stream("s-1", up_to_position=first.positions[-1])
    assert [e.data["n"] for e in as_of] == [1, 2]
    before_anything = await store.read_stream("s-1", up_to_position=first.positions[0] - 1)
    assert before_anything == []


async def test_stream_as_of_a_recorded_instant(store: EventStore) -> None:
    first = await store.append("s-1", [happened(1)])
    await asyncio.sleep(0.01)
    second = await store.append("s-1", [happened(2)])
    assert second.recorded_at > first.recorded_at

    as_of_first = await store.read_stream("s-1", recorded_until=first.recorded_at)
    assert [e.data["n"] for e in as_of_first] == [1]
    just_before = first.recorded_at - timedelta(microseconds=1)
    assert await store.read_stream("s-1", recorded_until=just_before) == []
    everything = await store.read_stream("s-1", recorded_until=second.recorded_at)
    assert len(everything) == 2


async def test_recorded_time_never_decreases_along_a_stream(store: EventStore) -> None:
    await asyncio.gather(*(store.append("s-1", [happened(i)]) for i in range(20)))
    events = await store.read_stream("s-1")
    assert [e.stream_version for e in events] == list(range(1, 21))
    assert [e.recorded_at for e in events] == sorted(e.recorded_at for e in events)
    assert [e.position for e in events] == sorted(e.position for e in events)


async def test_a_filtered_page_moves_past_what_it_did_not_match(store: EventStore) -> None:
    await store.append("incident-1", [happened(1)])
    await store.append("source-1", [NewEvent(type="other.noted", data={}) for _ in range(3)])
    page = await store.read_all(event_types=["test.happened"])
    assert [e.stream_id for e in page.events] == ["incident-1"]
    assert page.next_cursor == await store.head()
    assert (await store.read_all(page.next_cursor, event_types=["other.noted"])).events == ()
    later = await store.append("incident-1", [happened(2)])
    again = await store.read_all(page.next_cursor, event_types=["test.happened"])
    assert [e.position for e in again.events] == list(later.positions)


async def test_head_is_the_last_visible_event(store: EventStore) -> None:
    assert await store.head() == START_OF_LOG
    result = await store.append("s-1", [happened(1), happened(2)])
    assert await store.head() == result.cursor


async def test_records_for_folding_match_the_log_decoded_page_by_page(
    pool: AsyncConnectionPool,
) -> None:
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    first, second = incident_stream("inc-1"), incident_stream("inc-2")
    await store.append(first, [new_event(incident_reported("inc-1"), principal="ana")])
    source = SourceRegistered(
        source_id="tr-mod", name="MoD", kind=SourceKind.GOVERNMENT, grade=ReliabilityGrade.B
    )
    await store.append(source_stream("tr-mod"), [new_event(source, principal=None)])
    await store.append(second, [new_event(incident_reported("inc-2"), principal="ana")])
    await store.append(first, [new_event(casualties(n), principal="bo") for n in (3, 5, 7)])
    await store.append(second, [new_event(retraction(event_id(1)), principal="bo")])

    for types in (None, ["casualties.reported", "claim.retracted"]):
        expected = [
            to_record(e) for e in (await store.read_all(limit=100, event_types=types)).events
        ]
        read: list[EventRecord] = []
        cursor = START_OF_LOG
        while True:
            page = await read_record_page(store, cursor, limit=2, event_types=types)
            assert page.after == cursor
            assert page.full == (len(page.records) == 2)
            read.extend(page.records)
            if not page.full:
                assert page.next_cursor == await store.head()
                break
            cursor = page.next_cursor
        assert read == expected
    assert [r.principal for r in read] == ["bo", "bo", "bo", "bo"]
