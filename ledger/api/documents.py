"""Incidents' current states as JSON, encoded once for every GET that finds them unchanged."""

from __future__ import annotations

from typing import Final

import msgspec

from ledger.domain.incidents import IncidentState
from ledger.projections.recent import Recent

DEFAULT_CAPACITY: Final = 256


class IncidentDocuments:
    """The JSON of the states served most recently, one per incident (a bounded memory).

    An incident with many claims is large (95 KB at 95 claims) and encoding it took more
    of a GET than the rest of the request. ``IncidentStates`` hands out the same state
    object until the incident changes, so a body is reused only for that very object.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._bodies: Recent[str, tuple[IncidentState, bytes]] = Recent(capacity)

    def encoded(self, state: IncidentState) -> bytes:
        """``state`` as JSON; encoded again only when it is not the state last encoded."""
        kept = self._bodies.get(state.incident_id)
        if kept is not None and kept[0] is state:
            return kept[1]
        body = msgspec.json.encode(state)
        self._bodies.keep(state.incident_id, (state, body))
        return body
