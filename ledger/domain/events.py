"""Every event the ledger records: the one place each event type is defined.

Each event is a frozen msgspec Struct with a stable tag (never the class name, so renaming a
class cannot orphan stored rows) and a schema version; the tag is the stored event type.
Events written at an older schema version are brought up to date by the upcasters in
``ledger.domain.upcasting`` when they are read.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Final, get_args

import msgspec

from ledger.domain.estimates import Estimate
from ledger.domain.time_zones import zone_names
from ledger.domain.values import (
    Attribution,
    EventId,
    Instant,
    Location,
    LongText,
    OccurredTime,
    ShortText,
    Slug,
    TimeZoneName,
    check_instants,
)
from ledger.domain.vocabulary import (
    Affiliation,
    CasualtyGroup,
    CrewFate,
    IncidentCategory,
    IncidentRelation,
    LossMeasure,
    LossStatus,
    Movement,
    PlatformKind,
    ReliabilityGrade,
    SituationKind,
    SourceKind,
)


class Event(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    tag_field="type",
    forbid_unknown_fields=True,
    gc=False,
):
    """Base of every ledger event; ``schema_version`` is the version new events are written at.

    Unknown fields are refused, in requests and in stored rows alike: every change to an
    event's fields other than adding an optional one bumps its schema version and adds an
    upcaster, so a stored row always decodes at the version it declares.

    Events, values and the states folded from them are immutable and never refer back to
    themselves, so the garbage collector does not track them (``gc=False``): the many that
    caches and projections hold made each of its passes walk them all.
    """

    schema_version: ClassVar[int] = 1


class SourceRegistered(Event, frozen=True, kw_only=True, tag="source.registered"):
    """A source the ledger can attribute reports to."""

    source_id: Slug
    name: ShortText
    kind: SourceKind
    grade: ReliabilityGrade
    party: Slug | None = None  # the party the source speaks for, if any


class SourceRegraded(Event, frozen=True, kw_only=True, tag="source.regraded"):
    """A source's reliability grade changed."""

    source_id: Slug
    grade: ReliabilityGrade
    reason: ShortText


class IncidentReported(Event, frozen=True, kw_only=True, tag="incident.reported"):
    """The first report of an incident: what, when, where and who."""

    incident_id: Slug
    title: ShortText
    category: IncidentCategory
    occurred: OccurredTime
    location: Location
    parties: Annotated[tuple[Slug, ...], msgspec.Meta(max_length=20)]
    summary: LongText
    attribution: Attribution
    time_zone: TimeZoneName | None = None
    """The IANA zone of the incident's local calendar; needed where the country has several."""

    def __post_init__(self) -> None:
        """A stated zone is one the IANA database knows."""
        if self.time_zone is not None and self.time_zone not in zone_names():
            raise ValueError(f"time_zone {self.time_zone!r} is not an IANA time zone name")


class CasualtiesReported(Event, frozen=True, kw_only=True, tag="casualties.reported"):
    """A source's count of one party's casualties in an incident."""

    incident_id: Slug
    party: Slug
    group: CasualtyGroup
    attribution: Attribution
    killed: Estimate | None = None
    wounded: Estimate | None = None
    captured: Estimate | None = None
    missing: Estimate | None = None
    actor: Slug | None = None
    """Who inflicted them, where the source says: ``party`` is whose people they were."""
    affiliations: Annotated[tuple[Affiliation, ...], msgspec.Meta(max_length=5)] = ()
    """Whom the count covers: "troops and allied gunmen" is regular and allied_armed_group."""
    allied_to: Slug | None = None
    """The party an allied armed group fights beside."""

    def __post_init__(self) -> None:
        """A casualty report must count something."""
        # Checked for every casualty report a replay decodes: no generator.
        if (
            self.killed is None
            and self.wounded is None
            and self.captured is None
            and self.missing is None
        ):
            raise ValueError("a casualty report needs killed, wounded, captured or missing")
        if self.affiliations or self.allied_to is not None:
            self._check_affiliations()

    def _check_affiliations(self) -> None:
        allied = Affiliation.ALLIED_ARMED_GROUP in self.affiliations
        if allied != (self.allied_to is not None):
            raise ValueError("allied_to names the party of an allied_armed_group, and only then")
        if Affiliation.CIVILIAN in self.affiliations and self.group is CasualtyGroup.MILITARY:
            raise ValueError("affiliations: civilians are not counted in the military group")


