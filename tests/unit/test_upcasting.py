from typing import Any

import msgspec
import pytest

from ledger.domain.errors import UnreadableEventError
from ledger.domain.events import (
    EVENT_CLASSES,
    EVENT_SCHEMA_VERSIONS,
    ClaimCorrected,
    EquipmentLossClaimed,
    event_type,
)
from ledger.domain.upcasting import (
    decode_event,
    decode_event_json,
    encode_event,
    encode_event_json,
    upcast,
)
from tests.unit.builders import casualties, incident_reported


def _rename_city(data: dict[str, Any]) -> dict[str, Any]:
    return {**{k: v for k, v in data.items() if k != "city"}, "place": data["city"]}


def _add_precision(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "precision": "unknown"}


CHAIN = {("x.noted", 1): _rename_city, ("x.noted", 2): _add_precision}


def test_an_old_event_is_upcast_through_every_version() -> None:
    upcast_data = upcast(
        "x.noted", 1, {"city": "Saraqib"}, upcasters=CHAIN, current_versions={"x.noted": 3}
    )
    assert upcast_data == {"place": "Saraqib", "precision": "unknown"}


def test_a_current_event_is_left_alone() -> None:
    data = {"place": "Saraqib", "precision": "near"}
    assert upcast("x.noted", 3, data, upcasters=CHAIN, current_versions={"x.noted": 3}) == data


def test_a_missing_step_is_an_error_naming_the_version() -> None:
    with pytest.raises(UnreadableEventError, match="v2"):
        upcast(
            "x.noted",
            1,
            {"city": "a"},
            upcasters={("x.noted", 1): _rename_city},
            current_versions={"x.noted": 3},
        )


def test_events_from_a_newer_ledger_are_refused() -> None:
    with pytest.raises(UnreadableEventError, match="newer"):
        upcast("x.noted", 4, {}, upcasters=CHAIN, current_versions={"x.noted": 3})


def test_unknown_types_are_refused() -> None:
    with pytest.raises(UnreadableEventError):
        decode_event("nothing.happened", 1, {})


def test_every_event_type_has_a_stable_tag_and_version() -> None:
    assert len(EVENT_SCHEMA_VERSIONS) == len(EVENT_CLASSES)
    assert all("." in event_type(cls) for cls in EVENT_CLASSES)
    assert all(version >= 1 for version in EVENT_SCHEMA_VERSIONS.values())


@pytest.mark.parametrize("event", [incident_reported(), casualties(3)])
def test_encode_then_decode_is_identity(event: Any) -> None:
    kind, data = encode_event(event)
    assert "type" not in data
    assert decode_event(kind, EVENT_SCHEMA_VERSIONS[kind], data) == event


def test_stored_data_with_an_unknown_field_is_unreadable() -> None:
    kind, data = encode_event(casualties(3))
    with pytest.raises(UnreadableEventError):
        decode_event(kind, 1, {**data, "surprise": True})


@pytest.mark.parametrize("event", [incident_reported(), casualties(3)])
def test_json_encoding_is_the_builtins_encoding_to_the_byte(event: Any) -> None:
    kind, data = encode_event(event)
    assert encode_event_json(event) == (kind, msgspec.json.encode(data))


@pytest.mark.parametrize("event", [incident_reported(), casualties(3)])
def test_decoding_json_text_equals_decoding_its_builtins(event: Any) -> None:
    kind, data = encode_event(event)
    text = msgspec.json.encode(data)
    assert decode_event_json(kind, EVENT_SCHEMA_VERSIONS[kind], text) == event
    assert decode_event_json(kind, EVENT_SCHEMA_VERSIONS[kind], text.decode()) == event


@pytest.mark.parametrize(
    ("kind", "version", "text"),
    [
        ("nothing.happened", 1, b"{}"),
        ("casualties.reported", EVENT_SCHEMA_VERSIONS["casualties.reported"], b'{"party": 1}'),
        ("casualties.reported", EVENT_SCHEMA_VERSIONS["casualties.reported"], b"{not json"),
        ("casualties.reported", 0, b"{}"),
    ],
    ids=["unknown type", "invalid data", "not JSON", "no upcaster from an old version"],
)
def test_json_text_that_cannot_be_read_is_refused(kind: str, version: int, text: bytes) -> None:
    with pytest.raises(UnreadableEventError):
        decode_event_json(kind, version, text)


def test_version_1_equipment_claims_read_recovered_crews_as_rescued() -> None:
    stored = {
        "incident_id": "idlib-jets-downed-2020-03-01",
        "platform": "fixed_wing",
        "operator": "syria",
        "claimed_by": "turkey",
        "status": "destroyed",
        "crew_fate": "recovered",
        "attribution": {"source_id": "ap", "reported_at": "2020-03-03T12:00:00Z", "credibility": 2},
    }
    for data, fate in ((stored, "rescued"), ({**stored, "crew_fate": "ejected"}, "ejected")):
        for decoded in (
            decode_event("equipment_loss.claimed", 1, data),
            decode_event_json("equipment_loss.claimed", 1, msgspec.json.encode(data)),
        ):
            assert isinstance(decoded, EquipmentLossClaimed)
            assert decoded.crew_fate == fate
    # Version 2 has no such word: a row that claims to be version 2 and holds it is unreadable.
    with pytest.raises(UnreadableEventError):
        decode_event("equipment_loss.claimed", 2, stored)


def test_version_1_corrections_read_a_recovered_crew_as_rescued() -> None:
    stored = {
        "incident_id": "idlib-jets-downed-2020-03-01",
        "target_event_id": "0b7c3c38-7a4e-4d6e-9d0a-6a3f4bbf3c10",
        "changes": {"crew_fate": "recovered", "status": "destroyed"},
        "reason": "the pilots were picked up",
        "attribution": {"source_id": "ap", "reported_at": "2020-03-03T12:00:00Z", "credibility": 2},
    }
    decoded = decode_event("claim.corrected", 1, stored)
    assert isinstance(decoded, ClaimCorrected)
    assert decoded.changes == {"crew_fate": "rescued", "status": "destroyed"}
