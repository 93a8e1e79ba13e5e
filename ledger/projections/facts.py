"""The facts projection: every claim as a row, and each incident's losses counted once.

The losses, equipment, deployments and reconciliation views are queries over these tables,
so they always agree with each other at one position of the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


class FactsProjection(Projection):
    """Sources, incidents and claims as rows; losses per incident counted once."""

    version: ClassVar[int] = 1
    event_types: ClassVar[frozenset[str]] = INCIDENT_EVENT_TYPES | SOURCE_EVENT_TYPES
    tables: ClassVar[Mapping[str, TableSpec]] = {
        "sources": TableSpec(
            columns="""
                source_id  text PRIMARY KEY,
                grade      text NOT NULL,
                party      text
            """
        ),
        "incidents": TableSpec(
            columns="""
                incident_id      text        PRIMARY KEY,
                root_id          text        NOT NULL,
                report_event_id  text        NOT NULL,
                category         text        NOT NULL,
                country          text        NOT NULL,
                admin1           text,
                occurred_start   timestamptz NOT NULL,
                occurred_end     timestamptz NOT NULL,
                retracted        boolean     NOT NULL DEFAULT false,
                report           jsonb       NOT NULL
            """,
            indexes=("(root_id)", "(occurred_start)"),
        ),
        "claims": TableSpec(
            columns="""
                claim_id      text        PRIMARY KEY,
                incident_id   text        NOT NULL,
                type          text        NOT NULL,
                source_id     text        NOT NULL,
                credibility   integer     NOT NULL,
                reported_at   timestamptz NOT NULL,
                position      bigint      NOT NULL,
                active        boolean     NOT NULL DEFAULT true,
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
                document      jsonb       NOT NULL
            """,
            indexes=("(incident_id)", "(source_id)", "(type, active)"),
        ),
        "losses": TableSpec(
            columns="""
                root_id    text    NOT NULL,
                party      text    NOT NULL,
                grp        text    NOT NULL,
                measure    text    NOT NULL,
                low        bigint  NOT NULL,
                best       bigint  NOT NULL,
                high       bigint,
                claim_ids  text[]  NOT NULL,
                PRIMARY KEY (root_id, party, grp, measure)
            """,
            indexes=("(party, measure)",),
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
        """Fold a batch; then count again the losses of every incident it touched."""
        dirty: set[str] = set()
        for record in records:
            dirty |= await self._apply_one(connection, tables, record)
        await self._count_losses(connection, tables, dirty)

    async def _apply_one(  # noqa: PLR0911 - one branch per event type reads best
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        record: EventRecord,
    ) -> set[str]:
        event = record.event
        if isinstance(event, SourceRegistered):
            await connection.execute(
                f'INSERT INTO "{tables["sources"]}" (source_id, grade, party)'  # noqa: S608
                " VALUES (%s, %s, %s) ON CONFLICT (source_id) DO NOTHING",
                (event.source_id, event.grade.value, event.party),
            )
            return set()
        if isinstance(event, SourceRegraded):
            await connection.execute(
                f'UPDATE "{tables["sources"]}" SET grade = %s WHERE source_id = %s',  # noqa: S608
                (event.grade.value, event.source_id),
            )
            return await self._roots_citing(connection, tables, event.source_id)
        if isinstance(event, IncidentReported):
            await self._upsert_incident(connection, tables, event, record.event_id)
            return set()
        if isinstance(event, CasualtiesReported | EquipmentLossClaimed | ForcesDeployed):
            return await self._insert_claim(connection, tables, event, record)
        if isinstance(event, CiviliansDisplaced | RunningTotalStated):
            return await self._insert_claim(connection, tables, event, record)
        if isinstance(event, ClaimCorrected):
            return await self._correct(connection, tables, event)
        if isinstance(event, ClaimRetracted):
            return await self._retract(connection, tables, event)
        if isinstance(event, IncidentsMerged):
            return await self._merge(connection, tables, event)
        return set()

    async def _upsert_incident(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        report: IncidentReported,
        report_event_id: str,
    ) -> None:
        await connection.execute(
            f"""
            INSERT INTO "{tables["incidents"]}" (incident_id, root_id, report_event_id,
                category, country, admin1, occurred_start, occurred_end, report)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)
            ON CONFLICT (incident_id) DO UPDATE SET
                category = EXCLUDED.category, country = EXCLUDED.country,
                admin1 = EXCLUDED.admin1, occurred_start = EXCLUDED.occurred_start,
                occurred_end = EXCLUDED.occurred_end, report = EXCLUDED.report
            """,  # noqa: S608 - our table name
            (
                report.incident_id,
                report.incident_id,
                report_event_id,
                report.category.value,
                report.location.country,
                report.location.admin1,
                report.occurred.start,
                report.occurred.end,
                msgspec.json.encode(report).decode(),
            ),
        )

    async def _insert_claim(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ReportEvent,
        record: EventRecord,
    ) -> set[str]:
        columns = _claim_columns(event)
        await connection.execute(
            f"""
            INSERT INTO "{tables["claims"]}" (claim_id, incident_id, type, source_id,
                credibility, reported_at, position, party, grp, operator, claimed_by,
                platform, model, area, measure, period_start, period_end, document)
            VALUES (%(claim_id)s, %(incident_id)s, %(type)s, %(source_id)s, %(credibility)s,
                %(reported_at)s, %(position)s, %(party)s, %(grp)s, %(operator)s,
                %(claimed_by)s, %(platform)s, %(model)s, %(area)s, %(measure)s,
                %(period_start)s, %(period_end)s, %(document)s::jsonb)
            ON CONFLICT (claim_id) DO NOTHING
            """,  # noqa: S608 - our table name
            {
                "claim_id": record.event_id,
                "incident_id": event.incident_id,
                "type": event_type(type(event)),
                "source_id": event.attribution.source_id,
                "credibility": event.attribution.credibility,
                "reported_at": event.attribution.reported_at,
                "position": record.position,
                "document": msgspec.json.encode(event).decode(),
                **columns,
            },
        )
        if isinstance(event, CasualtiesReported):
            return await self._roots_of(connection, tables, [event.incident_id])
        return set()

    async def _correct(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ClaimCorrected,
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT document::text, type FROM "{tables["claims"]}"'  # noqa: S608
            " WHERE claim_id = %s",
            (event.target_event_id,),
        )
        row = await cursor.fetchone()
        if row is None:
            report = await self._incident_report(connection, tables, event.target_event_id)
            if report is not None:
                corrected = apply_changes(report, event.changes)
                assert isinstance(corrected, IncidentReported)  # noqa: S101 - same type back
                await self._upsert_incident(connection, tables, corrected, event.target_event_id)
            return await self._roots_of(connection, tables, [event.incident_id])
        claim = _report_decoder.decode(row[0])
        corrected_claim = apply_changes(claim, event.changes)
        assert not isinstance(corrected_claim, IncidentReported)  # noqa: S101
        columns = _claim_columns(corrected_claim)
        assignments = ", ".join(f"{name} = %({name})s" for name in columns)
        await connection.execute(
            f'UPDATE "{tables["claims"]}" SET {assignments},'  # noqa: S608 - our names
            " document = %(document)s::jsonb WHERE claim_id = %(claim_id)s",
            {
                **columns,
                "document": msgspec.json.encode(corrected_claim).decode(),
                "claim_id": event.target_event_id,
            },
        )
        return await self._roots_of(connection, tables, [event.incident_id])

    async def _retract(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ClaimRetracted,
    ) -> set[str]:
        await connection.execute(
            f'UPDATE "{tables["claims"]}" SET active = false WHERE claim_id = %s',  # noqa: S608
            (event.target_event_id,),
        )
        await connection.execute(
            f'UPDATE "{tables["incidents"]}" SET retracted = true'  # noqa: S608
            " WHERE report_event_id = %s",
            (event.target_event_id,),
        )
        return await self._roots_of(connection, tables, [event.incident_id])

    async def _merge(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: IncidentsMerged,
    ) -> set[str]:
        roots = await self._roots_of(
            connection, tables, [event.incident_id, event.merged_incident_id]
        )
        surviving = next(iter(await self._roots_of(connection, tables, [event.incident_id])))
        await connection.execute(
            f'UPDATE "{tables["incidents"]}" SET root_id = %s WHERE root_id = ANY(%s)',  # noqa: S608
            (surviving, sorted(roots)),
        )
        return roots | {surviving}

    @staticmethod
    async def _incident_report(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], event_id: str
    ) -> IncidentReported | None:
        cursor = await connection.execute(
            f'SELECT report::text FROM "{tables["incidents"]}"'  # noqa: S608
            " WHERE report_event_id = %s",
            (event_id,),
        )
        row = await cursor.fetchone()
        return None if row is None else _incident_decoder.decode(row[0])

    @staticmethod
    async def _roots_of(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], incident_ids: list[str]
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT root_id FROM "{tables["incidents"]}" WHERE incident_id = ANY(%s)',  # noqa: S608
            (incident_ids,),
        )
        return {row[0] for row in await cursor.fetchall()}

    @staticmethod
    async def _roots_citing(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], source_id: str
    ) -> set[str]:
        cursor = await connection.execute(
            f'SELECT DISTINCT i.root_id FROM "{tables["claims"]}" c'  # noqa: S608
            f' JOIN "{tables["incidents"]}" i ON i.incident_id = c.incident_id'
            " WHERE c.source_id = %s AND c.type = 'casualties.reported'",
            (source_id,),
        )
        return {row[0] for row in await cursor.fetchall()}

    async def _count_losses(
        self, connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], roots: set[str]
    ) -> None:
        if not roots:
            return
        cursor = await connection.execute(
            f"""
            SELECT i.root_id, c.claim_id, c.source_id, s.grade, c.credibility, c.reported_at,
                   c.position, c.document::text
            FROM "{tables["claims"]}" c
            JOIN "{tables["incidents"]}" i ON i.incident_id = c.incident_id
            LEFT JOIN "{tables["sources"]}" s ON s.source_id = c.source_id
            WHERE i.root_id = ANY(%s) AND c.type = 'casualties.reported' AND c.active
            """,  # noqa: S608 - our table names
            (sorted(roots),),
        )
        claims: dict[str, list[CasualtyClaim]] = {root: [] for root in roots}
        for (
            root_id,
            claim_id,
            source_id,
            grade,
            credibility,
            reported_at,
            position,
            doc,
        ) in await cursor.fetchall():
            report = _report_decoder.decode(doc)
            assert isinstance(report, CasualtiesReported)  # noqa: S101 - filtered by type
            estimates: dict[str, Estimate] = {
                m: getattr(report, m) for m in MEASURES if getattr(report, m) is not None
            }
            claims[root_id].append(
                CasualtyClaim(
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
            )
        losses = tables["losses"]
        await connection.execute(
            f'DELETE FROM "{losses}" WHERE root_id = ANY(%s)',  # noqa: S608
            (sorted(roots),),
        )
        rows = [
            (root, f.party, f.group, f.measure, f.low, f.best, f.high, list(f.claim_ids))
            for root, root_claims in claims.items()
            for f in loss_figures(root_claims)
        ]
        if rows:
            async with connection.cursor() as insert:
                await insert.executemany(
                    f'INSERT INTO "{losses}" (root_id, party, grp, measure, low, best, high,'  # noqa: S608
                    " claim_ids) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
