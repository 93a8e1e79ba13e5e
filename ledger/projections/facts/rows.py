"""The facts tables: their definitions, and the rows each event makes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import msgspec
from psycopg import sql

from ledger.domain.events import (
    CasualtiesReported,
    CiviliansDisplaced,
    EquipmentLossClaimed,
    ForcesDeployed,
    IncidentRelated,
    IncidentReported,
    ReportEvent,
    RunningTotalStated,
    SituationStated,
    SourceRegistered,
    event_type,
)
from ledger.domain.incidents import incident_time_zone
from ledger.domain.records import EventRecord
from ledger.domain.time_zones import local_date
from ledger.projections.definition import TableSpec
from ledger.projections.temporal import VALIDITY_COLUMNS, made_at
from ledger.store import GlobalCursor

_encoder: Final = msgspec.json.Encoder()


def claim_columns(event: ReportEvent) -> dict[str, Any]:
    """The columns a claim's views filter and group on."""
    columns: dict[str, Any] = dict.fromkeys(FILTER_COLUMN_TYPES)
    if isinstance(event, CasualtiesReported):
        columns |= {"party": event.party, "grp": event.group.value}
    elif isinstance(event, EquipmentLossClaimed):
        columns |= {
            "party": event.operator,
            "operator": event.operator,
            "claimed_by": event.claimed_by,
            "platform": event.platform.value,
            "model": event.model,
        }
    elif isinstance(event, ForcesDeployed):
        columns |= {"party": event.party, "area": event.area}
    elif isinstance(event, CiviliansDisplaced):
        columns |= {"area": event.area}
    elif isinstance(event, RunningTotalStated):
        columns |= {
            "party": event.party,
            "measure": event.measure.value,
            "period_start": event.period_start,
            "period_end": event.period_end,
        }
    return columns


INCIDENT_COLUMNS: Final = (
    "incident_id",
    "root_id",
    "report_event_id",
    "category",
    "country",
    "admin1",
    "occurred_start",
    "occurred_end",
    "local_day",
    "retracted",
    "report",
    "said_from",
)
FILTER_COLUMN_TYPES: Final = {
    "party": "text",
    "grp": "text",
    "operator": "text",
    "claimed_by": "text",
    "platform": "text",
    "model": "text",
    "area": "text",
    "measure": "text",
    "period_start": "timestamptz",
    "period_end": "timestamptz",
}
"""The columns ``claim_columns`` decides, in order, each with its type as COPY sends it."""
CLAIM_COLUMN_TYPES: Final = {
    "claim_id": "text",
    "incident_id": "text",
    "type": "text",
    "source_id": "text",
    "origin_id": "text",
    "credibility": "int4",
    "reported_at": "timestamptz",
    "said_from": "timestamptz",
    "position": "int8",
    **FILTER_COLUMN_TYPES,
    "document": "text",  # json, sent as its text
}
"""A claim's columns, in order, each with its type as COPY sends it."""
CLAIM_COLUMNS: Final = tuple(CLAIM_COLUMN_TYPES)
NEW_CLAIM_TYPES: Final = {**CLAIM_COLUMN_TYPES, "from_tx": "int8", "from_pos": "int8"}
"""A new claim's row (``claim_row``): its columns, then where its first version holds from."""
LOSS_TYPES: Final = {
    "root_id": "text",
    "party": "text",
    "grp": "text",
    "measure": "text",
    "low": "int8",
    "best": "int8",
    "high": "int8",
    "claim_ids": "text[]",
    "occurred_start": "timestamptz",
    "admin1": "text",
    "local_day": "date",
    "from_tx": "int8",
    "from_pos": "int8",
    "to_tx": "int8",
    "to_pos": "int8",
}
"""A loss version's columns, in order, each with its type as COPY sends it."""
EQUIPMENT_TYPES: Final = {
    "item_key": "text",
    "incident_id": "text",
    "operator": "text",
    "platform": "text",
    "model": "text",
    "status": "text",
    "crew_fate": "text",
    "quantity": "int4",
    "claimed_by": "text",
    "actor": "text",
    "sources": "text[]",
    "confirmed": "bool",
    "claim_ids": "text[]",
    "incidents": "text[]",
    "from_tx": "int8",
    "from_pos": "int8",
    "to_tx": "int8",
    "to_pos": "int8",
}
"""An equipment item version's columns, in order, each with its type as COPY sends it."""


