"""The incidents projection: each incident's state, with columns to filter on.

Every state an incident went through is kept, valid over a range of the global order
(``temporal``), so the list can also be read as it stood at a past position. A state is
stored whole, or, once an incident written again has more than a few claims, without its
claims, which are then rows of their own: a report to a large incident writes its new
claim, not every claim again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final, NamedTuple

import msgspec
import psycopg
from psycopg import sql

from ledger.domain.disagreements import DisagreementIndex
from ledger.domain.events import (
    INCIDENT_EVENT_TYPES,
    ClaimCorrected,
    ClaimRetracted,
    IncidentsMerged,
)
from ledger.domain.incident_state import Claim, IncidentState
from ledger.domain.incidents import SettledIncident, apply_incident_event, incident_stream, settle
from ledger.domain.records import EventRecord
from ledger.mapping import to_record
from ledger.projections.bulk import as_columns, insert_json_rows
from ledger.projections.definition import CheckpointMove, Projection, TableSpec
from ledger.projections.incident_rows import (
    AddedClaim,
    claim_rows,
    claim_versions,
    end_within_batch,
    state_row,
    statement_chunks,
    stored_state,
)
from ledger.projections.statements import over_tables
from ledger.projections.temporal import VALIDITY_COLUMNS, made_at
from ledger.recent import Recent
from ledger.store import EventStore, GlobalCursor

_PREFIX: Final = "incident-"
_REVISIONS: Final = (ClaimCorrected, ClaimRetracted, IncidentsMerged)
_REVISION_COST: Final = 10
_encoder: Final = msgspec.json.Encoder()
_REMEMBERED_STATES: Final = 1000
CLAIMS_AS_ROWS_ABOVE: Final = 8
"""An incident written again with more claims than this keeps them as rows of their own."""


def incident_id_of(stream_id: str) -> str:
    """The incident an incident stream belongs to."""
    return stream_id.removeprefix(_PREFIX)


class IncidentsProjection(Projection):
    """One row per incident: its folded state as a document, and the columns lists filter on.

    Safe to apply inline, in the append's own transaction: rows are locked while they are
    folded, an event at or below a row's version is skipped, and a row that lags behind the
    events it is given first catches up from the stream itself. Each transaction that
    changes an incident makes a new version of its row, and of each claim row it changed.
    An incident written again (in a later transaction) with more than
    ``claims_as_rows_above`` claims is stored without them from then on; one written once
    stays whole, its claims in one document (``stored_state`` reads either).
    """

    version: ClassVar[int] = 7
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
            # Whole incident states (an incident written again keeps its claims as rows past
            # 8): compressed on every write. Kept as text: msgspec wrote them and decodes
            # them whole, and a json column made the server parse each one again, per
            # report.
            compressed=("document",),
        ),
        # The claims of incidents stored without them: one row per claim version, at the
        # claim's place (ordinal) in the state.
        "claims": TableSpec(
            columns=f"""
                incident_id  text     NOT NULL,
                ordinal      integer  NOT NULL,
                document     text     NOT NULL,
                {VALIDITY_COLUMNS},
                PRIMARY KEY (incident_id, ordinal, from_tx, from_pos)
            """,
            indexes=("(incident_id, ordinal) WHERE to_pos IS NULL",),
        ),
    }

    def __init__(
        self,
        store: EventStore,
        name: str = "incidents",
        *,
        claims_as_rows_above: int = CLAIMS_AS_ROWS_ABOVE,
    ) -> None:
        super().__init__(name)
        self._store = store
        self._claims_as_rows_above = claims_as_rows_above
        # Keyed by table and incident, each state with the cursor of the event that made its
        # version (a transaction id is never reused, so a match is that very version) and,
        # for an incident written again, the index its disagreements were found with.
        self._states: Recent[tuple[str, str], _Remembered] = Recent(_REMEMBERED_STATES)

    def cost(self, record: EventRecord) -> int:
        """A revision settles its incident's claims again: about ten times a report."""
        return _REVISION_COST if isinstance(record.event, _REVISIONS) else 1

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
        states, settled, rows = await self._load(connection, tables, ids, known)
        stored = set(states)
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
        versions_saved = [(state, record) for state, _, record in saved]
        await self._save(connection, tables, versions_saved, stored, rows)
        for state, index, record in saved:  # in log order: each incident's last one stays
            remembered = _Remembered(made_at(record), state, index, state.incident_id in rows)
            self._states.keep((table, state.incident_id), remembered)

    async def _gap(
        self,
        connection: psycopg.AsyncConnection[Any],
        incident_id: str,
        version: int,
        record: EventRecord,
    ) -> list[EventRecord]:
        """Events of the stream between the row's version and ``record``, read in-transaction.

        An event this code cannot read comes as such: its own batch set it aside as poison,
        and the state lists it among those set aside, as reads of the incident do.
        """
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
        tables: Mapping[str, str],
        incident_ids: list[str],
        known: Mapping[str, _Remembered],
    ) -> tuple[dict[str, IncidentState], dict[str, SettledIncident], dict[str, tuple[Claim, ...]]]:
        """The incidents' current states, locked; those this process saved come from memory.

        A row's document and claims are sent only when the version remembered is not the
        row's: an incident with many claims has many, and decoding them was most of a live
        batch. Read as text: a generation built before version 4 holds it as ``json``, and
        inline writes apply to the live generation while a newer one is rebuilt. Returns
        every state; separately those remembered with their index, settled; and the claims
        of those stored as rows.
        """
        cursor = await connection.execute(
            over_tables(
                """
            SELECT s.incident_id, CASE WHEN k.from_tx IS NULL THEN s.document::text END,
                   CASE WHEN k.from_tx IS NULL THEN {claim_rows} END
            FROM {state} s
            LEFT JOIN unnest(%s::text[], %s::bigint[], %s::bigint[])
                      AS k(incident_id, from_tx, from_pos)
                   ON (k.incident_id, k.from_tx, k.from_pos)
                    = (s.incident_id, s.from_tx, s.from_pos)
            WHERE s.incident_id = ANY(%s) AND s.to_pos IS NULL
            ORDER BY s.incident_id FOR UPDATE OF s
            """,
                tables,
                claim_rows=claim_rows(tables["claims"], "s", None),
            ),
            (
                list(known),
                [kept.made_at.transaction_id for kept in known.values()],
                [kept.made_at.position for kept in known.values()],
                incident_ids,
            ),
        )
        states, settled, rows = {}, {}, {}
        for incident_id, document, claims in await cursor.fetchall():
            if document is not None:
                states[incident_id] = state = stored_state(document, claims)
                if claims is not None:
                    rows[incident_id] = state.claims
                continue
            kept = known[incident_id]
            states[incident_id] = kept.state
            if kept.as_rows:
                rows[incident_id] = kept.state.claims
            if kept.by_subject is not None:
                settled[incident_id] = SettledIncident(kept.state, kept.by_subject)
        return states, settled, rows

    async def _save(
        self,
        connection: psycopg.AsyncConnection[Any],
        tables: Mapping[str, str],
        versions: Sequence[tuple[IncidentState, EventRecord]],
        stored: set[str],
        rows: dict[str, tuple[Claim, ...]],
    ) -> None:
        """Each state from its event on, in order: it ends the version before it.

        ``stored`` holds the incidents that have a row already; ``rows`` the claims stored
        as rows of each incident stored so. The versions saved here update both.
        """
        if not versions:
            return
        states: list[dict[str, Any]] = []
        added: list[AddedClaim] = []
        replaced: list[dict[str, Any]] = []
        for state, record in versions:
            at = {"at_tx": record.transaction_id, "at_pos": record.position}
            as_rows = rows.get(state.incident_id)
            written_again = state.incident_id in stored
            stored.add(state.incident_id)
            # Written once, an incident is cheapest as one document; rewritten whole on
            # every report, it would cost each report all of its claims again.
            if as_rows is None and (
                not written_again or len(state.claims) <= self._claims_as_rows_above
            ):
                document = _encoder.encode(state)
            else:
                document = _encoder.encode(msgspec.structs.replace(state, claims=()))
                replaced += claim_versions(state, as_rows or (), at, added)
                rows[state.incident_id] = state.claims
            states.append(state_row(state, msgspec.Raw(document), at))
        first = end_within_batch(states)
        # One round trip, one statement for each kind of row: a statement per version was
        # most of this projection's time in a live batch (docs/performance.md). The stored
        # versions end first; each version saved here ends where the next one of its
        # incident begins. Added claims before replaced ones: a claim replaced later in the
        # batch is there.
        async with connection.pipeline(), connection.cursor() as cursor:
            await cursor.execute(
                over_tables(
                    """
                UPDATE {state} AS s SET to_tx = f.from_tx, to_pos = f.from_pos
                FROM unnest(%b::text[], %b::int8[], %b::int8[], %b::int8[])
                     AS f (incident_id, version, from_tx, from_pos)
                WHERE s.incident_id = f.incident_id AND s.to_pos IS NULL
                  AND s.version < f.version
                """,
                    tables,
                ),
                as_columns(first),
            )
            for chunk in statement_chunks(states):
                await insert_json_rows(
                    connection,
                    tables["state"],
                    chunk[0].keys(),
                    chunk,
                    sql.SQL("ON CONFLICT (incident_id, from_tx, from_pos) DO NOTHING"),
                )
            if added:
                # Binary (%b): sent as a text array, every quote of every document is escaped.
                await cursor.execute(
                    over_tables(
                        """
                    INSERT INTO {claims} (incident_id, ordinal, document, from_tx, from_pos)
                    SELECT * FROM unnest(%b::text[], %b::int4[], %b::text[], %b::int8[], %b::int8[])
                    ON CONFLICT (incident_id, ordinal, from_tx, from_pos) DO NOTHING
                    """,
                        tables,
                    ),
                    as_columns(added),
                )
            if replaced:
                # In log order: each ends the version its ordinal had, then inserts its own.
                await cursor.executemany(
                    over_tables(
                        """
                    WITH ended AS (
                        UPDATE {claims} SET to_tx = %(at_tx)s, to_pos = %(at_pos)s
                        WHERE incident_id = %(incident_id)s AND ordinal = %(ordinal)s
                          AND to_pos IS NULL AND (from_tx, from_pos) < (%(at_tx)s, %(at_pos)s)
                    )
                    INSERT INTO {claims} (incident_id, ordinal, document, from_tx, from_pos)
                    VALUES (%(incident_id)s, %(ordinal)s, %(document)s, %(at_tx)s, %(at_pos)s)
                    ON CONFLICT (incident_id, ordinal, from_tx, from_pos) DO NOTHING
                    """,
                        tables,
                    ),
                    replaced,
                )


class _Remembered(NamedTuple):
    """A state this process saved, with the cursor of the event that made its version.

    With the index its disagreements were found with (for an incident written again) and
    whether its claims are stored as rows.
    """

    made_at: GlobalCursor
    state: IncidentState
    by_subject: DisagreementIndex | None
    as_rows: bool
