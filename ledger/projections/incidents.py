"""The incidents projection: each incident's current state, with columns to filter on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

import msgspec
import psycopg

from ledger.domain.events import INCIDENT_EVENT_TYPES, IncidentsMerged
from ledger.domain.incidents import IncidentState, evolve_incident, incident_stream
from ledger.domain.records import EventRecord
from ledger.projections.definition import Projection, TableSpec
from ledger.store import EventStore
from ledger.store.codec import to_record

_PREFIX: Final = "incident-"
_decoder: Final = msgspec.json.Decoder(IncidentState)


def incident_id_of(stream_id: str) -> str:
    """The incident an incident stream belongs to."""
    return stream_id.removeprefix(_PREFIX)


class IncidentsProjection(Projection):
    """One row per incident: its folded state as a document, and the columns lists filter on.

    Safe to apply inline, in the append's own transaction: rows are locked while they are
    folded, an event at or below a row's version is skipped, and a row that lags behind the
    events it is given first catches up from the stream itself.
    """

    version: ClassVar[int] = 1
    supports_inline: ClassVar[bool] = True
    event_types: ClassVar[frozenset[str]] = INCIDENT_EVENT_TYPES
    tables: ClassVar[Mapping[str, TableSpec]] = {
        "state": TableSpec(
            columns="""
                incident_id     text        PRIMARY KEY,
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
                document        jsonb       NOT NULL
            """,
            indexes=(
                "(occurred_start, incident_id)",
                "(category, occurred_start)",
                "(admin1, occurred_start)",
                "USING gin (parties)",
            ),
        )
    }

    def __init__(self, store: EventStore, name: str = "incidents") -> None:
        super().__init__(name)
        self._store = store

    async def apply(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        records: Sequence[EventRecord],
    ) -> None:
        """Fold incident events into their rows."""
        table = tables["state"]
        wanted = {incident_id_of(r.stream_id) for r in records}
        wanted |= {
            r.event.merged_incident_id for r in records if isinstance(r.event, IncidentsMerged)
        }
        states = await self._load(connection, table, sorted(wanted))
        changed: dict[str, tuple[IncidentState, int]] = {}
        for record in records:
            incident_id = incident_id_of(record.stream_id)
            state = states.get(incident_id)
            version = state.version if state is not None else 0
            if record.stream_version <= version:
                continue
            for missing in await self._gap(connection, incident_id, version, record):
                state = evolve_incident(state, missing, states)
            state = evolve_incident(state, record, states)
            states[incident_id] = state
            changed[incident_id] = (state, record.position)
        await self._save(connection, table, changed)

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
        connection: psycopg.AsyncConnection[Any], table: str, incident_ids: list[str]
    ) -> dict[str, IncidentState]:
        cursor = await connection.execute(
            f'SELECT incident_id, document::text FROM "{table}"'  # noqa: S608 - our table name
            " WHERE incident_id = ANY(%s) ORDER BY incident_id FOR UPDATE",
            (incident_ids,),
        )
        return {row[0]: _decoder.decode(row[1]) for row in await cursor.fetchall()}

    @staticmethod
    async def _save(
        connection: psycopg.AsyncConnection[Any],
        table: str,
        changed: Mapping[str, tuple[IncidentState, int]],
    ) -> None:
        if not changed:
            return
        rows = [
            (
                state.incident_id,
                state.version,
                state.status,
                state.category.value,
                state.location.country,
                state.location.admin1,
                list(state.parties),
                state.occurred.start,
                state.occurred.end,
                state.contested,
                position,
                msgspec.json.encode(state).decode(),
            )
            for state, position in changed.values()
        ]
        async with connection.cursor() as cursor:
            await cursor.executemany(
                f"""
                INSERT INTO "{table}" (incident_id, version, status, category, country, admin1,
                    parties, occurred_start, occurred_end, contested, position, document)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)
                ON CONFLICT (incident_id) DO UPDATE SET
                    version = EXCLUDED.version, status = EXCLUDED.status,
                    category = EXCLUDED.category, country = EXCLUDED.country,
                    admin1 = EXCLUDED.admin1, parties = EXCLUDED.parties,
                    occurred_start = EXCLUDED.occurred_start,
                    occurred_end = EXCLUDED.occurred_end, contested = EXCLUDED.contested,
                    position = EXCLUDED.position, document = EXCLUDED.document
                WHERE "{table}".version < EXCLUDED.version
                """,  # noqa: S608 - our table name
                rows,
            )
