"""The figure views: losses, equipment and deployments, each at one moment.

Each reads the facts tables (``standing``) in one snapshot with the projection's checkpoint
(``snapshots``), now or at a moment on either time axis (``temporal``); the caller first
makes sure the projection has reached the position asked for. Reconciliation, situations and
displacement have modules of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Final, NamedTuple

import msgspec
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from ledger.application.views import (
    NOW,
    Deployment,
    DeploymentsView,
    EquipmentTotal,
    EquipmentView,
    LossesView,
    LossFilter,
    LossRow,
    Moment,
    Positioned,
)
from ledger.domain.events import ForcesDeployed
from ledger.domain.figures import EquipmentItem, equipment_items
from ledger.domain.vocabulary import (
    CrewFate,
    LossStatus,
)
from ledger.projections.facts.equipment import (
    ITEMS_KEPT_SINCE,
    equipment_claim,
    equipment_claims_statement,
)
from ledger.projections.snapshots import query_at_checkpoint, snapshot
from ledger.projections.standing import (
    MEASURES_OF,
    LossScope,
    claims_of_live_incidents,
    facts_tables,
    loss_rows,
    stored_losses,
)
from ledger.projections.statements import over_tables
from ledger.projections.temporal import as_of_parameters, moment_parameters, visible
from ledger.store import START_OF_LOG, GlobalCursor

_forces_decoder: Final = msgspec.json.Decoder(ForcesDeployed)


_LIVE_VERSION: Final = (
    "SELECT version FROM projection_generations WHERE name = %s AND state = 'live'"
)
_BUCKETS: Final = {"day": "day", "week": "week", "month": "month"}


class _LossesQuery(NamedTuple):
    """What shapes a losses query's text: which filters are given, and how rows are grouped."""

    occurred_from: bool
    occurred_to: bool
    party: bool
    group: bool
    measures: int
    """How many measures the filter sums (0: no filter; over 1: a running total's)."""
    group_by: str | None
    as_of: bool
    """Whether the losses are asked as of a past position."""
    claims: bool = False
    """Whether each row also lists its incidents' claims (a last column, JSON)."""


def _losses_statement(shape: _LossesQuery, source: sql.Composable) -> sql.Composed:
    conditions = [sql.SQL("TRUE")]
    for given, condition in (
        (shape.occurred_from, "l.occurred_start >= %(occurred_from)s"),
        (shape.occurred_to, "l.occurred_start < %(occurred_to)s"),
        (shape.party, "l.party = %(party)s"),
        (shape.group, "l.grp = %(group)s"),
        (shape.measures > 0, "l.measure = ANY(%(measures)s)"),
    ):
        if given:
            conditions.append(sql.SQL(condition))
    measure = sql.SQL("%(measure)s::text" if shape.measures > 1 else "l.measure")
    extra: sql.Composable = sql.SQL("NULL::date, NULL::text")
    grouping = sql.SQL("")
    if shape.group_by in _BUCKETS:
        # Days, weeks and months of each incident's own calendar (its time zone).
        # Truncated as a timestamp without a zone: as a date it would be read in the
        # session's zone first, for nothing.
        bucket = sql.Literal(_BUCKETS[shape.group_by])
        extra = sql.SQL("date_trunc({}, l.local_day::timestamp)::date, NULL::text").format(bucket)
        if shape.group_by == "day":
            extra = sql.SQL("l.local_day, NULL::text")
        grouping = sql.SQL(", 8")
    elif shape.group_by == "admin1":
        extra, grouping = sql.SQL("NULL::date, l.admin1"), sql.SQL(", 9")
    if shape.claims:
        extra = sql.SQL("{}, jsonb_agg(l.claim_ids)").format(extra)
    # A row is one incident's count of one measure: only a sum of measures meets an
    # incident twice, and only then need its incidents be told apart (a sort).
    incidents = sql.SQL("count(DISTINCT l.root_id)" if shape.measures > 1 else "count(*)")
    return sql.SQL("""
        SELECT l.party, l.grp, {measure}, sum(l.low), sum(l.best),
               CASE WHEN bool_or(l.high IS NULL) THEN NULL ELSE sum(l.high) END,
               {incidents}, {extra}
        FROM {source}
        WHERE {conditions}
        GROUP BY 1, 2, 3{grouping}
        ORDER BY 1, 2, 3{grouping}
    """).format(
        measure=measure,
        incidents=incidents,
        extra=extra,
        source=source,
        conditions=sql.SQL(" AND ").join(conditions),
        grouping=grouping,
    )


@functools.lru_cache(maxsize=512)
def _stored_losses_text(facts: str, shape: _LossesQuery) -> str:
    """The losses query over the losses table, as text: composed once per shape."""
    # Which versions are visible depends on whether as_of is given, not on its value.
    source = stored_losses(facts, START_OF_LOG if shape.as_of else None).source
    return _losses_statement(shape, source).as_string(None)


