"""The facts projection: every claim as a row, and each incident's losses counted once.

The losses, equipment, deployments and reconciliation views are queries over these tables,
so they always agree with each other at one position of the log. Every table keeps each
version of its rows over the range of the global order it held (``temporal``), so each view
can also be read as it stood at any past position.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final, NamedTuple

import msgspec
import psycopg

from ledger.domain.estimates import Estimate
from ledger.domain.events import (
    INCIDENT_EVENT_TYPES,
    LINK_EVENT_TYPES,
    SITUATION_EVENT_TYPES,
    SOURCE_EVENT_TYPES,
    CasualtiesReported,
    CiviliansDisplaced,
    ClaimCorrected,
    ClaimRetracted,
    ClaimsLinked,
    ClaimsUnlinked,
    EquipmentLossClaimed,
    ForcesDeployed,
    IncidentRelated,
    IncidentReported,
    IncidentsMerged,
    ReportEvent,
    RunningTotalStated,
    SituationStated,
    SourceRegistered,
    SourceRegraded,
    event_type,
)
from ledger.domain.figures import MEASURES, CasualtyClaim, counted_where, loss_figures
from ledger.domain.incidents import apply_changes, incident_time_zone
from ledger.domain.records import EventRecord
from ledger.domain.time_zones import local_date
from ledger.domain.vocabulary import CasualtyGroup, ReliabilityGrade
from ledger.projections.bulk import (
    COPY_AT_LEAST,
    as_columns,
    can_copy,
    copy_rows,
    insert_json_rows,
)
from ledger.projections.definition import CheckpointMove, Projection, TableSpec
from ledger.projections.recent import Recent
from ledger.projections.temporal import (
    VALIDITY_COLUMNS,
    end,
    made_at,
    revise,
    supersede,
    supersede_all,
)
from ledger.store import GlobalCursor

_encoder: Final = msgspec.json.Encoder()
_REMEMBERED_CLAIMS: Final = 20_000
_REMEMBERED_ROOTS: Final = 1000
_REVISION_COST: Final = 50
_report_decoder: Final = msgspec.json.Decoder(ReportEvent)
_incident_decoder: Final = msgspec.json.Decoder(IncidentReported)


def _claim_columns(event: ReportEvent) -> dict[str, Any]:
    """The columns a claim's views filter and group on."""
    columns: dict[str, Any] = dict.fromkeys(_FILTER_COLUMN_TYPES)
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
    "local_day",
    "retracted",
    "report",
    "said_from",
)
_FILTER_COLUMN_TYPES: Final = {
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
"""The columns ``_claim_columns`` decides, in order, each with its type as COPY sends it."""
_CLAIM_COLUMN_TYPES: Final = {
    "claim_id": "text",
    "incident_id": "text",
    "type": "text",
    "source_id": "text",
    "origin_id": "text",
    "credibility": "int4",
    "reported_at": "timestamptz",
    "said_from": "timestamptz",
    "position": "int8",
    **_FILTER_COLUMN_TYPES,
    "document": "text",  # json, sent as its text
}
"""A claim's columns, in order, each with its type as COPY sends it."""
_CLAIM_COLUMNS: Final = tuple(_CLAIM_COLUMN_TYPES)
_NEW_CLAIM_TYPES: Final = {**_CLAIM_COLUMN_TYPES, "from_tx": "int8", "from_pos": "int8"}
"""A new claim's row (``_claim_row``): its columns, then where its first version holds from."""
_LOSS_TYPES: Final = {
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


_COLUMN_TYPES: Final = {
    "document": "json",
    "report": "json",
    "occurred_start": "timestamptz",
    "occurred_end": "timestamptz",
    "local_day": "date",
    "period_start": "timestamptz",
    "period_end": "timestamptz",
    "said_from": "timestamptz",
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
    IncidentRelated,
)
"""The events that each add a claim."""

_ADDING_EVENTS: Final = (*_CLAIM_EVENTS, SourceRegistered, IncidentReported)
"""The events that only add rows: no row that exists changes."""


class FactsProjection(Projection):
    """Sources, incidents and claims as rows; losses per incident counted once.

    Every row is versioned by the events that made and ended it, so the views also answer
    as of a past position; losses are counted again after each transaction that changes
    them. Applied by its runner alone, each event once: new rows are inserted, never merged.
    A batch with at least ``copy_at_least`` new claims or loss versions writes them with
    COPY.
    """

    version: ClassVar[int] = 6
    event_types: ClassVar[frozenset[str]] = (
        INCIDENT_EVENT_TYPES | SOURCE_EVENT_TYPES | LINK_EVENT_TYPES | SITUATION_EVENT_TYPES
    )
    tables: ClassVar[Mapping[str, TableSpec]] = {
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
                "(root_id) WHERE to_pos IS NULL",
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
    }

    def __init__(self, name: str = "facts", *, copy_at_least: int = COPY_AT_LEAST) -> None:
        super().__init__(name)
        self._copy_at_least = copy_at_least
        # A claim version never changes, only its source's grade may: live batches that
        # count an incident's losses again read its claims again, and decoding and building
        # them was most of that. Keyed by claim, version and grade.
        self._claims: Recent[tuple[str, int, int, str | None], CasualtyClaim] = Recent(
            _REMEMBERED_CLAIMS
        )
        self._root_memory = _RootMemory()

    def cost(self, record: EventRecord) -> int:
        """An event that only adds rows is folded with many; any other costs a transaction.

        A revision reads its roots' claims and counts their losses again on its own: about
        fifty times an added claim.
        """
        return 1 if isinstance(record.event, _ADDING_EVENTS) else _REVISION_COST

    async def apply(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: Sequence[EventRecord],
        move: CheckpointMove | None = None,
    ) -> None:
        """Fold each transaction; after each, count the losses it touched again.

        A past moment is always the end of a transaction (``EventStore.cursor_at``), so
        losses counted once per transaction are exact at every moment anyone can ask for.
        Consecutive transactions that only add (sources, incidents, claims) are written
        together and counted in memory: most of the log, at a handful of round trips per
        batch instead of several per transaction. The roots' claims counted are remembered
        for the next batch, which ``move`` proves follows this one.
        """
        remembered = self._root_memory.recall(tables["claims"], move)
        run: list[list[EventRecord]] = []
        for transaction in _transactions(records):
            if all(isinstance(record.event, _ADDING_EVENTS) for record in transaction):
                run.append(transaction)
                continue
            await self._fold_additions(connection, tables, run, remembered)
            run = []
            # Corrections, retractions, merges and regrades change claims already counted.
            remembered.clear()
            # In pipeline mode a statement whose result is not read is sent without
            # waiting: the server writes while the fold goes on here.
            async with connection.pipeline():
                dirty = await self._fold_transaction(connection, tables, transaction)
                touched = [(made_at(transaction[-1]), dirty)]
                inputs = await self._loss_inputs(connection, tables, touched)
                losses = _count(inputs, touched)
                await losses.write(connection, tables["losses"], self._copy_at_least)
        await self._fold_additions(connection, tables, run, remembered)
        self._root_memory.keep(tables["claims"], move, remembered)

    async def _fold_transaction(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        transaction: list[EventRecord],
    ) -> set[str]:
        """Fold one transaction's events in order; return the roots whose losses changed."""
        dirty: set[str] = set()
        new_claims: list[EventRecord] = []
        for record in transaction:
            if isinstance(record.event, _CLAIM_EVENTS):
                new_claims.append(record)
                continue
            dirty |= await self._insert_claims(connection, tables, new_claims)
            new_claims = []
            dirty |= await self._apply_one(connection, tables, record)
        return dirty | await self._insert_claims(connection, tables, new_claims)

    async def _fold_additions(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        run: list[list[EventRecord]],
        remembered: Recent[str, _RootClaims],
    ) -> None:
        """Write a run of transactions that only add rows, then count each one's losses.

        Roots whose claims are ``remembered`` are not read; those read or remembered are
        remembered with this run's claims added.
        """
        if not run:
            return
        records = [record for transaction in run for record in transaction]
        if any(isinstance(record.event, SourceRegistered) for record in records):
            remembered.clear()  # a claim citing a source not registered yet had no grade
        claims = [record for record in records if isinstance(record.event, _CLAIM_EVENTS)]
        copying = can_copy(connection, len(claims), self._copy_at_least)
        async with connection.pipeline():
            # Sources and incidents first: a claim cites a source and an incident that exist.
            await supersede_all(
                connection,
                tables["sources"],
                [_source_version(r) for r in records if isinstance(r.event, SourceRegistered)],
            )
            await supersede_all(
                connection,
                tables["incidents"],
                [_incident_version(r) for r in records if isinstance(r.event, IncidentReported)],
            )
            touched = [_casualty_incidents(transaction) for transaction in run]
            root_of = await self._roots_by_incident(connection, tables, set().union(*touched))
            dirty = [
                (made_at(transaction[-1]), {root_of[i] for i in incidents if i in root_of})
                for transaction, incidents in zip(run, touched, strict=True)
            ]
            # Read before the run's claims are written, which then need not be read back.
            unwritten = [
                _Unwritten(root_of[r.event.incident_id], r, r.event)
                for r in claims
                if isinstance(r.event, CasualtiesReported) and r.event.incident_id in root_of
            ]
            inputs = await self._loss_inputs(connection, tables, dirty, unwritten, remembered)
            if not copying:  # sent in the pipeline: inserted while the losses are counted
                await self._write_claims(connection, tables, claims)
        if copying:
            await self._copy_claims(connection, tables, claims)
        await _count(inputs, dirty).write(connection, tables["losses"], self._copy_at_least)
        # An incident with claims before this run is likely to get more; most met in a
        # rebuild get all theirs in one transaction and are not worth holding.
        for root in inputs.stored:
            remembered.keep(root, tuple(inputs.claims[root]))

    async def _apply_one(  # noqa: PLR0911 - one branch per event type reads best
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        record: EventRecord,
    ) -> set[str]:
        event, at = record.event, made_at(record)
        if isinstance(event, SourceRegistered):
            await supersede(connection, tables["sources"], *_source_version(record))
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
            await supersede(connection, tables["incidents"], *_incident_version(record))
            return set()
        if isinstance(event, ClaimCorrected):
            return await self._correct(connection, tables, event, at)
        if isinstance(event, ClaimRetracted):
            return await self._retract(connection, tables, event, at)
        if isinstance(event, IncidentsMerged):
            return await self._merge(connection, tables, event, at)
        if isinstance(event, ClaimsLinked):
            links = tables["links"]
            reason = {"reason": event.reason}
            linked = [
                ({"link_id": event.link_id, "claim_id": c}, reason, at) for c in event.claim_ids
            ]
            await supersede_all(connection, links, linked)
            return await self._roots_counting(connection, tables, event.link_id)
        if isinstance(event, ClaimsUnlinked):
            # Read before the link ends: its claims count apart from here on.
            parted = await self._roots_counting(connection, tables, event.link_id)
            await end(connection, tables["links"], {"link_id": event.link_id}, at)
            return parted
        if isinstance(event, SituationStated):
            await supersede(connection, tables["situations"], *_situation_version(record))
        return set()

    async def _insert_claims(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: list[EventRecord],
    ) -> set[str]:
        """Insert the claims gathered so far; return the roots of those with casualties."""
        await self._write_claims(connection, tables, records)
        casualties = _casualty_incidents(records)
        return set((await self._roots_by_incident(connection, tables, casualties)).values())

    @staticmethod
    async def _write_claims(
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: list[EventRecord],
    ) -> None:
        """Insert new claims' first versions in one statement (``insert_json_rows``)."""
        if not records:
            return
        rows = []
        for record in records:
            row = dict(zip(_NEW_CLAIM_TYPES, _claim_row(record), strict=True))
            row["document"] = msgspec.Raw(row["document"].encode())
            rows.append(row)
        await insert_json_rows(connection, tables["claims"], _NEW_CLAIM_TYPES, rows)

    @staticmethod
    async def _copy_claims(
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: list[EventRecord],
    ) -> None:
        """Insert many new claims' first versions with COPY."""
        await copy_rows(connection, tables["claims"], _NEW_CLAIM_TYPES, map(_claim_row, records))

    async def _correct(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ClaimCorrected,
        at: GlobalCursor,
    ) -> set[str]:
        said = event.attribution.reported_at
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
                changed = {**_report_columns(corrected), "said_from": said}
                await revise(
                    connection,
                    tables["incidents"],
                    columns=_INCIDENT_COLUMNS,
                    where="report_event_id = %(target)s",
                    parameters={"target": event.target_event_id, **changed},
                    changes=_set_to_parameters(changed),
                    at=at,
                )
            return await self._roots(connection, tables, event.incident_id)
        claim = _report_decoder.decode(row[0])
        corrected_claim = apply_changes(claim, event.changes)
        assert not isinstance(corrected_claim, IncidentReported)  # noqa: S101
        changed = {
            **_claim_columns(corrected_claim),
            "document": msgspec.json.encode(corrected_claim).decode(),
            "said_from": said,
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
        return await self._roots(connection, tables, event.incident_id)

    async def _retract(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        event: ClaimRetracted,
        at: GlobalCursor,
    ) -> set[str]:
        said = event.attribution.reported_at
        await end(connection, tables["claims"], {"claim_id": event.target_event_id}, at, said)
        await revise(
            connection,
            tables["incidents"],
            columns=_INCIDENT_COLUMNS,
            where="report_event_id = %(target)s",
            parameters={"target": event.target_event_id, "said": said},
            changes={"retracted": "true", "said_from": "%(said)s"},
            at=at,
        )
        return await self._roots(connection, tables, event.incident_id)

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
            # The ledger's own act: it holds whatever the sources had said by then.
            changes={"root_id": "%(surviving)s", "said_from": "'-infinity'"},
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
    async def _roots_by_incident(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], incident_ids: set[str]
    ) -> dict[str, str]:
        """Each incident's root: itself, or the incident it was merged into."""
        if not incident_ids:
            return {}
        cursor = await connection.execute(
            f'SELECT incident_id, root_id FROM "{tables["incidents"]}"'  # noqa: S608
            " WHERE incident_id = ANY(%s) AND to_pos IS NULL",
            (sorted(incident_ids),),
        )
        return dict(await cursor.fetchall())

    async def _roots(
        self, connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], incident_id: str
    ) -> set[str]:
        return set((await self._roots_by_incident(connection, tables, {incident_id})).values())

    @staticmethod
    async def _roots_counting(
        connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str], link_id: str
    ) -> set[str]:
        """The roots whose losses count the casualty claims of a link."""
        cursor = await connection.execute(
            f'SELECT DISTINCT i.root_id FROM "{tables["links"]}" k'  # noqa: S608
            f' JOIN "{tables["claims"]}" c ON c.claim_id = k.claim_id'
            f' JOIN "{tables["incidents"]}" i'
            " ON i.incident_id = c.incident_id AND i.to_pos IS NULL"
            " WHERE k.link_id = %s AND c.type = 'casualties.reported'",
            (link_id,),
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
            " WHERE c.origin_id = %s AND c.type = 'casualties.reported' AND c.to_pos IS NULL",
            (source_id,),
        )
        return {row[0] for row in await cursor.fetchall()}

    async def _loss_inputs(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        touched: Sequence[tuple[GlobalCursor, set[str]]],
        unwritten: Sequence[_Unwritten] = (),
        remembered: Recent[str, _RootClaims] | None = None,
    ) -> _LossInputs:
        """What counting the losses of ``touched``'s roots needs, read in one round trip.

        ``touched`` lists, in log order, the end of each transaction and the roots it
        changed. ``unwritten`` holds casualty claims folded but not yet in the claims table,
        in log order and after every claim that is: they count as if read from it. The
        claims of roots ``remembered`` are taken from there, not read.
        """
        links = await _casualty_links(connection, tables)
        roots = sorted(links.joined_to(set().union(*(dirty for _, dirty in touched))))
        if not roots:
            return _LossInputs(claims={}, counted={}, standing={}, stored=frozenset(), links=links)
        known = {
            root: kept
            for root in roots
            if remembered is not None and (kept := remembered.get(root)) is not None
        }
        unread = [root for root in roots if root not in known]
        # Every query is sent before any answer is read: in pipeline mode, one round trip.
        claims = connection.cursor() if unread else None
        if claims is not None:
            await claims.execute(
                f"""
                SELECT i.root_id, c.from_tx, c.from_pos, c.claim_id, c.source_id, s.grade,
                       c.credibility, c.reported_at, c.position, c.document::text
                FROM "{tables["claims"]}" c
                JOIN "{tables["incidents"]}" i
                  ON i.incident_id = c.incident_id AND i.to_pos IS NULL
                LEFT JOIN "{tables["sources"]}" s
                       ON s.source_id = c.origin_id AND s.to_pos IS NULL
                WHERE i.root_id = ANY(%s) AND c.type = 'casualties.reported'
                  AND c.to_pos IS NULL
                ORDER BY c.from_tx, c.from_pos
                """,  # noqa: S608 - our table names
                (unread,),
            )
        counted = connection.cursor()
        await counted.execute(
            f"SELECT incident_id, occurred_start, admin1, local_day"  # noqa: S608
            f' FROM "{tables["incidents"]}"'
            " WHERE incident_id = ANY(%s) AND to_pos IS NULL AND NOT retracted",
            (roots,),
        )
        standing = connection.cursor()
        await standing.execute(
            f"SELECT root_id, party, grp, measure, low, best, high, claim_ids,"  # noqa: S608
            f' occurred_start, admin1, local_day FROM "{tables["losses"]}"'
            " WHERE root_id = ANY(%s) AND to_pos IS NULL",
            (roots,),
        )
        # Claims read from the table come with their source's grade; only new ones need it.
        grades = connection.cursor() if unwritten else None
        if grades is not None:
            await grades.execute(
                f'SELECT source_id, grade FROM "{tables["sources"]}"'  # noqa: S608
                " WHERE source_id = ANY(%s) AND to_pos IS NULL",
                (sorted({claim.report.attribution.origin for claim in unwritten}),),
            )
        by_root = {root: list(known.get(root, ())) for root in roots}
        if claims is not None:
            for row in await claims.fetchall():
                by_root[row[0]].append((GlobalCursor(row[1], row[2]), self._stored_claim(row)))
        stored = frozenset(root for root, claims_of_root in by_root.items() if claims_of_root)
        grade_of = dict(await grades.fetchall()) if grades is not None else {}
        for root, record, report in unwritten:
            if root in by_root:
                attribution = report.attribution
                claim = casualty_claim(
                    record.event_id,
                    attribution.source_id,
                    grade_of.get(attribution.origin),
                    attribution.credibility,
                    attribution.reported_at,
                    record.position,
                    report,
                )
                by_root[root].append((made_at(record), claim))
        return _LossInputs(
            claims=by_root,
            counted={row[0]: tuple(row[1:]) for row in await counted.fetchall()},
            standing={tuple(row[:4]): tuple(row[4:]) for row in await standing.fetchall()},
            stored=stored,
            links=links,
        )

    def _stored_claim(self, row: tuple[Any, ...]) -> CasualtyClaim:
        """A casualty claim read from the claims table, decoded once per version and grade."""
        version = (row[3], row[1], row[2], row[5])
        claim = self._claims.get(version)
        if claim is None:
            report = counted_report.decode(row[9])
            claim = casualty_claim(row[3], row[4], row[5], row[6], row[7], row[8], report)
            self._claims.keep(version, claim)
        return claim


