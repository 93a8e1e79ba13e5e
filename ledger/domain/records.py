"""An event together with what the ledger knows about its recording."""

from __future__ import annotations

from datetime import datetime

import msgspec

from ledger.domain.events import LedgerEvent


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
    event: LedgerEvent
