"""Incidents' latest states kept in memory, brought up to date from their streams on each load.

A write to an incident decides on its current state, and folding the whole stream for each
one makes writes to a long-lived incident cost more and more. Events never change, so a
state folded up to version *v* plus the events after *v* is the state now: a load reads only
the events appended since the cached state, usually none. Each state keeps the index its
disagreements were found with, so a new report settles only its own subject again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ledger.application.reading import fold_with_absorbed, load_incident, read_records
from ledger.domain.incident_state import IncidentState
from ledger.domain.incidents import SettledIncident, fold_settled, incident_stream
from ledger.domain.records import EventRecord
from ledger.recent import Recent
from ledger.store import EventStore

DEFAULT_CAPACITY: Final = 1000


def _stands_alone(incident_id: str, records: list[EventRecord]) -> bool:
    """Whether the state folds from its own stream alone: no incident was merged into it."""
    return all(
        getattr(record.event, "merged_incident_id", incident_id) == incident_id
        for record in records
    )


class IncidentStates:
    """The current states of the incidents used most recently (a bounded LRU cache).

    An incident others were merged into is not kept: its state also folds theirs.
    """

    def __init__(self, store: EventStore, capacity: int = DEFAULT_CAPACITY) -> None:
        self._store = store
        self._states: Recent[str, SettledIncident] = Recent(capacity)

    async def load(self, incident_id: str) -> IncidentState | None:
        """The incident's current state, or ``None`` if it was never reported."""
        cached = self._states.get(incident_id)
        if cached is None:
            return await self._load_whole(incident_id)
        newer = await read_records(
            self._store, incident_stream(incident_id), from_version=cached.state.version + 1
        )
        if not _stands_alone(incident_id, newer):
            self._states.forget(incident_id)
            return await load_incident(self._store, incident_id)
        settled = fold_settled(newer, since=cached)
        if settled is None:
            return None
        self._keep(settled)
        return settled.state

    def latest(self, incident_id: str) -> IncidentState | None:
        """The state this process last saw, without asking the database; ``None`` if unknown.

        It may be behind the stream: only a write that appends at its version, which the
        store refuses if the stream moved on, may decide on it.
        """
        settled = self._states.get(incident_id)
        return None if settled is None else settled.state

    def advance(self, incident_id: str, written: Sequence[EventRecord]) -> None:
        """Fold events this process just appended to the incident into its cached state.

        Kept only when they follow the cached version directly (or open the incident);
        otherwise the next load reads what is missing.
        """
        if not written or not _stands_alone(incident_id, list(written)):
            self._states.forget(incident_id)
            return
        cached = self._states.get(incident_id)
        follows = cached.state.version if cached is not None else 0
        if written[0].stream_version != follows + 1:
            return
        settled = fold_settled(written, since=cached)
        if settled is not None:
            self._keep(settled)

    async def _load_whole(self, incident_id: str) -> IncidentState | None:
        records = await read_records(self._store, incident_stream(incident_id))
        if not _stands_alone(incident_id, records):
            return await fold_with_absorbed(self._store, incident_id, records)
        settled = fold_settled(records)
        if settled is None:
            return None
        self._keep(settled)
        return settled.state

    def _keep(self, settled: SettledIncident) -> None:
        incident_id = settled.state.incident_id
        known = self._states.get(incident_id)
        # Concurrent loads may finish out of order: never go back to an older version.
        if known is None or known.state.version <= settled.state.version:
            self._states.keep(incident_id, settled)