_RootClaims = tuple[tuple[GlobalCursor, CasualtyClaim], ...]
"""A root's current casualty claims in log order, each with the cursor it was made at."""


class _RootMemory:
    """The roots' claims a batch counted, for the batch that follows it in one generation.

    Kept per claims table (one per generation) with where the batch moved the checkpoint.
    A batch that starts anywhere else starts from nothing: another runner applied one in
    between, or the transaction that remembered them rolled back.
    """

    def __init__(self) -> None:
        # A live generation, and one being built beside it.
        self._tables: Recent[str, tuple[GlobalCursor, Recent[str, _RootClaims]]] = Recent(2)

    def recall(self, table: str, move: CheckpointMove | None) -> Recent[str, _RootClaims]:
        """What the batch before ``move`` left for ``table``, if it ended where this starts."""
        kept = self._tables.get(table)
        # Forgotten until this batch is applied whole: one that fails leaves nothing.
        self._tables.forget(table)
        if kept is not None and move is not None and kept[0] == move.after:
            return kept[1]
        return Recent(_REMEMBERED_ROOTS)

    def keep(
        self, table: str, move: CheckpointMove | None, remembered: Recent[str, _RootClaims]
    ) -> None:
        """Keep ``remembered`` for the batch that will start where ``move`` ends."""
        if move is not None:
            self._tables.keep(table, (move.to, remembered))