COLUMN_TYPES: Final = {
    "document": "json",
    "report": "json",
    "occurred_start": "timestamptz",
    "occurred_end": "timestamptz",
    "local_day": "date",
    "period_start": "timestamptz",
    "period_end": "timestamptz",
    "said_from": "timestamptz",
}


def set_to_parameters(changed: Mapping[str, Any]) -> dict[str, sql.Composable]:
    """A revision's changes: each column takes its parameter, typed as the column is."""
    return {
        column: sql.SQL("{}::{}").format(
            sql.Placeholder(column), sql.SQL(COLUMN_TYPES.get(column, "text"))
        )
        for column in changed
    }


CLAIM_EVENTS: Final = (
    CasualtiesReported,
    EquipmentLossClaimed,
    ForcesDeployed,
    CiviliansDisplaced,
    RunningTotalStated,
    IncidentRelated,
)
"""The events that each add a claim."""

ADDING_EVENTS: Final = (*CLAIM_EVENTS, SourceRegistered, IncidentReported)
"""The events that only add rows: no row that exists changes."""


TABLES: Final[Mapping[str, TableSpec]] = {
    "sources": TableSpec(
        columns=f"""
            source_id  text NOT NULL,
            grade      text NOT NULL,
            party      text,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (source_id, from_tx, from_pos)
        """,
    ),
    "incidents": TableSpec(
        columns=f"""
            incident_id      text        NOT NULL,
            root_id          text        NOT NULL,
            report_event_id  text        NOT NULL,
            category         text        NOT NULL,
            country          text        NOT NULL,
            admin1           text,
            occurred_start   timestamptz NOT NULL,
            occurred_end     timestamptz NOT NULL,
            local_day        date        NOT NULL,
            retracted        boolean     NOT NULL DEFAULT false,
            report           json        NOT NULL,
            said_from        timestamptz NOT NULL,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (incident_id, from_tx, from_pos)
        """,
        indexes=(
            "(root_id)",
            "(report_event_id) WHERE to_pos IS NULL",
            "(occurred_start)",
        ),
    ),
    "claims": TableSpec(
        columns=f"""
            claim_id      text        NOT NULL,
            incident_id   text        NOT NULL,
            type          text        NOT NULL,
            source_id     text        NOT NULL,
            origin_id     text        NOT NULL,
            credibility   integer     NOT NULL,
            reported_at   timestamptz NOT NULL,
            said_from     timestamptz NOT NULL,
            position      bigint      NOT NULL,
            party         text,
            grp           text,
            operator      text,
            claimed_by    text,
            platform      text,
            model         text,
            area          text,
            measure       text,
            period_start  timestamptz,
            period_end    timestamptz,
            document      json        NOT NULL,
            said_to       timestamptz,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (claim_id, from_tx, from_pos)
        """,
        indexes=(
            "(incident_id)",
            "(origin_id, type) WHERE to_pos IS NULL",
            "(type, from_tx, from_pos)",
            "(source_id, position)",
            # The subject stays in the document: a column would be missing from the claims
            # of a generation an earlier version built, which this one keeps current.
            (
                "(operator, (document->>'subject')) WHERE (document->>'subject') IS NOT NULL"
                " AND to_pos IS NULL"
            ),
        ),
    ),
    "situations": TableSpec(
        columns=f"""
            claim_id      text        NOT NULL,
            situation_id  text        NOT NULL,
            kind          text        NOT NULL,
            source_id     text        NOT NULL,
            origin_id     text        NOT NULL,
            reported_at   timestamptz NOT NULL,
            position      bigint      NOT NULL,
            document      json        NOT NULL,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (claim_id, from_tx, from_pos)
        """,
        indexes=("(kind, situation_id) WHERE to_pos IS NULL",),
    ),
    "links": TableSpec(
        columns=f"""
            link_id   text NOT NULL,
            claim_id  text NOT NULL,
            reason    text NOT NULL,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (link_id, claim_id, from_tx, from_pos)
        """,
        indexes=("(claim_id) WHERE to_pos IS NULL",),
    ),
    "losses": TableSpec(
        columns=f"""
            root_id         text        NOT NULL,
            party           text        NOT NULL,
            grp             text        NOT NULL,
            measure         text        NOT NULL,
            low             bigint      NOT NULL,
            best            bigint      NOT NULL,
            high            bigint,
            claim_ids       text[]      NOT NULL,
            occurred_start  timestamptz NOT NULL,
            admin1          text,
            local_day       date        NOT NULL,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (root_id, party, grp, measure, from_tx, from_pos)
        """,
        indexes=(
            "(root_id) WHERE to_pos IS NULL",
            "(party, measure, occurred_start) WHERE to_pos IS NULL",
            "(occurred_start, party)",
        ),
    ),
    "equipment": TableSpec(
        columns=f"""
            item_key        text COLLATE "C" NOT NULL,
            incident_id     text        NOT NULL,
            operator        text        NOT NULL,
            platform        text        NOT NULL,
            model           text,
            status          text        NOT NULL,
            crew_fate       text        NOT NULL,
            quantity        integer     NOT NULL,
            claimed_by      text,
            actor           text,
            sources         text[]      NOT NULL,
            confirmed       boolean     NOT NULL,
            claim_ids       text[]      NOT NULL,
            incidents       text[]      NOT NULL,
            {VALIDITY_COLUMNS},
            PRIMARY KEY (item_key, from_tx, from_pos)
        """,
        indexes=(
            "(operator, platform, status) WHERE to_pos IS NULL",
            # Without the pending list: a bulk rebuild looks items up between its inserts.
            "USING gin (incidents) WITH (fastupdate = off) WHERE to_pos IS NULL",
        ),
    ),
}

