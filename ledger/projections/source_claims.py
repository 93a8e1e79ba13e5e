"""The claims one source made, newest first, as they stand at a moment."""

from __future__ import annotations

from typing import Final

import msgspec
from psycopg_pool import AsyncConnectionPool

from ledger.application.views import Moment, Positioned, SourceClaim, SourceClaims
from ledger.projections.snapshots import query_at_checkpoint
from ledger.projections.standing import facts_tables
from ledger.projections.statements import over_tables
from ledger.projections.temporal import moment_parameters, seen

_HIDDEN: Final = frozenset({"type", "incident_id", "attribution"})


async def source_claims(
    pool: AsyncConnectionPool, facts: str, source_id: str, moment: Moment, limit: int
) -> Positioned[SourceClaims]:
    """The latest ``limit`` claims ``source_id`` made that stand at ``moment``.

    A claim it withdrew is no longer among them; one corrected shows as corrected.
    """
    tables = facts_tables(facts)
    query = over_tables(
        """
        SELECT c.claim_id, c.incident_id, c.type, c.reported_at, c.position, c.credibility,
               NULLIF(c.origin_id, c.source_id), c.document::text
        FROM {claims} c
        WHERE c.source_id = %(source_id)s AND {claim_seen}
        ORDER BY c.position DESC
        LIMIT %(limit)s
        """,
        tables,
        claim_seen=seen("c", tables["claims"], "claim_id", moment, ends=True),
    )
    parameters = {"source_id": source_id, "limit": limit + 1, **moment_parameters(moment)}
    rows, position = await query_at_checkpoint(pool, facts, moment.as_of, query, parameters)
    items = [
        SourceClaim(
            claim_id=r[0],
            incident_id=r[1],
            type=r[2],
            reported_at=r[3],
            position=r[4],
            credibility=r[5],
            relayed_from=r[6],
            said={
                name: value
                for name, value in msgspec.json.decode(r[7]).items()
                if name not in _HIDDEN and value is not None
            },
        )
        for r in rows[:limit]
    ]
    return Positioned(content=SourceClaims(items=items, more=len(rows) > limit), position=position)
