"""The facts projection: every claim as a row, and each incident's losses counted once.

The losses, equipment, deployments and reconciliation views are queries over these tables,
so they always agree with each other at one position of the log. Every table keeps each
version of its rows over the range of the global order it held (``temporal``), so each view
can also be read as it stood at any past position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final

import msgspec
import psycopg

from ledger.domain.estimates import Estimate
from ledger.domain.events import (
    INCIDENT_EVENT_TYPES,
    SOURCE_EVENT_TYPES,
    CasualtiesReported,
    CiviliansDisplaced,
    ClaimCorrected,
    ClaimRetracted,
    EquipmentLossClaimed,
    ForcesDeployed,
    IncidentReported,
    IncidentsMerged,
    ReportEvent,
    RunningTotalStated,
    SourceRegistered,
    SourceRegraded,
    event_type,
)
from ledger.domain.figures import MEASURES, CasualtyClaim, loss_figures
from ledger.domain.incidents import apply_changes
from ledger.domain.records import EventRecord
from ledger.domain.vocabulary import ReliabilityGrade
from ledger.projections.definition import Projection, TableSpec
from ledger.projections.temporal import VALIDITY_COLUMNS, end, revise, supersede
from ledger.store import GlobalCursor

_report_decoder: Final = msgspec.json.Decoder(ReportEvent)
_incident_decoder: Final = msgspec.json.Decoder(IncidentReported)


def _claim_columns(event: ReportEvent) -> dict[str, Any]:
    """The columns a claim's views filter and group on."""
    columns: dict[str, Any] = {
        "party": None,
        "grp": None,
        "operator": None,
        "claimed_by": None,
        "platform": None,
        "model": None,
        "area": None,
        "measure": None,
        "period_start": None,
        "period_end": None,
    }
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


_INCIDENT_COLUMNS: Final = (
    "incident_id",
    "root_id",
    "report_event_id",
    "category",
    "country",
    "admin1",
    "occurred_start",
    "occurred_end",
    "retracted",
    "report",
)
_CLAIM_COLUMNS: Final = (
    "claim_id",
    "incident_id",
    "type",
    "source_id",
    "credibility",
    "reported_at",
    "position",
    "party",
    "grp",
    "operator",
    "claimed_by",
    "platform",
    "model",
    "area",
    "measure",
    "period_start",
    "period_end",
    "document",
)


_COLUMN_TYPES: Final = {
    "document": "jsonb",
    "report": "jsonb",
    "occurred_start": "timestamptz",
    "occurred_end": "timestamptz",
    "period_start": "timestamptz",
    "period_end": "timestamptz",
}


def _set_to_parameters(changed: Mapping[str, Any]) -> dict[str, str]:
    """A revision's changes: each column takes its parameter, typed as the column is."""
    return {column: f"%({column})s::{_COLUMN_TYPES.get(column, 'text')}" for column in changed}


_CLAIM_EVENTS: Final = (
    CasualtiesReported,
    EquipmentLossClaimed,
    ForcesDeployed,
    CiviliansDisplaced,
    RunningTotalStated,
)
"""The events that each add a claim."""


def _cursor(record: EventRecord) -> GlobalCursor:
    return GlobalCursor(record.transaction_id, record.position)


