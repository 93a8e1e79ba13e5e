"""What the application needs from the layers beside it, declared here and wired by app.py."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    import psycopg

    from ledger.application.receipts import Outcome
    from ledger.application.views import (
        DeploymentsView,
        DisplacementView,
        EquipmentTotal,
        EquipmentView,
        IncidentFilter,
        IncidentPage,
        LossesView,
        LossFilter,
        Moment,
        Positioned,
        ReconciliationView,
        SituationsView,
        SourceClaims,
    )
    from ledger.domain.records import EventRecord
    from ledger.domain.vocabulary import SituationKind
    from ledger.store import GlobalCursor


class InlineUpdate(Protocol):
    """A read model updated in an append's own transaction, so a read right after sees it."""

    async def apply_inline(
        self, connection: psycopg.AsyncConnection[Any], records: Sequence[EventRecord]
    ) -> None:
        """Fold the appended ``records`` on ``connection``, inside the append's transaction."""


class AppendWatcher(Protocol):
    """Told of every write that appended events (not of replays): what metrics count."""

    def appended(self, outcome: Outcome) -> None:
        """``outcome``'s events were just committed."""


ReadModelName = Literal["incidents", "facts"]
"""The read models a reader can wait for: the incident list's, and the figures'."""


class ReadModels(Protocol):
    """The read side's queries, each answered with the log position it reflects."""

    async def position(self, name: ReadModelName) -> GlobalCursor:
        """How far in the log read model ``name`` is."""

    async def incidents(
        self,
        filters: IncidentFilter,
        *,
        after: str | None,
        limit: int,
        as_of: GlobalCursor | None,
    ) -> Positioned[IncidentPage]:
        """Incidents matching ``filters``, latest occurrence first, ``limit`` at a time."""

    async def losses(self, filters: LossFilter, at: Moment) -> Positioned[LossesView]:
        """Losses counted once per incident, summed and grouped as ``filters`` say."""

    async def equipment(
        self, operator: str | None, actor: str | None, at: Moment
    ) -> Positioned[EquipmentView]:
        """Every lost platform, once per object, with totals."""

    async def equipment_totals(
        self, operator: str | None, at: Moment
    ) -> Positioned[list[EquipmentTotal]]:
        """The equipment view's totals alone."""

    async def deployments(self, party: str | None, at: Moment) -> Positioned[DeploymentsView]:
        """The latest force estimate per party per area."""

    async def reconciliation(self, party: str | None, at: Moment) -> Positioned[ReconciliationView]:
        """Each running total a source stated beside the ledger's sum for the same scope."""

    async def situations(
        self, kind: SituationKind | None, party: str | None, at: Moment
    ) -> Positioned[SituationsView]:
        """Each situation's figure, counted once."""

    async def displacement(self, party: str | None, at: Moment) -> Positioned[DisplacementView]:
        """Flows and stocks of displaced people, each counted once."""

    async def source_claims(
        self, source_id: str, at: Moment, limit: int
    ) -> Positioned[SourceClaims]:
        """The latest ``limit`` claims a source made that stand, newest first."""

    async def loss_claims(self, filters: LossFilter, at: GlobalCursor) -> list[list[str]]:
        """Each row's claims of the losses ``filters`` ask for at ``at``, in the rows' order."""

    async def deciding_events(
        self, claim_ids: Collection[str], at: GlobalCursor
    ) -> dict[str, set[int]]:
        """The positions of the events that decided each claim at ``at``."""
