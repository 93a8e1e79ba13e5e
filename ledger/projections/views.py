"""Queries over the live projections: the views users read, each at one log position.

Each query runs in one read-only REPEATABLE READ transaction together with the read of its
projection's checkpoint, so the position reported with a view is exactly the one it shows.
The figure views also answer as of a past cursor of the global order (``temporal``); the
caller first makes sure the projection has reached it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any, Final, Generic, Literal, TypeVar

import msgspec
import psycopg
from psycopg_pool import AsyncConnectionPool

from ledger.domain.estimates import Estimate
from ledger.domain.events import ForcesDeployed, RunningTotalStated
from ledger.domain.figures import (
    Agreement,
    EquipmentClaim,
    EquipmentItem,
    Interval,
    agreement,
    equipment_items,
)
from ledger.domain.incidents import IncidentState
from ledger.domain.vocabulary import (
    CasualtyGroup,
    CrewFate,
    LossMeasure,
    LossStatus,
    ReliabilityGrade,
)
from ledger.projections.incidents import claim_rows, stored_state
from ledger.projections.standing import (
    LossScope,
    claims_of_live_incidents,
    loss_rows,
    stored_losses,
)
from ledger.projections.temporal import NOW, Moment, as_of_parameters, seen, visible
from ledger.store import GlobalCursor
from ledger.store.errors import InvalidReadError

LossGrouping = Literal["none", "day", "week", "month", "party", "admin1"]

_forces_decoder: Final = msgspec.json.Decoder(ForcesDeployed)
_total_decoder: Final = msgspec.json.Decoder(RunningTotalStated)
MEASURES_OF: Final = {
    LossMeasure.LOSSES.value: ["killed", "captured", "missing"],
}


T = TypeVar("T")


class Positioned(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """A view's content and the log position it reflects."""

    content: T
    position: GlobalCursor


_CHECKPOINT_SQL: Final = (
    "SELECT transaction_id::text, position FROM projection_generations"
    " WHERE name = %s AND state = 'live'"
)
# A query's rows, each with the checkpoint after them: the query follows, then ") q".
_ROWS_WITH_CHECKPOINT: Final = """
    SELECT q.*,
        (SELECT transaction_id::text FROM projection_generations
         WHERE name = %(checkpoint_of_projection)s AND state = 'live'),
        (SELECT position FROM projection_generations
         WHERE name = %(checkpoint_of_projection)s AND state = 'live')
    FROM (
"""


def _reflected(row: tuple[Any, ...] | None, as_of: GlobalCursor | None) -> GlobalCursor:
    position = GlobalCursor(int(row[0]), row[1]) if row else GlobalCursor(0, 0)
    return position if as_of is None else min(position, as_of)


@asynccontextmanager
async def snapshot(
    pool: AsyncConnectionPool, projection: str, as_of: GlobalCursor | None = None
) -> AsyncIterator[tuple[psycopg.AsyncConnection[Any], GlobalCursor]]:
    """A read-only snapshot together with the checkpoint of ``projection`` in it."""
    async with pool.connection() as connection, connection.transaction():
        await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor = await connection.execute(_CHECKPOINT_SQL, (projection,))
        yield connection, _reflected(await cursor.fetchone(), as_of)


async def _query_at_checkpoint(
    pool: AsyncConnectionPool,
    projection: str,
    as_of: GlobalCursor | None,
    query: str,
    parameters: Mapping[str, Any],
) -> tuple[list[tuple[Any, ...]], GlobalCursor]:
    """One query and the projection's checkpoint, both from one snapshot.

    One statement sees one snapshot, so the checkpoint rides on each row of the query
    (uncorrelated subqueries, read once). The query stays a subquery of its own, sorted
    before the outer SELECT adds the two columns, so its rows keep its order: a pipelined
    BEGIN, checkpoint, query and COMMIT cost the API server markedly more per call. A query
    that finds no rows carries no checkpoint: it runs again, with the checkpoint, in a
    read-only snapshot of its own.
    """
    async with pool.connection() as connection:
        cursor = await connection.execute(
            f"{_ROWS_WITH_CHECKPOINT}{query}) q",
            {**parameters, "checkpoint_of_projection": projection},
        )
        rows = await cursor.fetchall()
    if not rows:
        async with snapshot(pool, projection, as_of) as (connection, position):
            cursor = await connection.execute(query, parameters)
            return await cursor.fetchall(), position
    checkpoint = rows[0][-2:]
    return [row[:-2] for row in rows], _reflected(
        checkpoint if checkpoint[0] is not None else None, as_of
    )


