"""Situation figures and displacement, read from the facts tables, now or at a moment.

A situation's figure is counted by the rule of losses (``ledger.domain.figures``): each
origin's latest statement, the best from the most reliable, the range spanning them all.
Tolls stand beside the ledger's own sum of losses for the same parties, measure and period,
never added into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import msgspec
import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from ledger.application.views import (
    NOW,
    DisplacementRow,
    DisplacementView,
    LedgerSum,
    Moment,
    Positioned,
    SituationFigure,
    SituationsView,
)
from ledger.domain.events import CiviliansDisplaced, SituationStated
from ledger.domain.figures import CasualtyClaim, Interval, agreement, loss_figures
from ledger.domain.vocabulary import ReliabilityGrade, SituationKind
from ledger.projections.snapshots import snapshot
from ledger.projections.standing import (
    MEASURES_OF,
    LossRows,
    claims_of_live_incidents,
    facts_tables,
    loss_rows,
)
from ledger.projections.statements import over_tables
from ledger.projections.temporal import moment_parameters, visible

_statement_decoder: Final = msgspec.json.Decoder(SituationStated)
_displaced_decoder: Final = msgspec.json.Decoder(CiviliansDisplaced)
_FIGURE: Final = "figure"


def _as_claim(row: Sequence[Any], statement: SituationStated | CiviliansDisplaced) -> CasualtyClaim:
    """A statement as the counting rule takes it: one figure, under its situation's key."""
    estimate = statement.figure if isinstance(statement, SituationStated) else statement.count
    return CasualtyClaim(
        claim_id=row[0],
        source_id=row[2],
        grade=ReliabilityGrade(row[3]) if row[3] else None,
        credibility=statement.attribution.credibility,
        reported_at=statement.attribution.reported_at,
        position=row[4],
        party=row[1],
        group="",
        estimates={_FIGURE: estimate},
        relays=statement.attribution.relays,
    )


async def _statements(
    connection: psycopg.AsyncConnection[Any], facts: str, moment: Moment
) -> dict[str, list[tuple[CasualtyClaim, SituationStated]]]:
    # A statement is never corrected: said by ``reported_by`` when its source spoke by then.
    cursor = await connection.execute(
        over_tables(
            """
            SELECT t.claim_id, t.situation_id, t.source_id, s.grade, t.position, t.document::text
            FROM {situations} t
            LEFT JOIN {sources} s ON s.source_id = t.origin_id AND {source_visible}
            WHERE {statement_visible}
              AND (%(reported_by)s::timestamptz IS NULL OR t.reported_at <= %(reported_by)s)
            ORDER BY t.situation_id, t.position
            """,
            facts_tables(facts),
            source_visible=visible("s", moment.as_of),
            statement_visible=visible("t", moment.as_of),
        ),
        moment_parameters(moment),
    )
    by_situation: dict[str, list[tuple[CasualtyClaim, SituationStated]]] = {}
    for row in await cursor.fetchall():
        statement = _statement_decoder.decode(row[5])
        by_situation.setdefault(row[1], []).append((_as_claim(row, statement), statement))
    return by_situation


async def _ledger_toll(
    connection: psycopg.AsyncConnection[Any], statement: SituationStated, losses: LossRows
) -> LedgerSum:
    """The ledger's losses for the statement's parties and measure over its period."""
    assert statement.measure is not None  # noqa: S101 - a toll names its measure
    cursor = await connection.execute(
        sql.SQL("""
        SELECT coalesce(sum(l.low), 0), coalesce(sum(l.best), 0),
               CASE WHEN bool_or(l.high IS NULL) THEN NULL ELSE coalesce(sum(l.high), 0) END
        FROM {losses}
        WHERE l.measure = ANY(%(measures)s)
          AND (cardinality(%(parties)s::text[]) = 0 OR l.party = ANY(%(parties)s::text[]))
          AND (%(start)s::timestamptz IS NULL OR l.occurred_start >= %(start)s::timestamptz)
          AND l.occurred_start <= %(end)s::timestamptz
        """).format(losses=losses.source),
        {
            "measures": MEASURES_OF.get(statement.measure.value, [statement.measure.value]),
            "parties": list(statement.parties),
            "start": statement.period_start,
            # Open at the end: up to when the source spoke.
            "end": statement.period_end or statement.attribution.reported_at,
            **losses.parameters,
        },
    )
    row = await cursor.fetchone()
    assert row is not None  # noqa: S101 - an aggregate always returns a row
    return LedgerSum(
        low=int(row[0]), best=int(row[1]), high=None if row[2] is None else int(row[2])
    )


