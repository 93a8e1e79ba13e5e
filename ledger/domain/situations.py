"""Situations: figures about a conflict, area and period, stated by sources over time."""

from __future__ import annotations

from collections.abc import Container, Iterable

import msgspec

from ledger.domain.errors import RuleViolationError, UnreadableStreamError
from ledger.domain.events import SituationStated
from ledger.domain.records import EventRecord, UnreadableEvent
from ledger.domain.sources import check_attribution_sources


def situation_stream(situation_id: str) -> str:
    """The stream holding every statement about one situation."""
    return f"situation-{situation_id}"


class SituationState(msgspec.Struct, frozen=True, kw_only=True):
    """What a situation is about, as its first statement set it, and how many followed."""

    situation_id: str
    kind: str
    area: str
    statements: int
    version: int


def evolve_situation(state: SituationState | None, record: EventRecord) -> SituationState:
    """Apply one statement."""
    event = record.event
    if isinstance(event, UnreadableEvent):
        if state is None:
            situation_id = record.stream_id.removeprefix(situation_stream(""))
            raise UnreadableStreamError("situation", situation_id, event.error)
        return msgspec.structs.replace(state, version=record.stream_version)
    if not isinstance(event, SituationStated):
        raise TypeError(f"{type(event).__name__} does not belong to a situation stream")
    if state is None:
        return SituationState(
            situation_id=event.situation_id,
            kind=event.kind.value,
            area=event.area,
            statements=1,
            version=record.stream_version,
        )
    return msgspec.structs.replace(
        state, statements=state.statements + 1, version=record.stream_version
    )


def fold_situation(records: Iterable[EventRecord]) -> SituationState | None:
    """A situation's state from its stream, or ``None`` if nothing was stated about it."""
    state = None
    for record in records:
        state = evolve_situation(state, record)
    return state


def check_statement(
    state: SituationState | None, event: SituationStated, known_sources: Container[str]
) -> None:
    """A statement comes from registered sources, and counts what the situation counts."""
    check_attribution_sources(event.attribution, known_sources)
    if event.attribution.relays_claim is not None:
        raise RuleViolationError(
            "a situation's statement relays a source, not an incident's claim",
            field="attribution.relays_claim",
        )
    if state is not None and state.kind != event.kind.value:
        raise RuleViolationError(
            f"situation {state.situation_id!r} counts {state.kind}, not {event.kind.value}",
            field="kind",
        )
