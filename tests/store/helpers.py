"""Small builders shared by the store tests."""

from __future__ import annotations

import asyncio
import random
import uuid
from typing import TYPE_CHECKING, Any

from ledger.store import EventStore, NewEvent

if TYPE_CHECKING:
    import psycopg


def happened(n: int, **extra: Any) -> NewEvent:
    """A registered test event carrying ``n``."""
    return NewEvent(type="test.happened", data={"n": n, **extra})


def count_rows(connection: psycopg.Connection[tuple[Any, ...]], table: str) -> int:
    """Rows in ``table`` of the test schema."""
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    assert row is not None
    return int(row[0])


def events_estimated(superuser: psycopg.Connection[tuple[object, ...]]) -> float:
    """The planner's estimate of the log's rows: negative if it was never analyzed."""
    row = superuser.execute("SELECT reltuples FROM pg_class WHERE oid = 'events'::regclass")
    found = row.fetchone()
    assert found is not None
    return float(str(found[0]))


WRITERS = 8
EVENTS_PER_WRITER = 640  # 5,120 committed events in all
ROLLBACK_SHARE = 0.12


class RolledBackError(Exception):
    """A writer's transaction rolled back on purpose."""


async def concurrent_writer(
    store: EventStore,
    number: int,
    committed: set[uuid.UUID],
    rolled_back: set[uuid.UUID],
    rng: random.Random,
) -> None:
    """Append ``EVENTS_PER_WRITER`` committed events, holding transactions open and rolling
    some back, as the concurrency tests' writers do."""
    written = 0
    streams = [f"writer{number}-{k}" for k in range(4)]
    while written < EVENTS_PER_WRITER:
        batch = [
            NewEvent(type="test.happened", data={"writer": number, "k": written + i})
            for i in range(min(rng.randint(1, 4), EVENTS_PER_WRITER - written))
        ]
        ids = {event.event_id for event in batch}
        roll_back = rng.random() < ROLLBACK_SHARE
        try:
            async with store.transaction() as transaction:
                await transaction.append(rng.choice(streams), batch)
                # Hold the transaction open after its positions were taken.
                if rng.random() < 0.5:
                    await asyncio.sleep(rng.random() * 0.004)
                if roll_back:
                    raise RolledBackError
        except RolledBackError:
            rolled_back.update(ids)
            continue
        committed.update(ids)
        written += len(batch)
