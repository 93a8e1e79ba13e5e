"""The console's sources: each with its grade, and the history of its grades."""

from __future__ import annotations

from typing import Annotated, Any, Final

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter
from litestar.response import Template

from ledger.api.console.frame import Asked, asked, page
from ledger.api.console.session import CONSOLE_PATH
from ledger.api.positions import view_as_of
from ledger.application.log import Transparency
from ledger.application.queries import Queries
from ledger.application.views import Moment

_CLAIMS_LISTED: Final = 100


class ConsoleSources(Controller):
    """Who the ledger's claims come from, and how far each is trusted."""

    path = f"{CONSOLE_PATH}/sources"
    include_in_schema = False
    dependencies = {"asked": Provide(asked)}  # noqa: RUF012 - Litestar's declared attribute

    @get("/", name="console-sources")
    async def sources(
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
    ) -> Template:
        """Every source with its current grade."""
        return await page(
            "sources.html",
            request,
            queries,
            transparency,
            asked,
            sources=await queries.sources(),
        )

    @get("/{source_id:str}", name="console-source")
    async def source(
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        source_id: Annotated[str, PathParameter(max_length=200)],
    ) -> Template:
        """One source: who it is, each grade it held, when and why, and the claims it made.

        The claims are read at the page's moment; the source itself as it stands now.
        """
        state = await queries.source(source_id)
        if state is None:
            raise NotFoundException(f"There is no source {source_id!r} in this ledger.")
        at = Moment(await view_as_of(queries, "facts", asked.as_of), asked.said)
        claims = await queries.read_models.source_claims(source_id, at, _CLAIMS_LISTED)
        return await page(
            "source.html",
            request,
            queries,
            transparency,
            asked,
            source=state,
            history=await queries.source_history(source_id) or [],
            claims=claims.content,
        )
