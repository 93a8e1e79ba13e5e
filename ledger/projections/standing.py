"""What stands at a moment in the facts tables: claims of live incidents, incidents' losses.

The views select and sum them. At a moment of the log alone (``as_of``) the losses are the
losses table's rows, counted as the log was folded. At a moment of the sources
(``reported_by``) they are counted here, by the same rule (``ledger.domain.figures``), from
the claim versions the sources had said by then: which versions those are depends on the
instant asked, so no table can hold them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, NamedTuple

import msgspec
import psycopg
from psycopg import sql

from ledger.application.views import Moment
from ledger.domain.figures import CasualtyClaim, counted_where, loss_figures
from ledger.domain.vocabulary import LossMeasure
from ledger.projections.facts.casualties import CountedReport, casualty_claim
from ledger.projections.facts.casualty_links import casualty_links, casualty_links_statement
from ledger.projections.facts.live import live_claims
from ledger.projections.facts.rows import LOSS_TYPES, TABLES
from ledger.projections.statements import over_tables
from ledger.projections.temporal import (
    as_of_parameters,
    current,
    ended_by,
    moment_parameters,
    recorded_by,
    seen,
    visible,
)
from ledger.store import GlobalCursor

_LOSS_COLUMNS: Final = {
    name: kind
    for name, kind in LOSS_TYPES.items()
    if name not in {"claim_ids", "from_tx", "from_pos", "to_tx", "to_pos"}
}
"""The loss rows' columns the views read, each with its type."""


MEASURES_OF: Final = {
    LossMeasure.LOSSES.value: ["killed", "captured", "missing"],
}
"""The measures a running total of ``losses`` sums."""


def facts_tables(facts: str) -> dict[str, str]:
    """The facts projection's views by table, for the projection named ``facts``."""
    return {table: f"{facts}_{table}" for table in TABLES}


def claims_of_live_incidents(facts: str, claim_type: str, moment: Moment) -> sql.Composed:
    """``live_claims`` over the facts projection's views."""
    return live_claims(facts_tables(facts), claim_type, moment)


class LossRows(NamedTuple):
    """Each incident's losses at a moment, as a FROM item ``l`` and its query parameters.

    ``l`` has the columns of ``_LOSS_COLUMNS``: one row per root incident, party, group and
    measure.
    """

    source: sql.Composed
    parameters: dict[str, Any]


def stored_losses(facts: str, as_of: GlobalCursor | None) -> LossRows:
    """The losses table's rows at ``as_of``, as the log was folded."""
    table = over_tables(
        "(SELECT * FROM {losses} l WHERE {visible}) l",
        facts_tables(facts),
        visible=visible("l", as_of),
    )
    return LossRows(table, as_of_parameters(as_of))


class LossScope(NamedTuple):
    """Which incidents' losses a sum needs: all, unless narrowed.

    Incidents whose start falls in [``occurred_from``, ``occurred_to``), counts of
    ``party``'s ``group``. It only spares counting what the caller will not sum: rows outside
    it may be given all the same.
    """

    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    party: str | None = None
    group: str | None = None


EVERY_INCIDENT: Final = LossScope()


async def loss_rows(
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    moment: Moment,
    scope: LossScope = EVERY_INCIDENT,
) -> LossRows:
    """The losses at ``moment`` of the incidents in ``scope``."""
    if moment.reported_by is None:
        return stored_losses(facts, moment.as_of)
    links = await _casualty_links(connection, facts, moment.as_of)
    settled, unsettled = await _settled_roots(connection, facts, moment, scope, linked=bool(links))
    counted = await _said_losses(connection, facts, moment, scope, roots=unsettled, links=links)
    # As one JSON array: one encoding, where a parameter per column cost more than counting.
    rows = [dict(zip(_LOSS_COLUMNS, row, strict=True)) for row in counted]
    # Narrowed by the scope as well: the indexes of occurred time and party then serve.
    source = over_tables(
        """
        (SELECT {columns} FROM {losses} s
         WHERE {visible} AND s.root_id = ANY(%(settled)s) {within}
         UNION ALL
         SELECT * FROM json_to_recordset(%(said_losses)s::json) AS j ({typed_columns})) l
        """,
        facts_tables(facts),
        columns=sql.SQL(", ").join(map(sql.Identifier, _LOSS_COLUMNS)),
        visible=visible("s", moment.as_of),
        within=_within(scope, incident="s", claim="s"),
        typed_columns=sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(kind))
            for name, kind in _LOSS_COLUMNS.items()
        ),
    )
    return LossRows(
        source,
        {
            **as_of_parameters(moment.as_of),
            **scope._asdict(),
            "settled": settled,
            "said_losses": _encoder.encode(rows).decode(),
        },
    )


