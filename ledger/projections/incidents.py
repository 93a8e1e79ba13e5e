"""The incidents projection: each incident's state, with columns to filter on.

Every state an incident went through is kept, valid over a range of the global order
(``temporal``), so the list can also be read as it stood at a past position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

import msgspec
import psycopg

from ledger.domain.events import INCIDENT_EVENT_TYPES, IncidentsMerged
from ledger.domain.incidents import (
    DisagreementIndex,
    IncidentState,
    SettledIncident,
    apply_incident_event,
    incident_stream,
    settle,
)
from ledger.domain.records import EventRecord
from ledger.projections.definition import CheckpointMove, Projection, TableSpec
from ledger.projections.recent import Recent
from ledger.projections.temporal import VALIDITY_COLUMNS, made_at
from ledger.store import EventStore, GlobalCursor
from ledger.store.codec import to_record

_PREFIX: Final = "incident-"
_decoder: Final = msgspec.json.Decoder(IncidentState)
_REMEMBERED_STATES: Final = 1000


def incident_id_of(stream_id: str) -> str:
    """The incident an incident stream belongs to."""
    return stream_id.removeprefix(_PREFIX)


class IncidentsProjection(Projection):
    """One row per incident: its folded state as a document, and the columns lists filter on.

    Safe to apply inline, in the append's own transaction: rows are locked while they are
    folded, an event at or below a row's version is skipped, and a row that lags behind the
    events it is given first catches up from the stream itself. Each transaction that
    changes an incident makes a new version of its row.
    """

    version: ClassVar[int] = 4
    supports_inline: ClassVar[bool] = True
    event_types: ClassVar[frozenset[str]] = INCIDENT_EVENT_TYPES
    tables: ClassVar[Mapping[str, TableSpec]] = {
        "state": TableSpec(
            columns=f"""
                incident_id     text        NOT NULL,
                version         bigint      NOT NULL,
                status          text        NOT NULL,
                category        text        NOT NULL,
                country         text        NOT NULL,
                admin1          text,
                parties         text[]      NOT NULL,
                occurred_start  timestamptz NOT NULL,
                occurred_end    timestamptz NOT NULL,
                contested       boolean     NOT NULL,
                position        bigint      NOT NULL,
                document        text        NOT NULL,
                {VALIDITY_COLUMNS},
                PRIMARY KEY (incident_id, from_tx, from_pos)
            """,
            indexes=(
                "(incident_id) WHERE to_pos IS NULL",
                "(occurred_start, incident_id) WHERE to_pos IS NULL",
                "(category, occurred_start) WHERE to_pos IS NULL",
                "(admin1, occurred_start) WHERE to_pos IS NULL",
                "USING gin (parties) WHERE to_pos IS NULL",
                "(occurred_start, incident_id, from_tx, from_pos)",
            ),
            # Whole incident states, ~10 KB at 20 claims, ~90 KB at 95: compressed on every
            # write. Kept as text: msgspec wrote them and decodes them whole, and a json
            # column made the server parse each one again (~400 µs at 95 claims, per report).
            compressed=("document",),
        )
    }

    def __init__(self, store: EventStore, name: str = "incidents") -> None:
        super().__init__(name)
        self._store = store
        # Keyed by table and incident, each state with the cursor of the event that made its
        # version (a transaction id is never reused, so a match is that very version) and,
        # for an incident written again, the index its disagreements were found with.
        self._states: Recent[
            tuple[str, str], tuple[GlobalCursor, IncidentState, DisagreementIndex | None]
        ] = Recent(_REMEMBERED_STATES)

    async def apply(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: Sequence[EventRecord],
        move: CheckpointMove | None = None,  # noqa: ARG002 - each row says its version
    ) -> None:
        """Fold incident events into their rows."""
        table = tables["state"]
        wanted = {incident_id_of(r.stream_id) for r in records}
        wanted |= {
            r.event.merged_incident_id for r in records if isinstance(r.event, IncidentsMerged)
        }
        ids = sorted(wanted)
        known = {i: kept for i in ids if (kept := self._states.get((table, i)))}
        states, settled = await self._load(connection, table, ids, known)
        # One version per incident and transaction, its state after the transaction's last
        # event: a past moment is always the end of a transaction (EventStore.cursor_at).
        versions: dict[tuple[str, int], tuple[IncidentState, EventRecord]] = {}
        for record in records:
            incident_id = incident_id_of(record.stream_id)
            state = states.get(incident_id)
            version = state.version if state is not None else 0
            if record.stream_version <= version:
                continue
            for missing in await self._gap(connection, incident_id, version, record):
                state = apply_incident_event(state, missing, states)
                versions[incident_id, missing.transaction_id] = (state, missing)
            state = apply_incident_event(state, record, states)
            states[incident_id] = state
            versions[incident_id, record.transaction_id] = (state, record)
        # Disagreements are found once per saved version, from the incident's previous one.
        # The index they were found with is kept only for an incident written again since
        # this process remembered it: a rebuild meets most incidents once, and holding an
        # index for each doubled the garbage collector's work.
        saved = []
        for state, record in versions.values():  # each incident's versions in log order
            now = settle(state, settled.get(state.incident_id))
            index = now.by_subject if state.incident_id in known else None
            if index is not None:
                settled[state.incident_id] = now
            saved.append((now.state, index, record))
        await self._save(connection, table, [(state, record) for state, _, record in saved])
        for state, index, record in saved:  # in log order: each incident's last one stays
            self._states.keep((table, state.incident_id), (made_at(record), state, index))

    async def _gap(
        self,
        connection: psycopg.AsyncConnection[Any],
        incident_id: str,
        version: int,
        record: EventRecord,
    ) -> list[EventRecord]:
        """Events of the stream between the row's version and ``record``, read in-transaction."""
        if record.stream_version == version + 1:
            return []
        events = await self._store.read_stream(
            incident_stream(incident_id),
            from_version=version + 1,
            limit=record.stream_version - version - 1,
            connection=connection,
        )
        return [to_record(event) for event in events]

    @staticmethod
    async def _load(
        connection: psycopg.AsyncConnection[Any],
        table: str,
        incident_ids: list[str],
        known: Mapping[str, tuple[GlobalCursor, IncidentState, DisagreementIndex | None]],
    ) -> tuple[dict[str, IncidentState], dict[str, SettledIncident]]:
        """The incidents' current states, locked; those this process saved come from memory.

        A row's document is sent only when the version remembered is not the row's: an
        incident with many claims has a large one, and decoding it was most of a live batch.
        Read as text: a generation built before version 4 holds it as ``json``, and inline
        writes apply to the live generation while a newer one is rebuilt. Returns every
        state, and separately those remembered with their index, settled.
        """
        cursor = await connection.execute(
            f"""
            SELECT s.incident_id, CASE WHEN k.from_tx IS NULL THEN s.document::text END
            FROM "{table}" s
            LEFT JOIN unnest(%s::text[], %s::bigint[], %s::bigint[])
                      AS k(incident_id, from_tx, from_pos)
                   ON (k.incident_id, k.from_tx, k.from_pos)
                    = (s.incident_id, s.from_tx, s.from_pos)
            WHERE s.incident_id = ANY(%s) AND s.to_pos IS NULL
            ORDER BY s.incident_id FOR UPDATE OF s
            """,  # noqa: S608 - our table name
            (
                list(known),
                [at.transaction_id for at, _, _ in known.values()],
                [at.position for at, _, _ in known.values()],
                incident_ids,
            ),
        )
        states, settled = {}, {}
        for incident_id, document in await cursor.fetchall():
            if document is not None:
                states[incident_id] = _decoder.decode(document)
                continue
            _, state, index = known[incident_id]
            states[incident_id] = state
            if index is not None:
                settled[incident_id] = SettledIncident(state, index)
        return states, settled

    @staticmethod
    async def _save(
        connection: psycopg.AsyncConnection[Any],
        table: str,
        versions: Sequence[tuple[IncidentState, EventRecord]],
    ) -> None:
        """Each state from its event on, in order: it ends the version before it."""
        if not versions:
            return
        rows = [
            {
                "incident_id": state.incident_id,
                "version": state.version,
                "status": state.status,
                "category": state.category.value,
                "country": state.location.country,
                "admin1": state.location.admin1,
                "parties": list(state.parties),
                "occurred_start": state.occurred.start,
                "occurred_end": state.occurred.end,
                "contested": state.contested,
                "position": record.position,
                "document": msgspec.json.encode(state).decode(),
                "at_tx": record.transaction_id,
                "at_pos": record.position,
            }
            for state, record in versions
        ]
        async with connection.cursor() as cursor:
            await cursor.executemany(
                f"""
                WITH ended AS (
                    UPDATE "{table}" SET to_tx = %(at_tx)s, to_pos = %(at_pos)s
                    WHERE incident_id = %(incident_id)s AND to_pos IS NULL
                      AND version < %(version)s
                )
                INSERT INTO "{table}" (incident_id, version, status, category, country, admin1,
                    parties, occurred_start, occurred_end, contested, position, document,
                    from_tx, from_pos)
                VALUES (%(incident_id)s, %(version)s, %(status)s, %(category)s, %(country)s,
                    %(admin1)s, %(parties)s, %(occurred_start)s, %(occurred_end)s,
                    %(contested)s, %(position)s, %(document)s, %(at_tx)s, %(at_pos)s)
                ON CONFLICT (incident_id, from_tx, from_pos) DO NOTHING
                """,  # noqa: S608 - our table name
                rows,
            )
