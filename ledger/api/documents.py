"""Incidents' current states as JSON, encoded once for every GET that finds them unchanged."""

from __future__ import annotations

from typing import Final

import msgspec

from ledger.domain.incident_state import IncidentState
from ledger.recent import Recent

DEFAULT_CAPACITY: Final = 256
LARGEST_KEPT: Final = 512 * 1024


class IncidentDocuments:
    """The JSON of the states served most recently, one per incident (a bounded memory).

    An incident with many claims is large (95 KB at 95 claims), and encoding it took a
    sixth of the server's time for a GET. ``IncidentStates`` hands out the same state
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