class _Unwritten(NamedTuple):
    """A casualty claim folded but not yet written, with its incident's root."""

    root: str
    record: EventRecord
    report: CasualtiesReported


class _LossInputs(NamedTuple):
    """The stored (and just folded) facts that a run's losses are counted from."""

    claims: dict[str, list[tuple[GlobalCursor, CasualtyClaim]]]
    """Each root's current casualty claims in log order, with the cursor each was made at."""
    counted: dict[str, tuple[Any, ...]]
    """Each root not retracted: its incident's occurred_start, admin1 and local day."""
    standing: dict[tuple[Any, ...], tuple[Any, ...]]
    """The roots' current loss rows: (root, party, group, measure) → figures."""
    stored: frozenset[str]
    """The roots that had casualty claims before the claims just folded."""
    links: _CasualtyLinks
    """The casualty claims linked as one count, and the roots they join."""


class _CasualtyLinks(NamedTuple):
    """The standing links of casualty claims: each one's claims, and the roots they join.

    A claim's root is its incident's: claims never move, but a merge moves incidents.
    """

    claims: list[list[str]]
    neighbours: dict[str, set[str]]

    def joined_to(self, roots: set[str]) -> set[str]:
        """``roots`` and every root a chain of links joins to them.

        Their losses count each other's claims.
        """
        found, frontier = set(roots), list(roots)
        while frontier:
            for neighbour in self.neighbours.get(frontier.pop(), ()):
                if neighbour not in found:
                    found.add(neighbour)
                    frontier.append(neighbour)
        return found


