"""The facts projection: every claim as a row, and each incident's losses counted once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

import msgspec
import psycopg
from psycopg import sql

from ledger.domain.events import (
    INCIDENT_EVENT_TYPES,
    LINK_EVENT_TYPES,
    SITUATION_EVENT_TYPES,
    SOURCE_EVENT_TYPES,
    CasualtiesReported,
    ClaimCorrected,
    ClaimRetracted,
    ClaimsLinked,
    ClaimsUnlinked,
    IncidentReported,
    IncidentsMerged,
    SituationStated,
    SourceRegistered,
    SourceRegraded,
)
from ledger.domain.records import EventRecord
from ledger.projections.bulk import COPY_AT_LEAST, can_copy, copy_rows, insert_json_rows
from ledger.projections.definition import CheckpointMove, Projection, TableSpec
from ledger.projections.facts.counting import LossReader, RootClaims, Unwritten, count
from ledger.projections.facts.equipment import (
    count_equipment,
    equipment_incidents,
    fresh_claims,
)
from ledger.projections.facts.memory import RootMemory
from ledger.projections.facts.revisions import (
    correct,
    merge,
    retract,
    roots_by_incident,
    roots_citing,
    roots_counting,
)
from ledger.projections.facts.rows import (
    ADDING_EVENTS,
    CLAIM_EVENTS,
    NEW_CLAIM_TYPES,
    TABLES,
    casualty_incidents,
    claim_row,
    incident_version,
    situation_version,
    source_version,
    transactions,
)
from ledger.projections.temporal import end, made_at, revise, supersede, supersede_all
from ledger.recent import Recent
from ledger.store import GlobalCursor

_REVISION_COST: Final = 50


def _roots_by_transaction(
    run: Sequence[Sequence[EventRecord]],
    incidents: Sequence[set[str]],
    root_of: Mapping[str, str],
) -> list[tuple[GlobalCursor, set[str]]]:
    """Each transaction's end, and the roots of its ``incidents``."""
    return [
        (made_at(transaction[-1]), {root_of[i] for i in touched if i in root_of})
        for transaction, touched in zip(run, incidents, strict=True)
    ]


