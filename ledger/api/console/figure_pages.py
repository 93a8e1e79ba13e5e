"""The console's figures: losses over time, equipment, deployments, running totals reconciled.

Losses are drawn with their low-high bands beside equipment and deployments; each running
total a source stated stands beside the ledger's own sum for the same scope.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Final, Literal

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter
from litestar.response import Template
from litestar.status_codes import HTTP_422_UNPROCESSABLE_ENTITY
from markupsafe import Markup, escape

from ledger.api.console.charts import HEIGHT, WIDTH, Chart, figure_rows, loss_charts, marks
from ledger.api.console.frame import Asked, asked, page
from ledger.api.console.proven import evidence_file, shown_evidence
from ledger.api.console.session import CONSOLE_PATH
from ledger.api.figures import evidenced
from ledger.api.positions import view_as_of
from ledger.api.problem_documents import ProblemError
from ledger.api.transparency import verifier_file
from ledger.application.evidence import Evidencer
from ledger.application.log import Transparency
from ledger.application.queries import Queries
from ledger.application.views import (
    LossesView,
    LossFilter,
    LossRow,
    Moment,
    Positioned,
)
from ledger.domain.vocabulary import CasualtyGroup, LossMeasure

Party = Annotated[str | None, QueryParameter(max_length=64)]
Period = Literal["day", "week"]
_DAYS: Final = {"day": 1, "week": 7}
_AHEAD_OF_UTC: Final = timedelta(hours=14)
_BEHIND_UTC: Final = timedelta(hours=12)
"""How far local clocks run from UTC (UTC+14 to UTC-12): a local day's UTC instants."""


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    """Which losses figures a page proves: all of a party's, or one of a chart's points."""

    party: str | None = None
    by: Period = "day"
    group: CasualtyGroup | None = None
    measure: LossMeasure | None = None
    period: date | None = None
    """The local day or week (its Monday) of the one figure asked for."""

    def filters(self) -> LossFilter:
        """The losses filter; a period narrows it to the UTC instants its local days span."""
        filters = LossFilter(
            party=self.party, group=self.group, measure=self.measure, group_by=self.by
        )
        if self.period is None:
            return filters
        start = datetime.combine(self.period, time(), UTC)
        return msgspec.structs.replace(
            filters,
            occurred_from=start - _AHEAD_OF_UTC,
            occurred_to=start + timedelta(days=_DAYS[self.by]) + _BEHIND_UTC,
        )

    def query(self, asked: Asked) -> str:
        """The figure and the page's moment as one query string."""
        return asked.query_with(
            party=self.party,
            by=self.by,
            group=self.group,
            measure=self.measure,
            period=self.period.isoformat() if self.period else None,
        )


async def figure(
    party: Party = None,
    by: Annotated[Period, QueryParameter()] = "day",
    group: Annotated[CasualtyGroup | None, QueryParameter()] = None,
    measure: Annotated[LossMeasure | None, QueryParameter()] = None,
    period: Annotated[date | None, QueryParameter()] = None,
) -> Figure:
    """The figure in the page's URL."""
    return Figure(party=party or None, by=by, group=group, measure=measure, period=period)