class FactsProjection(Projection):
    """Sources, incidents and claims as rows; losses per incident counted once.

    Every row is versioned by the events that made and ended it, so the views also answer
    as of a past position; losses are counted again after each transaction that changes
    them.
    """

    version: ClassVar[int] = 2
    event_types: ClassVar[frozenset[str]] = INCIDENT_EVENT_TYPES | SOURCE_EVENT_TYPES
    tables: ClassVar[Mapping[str, TableSpec]] = {
        "sources": TableSpec(
            columns=f"""
                source_id  text NOT NULL,
                grade      text NOT NULL,
                party      text,
                {VALIDITY_COLUMNS},
                PRIMARY KEY (source_id, from_tx, from_pos)
            """,
            indexes=("(source_id) WHERE to_pos IS NULL",),
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
                retracted        boolean     NOT NULL DEFAULT false,
                report           jsonb       NOT NULL,
                {VALIDITY_COLUMNS},
                PRIMARY KEY (incident_id, from_tx, from_pos)
            """,
            indexes=(
                "(incident_id) WHERE to_pos IS NULL",
                "(root_id) WHERE to_pos IS NULL",
                "(report_event_id) WHERE to_pos IS NULL",
            ),
        ),
        "claims": TableSpec(
            columns=f"""
                claim_id      text        NOT NULL,
                incident_id   text        NOT NULL,
                type          text        NOT NULL,
                source_id     text        NOT NULL,
                credibility   integer     NOT NULL,
                reported_at   timestamptz NOT NULL,
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
                document      jsonb       NOT NULL,
                {VALIDITY_COLUMNS},
                PRIMARY KEY (claim_id, from_tx, from_pos)
            """,
            indexes=(
                "(claim_id) WHERE to_pos IS NULL",
                "(incident_id) WHERE to_pos IS NULL",
                "(source_id, type) WHERE to_pos IS NULL",
                "(type, from_tx, from_pos)",
            ),
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
                {VALIDITY_COLUMNS},
                PRIMARY KEY (root_id, party, grp, measure, from_tx, from_pos)
            """,
            indexes=(
                "(root_id) WHERE to_pos IS NULL",
                "(party, measure, occurred_start) WHERE to_pos IS NULL",
                "(occurred_start, party)",
            ),
        ),
    }

    def __init__(self, name: str = "facts") -> None:
        super().__init__(name)

    async def apply(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: Sequence[EventRecord],
    ) -> None:
        """Fold each event; after each transaction's last, count the touched losses again.

        A past moment is always the end of a transaction (``EventStore.cursor_at``), so
        losses counted once per transaction are exact at every moment anyone can ask for.
        """
        dirty: set[str] = set()
        new_claims: list[EventRecord] = []
        for index, record in enumerate(records):
            if isinstance(record.event, _CLAIM_EVENTS):
                new_claims.append(record)
            else:
                dirty |= await self._insert_claims(connection, tables, new_claims)
                dirty |= await self._apply_one(connection, tables, record)
            following = records[index + 1] if index + 1 < len(records) else None
            if following is None or following.transaction_id != record.transaction_id:
                dirty |= await self._insert_claims(connection, tables, new_claims)
                await self._count_losses(connection, tables, dirty, _cursor(record))
                dirty = set()

    async def _apply_one(  # noqa: PLR0911 - one branch per event type reads best
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        record: EventRecord,
    ) -> set[str]:
        event, at = record.event, _cursor(record)
        if isinstance(event, SourceRegistered):
            await supersede(
                connection,
                tables["sources"],
                {"source_id": event.source_id},
                {"grade": event.grade.value, "party": event.party},
                at,
            )
            return set()
        if isinstance(event, SourceRegraded):
            await revise(
                connection,
                tables["sources"],
                columns=("source_id", "grade", "party"),
                where="source_id = %(source_id)s",
                parameters={"source_id": event.source_id, "grade": event.grade.value},
                changes={"grade": "%(grade)s"},
                at=at,
            )
            return await self._roots_citing(connection, tables, event.source_id)
        if isinstance(event, IncidentReported):
            await supersede(
                connection,
                tables["incidents"],
                {"incident_id": event.incident_id},
                {
                    "root_id": event.incident_id,
                    "report_event_id": record.event_id,
                    "retracted": False,
                    **_report_columns(event),
                },
                at,
            )
            return set()
        if isinstance(event, ClaimCorrected):
            return await self._correct(connection, tables, event, at)
        if isinstance(event, ClaimRetracted):
            return await self._retract(connection, tables, event, at)
        if isinstance(event, IncidentsMerged):
            return await self._merge(connection, tables, event, at)
        return set()

    async def _insert_claims(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: list[EventRecord],
    ) -> set[str]:
        """Insert the claims gathered so far, in one round trip; empties ``records``.

        Returns the roots of the incidents that got casualty claims.
        """
        if not records:
            return set()
        rows = [_claim_row(record) for record in records]
        casualties = sorted(
            {r.event.incident_id for r in records if isinstance(r.event, CasualtiesReported)}
        )
        records.clear()
        columns = [*_CLAIM_COLUMNS, "from_tx", "from_pos"]
        async with connection.cursor() as cursor:
            await cursor.executemany(
                f'INSERT INTO "{tables["claims"]}" ({", ".join(columns)})'  # noqa: S608
                f" VALUES ({', '.join(f'%({c})s' for c in columns)})"
                " ON CONFLICT (claim_id, from_tx, from_pos) DO NOTHING",
                rows,
            )
        return await self._roots_of(connection, tables, casualties) if casualties else set()

    async def _correct(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ClaimCorrected,
        at: GlobalCursor,
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT document::text FROM "{tables["claims"]}"'  # noqa: S608
            " WHERE claim_id = %s AND to_pos IS NULL",
            (event.target_event_id,),
        )
        row = await cursor.fetchone()
        if row is None:
            report = await self._incident_report(connection, tables, event.target_event_id)
            if report is not None:
                corrected = apply_changes(report, event.changes)
                assert isinstance(corrected, IncidentReported)  # noqa: S101 - same type back
                changed = _report_columns(corrected)
                await revise(
                    connection,
                    tables["incidents"],
                    columns=_INCIDENT_COLUMNS,
                    where="report_event_id = %(target)s",
                    parameters={"target": event.target_event_id, **changed},
                    changes=_set_to_parameters(changed),
                    at=at,
                )
            return await self._roots_of(connection, tables, [event.incident_id])
        claim = _report_decoder.decode(row[0])
        corrected_claim = apply_changes(claim, event.changes)
        assert not isinstance(corrected_claim, IncidentReported)  # noqa: S101
        changed = {
            **_claim_columns(corrected_claim),
            "document": msgspec.json.encode(corrected_claim).decode(),
        }
        await revise(
            connection,
            tables["claims"],
            columns=_CLAIM_COLUMNS,
            where="claim_id = %(target)s",
            parameters={"target": event.target_event_id, **changed},
            changes=_set_to_parameters(changed),
            at=at,
        )
        return await self._roots_of(connection, tables, [event.incident_id])

    async def _retract(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ClaimRetracted,
        at: GlobalCursor,
    ) -> set[str]:
        await end(connection, tables["claims"], {"claim_id": event.target_event_id}, at)
        await revise(
            connection,
            tables["incidents"],
            columns=_INCIDENT_COLUMNS,
            where="report_event_id = %(target)s",
            parameters={"target": event.target_event_id},
            changes={"retracted": "true"},
            at=at,
        )
        return await self._roots_of(connection, tables, [event.incident_id])

    async def _merge(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: IncidentsMerged,
        at: GlobalCursor,
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT incident_id, root_id FROM "{tables["incidents"]}"'  # noqa: S608
            " WHERE incident_id = ANY(%s) AND to_pos IS NULL",
            ([event.incident_id, event.merged_incident_id],),
        )
        root_of = dict(await cursor.fetchall())
        roots, surviving = set(root_of.values()), root_of[event.incident_id]
        await revise(
            connection,
            tables["incidents"],
            columns=_INCIDENT_COLUMNS,
            where="root_id = ANY(%(roots)s) AND root_id <> %(surviving)s",
            parameters={"roots": sorted(roots), "surviving": surviving},
            changes={"root_id": "%(surviving)s"},
            at=at,
        )
        return roots | {surviving}

    @staticmethod
    async def _incident_report(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], event_id: str
    ) -> IncidentReported | None:
        cursor = await connection.execute(
            f'SELECT report::text FROM "{tables["incidents"]}"'  # noqa: S608
            " WHERE report_event_id = %s AND to_pos IS NULL",
            (event_id,),
        )
        row = await cursor.fetchone()
        return None if row is None else _incident_decoder.decode(row[0])

    @staticmethod
    async def _roots_of(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], incident_ids: list[str]
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT root_id FROM "{tables["incidents"]}"'  # noqa: S608 - our table name
            " WHERE incident_id = ANY(%s) AND to_pos IS NULL",
            (incident_ids,),
        )
        return {row[0] for row in await cursor.fetchall()}

    @staticmethod
    async def _roots_citing(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], source_id: str
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT DISTINCT i.root_id FROM "{tables["claims"]}" c'  # noqa: S608
            f' JOIN "{tables["incidents"]}" i'
            " ON i.incident_id = c.incident_id AND i.to_pos IS NULL"
            " WHERE c.source_id = %s AND c.type = 'casualties.reported' AND c.to_pos IS NULL",
            (source_id,),
        )
        return {row[0] for row in await cursor.fetchall()}

    async def _count_losses(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        roots: set[str],
        at: GlobalCursor,
    ) -> None:
        """Count the roots' losses again: their loss rows from ``at`` on."""
        if not roots:
            return
        cursor = await connection.execute(
            f"""
            SELECT i.root_id, c.claim_id, c.source_id, s.grade, c.credibility, c.reported_at,
                   c.position, c.document::text
            FROM "{tables["claims"]}" c
            JOIN "{tables["incidents"]}" i ON i.incident_id = c.incident_id AND i.to_pos IS NULL
            LEFT JOIN "{tables["sources"]}" s
                   ON s.source_id = c.source_id AND s.to_pos IS NULL
            WHERE i.root_id = ANY(%s) AND c.type = 'casualties.reported' AND c.to_pos IS NULL
            """,  # noqa: S608 - our table names
            (sorted(roots),),
        )
        claims: dict[str, list[CasualtyClaim]] = {root: [] for root in roots}
        for row in await cursor.fetchall():
            claims[row[0]].append(_casualty_claim(*row[1:]))
        cursor = await connection.execute(
            f'SELECT incident_id, occurred_start, admin1 FROM "{tables["incidents"]}"'  # noqa: S608
            " WHERE incident_id = ANY(%s) AND to_pos IS NULL AND NOT retracted",
            (sorted(roots),),
        )
        counted = {row[0]: (row[1], row[2]) for row in await cursor.fetchall()}
        counts = {
            (root, f.party, f.group, f.measure): (f.low, f.best, f.high, list(f.claim_ids))
            + counted[root]
            for root, root_claims in claims.items()
            if root in counted
            for f in loss_figures(root_claims)
        }
        await self._write_counts(connection, tables["losses"], roots, counts, at)

    @staticmethod
    async def _write_counts(
        connection: psycopg.AsyncConnection[Any],
        losses: str,
        roots: set[str],
        counts: Mapping[tuple[Any, ...], tuple[Any, ...]],
        at: GlobalCursor,
    ) -> None:
        """Version the loss rows of ``roots`` that changed; those that did not stay as are."""
        cursor = await connection.execute(
            f"SELECT root_id, party, grp, measure, low, best, high, claim_ids,"  # noqa: S608
            f' occurred_start, admin1 FROM "{losses}"'
            " WHERE root_id = ANY(%s) AND to_pos IS NULL",
            (sorted(roots),),
        )
        standing = {tuple(row[:4]): tuple(row[4:]) for row in await cursor.fetchall()}
        ended = [key for key, values in standing.items() if counts.get(key) != values]
        fresh = [key + values for key, values in counts.items() if standing.get(key) != values]
        if ended:
            async with connection.cursor() as ending:
                await ending.executemany(
                    f'UPDATE "{losses}" SET to_tx = %s, to_pos = %s'  # noqa: S608
                    " WHERE (root_id, party, grp, measure) = (%s, %s, %s, %s)"
                    " AND to_pos IS NULL",
                    [(at.transaction_id, at.position, *key) for key in ended],
                )
        if fresh:
            async with connection.cursor() as insert:
                await insert.executemany(
                    f'INSERT INTO "{losses}" (root_id, party, grp, measure, low, best, high,'  # noqa: S608
                    " claim_ids, occurred_start, admin1, from_tx, from_pos)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [(*row, at.transaction_id, at.position) for row in fresh],
                )


