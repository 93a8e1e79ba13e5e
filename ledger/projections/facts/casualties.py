"""Casualty claims as counting reads them: a stored report's few fields, made a claim."""

from __future__ import annotations

from datetime import datetime
from typing import Final

import msgspec

from ledger.domain.estimates import Estimate
from ledger.domain.events import CasualtiesReported
from ledger.domain.figures import MEASURES, CasualtyClaim
from ledger.domain.vocabulary import CasualtyGroup, ReliabilityGrade


class _Relaying(msgspec.Struct, frozen=True, gc=False):
    relays: str | None = None
    relays_claim: str | None = None


class CountedReport(msgspec.Struct, frozen=True, gc=False):
    """What counting losses reads of a stored casualty report; decoded without the rest."""

    party: str
    group: CasualtyGroup
    attribution: _Relaying
    killed: Estimate | None = None
    wounded: Estimate | None = None
    captured: Estimate | None = None
    missing: Estimate | None = None


counted_report: Final = msgspec.json.Decoder(CountedReport)
"""Decodes a claims row's document of a casualty report as ``CountedReport``."""


def casualty_claim(  # noqa: PLR0913, PLR0917 - one argument per claim column
    claim_id: str,
    source_id: str,
    grade: str | None,
    credibility: int,
    reported_at: datetime,
    position: int,
    report: CasualtiesReported | CountedReport,
) -> CasualtyClaim:
    """A casualty claim as the figures need it."""
    estimates: dict[str, Estimate] = {
        m: getattr(report, m) for m in MEASURES if getattr(report, m) is not None
    }
    return CasualtyClaim(
        claim_id=claim_id,
        source_id=source_id,
        grade=ReliabilityGrade(grade) if grade else None,
        credibility=credibility,
        reported_at=reported_at,
        position=position,
        party=report.party,
        group=report.group.value,
        estimates=estimates,
        relays=report.attribution.relays,
        relays_claim=report.attribution.relays_claim,
    )
