"""Pages of the global log in the gap-free order, read on a connection."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Final

import msgspec
import psycopg
from psycopg import sql

from ledger.store import statements
from ledger.store.errors import InvalidReadError
from ledger.store.records import START_OF_LOG, EventMetadata, GlobalCursor, RecordedEvent

MAX_READ_LIMIT: Final = 10_000


def check_limit(limit: int) -> None:
    """Refuse a page size that is not an integer in 1..``MAX_READ_LIMIT``."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_READ_LIMIT:
        raise InvalidReadError(f"limit must be an integer in 1..{MAX_READ_LIMIT}, not {limit!r}")


async def log_page(  # noqa: PLR0913 - the page, its filters and how to load it
    connection: psycopg.AsyncConnection[Any],
    after: GlobalCursor,
    limit: int,
    event_types: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    *,
    query: sql.Composed = statements.LOG_PAGE,
) -> list[tuple[Any, ...]]:
    """The rows after ``after`` that every reader can see, filtered, read with ``query``."""
    cursor = await connection.execute(
        query,
        {
            "transaction_id": str(after.transaction_id),
            "position": after.position,
            "types": None if event_types is None else list(event_types),
            "categories": None if categories is None else list(categories),
            "limit": limit,
        },
    )
    return await cursor.fetchall()


async def read_log_rows(
    connection: psycopg.AsyncConnection[Any], after: GlobalCursor, limit: int
) -> list[tuple[Any, ...]]:
    """The stored rows after ``after`` in the gap-free order, exactly as the database holds them.

    Each row is (position, transaction id as text, event_id, stream_id, stream_version, type,
    schema_version, data, metadata, recorded_at): the hash chain and exports need the data
    and metadata as stored, not as decoded.
    """
    return await log_page(connection, after, limit)


async def visible_head(connection: psycopg.AsyncConnection[Any]) -> GlobalCursor:
    """The cursor of the last event every reader can see now (the start if none)."""
    cursor = await connection.execute(statements.HEAD)
    row = await cursor.fetchone()
    return START_OF_LOG if row is None else GlobalCursor(int(row[0]), row[1])


def event_from_row(row: Sequence[Any]) -> RecordedEvent:
    """An event read with ``statements.EVENT_COLUMNS``."""
    return RecordedEvent(
        position=row[0],
        transaction_id=int(row[1]),
        event_id=row[2],
        stream_id=row[3],
        stream_version=row[4],
        type=row[5],
        schema_version=row[6],
        data=row[7],
        metadata=msgspec.convert(row[8], EventMetadata),
        recorded_at=row[9],
    )
