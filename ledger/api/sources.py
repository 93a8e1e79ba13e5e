"""/v1/sources: who reports, and how reliable they are."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter

from ledger.api.csv_views import FormatParameter, csv_download
from ledger.api.views import SourceHistory, SourceList
from ledger.api.writes import check_path_matches, created, entity_tag, write_context
from ledger.application.access import Role
from ledger.application.queries import Queries
from ledger.application.receipts import Receipt
from ledger.application.reporting import Reporting
from ledger.domain.errors import NotFoundError
from ledger.domain.events import SourceRegistered, SourceRegraded
from ledger.domain.sources import SourceState

SourceId = Annotated[str, PathParameter(description="The source's id, e.g. `tr-mod`.")]


class SourceController(Controller):
    """Register, list, read and regrade sources."""

    path = "/v1/sources"
    tags = ["sources"]  # noqa: RUF012 - Litestar's declared attribute

    @post(opt={"role": Role.ADMIN}, summary="Register a source")
    async def register(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[SourceRegistered],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Register a source reports can be attributed to (admin)."""
        outcome = await reporting.register_source(data, await write_context(request))
        return created(outcome, f"/v1/sources/{data.source_id}")

    @get(opt={"role": Role.READER}, summary="List sources")
    async def list_sources(
        self, queries: NamedDependency[Queries], view_format: FormatParameter = "json"
    ) -> Response[SourceList]:
        """Every registered source with its current grade; as CSV, one row per source."""
        sources = await queries.sources()
        if view_format == "csv":
            return csv_download(sources, "sources")
        return Response(SourceList(items=sources))

    @get("/{source_id:str}/history", opt={"role": Role.READER}, summary="A source's history")
    async def history(
        self, source_id: SourceId, queries: NamedDependency[Queries]
    ) -> SourceHistory:
        """The source's registration and every regrading, when and by whom, with the diff."""
        revisions = await queries.source_history(source_id)
        if revisions is None:
            raise NotFoundError("source", source_id)
        return SourceHistory(source_id=source_id, revisions=revisions)

    @get("/{source_id:str}", opt={"role": Role.READER}, summary="Get a source")
    async def get_source(
        self, source_id: SourceId, queries: NamedDependency[Queries]
    ) -> Response[SourceState]:
        """One source with the history of its grades."""
        state = await queries.source(source_id)
        if state is None:
            raise NotFoundError("source", source_id)
        return Response(state, headers={"ETag": entity_tag(state.version)})

    @post("/{source_id:str}/grades", opt={"role": Role.ADMIN}, summary="Regrade a source")
    async def regrade(
        self,
        request: Request[Any, Any, Any],
        source_id: SourceId,
        data: JSONBody[SourceRegraded],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Give a source a new reliability grade, with the reason (admin)."""
        check_path_matches(source_id, data.source_id, "source_id")
        outcome = await reporting.regrade_source(data, await write_context(request))
        return created(outcome, f"/v1/sources/{source_id}")
