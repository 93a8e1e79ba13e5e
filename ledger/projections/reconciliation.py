"""Reconciliation: each running total a source stated, beside the ledger's own sum."""

from __future__ import annotations

from typing import Final

import msgspec
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from ledger.application.views import (
    NOW,
    LedgerSum,
    Moment,
    Positioned,
    Reconciliation,
    ReconciliationView,
)
from ledger.domain.events import RunningTotalStated
from ledger.domain.figures import (
    Interval,
    agreement,
)
from ledger.projections.snapshots import snapshot
from ledger.projections.standing import (
    MEASURES_OF,
    claims_of_live_incidents,
    facts_tables,
    loss_rows,
)
from ledger.projections.temporal import moment_parameters, seen

_total_decoder: Final = msgspec.json.Decoder(RunningTotalStated)


async def reconciliation(
    pool: AsyncConnectionPool,
    facts: str,
    party: str | None = None,
    moment: Moment = NOW,
) -> Positioned[ReconciliationView]:
    """Each stated running total against the ledger's sum over its period; now or then."""
    totals_query = sql.SQL("""
        SELECT c.claim_id, c.incident_id, c.source_id, c.document::text
        {claims_of_live_incidents}
          AND (%(party)s::text IS NULL OR c.party = %(party)s::text)
        ORDER BY c.reported_at, c.position
    """).format(
        claims_of_live_incidents=claims_of_live_incidents(facts, "running_total.stated", moment)
    )
    incidents = facts_tables(facts)["incidents"]
    sum_query = sql.SQL("""
        SELECT coalesce(sum(l.low), 0), coalesce(sum(l.best), 0),
               CASE WHEN bool_or(l.high IS NULL) THEN NULL ELSE coalesce(sum(l.high), 0) END,
               coalesce(array_agg(DISTINCT l.root_id ORDER BY l.root_id)
                        FILTER (WHERE l.root_id IS NOT NULL), '{{}}')
        FROM {source}
        WHERE l.party = %(party)s AND l.measure = ANY(%(measures)s)
          AND (l.occurred_start >= %(start)s AND l.occurred_start <= %(end)s
               OR l.root_id IN (SELECT i.root_id FROM {incidents} i
                                WHERE {seen_incident} AND i.incident_id = ANY(%(covers)s)))
    """)
    items = []
    at = moment_parameters(moment)
    async with snapshot(pool, facts, moment.as_of) as (connection, position):
        cursor = await connection.execute(totals_query, {"party": party, **at})
        totals = await cursor.fetchall()
        if not totals:
            return Positioned(content=ReconciliationView(items=[]), position=position)
        # Counted once for every total: a total's scope may name incidents anywhere.
        source = await loss_rows(connection, facts, moment)
        summing = sum_query.format(
            source=source.source,
            incidents=sql.Identifier(incidents),
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
