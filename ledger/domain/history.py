"""Revision history: each event of a stream with a field-level diff of what it changed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

import msgspec

from ledger.domain.incident_state import IncidentState
from ledger.domain.incidents import evolve_incident
from ledger.domain.records import EventRecord
from ledger.domain.sources import SourceState, evolve_source
from ledger.domain.vocabulary import ReliabilityGrade

ChangeKind = Literal["added", "removed", "changed"]
GradeAt = Callable[[str, int], ReliabilityGrade | None]
"""The grade a source held when the log reached a position (None: not registered then)."""

# Fields every event changes, or that repeat what the diff already says.
_NOT_DIFFED = frozenset({"version", "grades", "disagreements"})


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One field that an event added, removed or changed, with its values before and after.

    ``path`` names the field from the state's root, with claims keyed by their event id:
    ``claims/<event_id>/current/quantity``.
    """

    path: str
    change: ChangeKind
    before: Any = None
    after: Any = None


class Revision(msgspec.Struct, frozen=True, kw_only=True):
    """One event of a stream and what it did to the state."""

    version: int
    event_id: str
    type: str
    position: int
    recorded_at: datetime
    principal: str | None
    source_id: str | None
    source_grade: ReliabilityGrade | None
    """The source's grade when the ledger recorded the event."""
    changes: list[Change]


def diff(before: Any, after: Any, path: str = "") -> list[Change]:  # noqa: ANN401 - JSON-like values
    """Field-level differences between two JSON-like values (dicts, lists, scalars)."""
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        return _diff_mappings(before, after, path)
    if _claim_list(before) and _claim_list(after):
        return _diff_mappings(_by_event_id(before), _by_event_id(after), path)
    return [Change(path=path or "/", change="changed", before=before, after=after)]


def _diff_mappings(before: Mapping[str, Any], after: Mapping[str, Any], path: str) -> list[Change]:
    changes: list[Change] = []
    for key in [*before, *(k for k in after if k not in before)]:
        if not path and key in _NOT_DIFFED:
            continue
        where = f"{path}/{key}" if path else key
        if key not in after:
            changes.append(Change(path=where, change="removed", before=before[key]))
        elif key not in before:
            changes.append(Change(path=where, change="added", after=after[key]))
        else:
            changes.extend(diff(before[key], after[key], where))
    return changes


def _claim_list(value: Any) -> bool:  # noqa: ANN401
    return isinstance(value, list | tuple) and all(
        isinstance(item, dict) and "event_id" in item for item in value
    )


def _by_event_id(items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {str(item["event_id"]): item for item in items}


def _revision(
    record: EventRecord,
    changes: list[Change],
    source_id: str | None,
    source_grade: ReliabilityGrade | None,
) -> Revision:
    return Revision(
        version=record.stream_version,
        event_id=record.event_id,
        type=record.event_type,
        position=record.position,
        recorded_at=record.recorded_at,
        principal=record.principal,
        source_id=source_id,
        source_grade=source_grade,
        changes=changes,
    )


def incident_revisions(
    records: Sequence[EventRecord],
    grade_at: GradeAt,
    absorbed: Mapping[str, IncidentState] | None = None,
) -> list[Revision]:
    """Every revision of an incident, each with the diff of the state it left."""
    revisions = []
    state: IncidentState | None = None
    for record in records:
        previous = msgspec.to_builtins(state) if state is not None else {}
        state = evolve_incident(state, record, absorbed)
        changes = diff(previous, msgspec.to_builtins(state))
        attribution = getattr(record.event, "attribution", None)
        source_id = None if attribution is None else attribution.source_id
        grade = None if source_id is None else grade_at(source_id, record.position)
        revisions.append(_revision(record, changes, source_id, grade))
    return revisions


def source_revisions(records: Sequence[EventRecord]) -> list[Revision]:
    """Every revision of a source: its registration and each regrading."""
    revisions = []
    state: SourceState | None = None
    for record in records:
        previous = msgspec.to_builtins(state) if state is not None else {}
        state = evolve_source(state, record)
        changes = diff(previous, msgspec.to_builtins(state))
        revisions.append(_revision(record, changes, state.source_id, state.grade))
    return revisions


def grade_at(records: Sequence[EventRecord], position: int) -> ReliabilityGrade | None:
    """The grade a source's stream gave it once the log had reached ``position``."""
    state: SourceState | None = None
    for record in records:
        if record.position > position:
            break
        state = evolve_source(state, record)
    return None if state is None else state.grade
