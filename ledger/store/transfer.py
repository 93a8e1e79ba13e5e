"""Export the log as NDJSON, and import it into an empty ledger exactly as it was.

Each line is one event, in the gap-free global order, with every stored field. An import
keeps positions, ids, recorded-at times and the grouping into transactions, so the order —
and therefore the hash chain and every projection — comes out the same.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime
from typing import Any, Final

import msgspec
from psycopg_pool import AsyncConnectionPool

from ledger.store.log_reads import read_log_rows
from ledger.store.records import START_OF_LOG, GlobalCursor

EXPORT_PAGE: Final = 1000


class ExportedEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One line of an export."""

    position: int
    transaction_id: int
    """The original transaction: events that committed together are imported together."""
    event_id: uuid.UUID
    stream_id: str
    stream_version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: datetime


class ImportResult(msgspec.Struct, frozen=True, kw_only=True):
    """What an import wrote."""

    events: int
    transactions: int
    last_position: int | None


class LedgerNotEmptyError(Exception):
    """Imports go into an empty ledger only: positions and versions must stay as exported."""


class InvalidExportError(ValueError):
    """A line of the file is not an exported event, or the lines are out of order."""


_encoder: Final = msgspec.json.Encoder()
_decoder: Final = msgspec.json.Decoder(ExportedEvent)


async def export_events(
    pool: AsyncConnectionPool,
    *,
    from_position: int | None = None,
    to_position: int | None = None,
) -> AsyncIterator[bytes]:
    """NDJSON lines of the committed log (optionally a position range), page by page."""
    after = START_OF_LOG
    while True:
        async with pool.connection() as connection:
            rows = await read_log_rows(connection, after, EXPORT_PAGE)
        for row in rows:
            if (from_position is None or row[0] >= from_position) and (
                to_position is None or row[0] <= to_position
            ):
                yield _line(row)
        if len(rows) < EXPORT_PAGE:
            return
        after = GlobalCursor(int(rows[-1][1]), rows[-1][0])


def _line(row: tuple[Any, ...]) -> bytes:
    return _encoder.encode(exported_event(row)) + b"\n"


def exported_event(row: Sequence[Any]) -> ExportedEvent:
    """An event as an export holds it, from a row read by ``read_log_rows``."""
    position, transaction, event_id, stream_id, version, kind, schema, data, metadata, at = row
    return ExportedEvent(
        position=position,
        transaction_id=int(transaction),
        event_id=event_id,
        stream_id=stream_id,
        stream_version=version,
        type=kind,
        schema_version=schema,
        data=data,
        metadata=metadata,
        recorded_at=at,
    )


def _transactions(lines: Iterable[bytes]) -> Iterable[list[ExportedEvent]]:
    group: list[ExportedEvent] = []
    previous: tuple[int, int] = (-1, -1)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = _decoder.decode(line)
        except msgspec.DecodeError as exc:
            raise InvalidExportError(f"line {number}: {exc}") from None
        order = (event.transaction_id, event.position)
        if order <= previous:
            raise InvalidExportError(f"line {number}: out of the log's order")
        if group and event.transaction_id != group[-1].transaction_id:
            yield group
            group = []
        group.append(event)
        previous = order
    if group:
        yield group


async def import_events(pool: AsyncConnectionPool, lines: Iterable[bytes]) -> ImportResult:
    """Write an export into an empty ledger, one transaction per original transaction."""
    async with pool.connection() as connection:
        cursor = await connection.execute("SELECT EXISTS (SELECT 1 FROM events)")
        row = await cursor.fetchone()
        if row is not None and row[0]:
            raise LedgerNotEmptyError("the ledger already holds events; import into an empty one")
    events = transactions = 0
    last: int | None = None
    for group in _transactions(lines):
        async with pool.connection() as connection, connection.transaction():
            versions: dict[str, int] = {}
            for event in group:
                versions[event.stream_id] = max(
                    versions.get(event.stream_id, 0), event.stream_version
                )
            async with connection.cursor() as write:
                await write.executemany(
                    "INSERT INTO streams (stream_id, version) VALUES (%s, %s)"
                    " ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version",
                    list(versions.items()),
                )
                await write.executemany(
                    """
                    INSERT INTO events (position, event_id, stream_id, stream_version,
                        event_type, schema_version, data, metadata, recorded_at)
                    OVERRIDING SYSTEM VALUE
                    VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s)
                    """,
                    [
                        (
                            e.position,
                            e.event_id,
                            e.stream_id,
                            e.stream_version,
                            e.type,
                            e.schema_version,
                            _encoder.encode(e.data).decode(),
                            _encoder.encode(e.metadata).decode(),
                            e.recorded_at,
                        )
                        for e in group
                    ],
                )
        events += len(group)
        transactions += 1
        last = group[-1].position
    async with pool.connection() as connection:
        await connection.execute("SELECT continue_positions_after_import()")
    return ImportResult(events=events, transactions=transactions, last_position=last)