def _losses_query(
    filters: LossFilter, as_of: GlobalCursor | None, *, claims: bool = False
) -> tuple[_LossesQuery, dict[str, Any]]:
    """The shape of the losses query ``filters`` ask for, and its parameters."""
    measure = filters.measure.value if filters.measure else None
    measures = MEASURES_OF.get(measure, [measure]) if measure else []
    shape = _LossesQuery(
        occurred_from=filters.occurred_from is not None,
        occurred_to=filters.occurred_to is not None,
        party=bool(filters.party),
        group=filters.group is not None,
        measures=len(measures),
        group_by=filters.group_by,
        as_of=as_of is not None,
        claims=claims,
    )
    parameters: dict[str, Any] = {
        "occurred_from": filters.occurred_from,
        "occurred_to": filters.occurred_to,
        "party": filters.party,
        "group": filters.group.value if filters.group else None,
        "measures": measures,
        "measure": measure,
    }
    return shape, parameters


async def loss_claims(
    pool: AsyncConnectionPool, facts: str, filters: LossFilter, at: GlobalCursor
) -> list[list[str]]:
    """Each row's claims of the losses ``filters`` ask for as the log stood at ``at``.

    The rows come in the order ``losses`` gives them at that position.
    """
    shape, parameters = _losses_query(filters, at, claims=True)
    rows, _ = await query_at_checkpoint(
        pool, facts, at, _stored_losses_text(facts, shape), parameters | as_of_parameters(at)
    )
    return [sorted({claim for claims in row[9] for claim in claims}) for row in rows]


async def losses(
    pool: AsyncConnectionPool,
    facts: str,
    filters: LossFilter,
    moment: Moment = NOW,
) -> Positioned[LossesView]:
    """Sum the incidents' loss figures over an occurred-time range, now or at ``moment``."""
    shape, parameters = _losses_query(filters, moment.as_of)
    if moment.reported_by is None:
        # One statement: the checkpoint rides on its rows (``query_at_checkpoint``).
        rows, position = await query_at_checkpoint(
            pool,
            facts,
            moment.as_of,
            _stored_losses_text(facts, shape),
            parameters | as_of_parameters(moment.as_of),
        )
    else:
        async with snapshot(pool, facts, moment.as_of) as (connection, position):
            scope = LossScope(
                filters.occurred_from,
                filters.occurred_to,
                filters.party,
                filters.group.value if filters.group else None,
            )
            source = await loss_rows(connection, facts, moment, scope)
            cursor = await connection.execute(
                _losses_statement(shape, source.source), parameters | source.parameters
            )
            rows = await cursor.fetchall()
    return Positioned(
        content=LossesView(
            rows=[
                LossRow(
                    party=r[0],
                    group=r[1],
                    measure=r[2],
                    low=int(r[3]),
                    best=int(r[4]),
                    high=None if r[5] is None else int(r[5]),
                    incidents=r[6],
                    period=r[7],
                    admin1=r[8],
                )
                for r in rows
            ]
        ),
        position=position,
    )


_ITEM_COLUMNS: Final = (
    "incident_id, operator, platform, model, status, crew_fate, quantity, claimed_by, actor,"
    " sources, confirmed, claim_ids, incidents"
)


def _items_of(facts: str, as_of: GlobalCursor | None) -> sql.Composed:
    """FROM and WHERE over the stored items ``e`` at ``as_of``, kept by operator and actor."""
    return over_tables(
        """
        FROM {equipment} e
        WHERE {visible}
          AND (%(operator)s::text IS NULL OR e.operator = %(operator)s::text)
          AND (%(actor)s::text IS NULL OR e.actor = %(actor)s::text)
        """,
        facts_tables(facts),
        visible=visible("e", as_of),
    )


async def equipment(
    pool: AsyncConnectionPool,
    facts: str,
    operator: str | None = None,
    moment: Moment = NOW,
    actor: str | None = None,
) -> Positioned[EquipmentView]:
    """Every lost platform, counted once per object, with totals; now or at ``moment``.

    ``operator`` keeps what a party lost; ``actor`` what a party destroyed or took: each as
    the object's most reliable source has it.
    """
    if moment.reported_by is not None or not await _items_kept(pool, facts):
        return await _counted_equipment(pool, facts, operator, moment, actor)
    query = sql.SQL("SELECT {} {} ORDER BY e.item_key").format(
        sql.SQL(_ITEM_COLUMNS), _items_of(facts, moment.as_of)
    )
    parameters = {"operator": operator, "actor": actor, **as_of_parameters(moment.as_of)}
    rows, position = await query_at_checkpoint(pool, facts, moment.as_of, query, parameters)
    items = [
        EquipmentItem(
            incident_id=r[0],
            operator=r[1],
            platform=r[2],
            model=r[3],
            status=LossStatus(r[4]),
            crew_fate=CrewFate(r[5]),
            quantity=r[6],
            claimed_by=r[7],
            actor=r[8],
            sources=tuple(r[9]),
            confirmed=r[10],
            claim_ids=tuple(r[11]),
            incidents=tuple(r[12]),
        )
        for r in rows
    ]
    return Positioned(
        content=EquipmentView(items=items, totals=_equipment_totals(items)), position=position
    )


