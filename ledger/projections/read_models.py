"""The application's ``ReadModels``, answered from the incidents and facts projections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.projections import (
    evidence,
    incident_list,
    reconciliation,
    situations,
    source_claims,
    views,
)
from ledger.projections.snapshots import projection_position

if TYPE_CHECKING:
    from collections.abc import Collection

    from psycopg_pool import AsyncConnectionPool

    from ledger.application.ports import ReadModelName
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
    from ledger.domain.vocabulary import SituationKind
    from ledger.projections.definition import Projection
    from ledger.store import GlobalCursor


class ProjectionReads:
    """Queries over the live generations of ``incidents`` and ``facts``."""

    def __init__(self, pool: AsyncConnectionPool, incidents: Projection, facts: Projection) -> None:
        self._pool = pool
        self._incidents = incidents
        self._facts = facts.name

    async def position(self, name: ReadModelName) -> GlobalCursor:
        """How far in the log read model ``name`` is."""
        projection = self._incidents.name if name == "incidents" else self._facts
        return await projection_position(self._pool, projection)

    async def incidents(
        self,
        filters: IncidentFilter,
        *,
        after: str | None,
        limit: int,
        as_of: GlobalCursor | None,
    ) -> Positioned[IncidentPage]:
        """Incidents matching ``filters``, latest occurrence first, ``limit`` at a time."""
        return await incident_list.list_incidents(
            self._pool,
            self._incidents.view_names(),
            filters,
            after=after,
            limit=limit,
            projection=self._incidents.name,
            as_of=as_of,
        )

    async def losses(self, filters: LossFilter, at: Moment) -> Positioned[LossesView]:
        """Losses counted once per incident, summed and grouped as ``filters`` say."""
        return await views.losses(self._pool, self._facts, filters, at)

    async def equipment(
        self, operator: str | None, actor: str | None, at: Moment
    ) -> Positioned[EquipmentView]:
        """Every lost platform, once per object, with totals."""
        return await views.equipment(self._pool, self._facts, operator, at, actor)

    async def equipment_totals(
        self, operator: str | None, at: Moment
    ) -> Positioned[list[EquipmentTotal]]:
        """The equipment view's totals alone."""
        return await views.equipment_totals(self._pool, self._facts, operator, at)

    async def deployments(self, party: str | None, at: Moment) -> Positioned[DeploymentsView]:
        """The latest force estimate per party per area."""
        return await views.deployments(self._pool, self._facts, party, at)

    async def reconciliation(self, party: str | None, at: Moment) -> Positioned[ReconciliationView]:
        """Each running total a source stated beside the ledger's sum for the same scope."""
        return await reconciliation.reconciliation(self._pool, self._facts, party, at)

    async def situations(
        self, kind: SituationKind | None, party: str | None, at: Moment
    ) -> Positioned[SituationsView]:
        """Each situation's figure, counted once."""
        return await situations.situations(self._pool, self._facts, kind, party, at)

    async def displacement(self, party: str | None, at: Moment) -> Positioned[DisplacementView]:
        """Flows and stocks of displaced people, each counted once."""
        return await situations.displacement(self._pool, self._facts, party, at)

    async def source_claims(
        self, source_id: str, at: Moment, limit: int
    ) -> Positioned[SourceClaims]:
        """The latest ``limit`` claims a source made that stand, newest first."""
        return await source_claims.source_claims(self._pool, self._facts, source_id, at, limit)

    async def loss_claims(self, filters: LossFilter, at: GlobalCursor) -> list[list[str]]:
        """Each row's claims of the losses ``filters`` ask for at ``at``, in the rows' order."""
        return await views.loss_claims(self._pool, self._facts, filters, at)

    async def deciding_events(
        self, claim_ids: Collection[str], at: GlobalCursor
    ) -> dict[str, set[int]]:
        """The positions of the events that decided each claim at ``at``."""
        return await evidence.deciding_events(self._pool, self._facts, claim_ids, at)
