"""Incidents: folding their events into current state, and the rules reports must obey.

Claims that contradict each other are kept side by side, never overwritten: a correction
replaces values of one claim and keeps the old ones in its history; a retraction takes a
claim out of the figures and keeps it in history.
"""

from __future__ import annotations

import operator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

import msgspec

from ledger.domain.errors import (
    AlreadyExistsError,
    ClaimNotFoundError,
    ClaimRetractedError,
    IncidentClosedError,
    InvalidCorrectionError,
    InvalidRelayError,
    MergeRefusedError,
    NotFoundError,
    RelayLoopError,
    RuleViolationError,
    TimeZoneRequiredError,
    UnknownIncidentError,
    UnreadableStreamError,
)
from ledger.domain.events import (
    CasualtiesReported,
    CiviliansDisplaced,
    ClaimCorrected,
    ClaimRetracted,
    EquipmentLossClaimed,
    ForcesDeployed,
    IncidentRelated,
    IncidentReported,
    IncidentsMerged,
    LedgerEvent,
    ReportEvent,
    RunningTotalStated,
    event_type,
)
from ledger.domain.records import UnreadableEvent
from ledger.domain.sources import check_attribution_sources
from ledger.domain.time_zones import UTC_ZONE, country_zone, country_zones
from ledger.domain.values import Attribution, Location, OccurredTime
from ledger.domain.vocabulary import UNCREWED_FATES, IncidentCategory, PlatformKind

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Mapping

    from ledger.domain.records import EventRecord

IncidentStatus = Literal["active", "retracted", "merged"]
ClaimStatus = Literal["active", "retracted"]
Claimable = IncidentReported | ReportEvent

UNCORRECTABLE_FIELDS: Final = frozenset({"incident_id", "attribution", "type"})
"""Fields a correction may not change: a claim stays in its incident with its source."""


def incident_stream(incident_id: str) -> str:
    """The stream holding one incident's events."""
    return f"incident-{incident_id}"


