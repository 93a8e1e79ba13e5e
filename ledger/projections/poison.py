"""Poison events: events a projection could not apply, set aside so it goes on.

A projection that fails on an event applied alone, for a reason of the event's own (a value
its tables cannot hold, a stored row this code cannot decode), records it here in the
transaction that moves its checkpoint past it. The event stays in the log, untouched; every
other event goes on being applied, and the admin API lists what was set aside. A rebuild by
code that can apply it brings it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import msgspec
import psycopg
import structlog
from psycopg_pool import AsyncConnectionPool

from ledger.application.projection_admin import SetAside
from ledger.domain.errors import DomainError
from ledger.domain.records import EventRecord
from ledger.mapping import UnreadableRecord
from ledger.projections.temporal import made_at
from ledger.store import GlobalCursor

logger = structlog.get_logger(__name__)

_MAX_ERROR_LENGTH: Final = 2000

THE_EVENTS_FAULT: Final = (
    psycopg.DataError,
    psycopg.IntegrityError,
    ArithmeticError,
    ValueError,
    LookupError,
    msgspec.MsgspecError,
    DomainError,
)
"""Failures a value of the event can cause: out of range, unreadable, inconsistent.

Anything else (a lost connection, a timeout, a missing table or privilege, a bug that fails
every event alike) says nothing of the event: the batch fails and is retried later, for
setting events aside then would take them out of the figures for nothing.
"""


class PoisonEvent(msgspec.Struct, frozen=True, kw_only=True):
    """An event a projection set aside, and why."""

    cursor: GlobalCursor
    event_id: str
    event_type: str
    error: str

    @classmethod
    def of(cls, record: EventRecord, failure: BaseException) -> PoisonEvent:
        """The poison event for ``record``, which failed with ``failure``."""
        return cls(
            cursor=made_at(record),
            event_id=record.event_id,
            event_type=record.event_type,
            error=f"{type(failure).__name__}: {failure}",
        )


async def set_aside(
    connection: psycopg.AsyncConnection[Any],
    projection: str,
    generation: int,
    events: Sequence[PoisonEvent | UnreadableRecord],
) -> None:
    """Record ``events`` as set aside by a generation, in the caller's transaction."""
    for event in events:
        logger.error(
            "poison event set aside",
            projection=projection,
            generation=generation,
            position=event.cursor.position,
            event_id=event.event_id,
            event_type=event.event_type,
            error=event.error,
        )
    await connection.cursor().executemany(
        "INSERT INTO projection_poison"
        " (name, generation, transaction_id, position, event_id, event_type, error)"
        " VALUES (%s, %s, %s::xid8, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        [
            (
                projection,
                generation,
                str(event.cursor.transaction_id),
                event.cursor.position,
                event.event_id,
                event.event_type,
                event.error[:_MAX_ERROR_LENGTH],
            )
            for event in events
        ],
    )


async def poison_events(pool: AsyncConnectionPool) -> list[SetAside]:
    """Every event set aside by a generation still building or live, in log order."""
    async with pool.connection() as connection:
        cursor = await connection.execute(
            """
            SELECT p.name, p.generation, p.position, p.event_id::text, p.event_type, p.error,
                   p.recorded_at
            FROM projection_poison p
            JOIN projection_generations g USING (name, generation)
            WHERE g.state IN ('building', 'live')
            ORDER BY p.transaction_id, p.position, p.name, p.generation
            """
        )
        rows = await cursor.fetchall()
    return [
        SetAside(
            projection=row[0],
            generation=row[1],
            position=row[2],
            event_id=row[3],
            event_type=row[4],
            error=row[5],
            recorded_at=row[6],
        )
        for row in rows
    ]


def cursor_of(item: EventRecord | PoisonEvent | UnreadableRecord) -> GlobalCursor:
    """Where ``item`` stands in the log."""
    return made_at(item) if isinstance(item, EventRecord) else item.cursor
