"""The console's figures: losses over time, equipment, deployments, running totals reconciled.

Losses are drawn with their low-high bands beside equipment and deployments; each running
total a source stated stands beside the ledger's own sum for the same scope.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter
from litestar.response import Template

from ledger.api.console.charts import HEIGHT, WIDTH, loss_charts
from ledger.api.console.frame import Asked, asked, page
from ledger.api.console.session import CONSOLE_PATH
from ledger.api.positions import view_as_of
from ledger.application.log import Transparency
from ledger.application.queries import Queries
from ledger.application.views import LossFilter, Moment

Party = Annotated[str | None, QueryParameter(max_length=64)]


class ConsoleFigures(Controller):
    """Pages of the figures views, read at the page's moment."""

    path = CONSOLE_PATH
    include_in_schema = False
    dependencies = {"asked": Provide(asked)}  # noqa: RUF012 - Litestar\'s declared attribute

    @get("/losses", name="console-losses")
    async def losses(  # noqa: PLR0913, PLR0917 - the page, its filters and its moment
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        party: Party = None,
        by: Annotated[Literal["day", "week"], QueryParameter()] = "day",
    ) -> Template:
        """Losses by local day or week, per party, group and measure; equipment, deployments."""
        at = Moment(await view_as_of(queries, "facts", asked.as_of), asked.said)
        filters = LossFilter(party=party or None, group_by=by)
        losses = await queries.read_models.losses(filters, at)
        equipment = await queries.read_models.equipment(party or None, None, at)
        deployments = await queries.read_models.deployments(party or None, at)
        return await page(
            "losses.html",
            request,
            queries,
            transparency,
            asked,
            charts=loss_charts(losses.content.rows),
            rows=losses.content.rows,
            equipment=equipment.content.totals,
            deployments=deployments.content.items,
            party=party or "",
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