"""The tables of the facts projection."""


def transactions(records: Sequence[EventRecord]) -> list[list[EventRecord]]:
    """The records grouped by transaction, in log order."""
    grouped: list[list[EventRecord]] = []
    for record in records:
        if grouped and grouped[-1][-1].transaction_id == record.transaction_id:
            grouped[-1].append(record)
        else:
            grouped.append([record])
    return grouped


def casualty_incidents(records: Sequence[EventRecord]) -> set[str]:
    """The incidents that ``records`` add casualty claims to."""
    return {r.event.incident_id for r in records if isinstance(r.event, CasualtiesReported)}


def source_version(
    record: EventRecord,
) -> tuple[dict[str, Any], dict[str, Any], GlobalCursor]:
    """A registered source's row: key, values and the cursor it holds from."""
    event = record.event
    assert isinstance(event, SourceRegistered)  # noqa: S101 - gathered by type
    return (
        {"source_id": event.source_id},
        {"grade": event.grade.value, "party": event.party},
        made_at(record),
    )


def incident_version(
    record: EventRecord,
) -> tuple[dict[str, Any], dict[str, Any], GlobalCursor]:
    """A reported incident's row: key, values and the cursor it holds from."""
    event = record.event
    assert isinstance(event, IncidentReported)  # noqa: S101 - gathered by type
    return (
        {"incident_id": event.incident_id},
        {
            "root_id": event.incident_id,
            "report_event_id": record.event_id,
            "retracted": False,
            **report_columns(event),
            "said_from": event.attribution.reported_at,
        },
        made_at(record),
    )


def situation_version(record: EventRecord) -> tuple[dict[str, Any], dict[str, Any], GlobalCursor]:
    """A situation statement's row: key, values and the cursor it holds from."""
    event = record.event
    assert isinstance(event, SituationStated)  # noqa: S101 - gathered by type
    return (
        {"claim_id": record.event_id},
        {
            "situation_id": event.situation_id,
            "kind": event.kind.value,
            "source_id": event.attribution.source_id,
            "origin_id": event.attribution.origin,
            "reported_at": event.attribution.reported_at,
            "position": record.position,
            "document": _encoder.encode(event).decode(),
        },
        made_at(record),
    )


def claim_row(record: EventRecord) -> tuple[Any, ...]:
    """A new claim's row, its first version: the values of ``NEW_CLAIM_TYPES`` in order."""
    event = record.event
    assert isinstance(event, CLAIM_EVENTS)  # noqa: S101 - gathered by type
    attribution = event.attribution
    return (
        record.event_id,
        event.incident_id,
        event_type(type(event)),
        attribution.source_id,
        attribution.origin,
        attribution.credibility,
        attribution.reported_at,
        attribution.reported_at,
        record.position,
        *claim_columns(event).values(),
        _encoder.encode(event).decode(),
        record.transaction_id,
        record.position,
    )


def report_columns(report: IncidentReported) -> dict[str, Any]:
    """The columns of an incident row that its report (as corrected) decides."""
    return {
        "category": report.category.value,
        "country": report.location.country,
        "admin1": report.location.admin1,
        "occurred_start": report.occurred.start,
        "occurred_end": report.occurred.end,
        "local_day": local_date(report.occurred.start, incident_time_zone(report)),
        "report": msgspec.json.encode(report).decode(),
    }
