"""Domain objects for unit tests, with sensible defaults."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from ledger.domain.estimates import Estimate
from ledger.domain.events import (
    CasualtiesReported,
    ClaimCorrected,
    ClaimRetracted,
    IncidentReported,
    LedgerEvent,
    SourceRegistered,
)
from ledger.domain.records import EventRecord
from ledger.domain.values import Attribution, Location, OccurredTime
from ledger.domain.vocabulary import (
    CasualtyGroup,
    IncidentCategory,
    PlacePrecision,
    ReliabilityGrade,
    SourceKind,
    TimePrecision,
)

T0 = datetime(2020, 3, 3, 9, 0, tzinfo=UTC)


def attribution(source_id: str = "tr-mod", hours: int = 0, credibility: int = 3) -> Attribution:
    return Attribution(
        source_id=source_id, reported_at=T0 + timedelta(hours=hours), credibility=credibility
    )


def source_registered(source_id: str) -> SourceRegistered:
    return SourceRegistered(
        source_id=source_id,
        name=f"Source {source_id}",
        kind=SourceKind.GOVERNMENT,
        grade=ReliabilityGrade.B,
    )


def incident_reported(incident_id: str = "inc-1", source_id: str = "tr-mod") -> IncidentReported:
    return IncidentReported(
        incident_id=incident_id,
        title="A Syrian jet was shot down",
        category=IncidentCategory.AIR,
        occurred=OccurredTime(start=T0, end=T0 + timedelta(hours=12), precision=TimePrecision.DAY),
        location=Location(country="SY", precision=PlacePrecision.PROVINCE, admin1="Idlib"),
        parties=("turkey", "syria"),
        summary="A jet was downed over the province.",
        attribution=attribution(source_id),
    )


def casualties(
    killed: int | None = 1,
    *,
    source_id: str = "tr-mod",
    hours: int = 1,
    party: str = "turkey",
    incident_id: str = "inc-1",
    **measures: Any,
) -> CasualtiesReported:
    return CasualtiesReported(
        incident_id=incident_id,
        party=party,
        group=CasualtyGroup.MILITARY,
        attribution=attribution(source_id, hours),
        killed=Estimate.exactly(killed) if killed is not None else None,
        **measures,
    )


def correction(
    target: str, changes: dict[str, Any], *, source_id: str = "tr-mod"
) -> ClaimCorrected:
    return ClaimCorrected(
        incident_id="inc-1",
        target_event_id=target,
        changes=changes,
        reason="a later statement",
        attribution=attribution(source_id, 5),
    )


def retraction(target: str, *, source_id: str = "tr-mod") -> ClaimRetracted:
    return ClaimRetracted(
        incident_id="inc-1",
        target_event_id=target,
        reason="withdrawn by the source",
        attribution=attribution(source_id, 6),
    )


def records(*events: LedgerEvent, stream_id: str = "incident-inc-1") -> list[EventRecord]:
    """Number events as one stream recorded in order."""
    return [
        EventRecord(
            event_id=str(uuid.UUID(int=version)),
            stream_id=stream_id,
            stream_version=version,
            position=version,
            transaction_id=1,
            recorded_at=T0 + timedelta(days=1, minutes=version),
            principal="tests",
            event=event,
        )
        for version, event in enumerate(events, start=1)
    ]


def event_id(version: int) -> str:
    """The event id ``records`` gives the event at ``version``."""
    return str(uuid.UUID(int=version))
