import hashlib
import uuid
from datetime import UTC, datetime, timedelta, timezone

from ledger.store.chain_hashes import GENESIS, canonical_event, chain, event_hash

EVENT_ID = uuid.UUID("6f1c2a9e-0d3b-4c55-9a77-2b8e1f0c4d21")


def _row(data: dict[str, object], recorded_at: datetime) -> tuple[object, ...]:
    return (7, "812", EVENT_ID, "incident-x", 2, "casualties.reported", 1, data, {}, recorded_at)


def test_the_encoding_is_sorted_compact_json_in_utc() -> None:
    at = datetime(2020, 3, 3, 15, 0, tzinfo=UTC)
    assert canonical_event(_row({"b": 1, "a": {"d": 2, "c": 3}}, at)) == (
        b'{"data":{"a":{"c":3,"d":2},"b":1},"event_id":"6f1c2a9e-0d3b-4c55-9a77-2b8e1f0c4d21",'
        b'"metadata":{},"position":7,"recorded_at":"2020-03-03T15:00:00.000000Z",'
        b'"schema_version":1,"stream_id":"incident-x","stream_version":2,'
        b'"type":"casualties.reported"}'
    )


def test_key_order_offset_and_transaction_id_do_not_change_the_hash() -> None:
    utc = datetime(2020, 3, 3, 15, 0, tzinfo=UTC)
    ankara = utc.astimezone(timezone(timedelta(hours=3)))
    first = _row({"a": 1, "b": 2}, utc)
    second = (first[0], "999", *_row({"b": 2, "a": 1}, ankara)[2:])
    assert event_hash(first) == event_hash(second)
    assert event_hash(first) != event_hash(_row({"a": 1, "b": 3}, utc))


def test_the_chain_hashes_the_previous_link_then_the_event() -> None:
    event = hashlib.sha256(b"x").digest()
    assert chain(GENESIS, event) == hashlib.sha256(bytes(32) + event).digest()
