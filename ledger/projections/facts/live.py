"""The claims that stand at a moment, over a generation's tables."""

from __future__ import annotations

from collections.abc import Mapping

from psycopg import sql

from ledger.application.views import Moment
from ledger.projections.statements import over_tables
from ledger.projections.temporal import seen, visible


def live_claims(tables: Mapping[str, str], claim_type: str, moment: Moment) -> sql.Composed:
    """FROM and WHERE over claims ``c`` of a type, their incident ``i`` and root ``r``.

    Only claims that stand and whose root incident is not retracted at ``moment``; ``s`` is
    the source the statement comes from, graded as the ledger graded it by ``as_of``.
    """
    return over_tables(
        """
        FROM {claims} c
        JOIN {incidents} i ON i.incident_id = c.incident_id AND {incident_seen}
        JOIN {incidents} r ON r.incident_id = i.root_id AND {root_seen}
        LEFT JOIN {sources} s ON s.source_id = c.origin_id AND {source_visible}
        WHERE c.type = {claim_type} AND {claim_seen} AND NOT r.retracted
        """,
        tables,
        incident_seen=seen("i", tables["incidents"], "incident_id", moment),
        root_seen=seen("r", tables["incidents"], "incident_id", moment),
        source_visible=visible("s", moment.as_of),
        claim_type=sql.Literal(claim_type),
        claim_seen=seen("c", tables["claims"], "claim_id", moment, ends=True),
    )