async def equipment_totals(
    pool: AsyncConnectionPool, facts: str, operator: str | None = None, moment: Moment = NOW
) -> Positioned[list[EquipmentTotal]]:
    """The equipment view's totals alone: summed where they are stored, not listed."""
    if moment.reported_by is not None or not await _items_kept(pool, facts):
        view = await _counted_equipment(pool, facts, operator, moment, None)
        return Positioned(content=view.content.totals, position=view.position)
    # Sorted as Python sorts strings, the order the listed view's totals take.
    query = sql.SQL("""
        SELECT operator, platform, status, sum(quantity),
               coalesce(sum(quantity) FILTER (WHERE confirmed), 0), count(*)
        {items}
        GROUP BY operator, platform, status
        ORDER BY operator COLLATE "C", platform COLLATE "C", status COLLATE "C"
    """).format(items=_items_of(facts, moment.as_of))
    parameters = {"operator": operator, "actor": None, **as_of_parameters(moment.as_of)}
    rows, position = await query_at_checkpoint(pool, facts, moment.as_of, query, parameters)
    totals = [
        EquipmentTotal(
            operator=r[0],
            platform=r[1],
            status=r[2],
            quantity=int(r[3]),
            confirmed_quantity=int(r[4]),
            items=r[5],
        )
        for r in rows
    ]
    return Positioned(content=totals, position=position)


async def _items_kept(pool: AsyncConnectionPool, facts: str) -> bool:
    """Whether the live generation of ``facts`` holds every equipment item."""
    async with pool.connection() as connection:
        cursor = await connection.execute(_LIVE_VERSION, (facts,))
        row = await cursor.fetchone()
    return row is not None and row[0] >= ITEMS_KEPT_SINCE


async def _counted_equipment(
    pool: AsyncConnectionPool,
    facts: str,
    operator: str | None,
    moment: Moment,
    actor: str | None,
) -> Positioned[EquipmentView]:
    """``equipment`` counted from the claims, not read from the items.

    By what sources had said by ``moment.reported_by``, or where the live generation does
    not hold every item (``ITEMS_KEPT_SINCE``).
    """
    query = equipment_claims_statement(facts_tables(facts), moment, sql.SQL("TRUE"))
    rows, position = await query_at_checkpoint(
        pool, facts, moment.as_of, query, moment_parameters(moment)
    )
    items = [
        item
        for item in equipment_items([equipment_claim(row) for row in rows])
        if (operator is None or item.operator == operator)
        and (actor is None or item.actor == actor)
    ]
    return Positioned(
        content=EquipmentView(items=items, totals=_equipment_totals(items)), position=position
    )


def _equipment_totals(items: Sequence[EquipmentItem]) -> list[EquipmentTotal]:
    totals: dict[tuple[str, str, str], list[EquipmentItem]] = {}
    for item in items:
        totals.setdefault((item.operator, item.platform, item.status.value), []).append(item)
    return [
        EquipmentTotal(
            operator=operator,
            platform=platform,
            status=status,
            quantity=sum(i.quantity for i in group),
            confirmed_quantity=sum(i.quantity for i in group if i.confirmed),
            items=len(group),
        )
        for (operator, platform, status), group in sorted(totals.items())
    ]


async def deployments(
    pool: AsyncConnectionPool,
    facts: str,
    party: str | None = None,
    moment: Moment = NOW,
) -> Positioned[DeploymentsView]:
    """The most recent report of each party's forces in each area, now or at ``moment``.

    A relay is dated as the statement it repeats, and loses a tie to that statement itself
    (``ledger.domain.figures``): repeating old news late does not make it the latest.
    """
    query = over_tables(
        """
        SELECT DISTINCT ON (c.party, c.area)
               c.party, c.area, c.document::text, c.source_id, c.reported_at, c.incident_id,
               c.claim_id
        {claims_of_live_incidents}
          AND (%(party)s::text IS NULL OR c.party = %(party)s::text)
        ORDER BY c.party, c.area,
                 coalesce(
                     (SELECT r.reported_at FROM {claims} r
                      WHERE r.claim_id = c.document->'attribution'->>'relays_claim'
                        AND {relayed_visible}),
                     c.reported_at) DESC,
                 c.source_id = c.origin_id DESC, c.position DESC
        """,
        facts_tables(facts),
        claims_of_live_incidents=claims_of_live_incidents(facts, "forces.deployed", moment),
        relayed_visible=visible("r", moment.as_of),
    )
    parameters = {"party": party, **moment_parameters(moment)}
    rows, position = await query_at_checkpoint(pool, facts, moment.as_of, query, parameters)
    items = []
    for party_id, area, document, source_id, reported_at, incident_id, claim_id in rows:
        forces = _forces_decoder.decode(document)
        items.append(
            Deployment(
                party=party_id,
                area=area,
                size=forces.size,
                movement=forces.movement.value,
                unit=forces.unit,
                source_id=source_id,
                reported_at=reported_at,
                incident_id=incident_id,
                claim_id=claim_id,
            )
        )
    return Positioned(content=DeploymentsView(items=items), position=position)