class FactsProjection(Projection):
    """Sources, incidents and claims as rows; losses per incident and equipment counted once.

    Every row is versioned by the events that made and ended it, so the views also answer
    as of a past position; losses are counted again after each transaction that changes
    them. Applied by its runner alone, each event once: new rows are inserted, never merged.
    A batch with at least ``copy_at_least`` new claims or loss versions writes them with
    COPY.
    """

    version: ClassVar[int] = 8
    event_types: ClassVar[frozenset[str]] = (
        INCIDENT_EVENT_TYPES | SOURCE_EVENT_TYPES | LINK_EVENT_TYPES | SITUATION_EVENT_TYPES
    )
    tables: ClassVar[Mapping[str, TableSpec]] = TABLES

    def __init__(self, name: str = "facts", *, copy_at_least: int = COPY_AT_LEAST) -> None:
        super().__init__(name)
        self._copy_at_least = copy_at_least
        self._losses = LossReader()
        self._root_memory = RootMemory()

    def cost(self, record: EventRecord) -> int:
        """An event that only adds rows is folded with many; any other costs a transaction.

        A revision reads its roots' claims and counts their losses again on its own: about
        fifty times an added claim.
        """
        return 1 if isinstance(record.event, ADDING_EVENTS) else _REVISION_COST

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
        for transaction in transactions(records):
            if all(isinstance(record.event, ADDING_EVENTS) for record in transaction):
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
                inputs = await self._losses.read(connection, tables, touched)
                losses = count(inputs, touched, tables["losses"])
                await losses.write(connection, self._copy_at_least)
                await count_equipment(connection, tables, touched, self._copy_at_least)
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
            if isinstance(record.event, CLAIM_EVENTS):
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
        remembered: Recent[str, RootClaims],
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
        claims = [record for record in records if isinstance(record.event, CLAIM_EVENTS)]
        copying = can_copy(connection, len(claims), self._copy_at_least)
        async with connection.pipeline():
            # Sources and incidents first: a claim cites a source and an incident that exist.
            await supersede_all(
                connection,
                tables["sources"],
                [source_version(r) for r in records if isinstance(r.event, SourceRegistered)],
            )
            await supersede_all(
                connection,
                tables["incidents"],
                [incident_version(r) for r in records if isinstance(r.event, IncidentReported)],
            )
            touched = [casualty_incidents(transaction) for transaction in run]
            equipped = [equipment_incidents(transaction) for transaction in run]
            root_of = await roots_by_incident(connection, tables, set().union(*touched, *equipped))
            dirty = _roots_by_transaction(run, touched, root_of)
            # Read before the run's claims are written, which then need not be read back.
            unwritten = [
                Unwritten(root_of[r.event.incident_id], r, r.event)
                for r in claims
                if isinstance(r.event, CasualtiesReported) and r.event.incident_id in root_of
            ]
            inputs = await self._losses.read(connection, tables, dirty, unwritten, remembered)
            if not copying:  # sent in the pipeline: inserted while the losses are counted
                await self._write_claims(connection, tables, claims)
        if copying:
            await self._copy_claims(connection, tables, claims)
        await count(inputs, dirty, tables["losses"]).write(connection, self._copy_at_least)
        await count_equipment(
            connection,
            tables,
            _roots_by_transaction(run, equipped, root_of),
            self._copy_at_least,
            fresh_claims(records),
        )
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
            await supersede(connection, tables["sources"], *source_version(record))
            return set()
        if isinstance(event, SourceRegraded):
            await revise(
                connection,
                tables["sources"],
                columns=("source_id", "grade", "party"),
                where=sql.SQL("source_id = %(source_id)s"),
                parameters={"source_id": event.source_id, "grade": event.grade.value},
                changes={"grade": sql.SQL("%(grade)s")},
                at=at,
            )
            return await roots_citing(connection, tables, event.source_id)
        if isinstance(event, IncidentReported):
            await supersede(connection, tables["incidents"], *incident_version(record))
            return set()
        if isinstance(event, ClaimCorrected):
            return await correct(connection, tables, event, at)
        if isinstance(event, ClaimRetracted):
            return await retract(connection, tables, event, at)
        if isinstance(event, IncidentsMerged):
            return await merge(connection, tables, event, at)
        if isinstance(event, ClaimsLinked):
            links = tables["links"]
            reason = {"reason": event.reason}
            linked = [
                ({"link_id": event.link_id, "claim_id": c}, reason, at) for c in event.claim_ids
            ]
            await supersede_all(connection, links, linked)
            return await roots_counting(connection, tables, event.link_id)
        if isinstance(event, ClaimsUnlinked):
            # Read before the link ends: its claims count apart from here on.
            parted = await roots_counting(connection, tables, event.link_id)
            await end(connection, tables["links"], {"link_id": event.link_id}, at)
            return parted
        if isinstance(event, SituationStated):
            await supersede(connection, tables["situations"], *situation_version(record))
        return set()

    async def _insert_claims(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: list[EventRecord],
    ) -> set[str]:
        """Insert the claims gathered so far; return the roots of those counted.

        Casualties and equipment losses are counted.
        """
        await self._write_claims(connection, tables, records)
        counted = casualty_incidents(records) | equipment_incidents(records)
        return set((await roots_by_incident(connection, tables, counted)).values())

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
            row = dict(zip(NEW_CLAIM_TYPES, claim_row(record), strict=True))
            row["document"] = msgspec.Raw(row["document"].encode())
            rows.append(row)
        await insert_json_rows(connection, tables["claims"], NEW_CLAIM_TYPES, rows)

    @staticmethod
    async def _copy_claims(
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: list[EventRecord],
    ) -> None:
        """Insert many new claims' first versions with COPY."""
        await copy_rows(connection, tables["claims"], NEW_CLAIM_TYPES, map(claim_row, records))