class ConsoleFigures(Controller):
    """Pages of the figures views, read at the page's moment."""

    path = CONSOLE_PATH
    include_in_schema = False
    dependencies = {"asked": Provide(asked), "figure": Provide(figure)}  # noqa: RUF012

    @get("/losses", name="console-losses")
    async def losses(  # noqa: PLR0913, PLR0917 - the page, its filters and its moment
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        party: Party = None,
        by: Annotated[Period, QueryParameter()] = "day",
    ) -> Template:
        """Losses by local day or week, per party, group and measure; equipment, deployments."""
        at = Moment(await view_as_of(queries, "facts", asked.as_of), asked.said)
        filters = LossFilter(party=party or None, group_by=by)
        # Side by side, each on a connection of its own: the server answers them at once.
        losses, equipment, deployments = await asyncio.gather(
            queries.read_models.losses(filters, at),
            queries.read_models.equipment_totals(party or None, at),
            queries.read_models.deployments(party or None, at),
        )
        return await page(
            "losses.html",
            request,
            queries,
            transparency,
            asked,
            charts=loss_charts(losses.content.rows),
            rows=losses.content.rows,
            equipment=equipment.content,
            deployments=deployments.content.items,
            party=party or "",
            evidence_query=Figure(party=party or None, by=by).query(asked),
            evidence_of=_EvidenceLinks(asked, by),
            marks=marks,
            figure_rows=figure_rows,
            by=by,
            width=WIDTH,
            height=HEIGHT,
        )

    @get("/reconciliation", name="console-reconciliation")
    async def reconciliation(
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        party: Party = None,
    ) -> Template:
        """Each running total a source stated beside the ledger's sum for the same scope."""
        at = Moment(await view_as_of(queries, "facts", asked.as_of), asked.said)
        view = await queries.read_models.reconciliation(party or None, at)
        return await page(
            "reconciliation.html",
            request,
            queries,
            transparency,
            asked,
            items=view.content.items,
            party=party or "",
        )

    @get("/losses/evidence", name="console-losses-evidence")
    async def losses_evidence(  # noqa: PLR0913, PLR0917 - the page, its figure and its moment
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        evidencer: NamedDependency[Evidencer],
        asked: NamedDependency[Asked],
        figure: NamedDependency[Figure],
    ) -> Template:
        """The events behind the losses figures asked for, each proven in the latest checkpoint."""
        view = await _proven_losses(queries, evidencer, asked, figure)
        evidence = view.evidence
        assert evidence is not None  # noqa: S101 - asked for above
        return await page(
            "evidence.html",
            request,
            queries,
            transparency,
            asked,
            rows=view.rows,
            download=f"{CONSOLE_PATH}/losses/evidence.json{figure.query(asked)}",
            **shown_evidence(evidence, asked.query),
        )

    @get("/losses/evidence.json", name="console-losses-evidence-file")
    async def losses_evidence_file(
        self,
        queries: NamedDependency[Queries],
        evidencer: NamedDependency[Evidencer],
        asked: NamedDependency[Asked],
        figure: NamedDependency[Figure],
    ) -> Response[LossesView]:
        """The losses with their evidence as a file: ``python verifier.py evidence`` checks it."""
        return evidence_file(await _proven_losses(queries, evidencer, asked, figure), "losses")

    @get("/verifier.py", name="console-verifier")
    async def verifier(self) -> Response[str]:
        """The offline verifier, for the evidence files this console gives."""
        return verifier_file()


class _EvidenceLinks:
    """Where the evidence of each figure on a page is shown.

    A page links a year of days in each series: the series' query is built and escaped
    once, and each figure's period (digits and dashes) added to it.
    """

    def __init__(self, asked: Asked, by: Period) -> None:
        self._asked, self._by = asked, by
        self._series: dict[tuple[str, str, str], Markup] = {}

    def __call__(self, row: LossRow | Chart, period: date) -> Markup:
        """The evidence of the one figure of ``row``'s series in ``period``, escaped."""
        key = (row.party, row.group, row.measure)
        series = self._series.get(key)
        if series is None:
            group, measure = CasualtyGroup(row.group), LossMeasure(row.measure)
            shown = Figure(party=row.party, by=self._by, group=group, measure=measure)
            series = escape(f"{CONSOLE_PATH}/losses/evidence{shown.query(self._asked)}")
            self._series[key] = series
        return Markup(f"{series}&amp;period={period.isoformat()}")  # noqa: S704 - escaped


async def evidence_moment(queries: Queries, asked: Asked, figures: str) -> Moment:
    """The moment a page of ``figures`` with their evidence is read at: as the ledger stood.

    Evidence proves what the ledger held at a position, not what sources had said by an
    instant: asked by ``reported_by``, the page is a 422.
    """
    if asked.reported_by:
        raise ProblemError(
            HTTP_422_UNPROCESSABLE_ENTITY,
            "evidence-unavailable",
            f"No evidence for {figures} as sources had told them",
            f"evidence is given for {figures} as the ledger stood, not by the sources' time",
        )
    return Moment(await view_as_of(queries, "facts", asked.as_of))


async def _proven_losses(
    queries: Queries, evidencer: Evidencer, asked: Asked, figure: Figure
) -> LossesView:
    filters = figure.filters()
    summed = await queries.read_models.losses(
        filters, await evidence_moment(queries, asked, "losses")
    )
    # The window of a period's UTC instants holds its neighbours' local days too.
    kept = [
        n
        for n, row in enumerate(summed.content.rows)
        if figure.period is None or row.period == figure.period
    ]
    view = Positioned(
        content=LossesView(rows=[summed.content.rows[n] for n in kept]), position=summed.position
    )

    async def claims() -> list[list[str]]:
        each = await queries.read_models.loss_claims(filters, view.position)
        return [each[n] for n in kept]

    proven = await evidenced(view, claims, evidencer, evidence=True, view_format="json")
    return proven.content