async def projection_position(pool: AsyncConnectionPool, projection: str) -> GlobalCursor:
    """The log position the projection's live generation has reached."""
    async with pool.connection() as connection:
        cursor = await connection.execute(_CHECKPOINT_SQL, (projection,))
        return _reflected(await cursor.fetchone(), None)


class IncidentFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Which incidents a list shows."""

    party: str | None = None
    category: str | None = None
    admin1: str | None = None
    status: str | None = None
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    contested: bool | None = None


class IncidentPage(msgspec.Struct, frozen=True, kw_only=True):
    """Incidents, latest first; ``next`` continues the list, null on the last page."""

    items: list[IncidentState]
    next: str | None


def _encode_page_token(occurred_start: datetime, incident_id: str) -> str:
    raw = msgspec.json.encode([occurred_start.isoformat(), incident_id])
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode_page_token(token: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        occurred, incident_id = msgspec.json.decode(raw, type=tuple[datetime, str])
    except (binascii.Error, ValueError, msgspec.DecodeError) as exc:
        raise InvalidReadError(f"{token!r} is not a page token of this list") from exc
    return occurred, incident_id


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
    conditions = [visible("t", as_of)]
    parameters: dict[str, Any] = {"limit": limit + 1, **as_of_parameters(as_of)}
    if filters.party:
        conditions.append("%(party)s = ANY(parties)")
        parameters["party"] = filters.party
    for column in ("category", "admin1", "status"):
        value = getattr(filters, column)
        if value:
            conditions.append(f"{column} = %({column})s")
            parameters[column] = value
    if filters.occurred_from:
        conditions.append("occurred_end >= %(occurred_from)s")
        parameters["occurred_from"] = filters.occurred_from
    if filters.occurred_to:
        conditions.append("occurred_start < %(occurred_to)s")
        parameters["occurred_to"] = filters.occurred_to
    if filters.contested is not None:
        conditions.append("contested = %(contested)s")
        parameters["contested"] = filters.contested
    if after:
        occurred, incident_id = _decode_page_token(after)
        conditions.append("(occurred_start, incident_id) < (%(after_at)s, %(after_id)s)")
        parameters |= {"after_at": occurred, "after_id": incident_id}
    # As text: a generation built before the incidents projection's version 4 holds json.
    query = (
        f"SELECT document::text, occurred_start, incident_id,"  # noqa: S608 - our names
        f" {claim_rows(incident_views['claims'], 't', as_of)}"
        f' FROM "{incident_views["state"]}" t'
        f" WHERE {' AND '.join(conditions)}"
        " ORDER BY occurred_start DESC, incident_id DESC LIMIT %(limit)s"
    )
    rows, position = await _query_at_checkpoint(pool, projection, as_of, query, parameters)
    more = len(rows) > limit
    rows = rows[:limit]
    items = [stored_state(row[0], row[3]) for row in rows]
    token = _encode_page_token(rows[-1][1], rows[-1][2]) if more and rows else None
    return Positioned(content=IncidentPage(items=items, next=token), position=position)


class LossFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Which losses to sum and how to group them."""

    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    party: str | None = None
    group: CasualtyGroup | None = None
    measure: LossMeasure | None = None
    """``losses`` sums killed, captured and missing, as running totals of losses do."""
    group_by: LossGrouping = "none"


