"""An incident's state: its claims side by side, each with its corrections and retraction."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from ledger.domain.disagreements import Disagreement
from ledger.domain.events import (
    IncidentReported,
    ReportEvent,
)
from ledger.domain.time_zones import UTC_ZONE
from ledger.domain.values import Attribution, Location, OccurredTime
from ledger.domain.vocabulary import IncidentCategory

if TYPE_CHECKING:
    pass


IncidentStatus = Literal["active", "retracted", "merged"]
ClaimStatus = Literal["active", "retracted"]
Claimable = IncidentReported | ReportEvent


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
