"""The console's pages: incidents and their timeline, and one incident's claims side by side.

Every page is read at one moment: now, or the ``as_of`` in its URL (a position or an
instant), which every link of the page carries on, so a page can be cited as it stood.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any, Final
from zoneinfo import ZoneInfo

import msgspec
from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter, QueryParameter
from litestar.response import Template

from ledger.api.console import atlas
from ledger.api.console.frame import Asked, asked, page
from ledger.api.console.session import CONSOLE_PATH
from ledger.api.positions import parse_as_of, view_as_of
from ledger.application.log import Transparency
from ledger.application.queries import Queries
from ledger.application.views import IncidentFilter, IncidentPage, Positioned
from ledger.domain.incident_state import Claim, IncidentState

_LISTED: Final = 200
_HIDDEN_FIELDS: Final = frozenset({"type", "incident_id", "attribution"})


def local_day(incident: IncidentState) -> date:
    """The day the incident began, in its own time zone."""
    return incident.occurred.start.astimezone(ZoneInfo(incident.time_zone)).date()


def _claim_row(claim: Claim, grades: dict[str, str]) -> dict[str, Any]:
    said = msgspec.to_builtins(claim.current)
    return {
        "claim": claim,
        "grade": grades.get(claim.source_id, "?"),
        "fields": {k: v for k, v in said.items() if k not in _HIDDEN_FIELDS and v is not None},
    }


async def _latest(queries: Queries, asked: Asked, party: str | None) -> Positioned[IncidentPage]:
    """The latest incidents (of ``party``) at the page's moment."""
    at = await view_as_of(queries, "incidents", asked.as_of)
    return await queries.read_models.incidents(
        IncidentFilter(party=party or None), after=None, limit=_LISTED, as_of=at
    )


class ConsolePages(Controller):
    """Read-only pages over the application's queries."""

    path = CONSOLE_PATH
    include_in_schema = False
    dependencies = {"asked": Provide(asked)}  # noqa: RUF012 - Litestar's declared attribute

    @get("/", name="console-incidents")
    async def incidents(
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        party: Annotated[str | None, QueryParameter(max_length=64)] = None,
    ) -> Template:
        """Incidents, latest first, and a timeline of them by local day."""
        listed = await _latest(queries, asked, party)
        by_day: dict[date, list[IncidentState]] = defaultdict(list)
        for incident in listed.content.items:
            by_day[local_day(incident)].append(incident)
        return await page(
            "incidents.html",
            request,
            queries,
            transparency,
            asked,
            incidents=listed.content.items,
            days=sorted(by_day.items()),
            party=party or "",
            local_day=local_day,
        )

    @get("/map", name="console-map")
    async def map(
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        party: Annotated[str | None, QueryParameter(max_length=64)] = None,
    ) -> Template:
        """The latest incidents on a map, each as precisely as its sources placed it."""
        listed = await _latest(queries, asked, party)
        return await page(
            "map.html",
            request,
            queries,
            transparency,
            asked,
            map=atlas.draw(listed.content.items),
            listed=len(listed.content.items),
            more=listed.content.next is not None,
            party=party or "",
            width=atlas.WIDTH,
            height=atlas.HEIGHT,
        )

    @get("/incidents/{incident_id:str}", name="console-incident")
    async def incident(
        self,
        request: Request[Any, Any, Any],
        queries: NamedDependency[Queries],
        transparency: NamedDependency[Transparency],
        asked: NamedDependency[Asked],
        incident_id: Annotated[str, PathParameter(max_length=200)],
    ) -> Template:
        """One incident: every claim side by side, contested subjects, its revisions."""
        moment = parse_as_of(asked.as_of) if asked.as_of else None
        said = asked.said
        state = await (
            queries.incident_at(incident_id, moment, said)
            if moment is not None or said is not None
            else queries.incident(incident_id)
        )
        if state is None:
            shown = "at that moment" if asked.query else "in this ledger"
            raise NotFoundException(f"There is no incident {incident_id!r} {shown}.")
        grades = {s.source_id: s.grade.value for s in await queries.sources()}
        contested = {
            event_id: d.subject for d in state.disagreements for event_id in d.claim_event_ids
        }
        history = await queries.incident_history(state.incident_id) or []
        if moment is not None:
            known = await queries.cursor_at(moment)
            history = [revision for revision in history if revision.position <= known.position]
        return await page(
            "incident.html",
            request,
            queries,
            transparency,
            asked,
            incident=state,
            claims=[_claim_row(claim, grades) for claim in state.claims],
            contested=contested,
            history=history,
            local_day=local_day(state),
        )
