"""What readers get: the shapes of the ledger's views, and the moment a view is read at.

The application declares them; the read side (``ledger.projections``) fills them, and the API
returns them as they are. docs/views.md says what each figure means.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final, Generic, Literal, NamedTuple, TypeVar

import msgspec

from ledger.application.evidence import Evidence
from ledger.domain.estimates import Estimate
from ledger.domain.figures import Agreement, EquipmentItem
from ledger.domain.incident_state import IncidentState
from ledger.domain.vocabulary import CasualtyGroup, LossMeasure
from ledger.store import GlobalCursor

T = TypeVar("T")


class Positioned(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """A view's content and the log position it reflects."""

    content: T
    position: GlobalCursor


class Moment(NamedTuple):
    """When a view is read, on two axes; ``None`` on either is "now".

    ``as_of``: as the ledger stood then, by the log. ``reported_by``: as the sources had
    told it by then, by their own ``reported_at``.
    """

    as_of: GlobalCursor | None = None
    reported_by: datetime | None = None


NOW: Final = Moment()
"""Now on both axes: the current view."""


LossGrouping = Literal["none", "day", "week", "month", "party", "admin1"]


class LossFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Which losses to sum and how to group them."""

    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    party: str | None = None
    group: CasualtyGroup | None = None
    measure: LossMeasure | None = None
    """``losses`` sums killed, captured and missing, as running totals of losses do."""
    group_by: LossGrouping = "none"


class LossRow(msgspec.Struct, frozen=True, kw_only=True):
    """Summed losses for a party, group and measure (and a period or province).

    ``high`` is null when an incident's count has no upper bound.
    """

    party: str
    group: str
    measure: str
    low: int
    best: int
    high: int | None
    incidents: int
    period: date | None = None
    """The first day of the day, week (from Monday) or month, in the incidents' local time."""
    admin1: str | None = None


class LossesView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Cumulative losses, counted once per incident."""

    rows: list[LossRow]
    evidence: Evidence | None = None
    """With ``evidence=true``: the events behind each row, proven in a signed checkpoint."""


class EquipmentTotal(msgspec.Struct, frozen=True, kw_only=True):
    """How many platforms of a kind an operator lost, by status."""

    operator: str
    platform: str
    status: str
    quantity: int
    confirmed_quantity: int
    items: int


class EquipmentView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The list of lost equipment and its totals."""

    items: list[EquipmentItem]
    totals: list[EquipmentTotal]
    evidence: Evidence | None = None
    """With ``evidence=true``: the events behind each row, proven in a signed checkpoint."""


class Deployment(msgspec.Struct, frozen=True, kw_only=True):
    """The latest estimate of a party's forces in an area."""

    party: str
    area: str
    size: Estimate
    movement: str
    unit: str | None
    source_id: str
    reported_at: datetime
    incident_id: str
    claim_id: str


class DeploymentsView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The latest force estimate per party per area."""

    items: list[Deployment]
    evidence: Evidence | None = None
    """With ``evidence=true``: the events behind each row, proven in a signed checkpoint."""


class LedgerSum(msgspec.Struct, frozen=True, kw_only=True):
    """The ledger's own count; ``high`` null when a contributing count is unbounded."""

    low: int
    best: int
    high: int | None


class Reconciliation(msgspec.Struct, frozen=True, kw_only=True):
    """A source's running total beside the ledger's sum for the same scope."""

    claim_id: str
    incident_id: str
    source_id: str
    party: str
    measure: str
    period_as_stated: str | None
    period_start: datetime
    period_end: datetime
    covers: list[str]
    """Incidents the source says its total includes, counted wherever they fall."""
    stated: Estimate
    ledger: LedgerSum
    agreement: Agreement
    """The stated interval against the ledger's: consistent, ledger_short or ledger_over."""
    difference: int | None
    """Stated best minus the ledger's best; null when the source gave no single figure."""
    incidents: list[str]


class ReconciliationView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Every running total a source stated, reconciled."""

    items: list[Reconciliation]
    evidence: Evidence | None = None
    """With ``evidence=true``: the events behind each row, proven in a signed checkpoint."""


class SituationFigure(msgspec.Struct, frozen=True, kw_only=True):
    """What the sources say of one situation, counted once; a toll beside the ledger's sum."""

    situation_id: str
    kind: str
    area: str
    country: str | None
    parties: tuple[str, ...]
    measure: str | None
    period_as_stated: str | None
    period_start: datetime | None
    period_end: datetime | None
    """As the statement that gives ``best`` puts them."""
    low: int
    best: int
    high: int | None
    claim_ids: tuple[str, ...]
    sources: tuple[str, ...]
    ledger: LedgerSum | None = None
    """For a toll: the ledger's own sum of the same losses over the same period."""
    agreement: Agreement | None = None


class SituationsView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Every situation with its figure."""

    items: list[SituationFigure]
    evidence: Evidence | None = None
    """With ``evidence=true``: the events behind each row, proven in a signed checkpoint."""


class DisplacementRow(msgspec.Struct, frozen=True, kw_only=True):
    """People displaced, as one situation's figure or one incident's, counted once."""

    kind: Literal["flow", "stock"]
    origin: Literal["situation", "incident"]
    id: str
    """The situation's id, or the incident's (the one merged ones count under)."""
    area: str
    parties: tuple[str, ...]
    period_as_stated: str | None
    period_start: datetime | None
    period_end: datetime | None
    low: int
    best: int
    high: int | None
    sources: tuple[str, ...]
    claim_ids: tuple[str, ...]


class DisplacementView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Flows (people who fled over a period) and stocks (people displaced at a moment)."""

    flows: list[DisplacementRow]
    stocks: list[DisplacementRow]
    evidence: Evidence | None = None
    """With ``evidence=true``: the events behind each row, proven in a signed checkpoint."""

    @property
    def rows(self) -> list[DisplacementRow]:
        """Flows, then stocks: one table for CSV."""
        return [*self.flows, *self.stocks]


class SourceClaim(msgspec.Struct, frozen=True, kw_only=True):
    """One claim a source made, as it stands (corrections applied)."""

    claim_id: str
    incident_id: str
    type: str
    reported_at: datetime
    position: int
    credibility: int
    relayed_from: str | None
    """The source it passed on, when it relayed another's claim."""
    said: dict[str, Any]
    """What the claim says, its incident and attribution left out."""


class SourceClaims(msgspec.Struct, frozen=True, kw_only=True):
    """The latest claims one source made that stand, newest first."""

    items: list[SourceClaim]
    more: bool
    """Whether older claims of the source were left out."""


class IncidentFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Which incidents a list shows."""

    party: str | None = None
    category: str | None = None
    admin1: str | None = None
    status: str | None = None
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    contested: bool | None = None


class IncidentPage(msgspec.Struct, frozen=True, kw_only=True):
    """Incidents, latest first; ``next`` continues the list, null on the last page."""

    items: list[IncidentState]
    next: str | None
