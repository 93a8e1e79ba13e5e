"""The evidence of an equipment total: each lost object it counts, and the events behind it."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter
from litestar.response import Template

from ledger.api.console.figure_pages import evidence_moment
from ledger.api.console.frame import Asked, asked, page
from ledger.api.console.proven import evidence_file, shown_evidence
from ledger.api.console.session import CONSOLE_PATH
from ledger.api.figures import evidenced
from ledger.application.evidence import Evidencer
from ledger.application.log import Transparency
from ledger.application.queries import Queries
from ledger.application.views import EquipmentView, Positioned

_Name = Annotated[str, QueryParameter(min_length=1, max_length=100)]


class Total(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the equipment totals: what an operator lost of one platform, by status."""

    operator: str
    platform: str
    status: str

    def query(self, asked: Asked) -> str:
        """The total and the page's moment as one query string."""
        return asked.query_with(operator=self.operator, platform=self.platform, status=self.status)


async def total(operator: _Name, platform: _Name, status: _Name) -> Total:
    """The total in the page's URL."""
    return Total(operator=operator, platform=platform, status=status)


class ConsoleEquipment(Controller):
    """The objects behind an equipment total, each with its events proven."""

    path = CONSOLE_PATH
    include_in_schema = False
    dependencies = {"asked": Provide(asked), "total": Provide(total)}  # noqa: RUF012

    @get("/equipment/evidence", name="console-equipment-evidence")
    async def equipment_evidence(  # noqa: PLR0913, PLR0917 - the page, its total and moment
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        evidencer: NamedDependency[Evidencer],
        asked: NamedDependency[Asked],
        total: NamedDependency[Total],
    ) -> Template:
        """Each object a total counts, with the events it rests on, proven."""
        view = await _proven_equipment(queries, evidencer, asked, total)
        evidence = view.evidence
        assert evidence is not None  # noqa: S101 - asked for above
        return await page(
            "equipment-evidence.html",
            request,
            queries,
            transparency,
            asked,
            items=view.items,
            totals=view.totals,
            download=f"{CONSOLE_PATH}/equipment/evidence.json{total.query(asked)}",
            **shown_evidence(evidence, asked.query),
        )

    @get("/equipment/evidence.json", name="console-equipment-evidence-file")
    async def equipment_evidence_file(
        self,
        queries: NamedDependency[Queries],
        evidencer: NamedDependency[Evidencer],
        asked: NamedDependency[Asked],
        total: NamedDependency[Total],
    ) -> Response[EquipmentView]:
        """The objects with their evidence as a file: ``python verifier.py evidence`` checks it."""
        return evidence_file(await _proven_equipment(queries, evidencer, asked, total), "equipment")


async def _proven_equipment(
    queries: Queries, evidencer: Evidencer, asked: Asked, total: Total
) -> EquipmentView:
    listed = await queries.read_models.equipment(
        total.operator, None, await evidence_moment(queries, asked, "equipment")
    )
    items = [
        item
        for item in listed.content.items
        if (item.platform, item.status.value) == (total.platform, total.status)
    ]
    totals = [
        line
        for line in listed.content.totals
        if (line.platform, line.status) == (total.platform, total.status)
    ]
    view = Positioned(content=EquipmentView(items=items, totals=totals), position=listed.position)

    async def claims() -> list[list[str]]:
        return [list(item.claim_ids) for item in items]

    proven = await evidenced(view, claims, evidencer, evidence=True, view_format="json")
    return proven.content