def _claim_row(record: EventRecord) -> dict[str, Any]:
    """A new claim's row, its first version."""
    event = record.event
    assert isinstance(event, _CLAIM_EVENTS)  # noqa: S101 - gathered by type
    return {
        "claim_id": record.event_id,
        "incident_id": event.incident_id,
        "type": event_type(type(event)),
        "source_id": event.attribution.source_id,
        "credibility": event.attribution.credibility,
        "reported_at": event.attribution.reported_at,
        "position": record.position,
        "document": msgspec.json.encode(event).decode(),
        "from_tx": record.transaction_id,
        "from_pos": record.position,
        **_claim_columns(event),
    }


def _report_columns(report: IncidentReported) -> dict[str, Any]:
    """The columns of an incident row that its report (as corrected) decides."""
    return {
        "category": report.category.value,
        "country": report.location.country,
        "admin1": report.location.admin1,
        "occurred_start": report.occurred.start,
        "occurred_end": report.occurred.end,
        "report": msgspec.json.encode(report).decode(),
    }


def _casualty_claim(  # noqa: PLR0913, PLR0917 - one argument per selected column
    claim_id: str,
    source_id: str,
    grade: str | None,
    credibility: int,
    reported_at: datetime,
    position: int,
    document: str,
) -> CasualtyClaim:
    report = _report_decoder.decode(document)
    assert isinstance(report, CasualtiesReported)  # noqa: S101 - filtered by type
    estimates: dict[str, Estimate] = {
        m: getattr(report, m) for m in MEASURES if getattr(report, m) is not None
    }
    return CasualtyClaim(
        claim_id=claim_id,
        source_id=source_id,
        grade=ReliabilityGrade(grade) if grade else None,
        credibility=credibility,
        reported_at=reported_at,
        position=position,
        party=report.party,
        group=report.group.value,
        estimates=estimates,
    )
