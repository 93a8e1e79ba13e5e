"""Reads for the API: the log, each stream's state and history, the views, and freshness."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Collection
from datetime import datetime
from typing import TYPE_CHECKING, Final, Literal

from ledger.application import reading
from ledger.domain.incident_state import IncidentState
from ledger.store import GlobalCursor, LogPage, RecordedEvent
from ledger.store.transfer import export_events

if TYPE_CHECKING:
    from ledger.application.incident_states import IncidentStates
    from ledger.application.ports import ReadModels
    from ledger.domain.history import Revision
    from ledger.domain.links import LinkState
    from ledger.domain.situations import SituationState
    from ledger.domain.sources import SourceState
    from ledger.store import EventStore
    from ledger.store.notifications import LogListener

Read = Literal["log", "incidents", "facts"]
"""What a reader waits for: the log itself, or one read model."""

_POLL_SECONDS: Final = 0.02


class Queries:
    """Everything the ledger answers without writing.

    ``patience`` bounds how long a read waits for the position a client asked for.
    """

    def __init__(
        self,
        store: EventStore,
        read_models: ReadModels,
        states: IncidentStates,
        listener: LogListener,
        *,
        patience: float,
    ) -> None:
        self._store = store
        self._listener = listener
        self._states = states
        self.read_models = read_models
        self.patience = patience

    async def reached(self, read: Read) -> GlobalCursor:
        """How far in the log ``read`` is."""
        if read == "log":
            return await self._store.head()
        return await self.read_models.position(read)

    async def wait_for(self, read: Read, wanted: GlobalCursor) -> bool:
        """Wait until ``read`` reaches ``wanted``; ``False`` if it did not within ``patience``.

        A committed event shows in the log once every transaction that began writing
        before it has ended (docs/architecture.md): reading past a write may wait for that.
        """
        deadline = time.monotonic() + self.patience
        while await self.reached(read) < wanted:
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(_POLL_SECONDS)
        return True

    async def cursor_at(self, moment: reading.AsOf) -> GlobalCursor:
        """The log as it stood at ``moment``: a position or a recorded instant."""
        return await self._store.cursor_at(moment)

    async def log_page(
        self, after: GlobalCursor, limit: int, event_types: Collection[str] | None
    ) -> LogPage:
        """A page of the global log in its gap-free order."""
        return await self._store.read_all(after, limit=limit, event_types=event_types)

    async def stream_events(
        self, stream_id: str, from_version: int, limit: int
    ) -> list[RecordedEvent] | None:
        """One stream's events from ``from_version``; ``None`` if it has none at all."""
        if not await self._store.stream_exists(stream_id):
            return None
        return await self._store.read_stream(stream_id, from_version=from_version, limit=limit)

    def export(self, from_position: int | None, to_position: int | None) -> AsyncIterator[bytes]:
        """Every stored event in a position range as NDJSON lines, page by page."""
        return export_events(self._store.pool, from_position=from_position, to_position=to_position)

    @property
    def notifications(self) -> int:
        """How many commits were announced so far; a change means a new one."""
        return self._listener.count

    async def wait_notified(self, seen: int, seconds: float) -> None:
        """Wait until a commit is announced after ``seen`` of them, at most ``seconds``."""
        await self._listener.wait(seen, seconds)

    async def incident(self, incident_id: str) -> IncidentState | None:
        """The incident's current state, with every incident merged into it."""
        return await self._states.load(incident_id)

    async def incident_at(
        self,
        incident_id: str,
        as_of: reading.AsOf | None,
        reported_by: datetime | None,
    ) -> IncidentState | None:
        """The incident as the ledger held it ``as_of``, as its sources told it by then."""
        return await reading.load_incident(
            self._store, incident_id, as_of=as_of, reported_by=reported_by
        )

    async def incident_history(self, incident_id: str) -> list[Revision] | None:
        """Every revision of the incident with its diff; ``None`` if there is none."""
        return await reading.incident_history(self._store, incident_id)

    async def sources(self) -> list[SourceState]:
        """Every registered source, in order of registration."""
        return await reading.load_sources(self._store)

    async def source_history(self, source_id: str) -> list[Revision] | None:
        """A source's registration and every regrading; ``None`` if never registered."""
        return await reading.source_history(self._store, source_id)

    async def source(self, source_id: str) -> SourceState | None:
        """A source's current state."""
        return await reading.load_source(self._store, source_id)

    async def link(self, link_id: str) -> LinkState | None:
        """A link's current state."""
        return await reading.load_link(self._store, link_id)

    async def situation(self, situation_id: str) -> SituationState | None:
        """A situation's current state."""
        return await reading.load_situation(self._store, situation_id)
