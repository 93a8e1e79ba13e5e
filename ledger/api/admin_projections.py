"""/v1/admin/projections: how far each projection is, and rebuilding them (admin)."""

from __future__ import annotations

from typing import Annotated, TypeVar

import msgspec
from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import PathParameter
from litestar.status_codes import HTTP_202_ACCEPTED, HTTP_409_CONFLICT

from ledger.api.contract import PROBLEM_OPT
from ledger.api.problem_documents import ProblemError
from ledger.application.access import Role
from ledger.application.projection_admin import (
    ProjectionAdmin,
    ProjectionStatus,
    RebuildInProgressError,
    SetAside,
    UnknownProjectionError,
)
from ledger.domain.errors import NotFoundError

ProjectionName = Annotated[str, PathParameter(description="`incidents` or `facts`.")]


class ProjectionList(msgspec.Struct, frozen=True, kw_only=True):
    """Every projection the service keeps."""

    items: list[ProjectionStatus]


class PoisonList(msgspec.Struct, frozen=True, kw_only=True):
    """The events projections set aside because they could not apply them."""

    items: list[SetAside]


class RebuildStarted(msgspec.Struct, frozen=True, kw_only=True):
    """A rebuild is under way; follow it in the projection's status."""

    name: str
    status: str


class RebuildsStarted(msgspec.Struct, frozen=True, kw_only=True):
    """Every projection is being rebuilt, in one pass over the log."""

    names: list[str]
    status: str


_Started = TypeVar("_Started", RebuildStarted, RebuildsStarted)


def _in_progress(exc: RebuildInProgressError) -> ProblemError:
    return ProblemError(
        HTTP_409_CONFLICT, "rebuild-in-progress", "A rebuild is already running", str(exc)
    )


def _accepted(started: _Started) -> Response[_Started]:
    """202, pointing at the status to follow the rebuild in."""
    return Response(
        started, status_code=HTTP_202_ACCEPTED, headers={"Location": "/v1/admin/projections"}
    )


class ProjectionController(Controller):
    """Watch and rebuild projections."""

    path = "/v1/admin/projections"
    tags = ["admin"]  # noqa: RUF012 - Litestar's declared attribute
    opt = {"role": Role.ADMIN}  # noqa: RUF012

    @get(summary="Projection status")
    async def list_projections(
        self, projections: NamedDependency[ProjectionAdmin]
    ) -> ProjectionList:
        """Each projection's generations: position, lag in events, state and rate."""
        return ProjectionList(items=await projections.status())

    @get("/poison", summary="Events projections set aside")
    async def list_poison(self, projections: NamedDependency[ProjectionAdmin]) -> PoisonList:
        """Every event a building or live generation could not apply and set aside, in log order.

        Each names the event, the projection and generation, and the error. The event stays
        in the log; the figures leave it out until a rebuild by code that can apply it.
        """
        return PoisonList(items=await projections.set_aside())

    @post(
        "/{name:str}/rebuild",
        summary="Rebuild a projection",
        status_code=HTTP_202_ACCEPTED,
        opt={PROBLEM_OPT: {409: ("rebuild-in-progress",)}},
    )
    async def rebuild(
        self, projections: NamedDependency[ProjectionAdmin], name: ProjectionName
    ) -> Response[RebuildStarted]:
        """Rebuild from the start of the log into new tables while the live ones serve.

        The new generation goes live in one transaction once it has caught up. 409 if a
        rebuild of the projection is already running.
        """
        try:
            projections.start_rebuild([name])
        except UnknownProjectionError:
            raise NotFoundError("projection", name) from None
        except RebuildInProgressError as exc:
            raise _in_progress(exc) from None
        return _accepted(RebuildStarted(name=name, status="rebuilding"))

    @post(
        "/rebuild",
        summary="Rebuild every projection",
        status_code=HTTP_202_ACCEPTED,
        opt={PROBLEM_OPT: {409: ("rebuild-in-progress",)}},
    )
    async def rebuild_all(
        self, projections: NamedDependency[ProjectionAdmin]
    ) -> Response[RebuildsStarted]:
        """Rebuild every projection in one pass over the log while the live ones serve.

        Each new generation goes live once it has caught up; if any fails, none does. 409 if
        a rebuild of any of them is already running.
        """
        names = projections.names
        try:
            projections.start_rebuild(names)
        except RebuildInProgressError as exc:
            raise _in_progress(exc) from None
        return _accepted(RebuildsStarted(names=names, status="rebuilding"))