async def _casualty_links(
    connection: psycopg.AsyncConnection[Any], tables: Mapping[str, str]
) -> _CasualtyLinks:
    """Every standing link of casualty claims, with the roots of its claims.

    Retracted claims are kept in: the roots they joined are counted again when they go.
    Links are an analyst's findings, few beside the claims: read whole, in one query.
    """
    cursor = await connection.execute(
        f"""
        SELECT k.link_id, k.claim_id, i.root_id
        FROM "{tables["links"]}" k
        CROSS JOIN LATERAL (
            SELECT c.incident_id, c.type FROM "{tables["claims"]}" c
            WHERE c.claim_id = k.claim_id LIMIT 1
        ) c
        JOIN "{tables["incidents"]}" i ON i.incident_id = c.incident_id AND i.to_pos IS NULL
        WHERE k.to_pos IS NULL AND c.type = 'casualties.reported'
        ORDER BY k.link_id
        """  # noqa: S608 - our table names
    )
    claims: dict[str, list[str]] = {}
    roots: dict[str, set[str]] = {}
    for link_id, claim_id, root in await cursor.fetchall():
        claims.setdefault(link_id, []).append(claim_id)
        roots.setdefault(link_id, set()).add(root)
    neighbours: dict[str, set[str]] = {}
    for joined in roots.values():
        for root in joined:
            neighbours.setdefault(root, set()).update(joined - {root})
    return _CasualtyLinks(list(claims.values()), neighbours)


