"""Reading events written at older schema versions, and the event <-> JSON codec.

An upcaster takes the data of one event type at schema version ``n`` and returns it at
``n + 1``; ``decode_event`` applies the chain until the data is at the type's current version.
docs/events.md lists each revision and says how to add one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, cast

import msgspec

from ledger.domain.errors import UnreadableEventError
from ledger.domain.events import EVENT_CLASSES, EVENT_SCHEMA_VERSIONS, LedgerEvent
from ledger.domain.events import event_type as type_name

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns one event type's data from schema version n into version n + 1."""

_RENAMED_CREW_FATES: Final = {"recovered": "rescued"}


def _crew_fate_renamed(data: dict[str, Any]) -> dict[str, Any]:
    """equipment_loss.claimed v1 → v2: a crew ``recovered`` is ``rescued``."""
    fate = data.get("crew_fate")
    if fate not in _RENAMED_CREW_FATES:
        return data
    return {**data, "crew_fate": _RENAMED_CREW_FATES[fate]}


def _corrected_crew_fate_renamed(data: dict[str, Any]) -> dict[str, Any]:
    """claim.corrected v1 → v2: a new crew fate ``recovered`` is ``rescued``."""
    changes = data.get("changes")
    if not isinstance(changes, dict) or changes.get("crew_fate") not in _RENAMED_CREW_FATES:
        return data
    return {**data, "changes": _crew_fate_renamed(changes)}


UPCASTERS: Final[Mapping[tuple[str, int], Upcaster]] = {
    ("equipment_loss.claimed", 1): _crew_fate_renamed,
    ("claim.corrected", 1): _corrected_crew_fate_renamed,
}
"""Upcasters by (event type, the version they read)."""

_TYPE_FIELD: Final = "type"
_CLASSES: Final = {type_name(cls): cls for cls in EVENT_CLASSES}
_DECODERS: Final = {name: msgspec.json.Decoder(cls) for name, cls in _CLASSES.items()}
_ENCODER: Final = msgspec.json.Encoder()
# What msgspec writes first for each type, the tag: '{"type":"incident.reported"'.
_TAG_PREFIXES: Final = {name: _ENCODER.encode({_TYPE_FIELD: name})[:-1] for name in _CLASSES}


def upcast(
    event_type: str,
    schema_version: int,
    data: dict[str, Any],
    *,
    upcasters: Mapping[tuple[str, int], Upcaster] = UPCASTERS,
    current_versions: Mapping[str, int] = EVENT_SCHEMA_VERSIONS,
) -> dict[str, Any]:
    """Bring ``data`` from ``schema_version`` to the type's current version."""
    current = current_versions.get(event_type)
    if current is None:
        raise UnreadableEventError(event_type, schema_version, "unknown event type")
    if schema_version > current:
        raise UnreadableEventError(
            event_type, schema_version, f"written by a newer ledger (this one reads {current})"
        )
    for version in range(schema_version, current):
        upcaster = upcasters.get((event_type, version))
        if upcaster is None:
            raise UnreadableEventError(event_type, version, "no upcaster to the next version")
        data = upcaster(data)
    return data


def decode_event(event_type: str, schema_version: int, data: Mapping[str, Any]) -> LedgerEvent:
    """Turn stored data into its event, upcasting it first when it is of an older version."""
    if schema_version != EVENT_SCHEMA_VERSIONS.get(event_type):
        data = upcast(event_type, schema_version, dict(data))
    # Converting to the type's own class, not to the tagged union with the tag put back,
    # is five times faster: every read and every projection replay pays this per event.
    try:
        event = msgspec.convert(data, _CLASSES[event_type])
    except msgspec.ValidationError as exc:
        raise UnreadableEventError(event_type, schema_version, str(exc)) from exc
    return cast("LedgerEvent", event)


def decode_event_json(event_type: str, schema_version: int, data: bytes | str) -> LedgerEvent:
    """``decode_event`` for data still in its JSON text: current versions skip the dict step.

    Replays decode every event of the log; JSON straight into the type's class takes about
    three quarters of the time of parsing it to builtins and converting those.
    """
    try:
        if schema_version != EVENT_SCHEMA_VERSIONS.get(event_type):
            return decode_event(event_type, schema_version, msgspec.json.decode(data))
        event = _DECODERS[event_type].decode(data)
    except msgspec.DecodeError as exc:  # a ValidationError is a DecodeError too
        raise UnreadableEventError(event_type, schema_version, str(exc)) from exc
    return cast("LedgerEvent", event)


def encode_event(event: LedgerEvent) -> tuple[str, dict[str, Any]]:
    """Split an event into its stored type and its data (the type is not repeated inside)."""
    data: dict[str, Any] = msgspec.to_builtins(event)
    return str(data.pop(_TYPE_FIELD)), data


def encode_event_json(event: LedgerEvent) -> tuple[str, bytes]:
    """``encode_event`` with the data as JSON text, encoded in one pass.

    msgspec writes a tagged struct's tag as its first field; the stored data leaves it out.
    """
    name = type_name(type(event))
    encoded = _ENCODER.encode(event)
    prefix = _TAG_PREFIXES[name]
    if not encoded.startswith(prefix):  # pragma: no cover - msgspec documents the order
        raise RuntimeError(f"{name} was not encoded with its tag first")
    rest = encoded[len(prefix) :]
    return name, b"{" + rest[1:] if rest.startswith(b",") else b"{}"
