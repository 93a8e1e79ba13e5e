"""The rules a write to an incident must obey: checked before it is appended, never after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.domain.errors import (
    AlreadyExistsError,
    ClaimRetractedError,
    IncidentClosedError,
    InvalidRelayError,
    MergeRefusedError,
    NotFoundError,
    RelayLoopError,
    RuleViolationError,
    TimeZoneRequiredError,
    UnknownIncidentError,
)
from ledger.domain.events import (
    CasualtiesReported,
    ClaimCorrected,
    ClaimRetracted,
    EquipmentLossClaimed,
    IncidentRelated,
    IncidentReported,
    IncidentsMerged,
    LedgerEvent,
    RunningTotalStated,
)
from ledger.domain.incident_state import Claimable, IncidentState
from ledger.domain.incidents import apply_changes, target_claim
from ledger.domain.sources import check_attribution_sources
from ledger.domain.time_zones import country_zone, country_zones
from ledger.domain.values import Attribution
from ledger.domain.vocabulary import UNCREWED_FATES, PlatformKind

if TYPE_CHECKING:
    from collections.abc import Container


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
        claim = target_claim(state, event.target_event_id)
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