async def _figures(
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    kinds: Sequence[SituationKind],
    party: str | None,
    moment: Moment,
) -> list[SituationFigure]:
    items = []
    losses: LossRows | None = None  # counted when the first toll needs them
    for situation_id, stated in sorted((await _statements(connection, facts, moment)).items()):
        first = stated[0][1]
        if first.kind not in kinds or (party is not None and party not in first.parties):
            continue
        [figure] = loss_figures([claim for claim, _ in stated])
        standing = next(s for c, s in stated if c.claim_id in figure.claim_ids)
        ledger = None
        if first.kind is SituationKind.TOLL:
            losses = losses or await loss_rows(connection, facts, moment)
            ledger = await _ledger_toll(connection, standing, losses)
        items.append(
            SituationFigure(
                situation_id=situation_id,
                kind=first.kind.value,
                area=standing.area,
                country=standing.country,
                parties=standing.parties,
                measure=standing.measure.value if standing.measure else None,
                period_as_stated=standing.period_as_stated,
                period_start=standing.period_start,
                period_end=standing.period_end,
                low=figure.low,
                best=figure.best,
                high=figure.high,
                claim_ids=figure.claim_ids,
                sources=tuple(sorted({c.source_id for c, _ in stated})),
                ledger=ledger,
                agreement=None
                if ledger is None
                else agreement(
                    Interval(figure.low, figure.high), Interval(ledger.low, ledger.high)
                ),
            )
        )
    return items


async def situations(
    pool: AsyncConnectionPool,
    facts: str,
    kind: SituationKind | None = None,
    party: str | None = None,
    moment: Moment = NOW,
) -> Positioned[SituationsView]:
    """Every situation's figure, tolls reconciled with the ledger; now or at ``moment``."""
    kinds = list(SituationKind) if kind is None else [kind]
    async with snapshot(pool, facts, moment.as_of) as (connection, position):
        items = await _figures(connection, facts, kinds, party, moment)
    return Positioned(content=SituationsView(items=items), position=position)


def _from_situation(figure: SituationFigure) -> DisplacementRow:
    stock = figure.kind == SituationKind.DISPLACEMENT_STOCK.value
    return DisplacementRow(
        kind="stock" if stock else "flow",
        origin="situation",
        id=figure.situation_id,
        area=figure.area,
        parties=figure.parties,
        period_as_stated=figure.period_as_stated,
        period_start=figure.period_start,
        period_end=figure.period_end,
        low=figure.low,
        best=figure.best,
        high=figure.high,
        sources=figure.sources,
        claim_ids=figure.claim_ids,
    )


async def _incident_flows(
    connection: psycopg.AsyncConnection[Any], facts: str, moment: Moment
) -> list[DisplacementRow]:
    """Each incident's displacement per area, counted once by the rule of losses."""
    cursor = await connection.execute(
        sql.SQL("""
        SELECT c.claim_id, r.incident_id || '/' || c.area, c.source_id, s.grade, c.position,
               c.document::text, r.incident_id, r.occurred_start, r.occurred_end,
               r.report->'occurred'->>'as_stated'
        {claims_of_live_incidents}
        ORDER BY r.incident_id, c.area, c.position
        """).format(
            claims_of_live_incidents=claims_of_live_incidents(facts, "civilians.displaced", moment)
        ),
        moment_parameters(moment),
    )
    grouped: dict[str, list[tuple[CasualtyClaim, CiviliansDisplaced, tuple[Any, ...]]]] = {}
    for row in await cursor.fetchall():
        claim = _displaced_decoder.decode(row[5])
        grouped.setdefault(row[1], []).append((_as_claim(row, claim), claim, row))
    rows = []
    for members in grouped.values():
        [figure] = loss_figures([claim for claim, _, _ in members])
        _, displaced, row = members[0]
        rows.append(
            DisplacementRow(
                kind="flow",
                origin="incident",
                id=row[6],
                area=displaced.area,
                parties=(),
                period_as_stated=row[9],
                period_start=row[7],
                period_end=row[8],
                low=figure.low,
                best=figure.best,
                high=figure.high,
                sources=tuple(sorted({c.source_id for c, _, _ in members})),
                claim_ids=figure.claim_ids,
            )
        )
    return rows


async def displacement(
    pool: AsyncConnectionPool,
    facts: str,
    party: str | None = None,
    moment: Moment = NOW,
) -> Positioned[DisplacementView]:
    """Flows and stocks apart: situations' figures and incidents' own; now or at ``moment``.

    Incidents' displacement names no party: ``party`` keeps situations that name it.
    """
    kinds = [SituationKind.DISPLACEMENT_FLOW, SituationKind.DISPLACEMENT_STOCK]
    async with snapshot(pool, facts, moment.as_of) as (connection, position):
        figures = await _figures(connection, facts, kinds, party, moment)
        rows = [_from_situation(figure) for figure in figures]
        if party is None:
            rows += await _incident_flows(connection, facts, moment)
    return Positioned(
        content=DisplacementView(
            flows=[r for r in rows if r.kind == "flow"],
            stocks=[r for r in rows if r.kind == "stock"],
        ),
        position=position,
    )