async def _settled_roots(
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    moment: Moment,
    scope: LossScope,
    *,
    linked: bool,
) -> tuple[list[str], list[str]]:
    """The roots in ``scope`` settled at ``moment``, and those whose losses must be counted.

    A settled root's rows in the losses table at ``as_of`` are its losses at ``moment``.
    A root is settled by ``reported_by`` when everything recorded of it by ``as_of`` had
    been said by then: every version of its claims and every end of one, its incidents'
    versions in view the ones standing at ``as_of``; and no link joins its claims to others.
    Most of a ledger's past is settled, and costs one aggregate over its claims' said times
    instead of reading and counting them. A root with nothing said by then has no losses.
    ``linked``: whether any link of casualty claims stands at ``as_of``.
    """
    tables = facts_tables(facts)
    as_of = moment.as_of
    unlinked = (
        over_tables(
            """ AND NOT bool_or(EXISTS (
                SELECT FROM {links} k WHERE k.claim_id = c.claim_id AND {visible}))""",
            tables,
            visible=visible("k", as_of),
        )
        if linked
        else sql.SQL("")
    )
    cursor = await connection.execute(
        over_tables(
            """
            SELECT r.incident_id, min(c.said_from) <= %(reported_by)s,
                   max(greatest(c.said_from, CASE WHEN {claim_ended} THEN c.said_to END))
                     <= %(reported_by)s
                   AND bool_and({root_current} AND {incident_current}){unlinked}
            FROM {claims} c
            JOIN {incidents} i ON i.incident_id = c.incident_id AND {incident_seen}
            JOIN {incidents} r ON r.incident_id = i.root_id AND {root_seen}
            WHERE c.type = 'casualties.reported' AND {claim_recorded}
              AND NOT r.retracted {within}
            GROUP BY r.incident_id
            """,
            tables,
            claim_ended=ended_by("c", as_of),
            root_current=current("r", as_of),
            incident_current=current("i", as_of),
            unlinked=unlinked,
            incident_seen=seen("i", tables["incidents"], "incident_id", moment),
            root_seen=seen("r", tables["incidents"], "incident_id", moment),
            claim_recorded=recorded_by("c", as_of),
            within=_within(scope, incident="r", claim="c"),
        ),
        {**moment_parameters(moment), **scope._asdict()},
    )
    settled, unsettled = [], []
    for root, said_any, said_all in await cursor.fetchall():
        if said_all:
            settled.append(root)
        elif said_any:
            unsettled.append(root)
    return settled, unsettled


_StoredClaim = tuple[str, str, str | None, int, datetime, int, CountedReport]
"""A claim as ``_said_losses`` aggregates it: id, source, grade, credibility, reported_at,
position and report."""
_stored_claims: Final = msgspec.json.Decoder(list[_StoredClaim])
_encoder: Final = msgspec.json.Encoder()
_SCOPE_CONDITIONS: Final = {
    "occurred_from": "{incident}.occurred_start >= %(occurred_from)s",
    "occurred_to": "{incident}.occurred_start < %(occurred_to)s",
    "party": "{claim}.party = %(party)s",
    "group": "{claim}.grp = %(group)s",
}


def _within(
    scope: LossScope, *, incident: str, claim: str, only: tuple[str, ...] = ()
) -> sql.Composed:
    """SQL conditions for rows in ``scope``: ``incident`` and ``claim`` name their tables.

    Each begins with AND; ``only`` keeps the conditions of those parts of the scope alone.
    """
    aliases = {"incident": sql.Identifier(incident), "claim": sql.Identifier(claim)}
    return sql.Composed(
        [
            sql.SQL(" AND ") + sql.SQL(condition).format(**aliases)
            for name, condition in _SCOPE_CONDITIONS.items()
            if getattr(scope, name) is not None and (not only or name in only)
        ]
    )