class EquipmentLossClaimed(Event, frozen=True, kw_only=True, tag="equipment_loss.claimed"):
    """A claim that a party lost a platform.

    Version 2: ``crew_fate`` ``recovered`` became ``rescued`` (upcast on read).
    """

    schema_version: ClassVar[int] = 2

    incident_id: Slug
    platform: PlatformKind
    operator: Slug
    """The affected party: whose platform it was."""
    status: LossStatus
    crew_fate: CrewFate
    attribution: Attribution
    claimed_by: Slug | None = None
    """The claimant: the party that says so. A neutral reporter (a news agency) names none."""
    actor: Slug | None = None
    """Who destroyed or took it, where the source says: "Turkish forces targeted it"."""
    model: ShortText | None = None  # "L-39"
    cause: ShortText | None = None  # "surface-to-air missile"
    quantity: Annotated[int, msgspec.Meta(ge=1, le=10_000)] = 1
    subject: ShortText | None = None
    """The object as the source names it, where it does: a tail number, a hull number."""


class ForcesDeployed(Event, frozen=True, kw_only=True, tag="forces.deployed"):
    """Forces of a party moved into or out of an area."""

    incident_id: Slug
    party: Slug
    area: ShortText
    size: Estimate
    movement: Movement
    attribution: Attribution
    unit: ShortText | None = None


class CiviliansDisplaced(Event, frozen=True, kw_only=True, tag="civilians.displaced"):
    """Civilians fled an area."""

    incident_id: Slug
    area: ShortText
    count: Estimate
    attribution: Attribution
    destination: ShortText | None = None
    affected: Slug | None = None
    """Whose civilians fled, where the source says."""
    actor: Slug | None = None
    """Whose actions drove them out, where the source says."""


class RunningTotalStated(Event, frozen=True, kw_only=True, tag="running_total.stated"):
    """A source's own cumulative figure, kept to reconcile against the ledger's sum."""

    incident_id: Slug
    party: Slug
    measure: LossMeasure
    period_start: Instant
    period_end: Instant
    """The period as the analyst resolves the source's words: both ends included."""
    total: Estimate
    attribution: Attribution
    period_as_stated: ShortText | None = None
    """The period in the source's own words: "this month"."""
    actor: Slug | None = None
    """Who inflicted the losses, where the source says: ``party`` is whose they were."""
    covers: Annotated[tuple[Slug, ...], msgspec.Meta(max_length=1000)] = ()
    """Incidents the source says the total includes, wherever they fall."""

    def __post_init__(self) -> None:
        """A period lies within the ledger's calendar and cannot end before it starts."""
        check_instants(period_start=self.period_start, period_end=self.period_end)
        if self.period_end < self.period_start:
            raise ValueError("period end must not be before its start")


class IncidentRelated(Event, frozen=True, kw_only=True, tag="incident.related"):
    """A source's word that this incident is tied to another one."""

    incident_id: Slug
    relation: IncidentRelation
    related_incident_id: Slug
    attribution: Attribution

    def __post_init__(self) -> None:
        """An incident is not related to itself."""
        if self.related_incident_id == self.incident_id:
            raise ValueError("related_incident_id names the incident itself")


class ClaimCorrected(Event, frozen=True, kw_only=True, tag="claim.corrected"):
    """New values for fields of an earlier claim of the same incident; history keeps the old.

    Version 2: a new ``crew_fate`` of ``recovered`` became ``rescued`` (upcast on read).
    """

    schema_version: ClassVar[int] = 2

    incident_id: Slug
    target_event_id: EventId
    changes: Annotated[dict[str, Any], msgspec.Meta(min_length=1, max_length=50)]
    reason: ShortText
    attribution: Attribution


class ClaimRetracted(Event, frozen=True, kw_only=True, tag="claim.retracted"):
    """An earlier claim of the same incident withdrawn: out of the figures, kept in history."""

    incident_id: Slug
    target_event_id: EventId
    reason: ShortText
    attribution: Attribution


class IncidentsMerged(Event, frozen=True, kw_only=True, tag="incidents.merged"):
    """Two reports found to describe one incident: ``merged_incident_id`` folds into this one.

    Appended to both incidents' streams in one transaction.
    """

    incident_id: Slug
    merged_incident_id: Slug
    reason: ShortText


