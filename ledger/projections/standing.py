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

from ledger.domain.events import CasualtiesReported
from ledger.domain.figures import CasualtyClaim, loss_figures
from ledger.projections.facts import casualty_claim
from ledger.projections.temporal import Moment, as_of_parameters, seen, visible
from ledger.store import GlobalCursor

_casualties_decoder: Final = msgspec.json.Decoder(CasualtiesReported)
_LOSS_COLUMNS: Final = {
    "root_id": "text",
    "party": "text",
    "grp": "text",
    "measure": "text",
    "low": "int8",
    "best": "int8",
    "high": "int8",
    "occurred_start": "timestamptz",
    "admin1": "text",
    "local_day": "date",
}
"""The loss rows' columns the views read, each with its type."""


def claims_of_live_incidents(facts: str, claim_type: str, moment: Moment) -> str:
    """FROM and WHERE over claims ``c`` of a type, their incident ``i`` and root ``r``.

    Only claims that stand and whose root incident is not retracted at ``moment``; ``s`` is
    the source the statement comes from, graded as the ledger graded it by ``as_of``.
    """
    claims, incidents = f"{facts}_claims", f"{facts}_incidents"
    return f"""
        FROM "{claims}" c
        JOIN "{incidents}" i
          ON i.incident_id = c.incident_id AND {seen("i", incidents, "incident_id", moment)}
        JOIN "{incidents}" r
          ON r.incident_id = i.root_id AND {seen("r", incidents, "incident_id", moment)}
        LEFT JOIN "{facts}_sources" s
          ON s.source_id = c.origin_id AND {visible("s", moment.as_of)}
        WHERE c.type = '{claim_type}' AND {seen("c", claims, "claim_id", moment, ends=True)}
          AND NOT r.retracted
    """


class LossRows(NamedTuple):
    """Each incident's losses at a moment, as a FROM item ``l`` and its query parameters.

    ``l`` has the columns of ``_LOSS_COLUMNS``: one row per root incident, party, group and
    measure.
    """

    source: str
    parameters: dict[str, Any]


def stored_losses(facts: str, as_of: GlobalCursor | None) -> LossRows:
    """The losses table's rows at ``as_of``, as the log was folded."""
    table = f"""(SELECT * FROM "{facts}_losses" l WHERE {visible("l", as_of)}) l"""  # noqa: S608
    return LossRows(table, as_of_parameters(as_of))


async def loss_rows(
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    moment: Moment,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
) -> LossRows:
    """The losses at ``moment`` of the incidents whose start falls in [from, to).

    The range only spares counting incidents the caller will not sum; rows outside it may
    be given all the same.
    """
    if moment.reported_by is None:
        return stored_losses(facts, moment.as_of)
    counted = await _said_losses(connection, facts, moment, occurred_from, occurred_to)
    columns = list(zip(*counted, strict=True)) if counted else [()] * len(_LOSS_COLUMNS)
    arrays = ", ".join(f"%(l_{name})s::{kind}[]" for name, kind in _LOSS_COLUMNS.items())
    return LossRows(
        f"unnest({arrays}) AS l ({', '.join(_LOSS_COLUMNS)})",
        {f"l_{name}": list(values) for name, values in zip(_LOSS_COLUMNS, columns, strict=True)},
    )


async def _said_losses(
    connection: psycopg.AsyncConnection[Any],
    facts: str,
    moment: Moment,
    occurred_from: datetime | None,
    occurred_to: datetime | None,
) -> list[tuple[Any, ...]]:
    """Each root's loss rows counted from the casualty claims standing at ``moment``."""
    conditions = []
    if occurred_from is not None:
        conditions.append("AND r.occurred_start >= %(occurred_from)s")
    if occurred_to is not None:
        conditions.append("AND r.occurred_start < %(occurred_to)s")
    cursor = await connection.execute(
        f"""
        SELECT r.incident_id, r.occurred_start, r.admin1, r.local_day,
               c.claim_id, c.source_id, s.grade, c.credibility, c.reported_at, c.position,
               c.document::text
        {claims_of_live_incidents(facts, "casualties.reported", moment)}
        {" ".join(conditions)}
        ORDER BY c.from_tx, c.from_pos
        """,
        {**moment.parameters(), "occurred_from": occurred_from, "occurred_to": occurred_to},
    )
    incidents: dict[str, tuple[Any, ...]] = {}
    claims: dict[str, list[CasualtyClaim]] = {}
    for (
        root,
        *incident,
        claim_id,
        source_id,
        grade,
        credibility,
        said,
        position,
        document,
    ) in await cursor.fetchall():
        incidents[root] = tuple(incident)
        claim = casualty_claim(
            claim_id,
            source_id,
            grade,
            credibility,
            said,
            position,
            _casualties_decoder.decode(document),
        )
        claims.setdefault(root, []).append(claim)
    return [
        (root, f.party, f.group, f.measure, f.low, f.best, f.high, *incidents[root])
        for root, of_root in claims.items()
        for f in loss_figures(of_root)
    ]