def _made(claim: tuple[GlobalCursor, CasualtyClaim]) -> GlobalCursor:
    return claim[0]


def _count(inputs: _LossInputs, touched: Sequence[tuple[GlobalCursor, set[str]]]) -> _LossVersions:
    """The losses of each transaction's touched roots as they stood at its end.

    A claim counts at a transaction's end when its current version was made by then. Only
    the loss rows whose figures changed get a new version, made at that transaction's end.
    """
    versions = _LossVersions(inputs.standing)
    for at, dirty in touched:
        # Roots linked to a touched one count each other's claims: counted again together.
        roots = inputs.links.joined_to(dirty)
        visible = {}
        for root in roots & inputs.counted.keys():
            # A root's claims are in log order: those made by ``at`` are a prefix.
            claims = inputs.claims[root]
            visible[root] = [claim for _, claim in claims[: bisect_right(claims, at, key=_made)]]
        counted = counted_where(visible, inputs.links.claims)
        for root in sorted(roots):
            counts = {
                (root, f.party, f.group, f.measure): (
                    f.low,
                    f.best,
                    f.high,
                    list(f.claim_ids),
                    *inputs.counted[root],
                )
                for f in loss_figures(counted.get(root, ()))
            }
            versions.count(root, counts, at)
    return versions