class SituationStated(Event, frozen=True, kw_only=True, tag="situation.stated"):
    """A source's figure about a conflict, area and period rather than one incident.

    Kept beside the per-incident figures and reconciled against them, never added into
    them. Periods and places are as precise as the source was: no start when it gave none,
    and the moment it spoke for a stock.
    """

    situation_id: Slug
    kind: SituationKind
    area: ShortText
    figure: Estimate
    attribution: Attribution
    parties: Annotated[tuple[Slug, ...], msgspec.Meta(max_length=20)] = ()
    """Whose forces, losses or people; none when the source names none."""
    country: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")] | None = None
    measure: LossMeasure | None = None
    """What a toll counts: killed, wounded …"""
    period_as_stated: ShortText | None = None
    """The period in the source's words: "since the offensive began"."""
    period_start: Instant | None = None
    period_end: Instant | None = None
    """Both ends included; an open end is one the source did not give."""

    def __post_init__(self) -> None:
        """A toll says what it counts, nothing else does; a period does not end before it starts."""
        given = {"period_start": self.period_start, "period_end": self.period_end}
        check_instants(**{name: at for name, at in given.items() if at is not None})
        if (self.kind is SituationKind.TOLL) != (self.measure is not None):
            raise ValueError("measure: a toll says what it counts, and only a toll")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period end must not be before its start")


class ClaimsLinked(Event, frozen=True, kw_only=True, tag="claims.linked"):
    """An analyst's finding that claims describe one and the same object or count.

    "An L-39" in the Turkish ministry's words and "a warplane" in the Syrian army's: one
    aircraft, counted once; the ministry's 33 dead and an agency's 34 entered as another
    incident: one count. Claims may belong to different incidents.
    """

    link_id: Slug
    claim_ids: Annotated[tuple[EventId, ...], msgspec.Meta(min_length=2, max_length=50)]
    reason: ShortText

    def __post_init__(self) -> None:
        """A link joins distinct claims."""
        if len(set(self.claim_ids)) != len(self.claim_ids):
            raise ValueError("claim_ids names a claim twice")


class ClaimsUnlinked(Event, frozen=True, kw_only=True, tag="claims.unlinked"):
    """A link undone: its claims count apart again."""

    link_id: Slug
    reason: ShortText


ReportEvent = (
    CasualtiesReported
    | EquipmentLossClaimed
    | ForcesDeployed
    | CiviliansDisplaced
    | RunningTotalStated
    | IncidentRelated
)
"""The reports that can be added to an existing incident."""

LedgerEvent = (
    SourceRegistered
    | SourceRegraded
    | IncidentReported
    | CasualtiesReported
    | EquipmentLossClaimed
    | ForcesDeployed
    | CiviliansDisplaced
    | RunningTotalStated
    | IncidentRelated
    | ClaimCorrected
    | ClaimRetracted
    | IncidentsMerged
    | ClaimsLinked
    | ClaimsUnlinked
    | SituationStated
)
"""Every event the ledger records."""

EVENT_CLASSES: Final[tuple[type[Event], ...]] = get_args(LedgerEvent)
"""Every event class, in the order of ``LedgerEvent``."""


def event_type(cls: type[Event]) -> str:
    """The stored type name of an event class: its msgspec tag."""
    return str(cls.__struct_config__.tag)


SOURCE_EVENT_TYPES: Final = frozenset({event_type(SourceRegistered), event_type(SourceRegraded)})
"""The event types appended to source streams."""

LINK_EVENT_TYPES: Final = frozenset({event_type(ClaimsLinked), event_type(ClaimsUnlinked)})
"""The event types appended to link streams."""

SITUATION_EVENT_TYPES: Final = frozenset({event_type(SituationStated)})
"""The event types appended to situation streams."""

INCIDENT_EVENT_TYPES: Final = (
    frozenset(event_type(cls) for cls in EVENT_CLASSES)
    - SOURCE_EVENT_TYPES
    - LINK_EVENT_TYPES
    - SITUATION_EVENT_TYPES
)
"""The event types appended to incident streams."""

EVENT_SCHEMA_VERSIONS: Final[dict[str, int]] = {
    event_type(cls): cls.schema_version for cls in EVENT_CLASSES
}
"""Every stored event type and the schema version new events of it are written at."""
