"""Revisions in the facts tables: corrections, retractions, merges, and the roots they touch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import msgspec
import psycopg
from psycopg import sql

from ledger.domain.events import (
    ClaimCorrected,
    ClaimRetracted,
    IncidentReported,
    IncidentsMerged,
    ReportEvent,
)
from ledger.domain.incidents import apply_changes
from ledger.projections.facts.rows import (
    CLAIM_COLUMNS,
    INCIDENT_COLUMNS,
    claim_columns,
    report_columns,
    set_to_parameters,
)
from ledger.projections.statements import over_tables
from ledger.projections.temporal import end, revise
from ledger.store import GlobalCursor

_report_decoder: Final = msgspec.json.Decoder(ReportEvent)
_incident_decoder: Final = msgspec.json.Decoder(IncidentReported)
_COUNTED_TYPES: Final = sql.SQL(", ").join(
    map(sql.Literal, ("casualties.reported", "equipment_loss.claimed"))
)
"""The claims whose roots' figures are counted again when they change."""
_ROOTS: Final = sql.SQL(
    "SELECT incident_id, root_id FROM {incidents} WHERE incident_id = ANY(%s) AND to_pos IS NULL"
)


async def correct(
    connection: psycopg.AsyncConnection[Any],
    tables: Mapping[str, str],
    event: ClaimCorrected,
    at: GlobalCursor,
) -> set[str]:
    """A claim or an incident's report corrected; the roots whose losses it changes."""
    said = event.attribution.reported_at
    cursor = await connection.execute(
        over_tables(
            "SELECT document::text FROM {claims} WHERE claim_id = %s AND to_pos IS NULL", tables
        ),
        (event.target_event_id,),
    )
    row = await cursor.fetchone()
    if row is None:
        report = await _incident_report(connection, tables, event.target_event_id)
        if report is not None:
            corrected = apply_changes(report, event.changes)
            assert isinstance(corrected, IncidentReported)  # noqa: S101 - same type back
            changed = {**report_columns(corrected), "said_from": said}
            await revise(
                connection,
                tables["incidents"],
                columns=INCIDENT_COLUMNS,
                where=sql.SQL("report_event_id = %(target)s"),
                parameters={"target": event.target_event_id, **changed},
                changes=set_to_parameters(changed),
                at=at,
            )
        return await roots_of(connection, tables, event.incident_id)
    claim = _report_decoder.decode(row[0])
    corrected_claim = apply_changes(claim, event.changes)
    assert not isinstance(corrected_claim, IncidentReported)  # noqa: S101
    changed = {
        **claim_columns(corrected_claim),
        "document": msgspec.json.encode(corrected_claim).decode(),
        "said_from": said,
    }
    await revise(
        connection,
        tables["claims"],
        columns=CLAIM_COLUMNS,
        where=sql.SQL("claim_id = %(target)s"),
        parameters={"target": event.target_event_id, **changed},
        changes=set_to_parameters(changed),
        at=at,
    )
    return await roots_of(connection, tables, event.incident_id)


async def retract(
    connection: psycopg.AsyncConnection[Any],
    tables: Mapping[str, str],
    event: ClaimRetracted,
    at: GlobalCursor,
) -> set[str]:
    """A claim or an incident's report withdrawn; the roots whose losses it changes."""
    said = event.attribution.reported_at
    await end(connection, tables["claims"], {"claim_id": event.target_event_id}, at, said)
    await revise(
        connection,
        tables["incidents"],
        columns=INCIDENT_COLUMNS,
        where=sql.SQL("report_event_id = %(target)s"),
        parameters={"target": event.target_event_id, "said": said},
        changes={"retracted": sql.SQL("true"), "said_from": sql.SQL("%(said)s")},
        at=at,
    )
    return await roots_of(connection, tables, event.incident_id)


async def merge(
    connection: psycopg.AsyncConnection[Any],
    tables: Mapping[str, str],
    event: IncidentsMerged,
    at: GlobalCursor,
) -> set[str]:
    """One incident merged into another: its rows count under the surviving root."""
    cursor = await connection.execute(
        _ROOTS.format(incidents=sql.Identifier(tables["incidents"])),
        ([event.incident_id, event.merged_incident_id],),
    )
    root_of = dict(await cursor.fetchall())
    roots, surviving = set(root_of.values()), root_of[event.incident_id]
    await revise(
        connection,
        tables["incidents"],
        columns=INCIDENT_COLUMNS,
        where=sql.SQL("root_id = ANY(%(roots)s) AND root_id <> %(surviving)s"),
        parameters={"roots": sorted(roots), "surviving": surviving},
        # The ledger's own act: it holds whatever the sources had said by then.
        changes={"root_id": sql.SQL("%(surviving)s"), "said_from": sql.SQL("'-infinity'")},
        at=at,
    )
    return roots | {surviving}


async def _incident_report(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], event_id: str
) -> IncidentReported | None:
    cursor = await connection.execute(
        over_tables(
            "SELECT report::text FROM {incidents} WHERE report_event_id = %s AND to_pos IS NULL",
            tables,
        ),
        (event_id,),
    )
    row = await cursor.fetchone()
    return None if row is None else _incident_decoder.decode(row[0])


async def roots_by_incident(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], incident_ids: set[str]
) -> dict[str, str]:
    """Each incident's root: itself, or the incident it was merged into."""
    if not incident_ids:
        return {}
    cursor = await connection.execute(
        _ROOTS.format(incidents=sql.Identifier(tables["incidents"])),
        (sorted(incident_ids),),
    )
    return dict(await cursor.fetchall())


async def roots_of(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], incident_id: str
) -> set[str]:
    """The root of one incident, as a set."""
    return set((await roots_by_incident(connection, tables, {incident_id})).values())


async def roots_counting(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], link_id: str
) -> set[str]:
    """The roots whose losses or equipment count the claims of a link."""
    cursor = await connection.execute(
        over_tables(
            "SELECT DISTINCT i.root_id FROM {links} k"
            " JOIN {claims} c ON c.claim_id = k.claim_id"
            " JOIN {incidents} i ON i.incident_id = c.incident_id AND i.to_pos IS NULL"
            " WHERE k.link_id = %s AND c.type IN ({counted})",
            tables,
            counted=_COUNTED_TYPES,
        ),
        (link_id,),
    )
    return {row[0] for row in await cursor.fetchall()}


async def roots_citing(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], source_id: str
) -> set[str]:
    """The roots with counted claims whose statement comes from ``source_id``."""
    cursor = await connection.execute(
        over_tables(
            "SELECT DISTINCT i.root_id FROM {claims} c"
            " JOIN {incidents} i ON i.incident_id = c.incident_id AND i.to_pos IS NULL"
            " WHERE c.origin_id = %s AND c.type IN ({counted}) AND c.to_pos IS NULL",
            tables,
            counted=_COUNTED_TYPES,
        ),
        (source_id,),
    )
    return {row[0] for row in await cursor.fetchall()}
