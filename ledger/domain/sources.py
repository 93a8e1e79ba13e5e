"""Sources: who reports, and how far they are trusted."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from ledger.domain.errors import (
    AlreadyExistsError,
    NotFoundError,
    RuleViolationError,
    UnknownSourceError,
    UnreadableStreamError,
)
from ledger.domain.events import SourceRegistered, SourceRegraded
from ledger.domain.records import UnreadableEvent
from ledger.domain.vocabulary import ReliabilityGrade, SourceKind

if TYPE_CHECKING:
    from collections.abc import Container, Iterable

    from ledger.domain.records import EventRecord
    from ledger.domain.values import Attribution


def source_stream(source_id: str) -> str:
    """The stream holding one source's events."""
    return f"source-{source_id}"


class GradeChange(msgspec.Struct, frozen=True, kw_only=True):
    """One grade a source held, from when the ledger recorded it."""

    grade: ReliabilityGrade
    reason: str | None
    event_id: str
    recorded_at: datetime


class SourceState(msgspec.Struct, frozen=True, kw_only=True):
    """A source as its events leave it."""

    source_id: str
    name: str
    kind: SourceKind
    party: str | None
    grade: ReliabilityGrade
    version: int
    registered_at: datetime
    grades: tuple[GradeChange, ...]


def evolve_source(state: SourceState | None, record: EventRecord) -> SourceState:
    """Apply one source event."""
    event = record.event
    if isinstance(event, UnreadableEvent):
        # A regrading this ledger cannot read leaves the grade as it was, in its place.
        if state is None:
            source_id = record.stream_id.removeprefix(source_stream(""))
            raise UnreadableStreamError("source", source_id, event.error)
        return msgspec.structs.replace(state, version=record.stream_version)
    if isinstance(event, SourceRegistered):
        return SourceState(
            source_id=event.source_id,
            name=event.name,
            kind=event.kind,
            party=event.party,
            grade=event.grade,
            version=record.stream_version,
            registered_at=record.recorded_at,
            grades=(
                GradeChange(
                    grade=event.grade,
                    reason=None,
                    event_id=record.event_id,
                    recorded_at=record.recorded_at,
                ),
            ),
        )
    if state is None:
        raise ValueError(f"{type(event).__name__} before the source was registered")
    if isinstance(event, SourceRegraded):
        change = GradeChange(
            grade=event.grade,
            reason=event.reason,
            event_id=record.event_id,
            recorded_at=record.recorded_at,
        )
        return msgspec.structs.replace(
            state, grade=event.grade, version=record.stream_version, grades=(*state.grades, change)
        )
    raise ValueError(f"{type(event).__name__} does not belong to a source stream")


def fold_source(records: Iterable[EventRecord]) -> SourceState | None:
    """Fold a source stream from its first event."""
    state: SourceState | None = None
    for record in records:
        state = evolve_source(state, record)
    return state


def check_registration(existing: SourceState | None, event: SourceRegistered) -> None:
    """A source id is registered once."""
    if existing is not None:
        raise AlreadyExistsError("source", event.source_id)


def check_regrade(state: SourceState | None, event: SourceRegraded) -> None:
    """Only a registered source is regraded, and only to another grade."""
    if state is None:
        raise NotFoundError("source", event.source_id)
    if state.grade == event.grade:
        raise RuleViolationError(
            f"source {event.source_id!r} is graded {event.grade} already", field="grade"
        )


def check_attribution_sources(attribution: Attribution, known_sources: Container[str]) -> None:
    """A statement's source, and the source it relays if any, are registered."""
    if attribution.source_id not in known_sources:
        raise UnknownSourceError(attribution.source_id)
    if attribution.relays is not None and attribution.relays not in known_sources:
        raise UnknownSourceError(attribution.relays, field="attribution.relays")
