"""/v1/views: losses, equipment, deployments and reconciliation, each at a log position.

Every response's ``Ledger-Position`` header is the log position the view reflects; a
request's ``Ledger-Min-Position`` (e.g. a write's receipt ``cursor``) waits until the view
has caught up with it, or answers 503 with Retry-After.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any, Final, TypeVar

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter
from litestar.status_codes import HTTP_422_UNPROCESSABLE_ENTITY, HTTP_503_SERVICE_UNAVAILABLE

from ledger.api.contract import PROBLEM_OPT, READS_AS_OF, READS_AT_A_POSITION, problems
from ledger.api.csv_views import FormatParameter, ViewFormat, in_format
from ledger.api.positions import (
    AsOfParameter,
    ReportedByParameter,
    await_min_position,
    parse_reported_by,
    view_as_of,
)
from ledger.api.problem_documents import ProblemError
from ledger.application.access import Role
from ledger.application.evidence import EvidencePendingError, Evidencer, EvidenceTooLargeError
from ledger.application.queries import Queries
from ledger.application.views import (
    DeploymentsView,
    DisplacementView,
    EquipmentView,
    LossesView,
    LossFilter,
    LossGrouping,
    Moment,
    Positioned,
    ReconciliationView,
    SituationsView,
)
from ledger.domain.vocabulary import CasualtyGroup, LossMeasure, SituationKind


async def _moment(
    request: Request[Any, Any, Any],
    queries: NamedDependency[Queries],
    as_of: AsOfParameter = None,
    reported_by: ReportedByParameter = None,
) -> Moment:
    """The moment ``as_of`` and ``reported_by`` stand for, once the figures have reached it.

    Returns once they have also reached the request's ``Ledger-Min-Position``.
    """
    said = parse_reported_by(reported_by) if reported_by else None
    await await_min_position(request, queries, "facts")
    return Moment(await view_as_of(queries, "facts", as_of), said)


EvidenceParameter = Annotated[
    bool,
    QueryParameter(
        description="With the figures, the events behind each row, each with its inclusion"
        " proof in the latest signed checkpoint (docs/audit.md). JSON only."
    ),
]
_EVIDENCE_PROBLEMS: Final = {
    422: ("evidence-needs-json", "evidence-too-large", "evidence-unavailable"),
    503: ("evidence-pending",),
}
V = TypeVar(
    "V",
    LossesView,
    EquipmentView,
    DeploymentsView,
    ReconciliationView,
    SituationsView,
    DisplacementView,
)


def _rows_of(claims: list[list[str]]) -> Callable[[], Awaitable[list[list[str]]]]:
    async def known() -> list[list[str]]:
        return claims

    return known


async def evidenced(
    view: Positioned[V],
    claims: Callable[[], Awaitable[list[list[str]]]],
    evidencer: Evidencer,
    *,
    evidence: bool,
    view_format: ViewFormat,
) -> Positioned[V]:
    """``view`` with the evidence of its rows when ``evidence`` asks for it."""
    if not evidence:
        return view
    if view_format != "json":
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY,
            "evidence-needs-json",
            "Evidence comes with JSON",
            "a CSV file has no place for proofs: ask for format=json",
        )
    try:
        proven = await evidencer.of(await claims(), view.position)
    except EvidencePendingError as exc:
        raise ProblemError(
            HTTP_503_SERVICE_UNAVAILABLE, "evidence-pending", "Not signed yet", str(exc)
        ) from None
    except EvidenceTooLargeError as exc:
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY, "evidence-too-large", "Too much to prove", str(exc)
        ) from None
    return Positioned(
        content=msgspec.structs.replace(view.content, evidence=proven), position=view.position
    )


class FigureController(Controller):
    """The figures the ledger's claims add up to."""

    path = "/v1/views"
    tags = ["views"]  # noqa: RUF012 - Litestar's declared attribute
    opt = {  # noqa: RUF012 - Litestar's declared attribute
        "role": Role.READER,
        PROBLEM_OPT: problems(READS_AT_A_POSITION, READS_AS_OF, _EVIDENCE_PROBLEMS),
    }
    dependencies = {"at": Provide(_moment)}  # noqa: RUF012

    @get("/losses", summary="Cumulative losses")
    async def losses(  # noqa: PLR0913 - one argument per filter of the view
        self,
        queries: NamedDependency[Queries],
        at: NamedDependency[Moment],
        evidencer: NamedDependency[Evidencer],
        *,
        occurred_from: Annotated[datetime | None, QueryParameter()] = None,
        occurred_to: Annotated[datetime | None, QueryParameter()] = None,
        party: Annotated[str | None, QueryParameter()] = None,
        group: Annotated[CasualtyGroup | None, QueryParameter()] = None,
        measure: Annotated[LossMeasure | None, QueryParameter()] = None,
        group_by: Annotated[LossGrouping, QueryParameter()] = "none",
        view_format: FormatParameter = "json",
        evidence: EvidenceParameter = False,
    ) -> Response[LossesView]:
        """Losses by party, group and measure with low/best/high sums.

        Each incident is counted once (docs/views.md gives the rule), over an occurred-time
        range [occurred_from, occurred_to) of their start, optionally grouped by day, week,
        month or admin1. `measure=losses` sums killed, captured and missing.
        `high` is null when a count has no upper bound. Carries `Ledger-Position`; honours
        `Ledger-Min-Position`; `as_of` gives the view as it stood then, `reported_by` as
        its sources had told it by then.
        """
        filters = LossFilter(
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            party=party,
            group=group,
            measure=measure,
            group_by=group_by,
        )
        view = await queries.read_models.losses(filters, at)
        if evidence and at.reported_by is not None:
            raise ProblemError(
                HTTP_422_UNPROCESSABLE_ENTITY,
                "evidence-unavailable",
                "No evidence for losses as sources had told them",
                "evidence is given for losses as the ledger stood (as_of), not by reported_by",
            )

        async def claims() -> list[list[str]]:
            return await queries.read_models.loss_claims(filters, view.position)

        view = await evidenced(view, claims, evidencer, evidence=evidence, view_format=view_format)
        return in_format(view, view.content.rows, "losses", view_format)

    @get("/equipment", summary="Equipment losses")
    async def equipment(  # noqa: PLR0913 - the view, its filters, its format and evidence
        self,
        queries: NamedDependency[Queries],
        at: NamedDependency[Moment],
        evidencer: NamedDependency[Evidencer],
        *,
        operator: Annotated[
            str | None, QueryParameter(description="The affected party: what it lost.")
        ] = None,
        actor: Annotated[
            str | None, QueryParameter(description="The attacker: what it destroyed or took.")
        ] = None,
        view_format: FormatParameter = "json",
        evidence: EvidenceParameter = False,
    ) -> Response[EquipmentView]:
        """Every lost platform, once per object, with totals.

        An object is an incident, operator, kind and model, or claims linked as one. Each
        item says who claims it, who did it, and whether a source not aligned with the
        claimant confirms it; totals are per operator, platform and status. Carries
        `Ledger-Position`; honours `Ledger-Min-Position`; `as_of` gives the view as it stood
        then, `reported_by` as its sources had told it by then.
        """
        view = await queries.read_models.equipment(operator, actor, at)
        view = await evidenced(
            view,
            _rows_of([list(item.claim_ids) for item in view.content.items]),
            evidencer,
            evidence=evidence,
            view_format=view_format,
        )
        return in_format(view, view.content.items, "equipment", view_format)

    @get("/deployments", summary="Force deployments")
    async def deployments(  # noqa: PLR0913 - the view, its filters, its format and evidence
        self,
        queries: NamedDependency[Queries],
        at: NamedDependency[Moment],
        evidencer: NamedDependency[Evidencer],
        *,
        party: Annotated[str | None, QueryParameter()] = None,
        view_format: FormatParameter = "json",
        evidence: EvidenceParameter = False,
    ) -> Response[DeploymentsView]:
        """The latest force estimate per party per area.

        Carries `Ledger-Position`; honours `Ledger-Min-Position`; `as_of` gives the view as
        it stood then, `reported_by` as its sources had told it by then.
        """
        view = await queries.read_models.deployments(party, at)
        view = await evidenced(
            view,
            _rows_of([[item.claim_id] for item in view.content.items]),
            evidencer,
            evidence=evidence,
            view_format=view_format,
        )
        return in_format(view, view.content.items, "deployments", view_format)

    @get("/reconciliation", summary="Running totals reconciled")
    async def reconciliation(  # noqa: PLR0913 - the view, its filters, its format and evidence
        self,
        queries: NamedDependency[Queries],
        at: NamedDependency[Moment],
        evidencer: NamedDependency[Evidencer],
        *,
        party: Annotated[str | None, QueryParameter()] = None,
        view_format: FormatParameter = "json",
        evidence: EvidenceParameter = False,
    ) -> Response[ReconciliationView]:
        """Each running total a source stated beside the ledger's own sum.

        Same party, measure and scope (the resolved period and the incidents the source says
        its total covers), with the incidents that make up the sum, and whether the two
        intervals agree: consistent, ledger_short or ledger_over, and by how much.

        Carries `Ledger-Position`; honours `Ledger-Min-Position`; `as_of` gives the view as
        it stood then, `reported_by` as its sources had told it by then.
        """
        view = await queries.read_models.reconciliation(party, at)
        view = await evidenced(
            view,
            _rows_of([[item.claim_id] for item in view.content.items]),
            evidencer,
            evidence=evidence,
            view_format=view_format,
        )
        return in_format(view, view.content.items, "reconciliation", view_format)

    @get("/situations", summary="Situations: figures about a conflict, area and period")
    async def situation_figures(  # noqa: PLR0913 - the view, its filters, its format and evidence
        self,
        queries: NamedDependency[Queries],
        at: NamedDependency[Moment],
        evidencer: NamedDependency[Evidencer],
        *,
        kind: Annotated[SituationKind | None, QueryParameter()] = None,
        party: Annotated[str | None, QueryParameter()] = None,
        view_format: FormatParameter = "json",
        evidence: EvidenceParameter = False,
    ) -> Response[SituationsView]:
        """Each situation's figure, counted once from its sources' statements.

        A toll stands beside the ledger's own sum of the same losses over its period, with
        whether the two agree; never added into it. Carries `Ledger-Position`; honours
        `Ledger-Min-Position`; `as_of` gives the view as it stood then, `reported_by` as
        its sources had told it by then.
        """
        view = await queries.read_models.situations(kind, party, at)
        view = await evidenced(
            view,
            _rows_of([list(item.claim_ids) for item in view.content.items]),
            evidencer,
            evidence=evidence,
            view_format=view_format,
        )
        return in_format(view, view.content.items, "situations", view_format)

    @get("/displacement", summary="Displacement: flows and stocks")
    async def displacement(  # noqa: PLR0913 - the view, its filters, its format and evidence
        self,
        queries: NamedDependency[Queries],
        at: NamedDependency[Moment],
        evidencer: NamedDependency[Evidencer],
        *,
        party: Annotated[str | None, QueryParameter()] = None,
        view_format: FormatParameter = "json",
        evidence: EvidenceParameter = False,
    ) -> Response[DisplacementView]:
        """People who fled over a period (flows) and people displaced at a moment (stocks).

        From situations and from incidents' own reports, each counted once, never summed
        together. Carries `Ledger-Position`; honours `Ledger-Min-Position`; `as_of` gives
        the view as it stood then, `reported_by` as its sources had told it by then.
        """
        view = await queries.read_models.displacement(party, at)
        view = await evidenced(
            view,
            _rows_of([list(row.claim_ids) for row in view.content.rows]),
            evidencer,
            evidence=evidence,
            view_format=view_format,
        )
        return in_format(view, view.content.rows, "displacement", view_format)
