"""The head of the log follows the global order: transaction ids compare as numbers."""

from __future__ import annotations

import psycopg

from ledger.store import EventStore, GlobalCursor


async def test_the_head_orders_transaction_ids_as_numbers(
    store: EventStore, superuser: psycopg.Connection[tuple[object, ...]]
) -> None:
    # Transaction 99 wrote position 2, transaction 100 position 1: the global order is
    # (99, 2) then (100, 1), though "99" sorts after "100" as text.
    superuser.execute("INSERT INTO streams (stream_id, version) VALUES ('s-1', 2)")
    for position, transaction_id, version in [(2, 99, 1), (1, 100, 2)]:
        superuser.execute(
            """
            INSERT INTO events (position, transaction_id, event_id, stream_id, stream_version,
                event_type, schema_version, data, metadata, recorded_at)
            OVERRIDING SYSTEM VALUE
            VALUES (%s, %s::text::xid8, gen_random_uuid(), 's-1', %s, 'test.happened', 1,
                '{}', '{}', clock_timestamp())
            """,
            (position, transaction_id, version),
        )
    assert await store.head() == GlobalCursor(100, 1)
    assert await store.cursor_at(2) == GlobalCursor(99, 2)
    assert await store.cursor_at(1) == GlobalCursor(100, 1)