class LossRow(msgspec.Struct, frozen=True, kw_only=True):
    """Summed losses for a party, group and measure (and a period or province).

    ``high`` is null when an incident's count has no upper bound.
    """

    party: str
    group: str
    measure: str
    low: int
    best: int
    high: int | None
    incidents: int
    period: date | None = None
    """The first day of the day, week (from Monday) or month, in the incidents' local time."""
    admin1: str | None = None


class LossesView(msgspec.Struct, frozen=True, kw_only=True):
    """Cumulative losses, counted once per incident."""

    rows: list[LossRow]


_BUCKETS: Final = {"day": "day", "week": "week", "month": "month"}


async def losses(
    pool: AsyncConnectionPool,
    facts: str,
    filters: LossFilter,
    moment: Moment = NOW,
) -> Positioned[LossesView]:
    """Sum the incidents' loss figures over an occurred-time range, now or at ``moment``."""
    conditions = ["TRUE"]
    parameters: dict[str, Any] = {}
    if filters.occurred_from:
        conditions.append("l.occurred_start >= %(occurred_from)s")
        parameters["occurred_from"] = filters.occurred_from
    if filters.occurred_to:
        conditions.append("l.occurred_start < %(occurred_to)s")
        parameters["occurred_to"] = filters.occurred_to
    if filters.party:
        conditions.append("l.party = %(party)s")
        parameters["party"] = filters.party
    if filters.group:
        conditions.append("l.grp = %(group)s")
        parameters["group"] = filters.group.value
    measure_column = "l.measure"
    if filters.measure:
        measures = MEASURES_OF.get(filters.measure.value, [filters.measure.value])
        conditions.append("l.measure = ANY(%(measures)s)")
        parameters["measures"] = measures
        if len(measures) > 1:
            measure_column = "%(measure)s::text"
            parameters["measure"] = filters.measure.value
    extra_select, extra_group = "NULL::date, NULL::text", ""
    if filters.group_by in _BUCKETS:
        # Days, weeks and months of each incident's own calendar (its time zone).
        bucket = _BUCKETS[filters.group_by]
        extra_select = f"date_trunc('{bucket}', l.local_day)::date, NULL::text"
        extra_group = ", 8"
    elif filters.group_by == "admin1":
        extra_select, extra_group = "NULL::date, l.admin1", ", 9"
    query = """
        SELECT l.party, l.grp, {measure}, sum(l.low), sum(l.best),
               CASE WHEN bool_or(l.high IS NULL) THEN NULL ELSE sum(l.high) END,
               count(DISTINCT l.root_id), {extra}
        FROM {source}
        WHERE {conditions}
        GROUP BY 1, 2, 3{grouping}
        ORDER BY 1, 2, 3{grouping}
    """
    fragments = {
        "measure": measure_column,
        "extra": extra_select,
        "conditions": " AND ".join(conditions),
        "grouping": extra_group,
    }
    if moment.reported_by is None:
        # One statement: the checkpoint rides on its rows (``_query_at_checkpoint``).
        source = stored_losses(facts, moment.as_of)
        rows, position = await _query_at_checkpoint(
            pool,
            facts,
            moment.as_of,
            query.format(source=source.source, **fragments),
            parameters | source.parameters,
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
                query.format(source=source.source, **fragments), parameters | source.parameters
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


class EquipmentTotal(msgspec.Struct, frozen=True, kw_only=True):
    """How many platforms of a kind an operator lost, by status."""

    operator: str
    platform: str
    status: str
    quantity: int
    confirmed_quantity: int
    items: int


class EquipmentView(msgspec.Struct, frozen=True, kw_only=True):
    """The list of lost equipment and its totals."""

    items: list[EquipmentItem]
    totals: list[EquipmentTotal]


async def equipment(
    pool: AsyncConnectionPool,
    facts: str,
    operator: str | None = None,
    moment: Moment = NOW,
    actor: str | None = None,
) -> Positioned[EquipmentView]:
    """Every lost platform, counted once per object, with totals; now or at ``moment``.

    ``operator`` keeps what a party lost; ``actor`` what a party destroyed or took.
    """
    query = f"""
        SELECT c.claim_id, i.root_id, c.source_id, s.party, s.grade, c.credibility,
               c.reported_at, c.position, c.operator, c.claimed_by, c.platform, c.model,
               c.document->>'status', c.document->>'crew_fate',
               (c.document->>'quantity')::int, c.document->'attribution'->>'relays',
               c.document->'attribution'->>'relays_claim', c.document->>'subject',
               c.document->>'actor',
               ARRAY(SELECT k.link_id FROM "{facts}_links" k
                     WHERE k.claim_id = c.claim_id AND {visible("k", moment.as_of)}
                     ORDER BY k.link_id)
        {claims_of_live_incidents(facts, "equipment_loss.claimed", moment)}
          AND (%(operator)s::text IS NULL OR c.operator = %(operator)s::text)
    """  # noqa: S608 - our names only
    parameters = {"operator": operator, **moment.parameters()}
    rows, position = await _query_at_checkpoint(pool, facts, moment.as_of, query, parameters)
    claims = [
        EquipmentClaim(
            claim_id=r[0],
            incident_id=r[1],
            source_id=r[2],
            source_party=r[3],
            grade=ReliabilityGrade(r[4]) if r[4] else None,
            credibility=r[5],
            reported_at=r[6],
            position=r[7],
            operator=r[8],
            claimed_by=r[9],
            platform=r[10],
            model=r[11],
            status=LossStatus(r[12]),
            crew_fate=CrewFate(r[13]),
            quantity=r[14],
            relays=r[15],
            relays_claim=r[16],
            subject=r[17],
            actor=r[18],
            links=tuple(r[19]),
        )
        for r in rows
    ]
    # Kept by actor once counted: an item's actor is what its most reliable source says.
    items = [i for i in equipment_items(claims) if actor is None or i.actor == actor]
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


class Deployment(msgspec.Struct, frozen=True, kw_only=True):
    """The latest estimate of a party's forces in an area."""

    party: str
    area: str
    size: Estimate
    movement: str
    unit: str | None
    source_id: str
    reported_at: datetime
    incident_id: str
    claim_id: str


class DeploymentsView(msgspec.Struct, frozen=True, kw_only=True):
    """The latest force estimate per party per area."""

    items: list[Deployment]


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
    said_at = f"""coalesce(
        (SELECT r.reported_at FROM "{facts}_claims" r
         WHERE r.claim_id = c.document->'attribution'->>'relays_claim'
           AND {visible("r", moment.as_of)}),
        c.reported_at)"""  # noqa: S608 - our names only
    query = f"""
        SELECT DISTINCT ON (c.party, c.area)
               c.party, c.area, c.document::text, c.source_id, c.reported_at, c.incident_id,
               c.claim_id
        {claims_of_live_incidents(facts, "forces.deployed", moment)}
          AND (%(party)s::text IS NULL OR c.party = %(party)s::text)
        ORDER BY c.party, c.area, {said_at} DESC, c.source_id = c.origin_id DESC,
                 c.position DESC
    """
    parameters = {"party": party, **moment.parameters()}
    rows, position = await _query_at_checkpoint(pool, facts, moment.as_of, query, parameters)
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


class LedgerSum(msgspec.Struct, frozen=True, kw_only=True):
    """The ledger's own count; ``high`` null when a contributing count is unbounded."""

    low: int
    best: int
    high: int | None


class Reconciliation(msgspec.Struct, frozen=True, kw_only=True):
    """A source's running total beside the ledger's sum for the same scope."""

    claim_id: str
    incident_id: str
    source_id: str
    party: str
    measure: str
    period_as_stated: str | None
    period_start: datetime
    period_end: datetime
    covers: list[str]
    """Incidents the source says its total includes, counted wherever they fall."""
    stated: Estimate
    ledger: LedgerSum
    agreement: Agreement
    """The stated interval against the ledger's: consistent, ledger_short or ledger_over."""
    difference: int | None
    """Stated best minus the ledger's best; null when the source gave no single figure."""
    incidents: list[str]


class ReconciliationView(msgspec.Struct, frozen=True, kw_only=True):
    """Every running total a source stated, reconciled."""

    items: list[Reconciliation]


async def reconciliation(
    pool: AsyncConnectionPool,
    facts: str,
    party: str | None = None,
    moment: Moment = NOW,
) -> Positioned[ReconciliationView]:
    """Each stated running total against the ledger's sum over its period; now or then."""
    totals_query = f"""
        SELECT c.claim_id, c.incident_id, c.source_id, c.document::text
        {claims_of_live_incidents(facts, "running_total.stated", moment)}
          AND (%(party)s::text IS NULL OR c.party = %(party)s::text)
        ORDER BY c.reported_at, c.position
    """
    incidents = f"{facts}_incidents"
    sum_query = """
        SELECT coalesce(sum(l.low), 0), coalesce(sum(l.best), 0),
               CASE WHEN bool_or(l.high IS NULL) THEN NULL ELSE coalesce(sum(l.high), 0) END,
               coalesce(array_agg(DISTINCT l.root_id ORDER BY l.root_id)
                        FILTER (WHERE l.root_id IS NOT NULL), '{{}}')
        FROM {source}
        WHERE l.party = %(party)s AND l.measure = ANY(%(measures)s)
          AND (l.occurred_start >= %(start)s AND l.occurred_start <= %(end)s
               OR l.root_id IN (SELECT i.root_id FROM "{incidents}" i
                                WHERE {seen_incident} AND i.incident_id = ANY(%(covers)s)))
    """
    items = []
    at = moment.parameters()
    async with snapshot(pool, facts, moment.as_of) as (connection, position):
        cursor = await connection.execute(totals_query, {"party": party, **at})
        totals = await cursor.fetchall()
        if not totals:
            return Positioned(content=ReconciliationView(items=[]), position=position)
        # Counted once for every total: a total's scope may name incidents anywhere.
        source = await loss_rows(connection, facts, moment)
        summing = sum_query.format(
            source=source.source,
            incidents=incidents,
            seen_incident=seen("i", incidents, "incident_id", moment),
        )
        for claim_id, incident_id, source_id, document in totals:
            total = _total_decoder.decode(document)
            measures = MEASURES_OF.get(total.measure.value, [total.measure.value])
            summed = await connection.execute(
                summing,
                {
                    **source.parameters,
                    "party": total.party,
                    "measures": measures,
                    "start": total.period_start,
                    "end": total.period_end,
                    "covers": list(total.covers),
                    **at,
                },
            )
            row = await summed.fetchone()
            assert row is not None  # noqa: S101 - an aggregate always returns a row
            ledger_sum = LedgerSum(
                low=int(row[0]), best=int(row[1]), high=None if row[2] is None else int(row[2])
            )
            stated_best = total.total.best
            items.append(
                Reconciliation(
                    claim_id=claim_id,
                    incident_id=incident_id,
                    source_id=source_id,
                    party=total.party,
                    measure=total.measure.value,
                    period_as_stated=total.period_as_stated,
                    period_start=total.period_start,
                    period_end=total.period_end,
                    covers=list(total.covers),
                    stated=total.total,
                    ledger=ledger_sum,
                    agreement=agreement(
                        Interval.of(total.total), Interval(ledger_sum.low, ledger_sum.high)
                    ),
                    difference=None if stated_best is None else stated_best - ledger_sum.best,
                    incidents=list(row[3]),
                )
            )
    return Positioned(content=ReconciliationView(items=items), position=position)
