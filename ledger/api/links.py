"""/v1/links: claims found to describe one and the same object, and links undone."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter

from ledger.api.writes import check_path_matches, created, entity_tag, write_context
from ledger.application.access import Role
from ledger.application.queries import Queries
from ledger.application.receipts import Receipt
from ledger.application.reporting import Reporting
from ledger.domain.errors import NotFoundError
from ledger.domain.events import ClaimsLinked, ClaimsUnlinked
from ledger.domain.links import LinkState

LinkId = Annotated[str, PathParameter(description="The link's id, e.g. `l39-one-jet`.")]


class LinkController(Controller):
    """Link claims that tell of one object, read a link, undo it."""

    path = "/v1/links"
    tags = ["links"]  # noqa: RUF012 - Litestar's declared attribute

    @post(opt={"role": Role.REPORTER}, summary="Link claims of one object")
    async def link(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[ClaimsLinked],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Declare that equipment-loss claims, in one incident or several, describe one object.

        The equipment view then counts them as one item, confirmed when sources of different
        sides are among them.
        """
        outcome = await reporting.link_claims(data, await write_context(request))
        return created(outcome, f"/v1/links/{data.link_id}")

    @get("/{link_id:str}", opt={"role": Role.READER}, summary="Get a link")
    async def get_link(
        self, link_id: LinkId, queries: NamedDependency[Queries]
    ) -> Response[LinkState]:
        """The link: its claims, why, and whether it still stands."""
        state = await queries.link(link_id)
        if state is None:
            raise NotFoundError("link", link_id)
        return Response(state, headers={"ETag": entity_tag(state.version)})

    @post("/{link_id:str}/undo", opt={"role": Role.REPORTER}, summary="Undo a link")
    async def undo(
        self,
        request: Request[Any, Any, Any],
        link_id: LinkId,
        data: JSONBody[ClaimsUnlinked],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Undo a link, with the reason: its claims count apart again."""
        check_path_matches(link_id, data.link_id, "link_id")
        outcome = await reporting.unlink_claims(data, await write_context(request))
        return created(outcome, f"/v1/links/{link_id}")
