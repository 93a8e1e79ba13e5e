"""Incidents: folding their events into current state (the rules of a write: incident_rules).

Claims that contradict each other are kept side by side, never overwritten: a correction
replaces values of one claim and keeps the old ones in its history; a retraction takes a
claim out of the figures and keeps it in history.
"""

from __future__ import annotations

import operator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import msgspec

from ledger.domain.disagreements import DisagreementIndex
from ledger.domain.errors import (
    ClaimNotFoundError,
    InvalidCorrectionError,
    UnreadableStreamError,
)
from ledger.domain.events import (
    ClaimCorrected,
    ClaimRetracted,
    IncidentRelated,
    IncidentReported,
    IncidentsMerged,
    ReportEvent,
    event_type,
)
from ledger.domain.incident_state import (
    Claim,
    Claimable,
    Correction,
    IncidentState,
    Relation,
    Retraction,
    SetAsideEvent,
)
from ledger.domain.records import UnreadableEvent
from ledger.domain.time_zones import UTC_ZONE, country_zone

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ledger.domain.records import EventRecord

UNCORRECTABLE_FIELDS: Final = frozenset({"incident_id", "attribution", "type"})
"""Fields a correction may not change: a claim stays in its incident with its source."""


def incident_stream(incident_id: str) -> str:
    """The stream holding one incident's events."""
    return f"incident-{incident_id}"


def _claim_from(record: EventRecord, event: Claimable) -> Claim:
    return Claim(
        event_id=record.event_id,
        type=event_type(type(event)),
        source_id=event.attribution.source_id,
        credibility=event.attribution.credibility,
        reported_at=event.attribution.reported_at,
        recorded_at=record.recorded_at,
        status="active",
        current=event,
        original=event,
        incident_id=event.incident_id,
    )


def apply_changes(claim: Claimable, changes: Mapping[str, Any]) -> Claimable:
    """Return ``claim`` with ``changes`` applied, or raise ``InvalidCorrectionError``."""
    forbidden = sorted(set(changes) & UNCORRECTABLE_FIELDS)
    if forbidden:
        raise InvalidCorrectionError(
            f"a correction cannot change {', '.join(forbidden)}", field=f"changes.{forbidden[0]}"
        )
    fields = set(msgspec.structs.asdict(claim))
    unknown = sorted(set(changes) - fields)
    if unknown:
        raise InvalidCorrectionError(
            f"{event_type(type(claim))} has no field {unknown[0]!r}", field=f"changes.{unknown[0]}"
        )
    merged = {**msgspec.to_builtins(claim), **changes}
    try:
        return msgspec.convert(merged, type(claim))
    except msgspec.ValidationError as exc:
        raise InvalidCorrectionError(
            f"the corrected claim would be invalid: {exc}", field="changes"
        ) from exc


def _replace_claim(state: IncidentState, claim: Claim) -> tuple[Claim, ...]:
    return tuple(claim if c.event_id == claim.event_id else c for c in state.claims)


def incident_time_zone(report: IncidentReported) -> str:
    """The zone an incident's local calendar is read in.

    The zone its report states, else its country's when it has only one. A ledger written
    before zones were recorded may hold incidents with neither: those are read in UTC.
    """
    return report.time_zone or country_zone(report.location.country) or UTC_ZONE


def _with_founding_report(state: IncidentState, report: IncidentReported) -> IncidentState:
    return msgspec.structs.replace(
        state,
        title=report.title,
        category=report.category,
        occurred=report.occurred,
        location=report.location,
        parties=report.parties,
        summary=report.summary,
        time_zone=incident_time_zone(report),
    )


def _relation(claim_id: str, event: IncidentRelated) -> Relation:
    return Relation(
        relation=event.relation.value,
        incident_id=event.related_incident_id,
        event_id=claim_id,
        source_id=event.attribution.source_id,
    )


def _without_relation(state: IncidentState, claim_id: str) -> tuple[Relation, ...]:
    return tuple(r for r in state.relations if r.event_id != claim_id)


