"""An event together with what the ledger knows about its recording."""

from __future__ import annotations

from datetime import datetime

import msgspec

from ledger.domain.events import LedgerEvent, event_type


class UnreadableEvent(msgspec.Struct, frozen=True, kw_only=True):
    """A stored event this code cannot decode: it keeps its place in its stream, nothing else.

    Older code may have stored a value beyond today's bounds; a newer ledger, a type or
    version this one does not know. Folds skip it, so one such event never makes its whole
    stream unreadable.
    """

    event_type: str
    error: str


class EventRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A recorded event as the domain folds it: the event and when, where and by whom."""

    event_id: str
    stream_id: str
    stream_version: int
    position: int
    transaction_id: int
    """The recording transaction: with ``position``, the event's place in the global order."""
    recorded_at: datetime
    principal: str | None
    event: LedgerEvent | UnreadableEvent

    @property
    def event_type(self) -> str:
        """The event's stored type name, whether or not this code could read it."""
        if isinstance(self.event, UnreadableEvent):
            return self.event.event_type
        return event_type(type(self.event))