class _LossVersions:
    """The loss rows' new versions, worked out in memory over a run of transactions.

    Starts from the stored current rows; each count ends the versions whose figures
    changed and opens new ones. ``write`` then ends the stored rows that changed and
    inserts the new versions, those already ended within the run with their end.
    """

    def __init__(self, standing: dict[tuple[Any, ...], tuple[Any, ...]]) -> None:
        self._current: dict[tuple[Any, ...], tuple[tuple[Any, ...], int | None]] = {
            key: (figures, None) for key, figures in standing.items()
        }
        self._stored_ended: list[tuple[tuple[Any, ...], GlobalCursor]] = []
        self._new: list[list[Any]] = []  # key, figures, made at, ended at (or None)

    def count(
        self, root: str, counts: Mapping[tuple[Any, ...], tuple[Any, ...]], at: GlobalCursor
    ) -> None:
        """Make ``counts`` the figures of ``root`` from ``at`` on."""
        keys = {key for key in self._current if key[0] == root} | set(counts)
        for key in sorted(keys):
            figures = counts.get(key)
            current = self._current.get(key)
            if current is not None and current[0] == figures:
                continue
            if current is not None:
                _, new_index = current
                if new_index is None:
                    self._stored_ended.append((key, at))
                else:
                    self._new[new_index][3] = at
                del self._current[key]
            if figures is not None:
                self._new.append([key, figures, at, None])
                self._current[key] = (figures, len(self._new) - 1)

    async def write(
        self,
        connection: psycopg.AsyncConnection[Any],
        losses: str,
        copy_at_least: int,
    ) -> None:
        """End the stored versions that changed, then insert the new ones."""
        # One statement each for the ended and the new versions: a statement per row cost
        # the live runner more than counting the losses did (docs/performance.md).
        if self._stored_ended:
            await connection.execute(
                f'UPDATE "{losses}" AS l SET to_tx = e.to_tx, to_pos = e.to_pos'  # noqa: S608
                " FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[], %b::int8[],"
                " %b::int8[]) AS e (root_id, party, grp, measure, to_tx, to_pos)"
                " WHERE (l.root_id, l.party, l.grp, l.measure)"
                " = (e.root_id, e.party, e.grp, e.measure) AND l.to_pos IS NULL",
                as_columns(
                    (*key, at.transaction_id, at.position) for key, at in self._stored_ended
                ),
            )
        rows = [
            (
                *key,
                *figures,
                made.transaction_id,
                made.position,
                None if ended is None else ended.transaction_id,
                None if ended is None else ended.position,
            )
            for key, figures, made, ended in self._new
        ]
        if can_copy(connection, len(rows), copy_at_least):
            await copy_rows(connection, losses, _LOSS_TYPES, rows)
        elif rows:
            documents = [dict(zip(_LOSS_TYPES, row, strict=True)) for row in rows]
            await insert_json_rows(connection, losses, _LOSS_TYPES, documents)