async def _said_losses(  # noqa: PLR0913 - where, when, what, and the roots and links to count
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    moment: Moment,
    scope: LossScope,
    *,
    roots: list[str],
    links: list[list[str]],
) -> list[tuple[Any, ...]]:
    """Each root's loss rows counted from the casualty claims standing at ``moment``.

    A relay repeats a statement of the same party's group (``ledger.domain.incidents``), and
    a link joins counts of one party's group (``ledger.domain.links``): narrowing by party
    and group keeps every statement a relay is dated by and every claim linked to another.
    Claims linked to those of ``roots`` (by ``links``) are read wherever they were told.
    """
    if not roots:
        return []
    narrowed = _within(scope, incident="r", claim="c", only=("party", "group"))
    claims, incidents = await _said_claims(
        connection,
        facts,
        moment,
        narrowed + sql.SQL(" AND r.incident_id = ANY(%(roots)s)"),
        {**scope._asdict(), "roots": roots},
    )
    asked = {claim.claim_id for own in claims.values() for claim in own}
    unread = _linked_to(asked, links) - asked
    while unread:  # a chain of links, one step at a time
        asked |= unread
        more, incidents_of_more = await _said_claims(
            connection,
            facts,
            moment,
            sql.SQL(" AND c.claim_id = ANY(%(linked)s)"),
            {"linked": list(unread)},
        )
        incidents |= incidents_of_more
        for root, own in more.items():
            claims.setdefault(root, []).extend(own)
        found = {claim.claim_id for own in more.values() for claim in own}
        unread = _linked_to(found, links) - asked
    counted = counted_where(claims, links)
    return [
        (root, f.party, f.group, f.measure, f.low, f.best, f.high, *incidents[root])
        for root, own in counted.items()
        for f in loss_figures(own)
    ]


def _linked_to(claim_ids: set[str], links: list[list[str]]) -> set[str]:
    """The claims the links join to any of ``claim_ids``."""
    return {c for link in links if claim_ids.intersection(link) for c in link}


async def _said_claims(
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    moment: Moment,
    conditions: sql.Composable,
    parameters: dict[str, Any],
) -> tuple[dict[str, list[CasualtyClaim]], dict[str, tuple[Any, ...]]]:
    """The casualty claims standing at ``moment`` that meet ``conditions``, by root.

    With each root's occurred start, admin1 and local day.
    """
    # One row per root, its claims as one JSON array: decoding them in one call per root
    # cost a fraction of converting a row per claim.
    cursor = await connection.execute(
        sql.SQL("""
        SELECT r.incident_id, r.occurred_start, r.admin1, r.local_day,
               json_agg(json_build_array(c.claim_id, c.source_id, s.grade, c.credibility,
                                         c.reported_at, c.position, c.document))::text
        {claims}{conditions}
        GROUP BY r.incident_id, r.occurred_start, r.admin1, r.local_day
        """).format(
            claims=claims_of_live_incidents(facts, "casualties.reported", moment),
            conditions=conditions,
        ),
        {**moment_parameters(moment), **parameters},
    )
    claims, incidents = {}, {}
    for root, *incident, stored in await cursor.fetchall():
        claims[root] = [casualty_claim(*claim) for claim in _stored_claims.decode(stored)]
        incidents[root] = tuple(incident)
    return claims, incidents


async def _casualty_links(
    connection: psycopg.AsyncConnection[Any], facts: str, as_of: GlobalCursor | None
) -> list[list[str]]:
    """The claims of each link of casualty claims standing at ``as_of``.

    A link is an analyst's act: it stands by ``as_of`` alone.
    """
    cursor = await connection.execute(
        casualty_links_statement(facts_tables(facts), as_of), as_of_parameters(as_of)
    )
    return casualty_links(await cursor.fetchall()).claims