def target_claim(state: IncidentState, target_event_id: str) -> Claim:
    """The claim an event names, or ``ClaimNotFoundError``."""
    claim = state.claim(target_event_id)
    if claim is None:
        raise ClaimNotFoundError(state.incident_id, target_event_id)
    return claim


def _evolve_existing(
    state: IncidentState,
    record: EventRecord,
    absorbed: Mapping[str, IncidentState],
) -> IncidentState:
    event = record.event
    if isinstance(event, ClaimCorrected):
        claim = target_claim(state, event.target_event_id)
        corrected = apply_changes(claim.current, event.changes)
        previous = {k: msgspec.to_builtins(getattr(claim.current, k)) for k in event.changes}
        note = Correction(
            event_id=record.event_id,
            changes=dict(event.changes),
            previous=previous,
            reason=event.reason,
            source_id=event.attribution.source_id,
            recorded_at=record.recorded_at,
        )
        updated = msgspec.structs.replace(
            claim, current=corrected, corrections=(*claim.corrections, note)
        )
        state = msgspec.structs.replace(state, claims=_replace_claim(state, updated))
        if isinstance(corrected, IncidentReported):
            state = _with_founding_report(state, corrected)
        if isinstance(corrected, IncidentRelated):
            relations = (
                *_without_relation(state, claim.event_id),
                _relation(claim.event_id, corrected),
            )
            state = msgspec.structs.replace(state, relations=relations)
        return state
    if isinstance(event, ClaimRetracted):
        claim = target_claim(state, event.target_event_id)
        retraction = Retraction(
            event_id=record.event_id,
            reason=event.reason,
            source_id=event.attribution.source_id,
            recorded_at=record.recorded_at,
        )
        updated = msgspec.structs.replace(claim, status="retracted", retraction=retraction)
        state = msgspec.structs.replace(state, claims=_replace_claim(state, updated))
        if claim.type == event_type(IncidentReported):
            state = msgspec.structs.replace(state, status="retracted")
        if isinstance(claim.current, IncidentRelated):
            state = msgspec.structs.replace(
                state, relations=_without_relation(state, claim.event_id)
            )
        return state
    if isinstance(event, IncidentsMerged):
        if event.merged_incident_id == state.incident_id:
            return msgspec.structs.replace(state, status="merged", merged_into=event.incident_id)
        taken = absorbed.get(event.merged_incident_id)
        claims = taken.claims if taken is not None else ()
        relations = taken.relations if taken is not None else ()
        return msgspec.structs.replace(
            state,
            absorbed=(*state.absorbed, event.merged_incident_id),
            claims=(*state.claims, *claims),
            relations=(*state.relations, *relations),
        )
    raise ValueError(f"{type(event).__name__} does not belong to an incident stream")


def _set_aside(
    state: IncidentState | None, record: EventRecord, event: UnreadableEvent
) -> IncidentState:
    """Leave an unreadable event out, keeping its place: the state's version counts it."""
    if state is None:
        incident_id = record.stream_id.removeprefix(incident_stream(""))
        raise UnreadableStreamError("incident", incident_id, event.error)
    left_out = SetAsideEvent(
        event_id=record.event_id, event_type=event.event_type, error=event.error
    )
    return msgspec.structs.replace(
        state, version=record.stream_version, set_aside=(*state.set_aside, left_out)
    )


