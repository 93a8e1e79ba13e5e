"""/v1/incidents: reports, corrections, retractions, merges, and an incident's state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any, Final, Protocol, TypeVar

from litestar import Controller, MediaType, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody, PathParameter, QueryParameter

from ledger.api.contract import PROBLEM_OPT, READS_AS_OF, READS_AT_A_POSITION, problems
from ledger.api.csv_views import FormatParameter, in_format, incident_row
from ledger.api.documents import IncidentDocuments
from ledger.api.parsed_parameters import parsed_text, text_matching
from ledger.api.positions import (
    AsOfParameter,
    as_of_parameter,
    await_min_position,
    parse_as_of,
    parse_reported_by,
    reported_by_parameter,
    view_as_of,
)
from ledger.api.views import IncidentHistory, StreamEventsPage, stream_page
from ledger.api.writes import check_path_matches, created, entity_tag, write_context
from ledger.application.access import Role
from ledger.application.page_tokens import PAGE_TOKEN_PATTERN
from ledger.application.queries import Queries
from ledger.application.receipts import Outcome, Receipt, WriteContext
from ledger.application.reporting import Reporting
from ledger.application.views import IncidentFilter, IncidentPage
from ledger.domain.errors import NotFoundError
from ledger.domain.events import (
    ClaimCorrected,
    ClaimRetracted,
    IncidentReported,
    IncidentsMerged,
    ReportEvent,
)
from ledger.domain.incident_state import IncidentState, IncidentStatus
from ledger.domain.incidents import incident_stream
from ledger.domain.vocabulary import IncidentCategory

_PAGE_TOKEN: Final = text_matching(PAGE_TOKEN_PATTERN)
IncidentId = Annotated[
    str, PathParameter(description="The incident's id, e.g. `idlib-l39-shootdown`.")
]


class _ToIncident(Protocol):
    @property
    def incident_id(self) -> str: ...


_Event = TypeVar("_Event", bound=_ToIncident)


async def _write_to(
    request: Request[Any, Any, Any],
    incident_id: str,
    data: _Event,
    write: Callable[[_Event, WriteContext], Awaitable[Outcome]],
) -> Response[Receipt]:
    """Write ``data`` to the incident of the path it was sent to: 201 with the receipt."""
    check_path_matches(incident_id, data.incident_id, "incident_id")
    outcome = await write(data, await write_context(request))
    return created(outcome, f"/v1/incidents/{incident_id}")


class IncidentController(Controller):
    """Open incidents and add what sources say about them."""

    path = "/v1/incidents"
    tags = ["incidents"]  # noqa: RUF012 - Litestar's declared attribute

    @post(opt={"role": Role.REPORTER}, summary="Report a new incident")
    async def report(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[IncidentReported],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Open an incident with its first report; 409 if the id is taken."""
        outcome = await reporting.report_incident(data, await write_context(request))
        return created(outcome, f"/v1/incidents/{data.incident_id}")

    @get(
        opt={"role": Role.READER, PROBLEM_OPT: problems(READS_AT_A_POSITION, READS_AS_OF)},
        summary="List incidents",
    )
    async def list_incidents(  # noqa: PLR0913 - one argument per filter of the list
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        *,
        party: Annotated[str | None, QueryParameter()] = None,
        category: Annotated[IncidentCategory | None, QueryParameter()] = None,
        admin1: Annotated[str | None, QueryParameter()] = None,
        status: Annotated[IncidentStatus | None, QueryParameter()] = None,
        occurred_from: Annotated[datetime | None, QueryParameter()] = None,
        occurred_to: Annotated[datetime | None, QueryParameter()] = None,
        contested: Annotated[bool | None, QueryParameter()] = None,
        after: Annotated[str | None, parsed_text("`next` of the last page.", _PAGE_TOKEN)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
        as_of: AsOfParameter = None,
        view_format: FormatParameter = "json",
    ) -> Response[IncidentPage]:
        """Incidents from the incidents view, latest occurrence first, filtered.

        `Ledger-Position` tells the log position the list reflects; `Ledger-Min-Position`
        waits for it to reach a write of yours; `as_of` gives the list as it stood then.
        As CSV, one row per incident: its fields, with counts of its claims and
        disagreements; the page's `next` is not in it (ask for JSON to page on).
        """
        await await_min_position(request, queries, "incidents")
        at = await view_as_of(queries, "incidents", as_of)
        filters = IncidentFilter(
            party=party,
            category=category.value if category else None,
            admin1=admin1,
            status=status,
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            contested=contested,
        )
        page = await queries.read_models.incidents(filters, after=after, limit=limit, as_of=at)
        rows = [incident_row(state) for state in page.content.items]
        return in_format(page, rows, "incidents", view_format)

    @get(
        "/{incident_id:str}",
        opt={"role": Role.READER, PROBLEM_OPT: READS_AS_OF},
        summary="Get an incident",
        # The body is encoded here (IncidentDocuments): its schema is declared, not inferred.
        responses={
            200: ResponseSpec(
                IncidentState, description="The incident's state", generate_examples=False
            )
        },
    )
    async def get_incident(
        self,
        incident_id: IncidentId,
        incident_documents: NamedDependency[IncidentDocuments],
        as_of: Annotated[
            str | None,
            as_of_parameter(
                "A global position (an event's `position`) or an RFC 3339 instant:"
                " the incident as the ledger showed it then."
            ),
        ] = None,
        reported_by: Annotated[
            str | None,
            reported_by_parameter(
                "An RFC 3339 instant: the incident as its sources had told it by"
                " then, by their own `reported_at`; with `as_of`, as the ledger knew it then."
            ),
        ] = None,
    ) -> Response[bytes]:
        """The incident's state: every claim, side by side, and where sources disagree.

        The current state carries its version as ETag. With `as_of`, the state the ledger
        showed at that position or recorded-at instant (404 if it held no such incident yet).
        With `reported_by`, only what sources had said by that instant (their `reported_at`):
        later reports, corrections and retractions are left out (404 if none had reported it).
        """
        moment = parse_as_of(as_of) if as_of else None
        said = parse_reported_by(reported_by) if reported_by else None
        if moment is not None or said is not None:
            past = await incident_documents.at(incident_id, moment, said)
            if past is None:
                raise NotFoundError("incident", incident_id)
            return Response(past, media_type=MediaType.JSON)
        current = await incident_documents.current(incident_id)
        if current is None:
            raise NotFoundError("incident", incident_id)
        body, version = current
        return Response(body, media_type=MediaType.JSON, headers={"ETag": entity_tag(version)})

    @get(
        "/{incident_id:str}/history",
        opt={"role": Role.READER},
        summary="An incident's revision history",
    )
    async def history(
        self, incident_id: IncidentId, queries: NamedDependency[Queries]
    ) -> IncidentHistory:
        """Every revision in order, each with a field-level diff of the incident's state.

        Each names the event, when and by whom it was recorded, its source and that
        source's grade then.

        Claims are keyed by their event id in the diff paths (`claims/<event_id>/status`).
        """
        revisions = await queries.incident_history(incident_id)
        if revisions is None:
            raise NotFoundError("incident", incident_id)
        return IncidentHistory(incident_id=incident_id, revisions=revisions)

    @get(
        "/{incident_id:str}/events", opt={"role": Role.READER}, summary="List an incident's events"
    )
    async def list_events(
        self,
        incident_id: IncidentId,
        queries: NamedDependency[Queries],
        from_version: Annotated[int, QueryParameter(ge=1, le=2**53 - 1)] = 1,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    ) -> StreamEventsPage:
        """The incident's own events in order, from ``from_version``."""
        page = await stream_page(queries, incident_stream(incident_id), from_version, limit)
        if page is None:
            raise NotFoundError("incident", incident_id)
        return page

    @post("/{incident_id:str}/reports", opt={"role": Role.REPORTER}, summary="Add a report")
    async def add_report(
        self,
        request: Request[Any, Any, Any],
        incident_id: IncidentId,
        data: JSONBody[ReportEvent],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Add casualties, an equipment loss, a deployment, a displacement or a running total."""
        return await _write_to(request, incident_id, data, reporting.add_to_incident)

    @post("/{incident_id:str}/corrections", opt={"role": Role.REPORTER}, summary="Correct a claim")
    async def correct(
        self,
        request: Request[Any, Any, Any],
        incident_id: IncidentId,
        data: JSONBody[ClaimCorrected],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Give new values for fields of an earlier claim of this incident."""
        return await _write_to(request, incident_id, data, reporting.add_to_incident)

    @post("/{incident_id:str}/retractions", opt={"role": Role.REPORTER}, summary="Retract a claim")
    async def retract(
        self,
        request: Request[Any, Any, Any],
        incident_id: IncidentId,
        data: JSONBody[ClaimRetracted],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Withdraw an earlier claim of this incident: out of the figures, kept in history."""
        return await _write_to(request, incident_id, data, reporting.add_to_incident)

    @post("/{incident_id:str}/merges", opt={"role": Role.REPORTER}, summary="Merge an incident in")
    async def merge(
        self,
        request: Request[Any, Any, Any],
        incident_id: IncidentId,
        data: JSONBody[IncidentsMerged],
        reporting: NamedDependency[Reporting],
    ) -> Response[Receipt]:
        """Fold another incident, found to be the same one, into this one."""
        return await _write_to(request, incident_id, data, reporting.merge_incidents)