def _transactions(records: Sequence[EventRecord]) -> list[list[EventRecord]]:
    """The records grouped by transaction, in log order."""
    grouped: list[list[EventRecord]] = []
    for record in records:
        if grouped and grouped[-1][-1].transaction_id == record.transaction_id:
            grouped[-1].append(record)
        else:
            grouped.append([record])
    return grouped


def _casualty_incidents(records: Sequence[EventRecord]) -> set[str]:
    """The incidents that ``records`` add casualty claims to."""
    return {r.event.incident_id for r in records if isinstance(r.event, CasualtiesReported)}


def _source_version(
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


def _incident_version(
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
            **_report_columns(event),
            "said_from": event.attribution.reported_at,
        },
        made_at(record),
    )


def _situation_version(record: EventRecord) -> tuple[dict[str, Any], dict[str, Any], GlobalCursor]:
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


def _claim_row(record: EventRecord) -> tuple[Any, ...]:
    """A new claim's row, its first version: the values of ``_NEW_CLAIM_TYPES`` in order."""
    event = record.event
    assert isinstance(event, _CLAIM_EVENTS)  # noqa: S101 - gathered by type
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
        *_claim_columns(event).values(),
        _encoder.encode(event).decode(),
        record.transaction_id,
        record.position,
    )


def _report_columns(report: IncidentReported) -> dict[str, Any]:
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


class _Relaying(msgspec.Struct, frozen=True, gc=False):
    relays: str | None = None
    relays_claim: str | None = None


class CountedReport(msgspec.Struct, frozen=True, gc=False):
    """What counting losses reads of a stored casualty report; decoded without the rest."""

    party: str
    group: CasualtyGroup
    attribution: _Relaying
    killed: Estimate | None = None
    wounded: Estimate | None = None
    captured: Estimate | None = None
    missing: Estimate | None = None


counted_report: Final = msgspec.json.Decoder(CountedReport)
"""Decodes a claims row's document of a casualty report as ``CountedReport``."""


def casualty_claim(  # noqa: PLR0913, PLR0917 - one argument per claim column
    claim_id: str,
    source_id: str,
    grade: str | None,
    credibility: int,
    reported_at: datetime,
    position: int,
    report: CasualtiesReported | CountedReport,
) -> CasualtyClaim:
    """A casualty claim as the figures need it."""
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
        relays=report.attribution.relays,
        relays_claim=report.attribution.relays_claim,
    )