def apply_incident_event(
    state: IncidentState | None,
    record: EventRecord,
    absorbed: Mapping[str, IncidentState] | None = None,
) -> IncidentState:
    """Apply one incident event, leaving the disagreements as they were.

    Finding disagreements compares every claim with every other: a fold of many events
    applies them all with this, then settles once with ``with_disagreements``.
    """
    event = record.event
    if isinstance(event, UnreadableEvent):
        return _set_aside(state, record, event)
    if isinstance(event, IncidentReported):
        claim = _claim_from(record, event)
        return IncidentState(
            incident_id=event.incident_id,
            version=record.stream_version,
            status="active",
            title=event.title,
            category=event.category,
            occurred=event.occurred,
            location=event.location,
            parties=event.parties,
            summary=event.summary,
            reported_by=event.attribution,
            claims=(claim,),
            time_zone=incident_time_zone(event),
        )
    if state is None:
        raise ValueError(f"{type(event).__name__} before the incident was reported")
    if isinstance(event, IncidentRelated):
        claims = (*state.claims, _claim_from(record, event))
        relations = (*state.relations, _relation(record.event_id, event))
        return msgspec.structs.replace(
            state, claims=claims, relations=relations, version=record.stream_version
        )
    if isinstance(event, ReportEvent):  # most of a replay: one copy of the state, not two
        claims = (*state.claims, _claim_from(record, event))
        return msgspec.structs.replace(state, claims=claims, version=record.stream_version)
    state = _evolve_existing(state, record, absorbed or {})
    return msgspec.structs.replace(state, version=record.stream_version)


def _settled(state: IncidentState, index: DisagreementIndex) -> IncidentState:
    disagreements = index.disagreements
    return msgspec.structs.replace(
        state, disagreements=disagreements, contested=bool(disagreements)
    )


def with_disagreements(state: IncidentState) -> IncidentState:
    """``state`` with its disagreements found again from its claims."""
    return settle(state).state


def evolve_incident(
    state: IncidentState | None,
    record: EventRecord,
    absorbed: Mapping[str, IncidentState] | None = None,
) -> IncidentState:
    """Apply one incident event; ``absorbed`` holds the states of incidents merged into it."""
    return with_disagreements(apply_incident_event(state, record, absorbed))


def said_by(records: Iterable[EventRecord], moment: datetime) -> list[EventRecord]:
    """The records of what sources had said by ``moment``, by their own ``reported_at``.

    Reports, corrections and retractions said later are left out; the ledger's own acts
    (a merge) and events it cannot read keep their place.
    """
    kept = []
    for record in records:
        attribution = getattr(record.event, "attribution", None)
        if attribution is None or attribution.reported_at <= moment:
            kept.append(record)
    return kept


def fold_incident(
    records: Iterable[EventRecord], absorbed: Mapping[str, IncidentState] | None = None
) -> IncidentState | None:
    """Fold an incident stream from its first event (``fold_settled`` goes on from a state)."""
    state = None
    for record in records:
        state = apply_incident_event(state, record, absorbed)
    return None if state is None else with_disagreements(state)


class SettledIncident(NamedTuple):
    """An incident's state and the index its disagreements were found with."""

    state: IncidentState
    by_subject: DisagreementIndex


def _extends(claims: tuple[Claim, ...], earlier: tuple[Claim, ...]) -> bool:
    """Whether ``claims`` are ``earlier``'s very claims, unchanged, followed by new ones."""
    return len(claims) >= len(earlier) and all(map(operator.is_, claims, earlier))


def settle(state: IncidentState, since: SettledIncident | None = None) -> SettledIncident:
    """``state`` with its disagreements found, and the index they were found with.

    When ``state`` only added claims to those of ``since`` (the very same claim objects
    first: claims never change, a correction replaces one), only the added claims'
    subjects are settled again; otherwise every subject is.
    """
    if since is not None and _extends(state.claims, since.state.claims):
        index = since.by_subject.with_claims(state.claims[len(since.state.claims) :])
    else:
        index = DisagreementIndex.of(state.claims)
    return SettledIncident(_settled(state, index), index)


def fold_settled(
    records: Iterable[EventRecord], since: SettledIncident | None = None
) -> SettledIncident | None:
    """``fold_incident`` for an incident nothing was merged into, keeping its index."""
    state = since.state if since is not None else None
    for record in records:
        state = apply_incident_event(state, record)
    if state is None:
        return None
    if since is not None and state is since.state:
        return since
    return settle(state, since)
