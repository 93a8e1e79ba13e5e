"""What a write is told (who writes, what they asked for) and what it answers (a receipt)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import msgspec

from ledger.domain.events import LedgerEvent
from ledger.store import AppendResult, EventStore, GlobalCursor, NewEvent


class ReceiptEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One event an append wrote."""

    event_id: str
    type: str
    position: int


class Receipt(msgspec.Struct, frozen=True, kw_only=True):
    """What a write put in the ledger: the same body when an idempotent request is retried."""

    stream_id: str
    stream_version: int
    events: tuple[ReceiptEvent, ...]
    cursor: str
    recorded_at: datetime


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """A receipt, and whether it replays an earlier request with the same idempotency key."""

    receipt: Receipt
    replayed: bool


class WriteContext(msgspec.Struct, frozen=True, kw_only=True):
    """Who writes, and the guarantees they asked for."""

    principal: str
    idempotency_key: str | None = None
    request_fingerprint: bytes | None = None
    expected_version: int | None = None
    correlation_id: str | None = None


Decision = tuple[list[LedgerEvent], int]
"""Events to append and the stream version the rules were checked against."""


async def outcome_of(
    store: EventStore, result: AppendResult, written: Sequence[NewEvent] | None
) -> Outcome:
    """The receipt of an append; ``written`` are its events, ``None`` for a replay."""
    if written is not None and not result.deduplicated:
        described = [(str(e.event_id), e.type) for e in written]
    else:
        # A replay (or a racing twin's result): read back what the first request wrote.
        stored = await store.read_stream(
            result.stream_id,
            from_version=result.stream_version - len(result.positions) + 1,
            limit=len(result.positions),
        )
        described = [(str(e.event_id), e.type) for e in stored]
    receipt = Receipt(
        stream_id=result.stream_id,
        stream_version=result.stream_version,
        events=tuple(
            ReceiptEvent(event_id=event_id, type=kind, position=position)
            for (event_id, kind), position in zip(described, result.positions, strict=True)
        ),
        cursor=GlobalCursor(result.transaction_id, max(result.positions)).encode(),
        recorded_at=result.recorded_at,
    )
    return Outcome(receipt=receipt, replayed=result.deduplicated)
