"""/v1/situations: figures about a conflict, area and period, stated by sources."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter

from ledger.api.views import StreamEventsPage, stream_page
from ledger.api.writes import created, write_context
from ledger.application.access import Role
from ledger.application.queries import Queries
from ledger.application.receipts import Receipt
from ledger.application.reporting import Reporting
from ledger.domain.errors import NotFoundError
from ledger.domain.events import SituationStated
from ledger.domain.situations import situation_stream

SituationId = Annotated[str, PathParameter(description="The situation's id.")]


class SituationController(Controller):
    """State a situation's figure; read what was stated of it."""

    path = "/v1/situations"
    tags = ["situations"]  # noqa: RUF012 - Litestar's declared attribute

    @post(opt={"role": Role.REPORTER}, summary="State a situation's figure")
    async def state(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[SituationStated],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Record what a source says of a conflict, area and period rather than one incident.

        "Turkey has sent thousands of troops into Idlib" is a deployment; "clashes have killed
        dozens on both sides" a toll; "almost a million have fled" a displacement flow;
        "Turkey hosts over 3.5 million refugees" a displacement stock. The first statement
        opens the situation; later ones (another source, a revised figure) add to it and
        must count the same kind.
        """
        outcome = await reporting.state_situation(data, await write_context(request))
        return created(outcome, f"/v1/situations/{data.situation_id}")

    @get("/{situation_id:str}", opt={"role": Role.READER}, summary="A situation's statements")
    async def statements(
        self,
        situation_id: SituationId,
        queries: NamedDependency[Queries],
        from_version: Annotated[int, QueryParameter(ge=1, le=2**53 - 1)] = 1,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    ) -> StreamEventsPage:
        """Every statement made of the situation, in order, from ``from_version``."""
        page = await stream_page(queries, situation_stream(situation_id), from_version, limit)
        if page is None:
            raise NotFoundError("situation", situation_id)
        return page