class Correction(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A correction applied to a claim: what changed, why, on whose word."""

    event_id: str
    changes: dict[str, Any]
    previous: dict[str, Any]
    reason: str
    source_id: str
    recorded_at: datetime


class Retraction(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Why and when a claim was withdrawn."""

    event_id: str
    reason: str
    source_id: str
    recorded_at: datetime


class Claim(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One report about an incident, with its corrections and retraction if any."""

    event_id: str
    type: str
    source_id: str
    credibility: int
    reported_at: datetime
    recorded_at: datetime
    status: ClaimStatus
    current: Claimable
    original: Claimable
    corrections: tuple[Correction, ...] = ()
    retraction: Retraction | None = None
    incident_id: str
    """The incident the claim was reported under: differs after a merge."""


class Disagreement(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Sources whose latest claims about one subject do not agree."""

    subject: str
    claim_event_ids: tuple[str, ...]


class SetAsideEvent(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An event of the incident this ledger cannot read, left out of its state."""

    event_id: str
    event_type: str
    error: str


class Relation(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Another incident this one is tied to, on a source's word (an active claim)."""

    relation: str
    incident_id: str
    event_id: str
    """The relation claim's event: retract it to undo the relation."""
    source_id: str


class IncidentState(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An incident as its events leave it."""

    incident_id: str
    version: int
    status: IncidentStatus
    title: str
    category: IncidentCategory
    occurred: OccurredTime
    location: Location
    parties: tuple[str, ...]
    summary: str
    reported_by: Attribution
    claims: tuple[Claim, ...]
    merged_into: str | None = None
    absorbed: tuple[str, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    contested: bool = False
    """Whether sources disagree about anything in this incident."""
    relations: tuple[Relation, ...] = ()
    """The incidents its active ``incident.related`` claims tie it to."""
    time_zone: str = UTC_ZONE
    """The zone its local days and weeks are counted in (``incident_time_zone``)."""
    set_aside: tuple[SetAsideEvent, ...] = ()
    """Events of the incident this ledger cannot read (see docs/operations.md)."""

    def claim(self, event_id: str) -> Claim | None:
        """The claim recorded as ``event_id``, if this incident has it."""
        return next((c for c in self.claims if c.event_id == event_id), None)


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


def _subject(event: Claimable) -> tuple[str, dict[str, Any]] | None:
    """What a claim is about and the values a second source could dispute."""
    values: dict[str, Any]
    if isinstance(event, CasualtiesReported):
        values = {
            "killed": event.killed,
            "wounded": event.wounded,
            "captured": event.captured,
            "missing": event.missing,
        }
        return f"casualties/{event.party}/{event.group}", values
    if isinstance(event, EquipmentLossClaimed):
        subject = f"equipment/{event.operator}/{event.platform}/{event.model or '?'}"
        values = {"status": event.status, "crew_fate": event.crew_fate, "quantity": event.quantity}
        return subject, values
    if isinstance(event, ForcesDeployed):
        return f"deployment/{event.party}/{event.area}", {
            "size": event.size,
            "movement": event.movement,
        }
    if isinstance(event, CiviliansDisplaced):
        return f"displacement/{event.area}", {"count": event.count}
    if isinstance(event, RunningTotalStated):
        period = f"{event.period_start.isoformat()}/{event.period_end.isoformat()}"
        return f"running_total/{event.party}/{event.measure}/{period}", {"total": event.total}
    return None


def _disagrees(first: dict[str, Any], second: dict[str, Any]) -> bool:
    # Only values both sources state can contradict each other: one source's silence on the
    # wounded is not a dispute of another's count.
    shared = [k for k in first if first[k] is not None and second.get(k) is not None]
    return any(first[k] != second[k] for k in shared)


class _Stated(NamedTuple):
    """An origin's latest statement on a subject: the claim, its values, when it was said."""

    claim: Claim
    values: dict[str, Any]
    said: tuple[datetime, bool]
    """When the statement was made, and whether by its originator itself: a relay is made
    when the statement it repeats was, and loses a tie to it (``ledger.domain.figures``)."""


class _Subject(NamedTuple):
    """What the index holds of one subject."""

    latest: dict[str, _Stated]
    """Each origin's latest statement."""
    said: dict[str, datetime]
    """When each of the subject's claims was said, for the relays that repeat one."""


def _disagreement(name: str, latest: Mapping[str, _Stated]) -> Disagreement | None:
    entries = list(latest.values())
    if any(_disagrees(a.values, b.values) for i, a in enumerate(entries) for b in entries[i + 1 :]):
        return Disagreement(subject=name, claim_event_ids=tuple(e.claim.event_id for e in entries))
    return None


class DisagreementIndex:
    """Each subject's latest active statement per origin, and the subjects they disagree on.

    A relay stands for its originator (``ledger.domain.figures``): repeating the ministry's
    first figure after the ministry revised it disputes nothing. Adding claims settles only
    their subjects again: a report added to an incident with many claims costs what its own
    subject costs, not a comparison of every claim. An index never changes; ``with_claims``
    makes a new one.
    """

    __slots__ = ("_found", "_latest")

    def __init__(self, latest: dict[str, _Subject], found: dict[str, Disagreement]) -> None:
        self._latest = latest
        self._found = found

    @classmethod
    def of(cls, claims: Iterable[Claim]) -> DisagreementIndex:
        """The index of ``claims``, in the order they were made."""
        return cls({}, {}).with_claims(claims)

    def with_claims(self, claims: Iterable[Claim]) -> DisagreementIndex:
        """A new index: this one's claims, then ``claims``."""
        latest, found = dict(self._latest), dict(self._found)
        touched: set[str] = set()
        for claim in claims:
            subject = _subject(claim.current) if claim.status == "active" else None
            if subject is None:
                continue
            name, values = subject
            if name not in touched:
                # Copied on first touch: the index this one was made from keeps its own.
                kept = latest.get(name)
                latest[name] = (
                    _Subject({}, {})
                    if kept is None
                    else _Subject(dict(kept.latest), dict(kept.said))
                )
                touched.add(name)
            held = latest[name]
            attribution = claim.current.attribution
            repeated = attribution.relays_claim
            at = held.said.get(repeated, claim.reported_at) if repeated else claim.reported_at
            held.said[claim.event_id] = at
            said = (at, attribution.relays is None)
            known = held.latest.get(attribution.origin)
            if known is None or said >= known.said:
                held.latest[attribution.origin] = _Stated(claim, values, said)
        for name in touched:
            disagreement = _disagreement(name, latest[name].latest)
            if disagreement is None:
                found.pop(name, None)
            else:
                found[name] = disagreement
        return DisagreementIndex(latest, found)

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        """Subjects on which two or more sources differ, in the order first claimed."""
        return tuple(self._found[name] for name in self._latest if name in self._found)


def find_disagreements(claims: Iterable[Claim]) -> tuple[Disagreement, ...]:
    """Subjects on which the latest active claims of two or more sources differ."""
    return DisagreementIndex.of(claims).disagreements


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


def _target(state: IncidentState, target_event_id: str) -> Claim:
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
        claim = _target(state, event.target_event_id)
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
        claim = _target(state, event.target_event_id)
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


def _check_relay(state: IncidentState, event: LedgerEvent, attribution: Attribution) -> None:
    """A relayed statement is a claim of the incident that comes from the relay's originator.

    A report relaying one repeats it: a report of the same kind and, for casualties, of the
    same party's same group, so that it is counted as that very statement.
    """
    if attribution.relays_claim is None:
        return
    relayed = state.claim(attribution.relays_claim)
    if relayed is None:
        raise InvalidRelayError(f"claim {attribution.relays_claim!r} is not in this incident")
    if not isinstance(event, ClaimCorrected | ClaimRetracted) and not _repeats(
        event, relayed.current
    ):
        raise InvalidRelayError(
            f"claim {relayed.event_id!r} is a {relayed.type} of another subject: a relay"
            " repeats a statement of its own kind and subject"
        )
    origin = relayed.current.attribution.origin
    if origin == attribution.source_id:
        raise RelayLoopError(
            f"claim {relayed.event_id!r} relays {attribution.source_id!r} itself: a relay loop"
        )
    if origin != attribution.relays:
        raise InvalidRelayError(
            f"claim {relayed.event_id!r} is {origin!r}'s statement, not {attribution.relays!r}'s"
        )


def _repeats(report: LedgerEvent, relayed: Claimable) -> bool:
    """Whether ``report`` can repeat ``relayed``: same kind; same party and group of people."""
    if type(report) is not type(relayed):
        return False
    if isinstance(report, CasualtiesReported) and isinstance(relayed, CasualtiesReported):
        return (report.party, report.group) == (relayed.party, relayed.group)
    return True


def _check_open(state: IncidentState | None, incident_id: str) -> IncidentState:
    if state is None:
        raise NotFoundError("incident", incident_id)
    if state.status == "merged":
        raise IncidentClosedError(incident_id, f"was merged into {state.merged_into!r}")
    return state


def check_new_incident(
    existing: IncidentState | None, event: IncidentReported, known_sources: Container[str]
) -> None:
    """An incident id is reported once, by a registered source."""
    if existing is not None:
        raise AlreadyExistsError("incident", event.incident_id)
    check_attribution_sources(event.attribution, known_sources)
    if event.attribution.relays_claim is not None:
        raise InvalidRelayError("a new incident holds no claim to relay yet")
    _check_time_zone(event)


def _check_time_zone(report: IncidentReported) -> None:
    """Where the country alone does not tell the zone, the report must."""
    country = report.location.country
    if report.time_zone is None and country_zone(country) is None:
        raise TimeZoneRequiredError(country, country_zones(country))


def check_report(
    state: IncidentState | None, event: LedgerEvent, known_sources: Container[str]
) -> None:
    """A report, correction or retraction may be added to ``state`` as it stands."""
    incident_id = getattr(event, "incident_id", "?")
    state = _check_open(state, incident_id)
    attribution: Attribution | None = getattr(event, "attribution", None)
    if attribution is not None:
        check_attribution_sources(attribution, known_sources)
        _check_relay(state, event, attribution)
    if state.status == "retracted" and not isinstance(event, ClaimCorrected | ClaimRetracted):
        raise IncidentClosedError(incident_id, "was retracted")
    if isinstance(event, EquipmentLossClaimed):
        _check_crew(event)
    if isinstance(event, ClaimCorrected | ClaimRetracted):
        claim = _target(state, event.target_event_id)
        if claim.status == "retracted":
            raise ClaimRetractedError(event.target_event_id)
        if isinstance(event, ClaimCorrected):
            corrected = apply_changes(claim.current, event.changes)
            moved = {"location", "time_zone"} & event.changes.keys()
            if isinstance(corrected, IncidentReported) and moved:
                _check_time_zone(corrected)
            if isinstance(corrected, EquipmentLossClaimed):
                _check_crew(corrected)


def _check_crew(claim: EquipmentLossClaimed) -> None:
    """A drone has no crew to eject, rescue, kill, capture or lose."""
    if claim.platform is PlatformKind.DRONE and claim.crew_fate not in UNCREWED_FATES:
        raise RuleViolationError(
            f"a drone has no crew: its crew_fate is not_applicable (or unknown), not"
            f" {claim.crew_fate.value}",
            field="crew_fate",
        )


def named_incidents(event: LedgerEvent) -> tuple[tuple[str, ...], str]:
    """Other incidents a report names, and the field that names them.

    A running total's ``covers``, a relation's ``related_incident_id``, or a correction's
    new values for either.
    """
    if isinstance(event, RunningTotalStated):
        return event.covers, "covers"
    if isinstance(event, IncidentRelated):
        return (event.related_incident_id,), "related_incident_id"
    if isinstance(event, ClaimCorrected):
        if isinstance(event.changes.get("covers"), list):
            return tuple(map(str, event.changes["covers"])), "changes.covers"
        if isinstance(event.changes.get("related_incident_id"), str):
            return (event.changes["related_incident_id"],), "changes.related_incident_id"
    return (), ""


def check_named(event: LedgerEvent, existing: Container[str]) -> None:
    """Every other incident a report names is one the ledger holds."""
    named, field = named_incidents(event)
    missing = sorted({i for i in named if i not in existing})
    if missing:
        raise UnknownIncidentError(missing, field=field)


def check_merge(
    surviving: IncidentState | None, absorbed: IncidentState | None, event: IncidentsMerged
) -> None:
    """Two distinct open incidents may be merged, the second into the first."""
    if event.incident_id == event.merged_incident_id:
        raise MergeRefusedError("an incident cannot be merged into itself", field="incident_id")
    surviving = _check_open(surviving, event.incident_id)
    absorbed = _check_open(absorbed, event.merged_incident_id)
    for state in (surviving, absorbed):
        if state.status == "retracted":
            raise IncidentClosedError(state.incident_id, "was retracted")
