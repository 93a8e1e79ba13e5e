"""The incident list: incidents matching filters, latest first, now or as of a cursor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from ledger.application.page_tokens import decode_page_token, encode_page_token
from ledger.application.views import IncidentFilter, IncidentPage, Positioned
from ledger.projections.incident_rows import claim_rows, stored_state
from ledger.projections.snapshots import query_at_checkpoint
from ledger.projections.temporal import as_of_parameters, visible
from ledger.store import GlobalCursor


async def list_incidents(  # noqa: PLR0913 - the list's independent options
    pool: AsyncConnectionPool,
    incident_views: Mapping[str, str],
    filters: IncidentFilter,
    *,
    after: str | None,
    limit: int,
    projection: str = "incidents",
    as_of: GlobalCursor | None = None,
) -> Positioned[IncidentPage]:
    """Incidents matching ``filters``, latest occurrence first, ``limit`` at a time.

    As they are now, or with ``as_of`` as the list stood at that cursor. ``incident_views``
    are the incidents projection's views by table.
    """
    conditions: list[sql.Composable] = [visible("t", as_of)]
    parameters: dict[str, Any] = {"limit": limit + 1, **as_of_parameters(as_of)}
    if filters.party:
        conditions.append(sql.SQL("%(party)s = ANY(parties)"))
        parameters["party"] = filters.party
    for column in ("category", "admin1", "status"):
        value = getattr(filters, column)
        if value:
            conditions.append(
                sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column))
            )
            parameters[column] = value
    if filters.occurred_from:
        conditions.append(sql.SQL("occurred_end >= %(occurred_from)s"))
        parameters["occurred_from"] = filters.occurred_from
    if filters.occurred_to:
        conditions.append(sql.SQL("occurred_start < %(occurred_to)s"))
        parameters["occurred_to"] = filters.occurred_to
    if filters.contested is not None:
        conditions.append(sql.SQL("contested = %(contested)s"))
        parameters["contested"] = filters.contested
    if after:
        occurred, incident_id = decode_page_token(after)
        conditions.append(sql.SQL("(occurred_start, incident_id) < (%(after_at)s, %(after_id)s)"))
        parameters |= {"after_at": occurred, "after_id": incident_id}
    # As text: a generation built before the incidents projection's version 4 holds json.
    query = sql.SQL(
        "SELECT document::text, occurred_start, incident_id, {claims} FROM {state} t"
        " WHERE {conditions} ORDER BY occurred_start DESC, incident_id DESC LIMIT %(limit)s"
    ).format(
        claims=claim_rows(incident_views["claims"], "t", as_of),
        state=sql.Identifier(incident_views["state"]),
        conditions=sql.SQL(" AND ").join(conditions),
    )
    rows, position = await query_at_checkpoint(pool, projection, as_of, query, parameters)
    more = len(rows) > limit
    rows = rows[:limit]
    items = [stored_state(row[0], row[3]) for row in rows]
    token = encode_page_token(rows[-1][1], rows[-1][2]) if more and rows else None
    return Positioned(content=IncidentPage(items=items, next=token), position=position)
