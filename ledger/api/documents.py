"""Incidents as JSON: current states encoded once for every GET that finds them unchanged."""

from __future__ import annotations

from datetime import datetime
from typing import Final

import msgspec

from ledger.application.queries import Queries
from ledger.application.reading import AsOf
from ledger.domain.incident_state import IncidentState
from ledger.recent import Recent

DEFAULT_CAPACITY: Final = 256
LARGEST_KEPT: Final = 512 * 1024


class EncodedIncidents:
    """The JSON of the states served most recently, one per incident (a bounded memory).

    An incident with many claims is large, and encoding it was a large part of a GET's
    time. ``IncidentStates`` hands out the same state
    object until the incident changes, so a body is reused only for that very object.
    Bodies over ``largest_kept`` bytes are not kept: at most ``capacity`` times that.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY, largest_kept: int = LARGEST_KEPT) -> None:
        self._bodies: Recent[str, tuple[IncidentState, bytes]] = Recent(capacity)
        self._largest_kept = largest_kept

    def encoded(self, state: IncidentState) -> bytes:
        """``state`` as JSON; encoded again only when it is not the state last encoded."""
        kept = self._bodies.get(state.incident_id)
        if kept is not None and kept[0] is state:
            return kept[1]
        body = msgspec.json.encode(state)
        if len(body) <= self._largest_kept:
            self._bodies.keep(state.incident_id, (state, body))
        return body


class IncidentDocuments:
    """Incidents as the JSON a GET answers: the current state, or the state at a moment.

    A GET is given this object alone: two dependencies of one handler are resolved in a
    task group of their own, a cost every GET of an incident paid (docs/performance.md).
    """

    def __init__(self, queries: Queries, encoded: EncodedIncidents | None = None) -> None:
        self._queries = queries
        self._encoded = encoded or EncodedIncidents()

    async def current(self, incident_id: str) -> tuple[bytes, int] | None:
        """The incident's current state as JSON, with its version; ``None`` if never reported."""
        state = await self._queries.incident(incident_id)
        return None if state is None else (self._encoded.encoded(state), state.version)

    async def at(
        self, incident_id: str, as_of: AsOf | None, reported_by: datetime | None
    ) -> bytes | None:
        """The incident as JSON as the ledger showed it, or its sources had told it, then."""
        past = await self._queries.incident_at(incident_id, as_of, reported_by)
        return None if past is None else msgspec.json.encode(past)
