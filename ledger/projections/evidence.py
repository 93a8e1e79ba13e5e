"""Which events decided a view's rows: its claims, and what changed them, at the view's position.

A row of a view is made of claims (each claim's id is the id of the event that made it).
What decided the row, claim by claim, is that event, the event that made the claim's
version in force at the view's position (a correction, if one was made), and each event
that linked the claim to another as one object or one death toll. All of them stand at
the view's position in the facts projection's versioned tables.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Final

from ledger.projections.standing import facts_tables
from ledger.projections.statements import over_tables
from ledger.projections.temporal import as_of_parameters, visible

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool

    from ledger.store import GlobalCursor

_DECIDING: Final = """
    SELECT c.claim_id, c.position, c.from_pos FROM {claims} c
    WHERE c.claim_id = ANY(%(claims)s) AND {claim_visible}
    UNION ALL
    SELECT s.claim_id, s.position, s.from_pos FROM {situations} s
    WHERE s.claim_id = ANY(%(claims)s) AND {situation_visible}
    UNION ALL
    SELECT l.claim_id, l.from_pos, l.from_pos FROM {links} l
    WHERE l.claim_id = ANY(%(claims)s) AND {link_visible}
"""


async def deciding_events(
    pool: AsyncConnectionPool, facts: str, claim_ids: Collection[str], at: GlobalCursor
) -> dict[str, set[int]]:
    """The positions of the events that decided each of ``claim_ids`` at ``at``."""
    statement = over_tables(
        _DECIDING,
        facts_tables(facts),
        claim_visible=visible("c", at),
        situation_visible=visible("s", at),
        link_visible=visible("l", at),
    )
    async with pool.connection() as connection:
        cursor = await connection.execute(
            statement, {"claims": sorted(claim_ids), **as_of_parameters(at)}
        )
        rows = await cursor.fetchall()
    decided: dict[str, set[int]] = {claim_id: set() for claim_id in claim_ids}
    for claim_id, made, changed in rows:
        decided[claim_id] |= {int(made), int(changed)}
    return decided
