"""The global order is numeric in transaction ids, also where their decimal length changes."""

from typing import Any

import psycopg
import pytest

from ledger.store import START_OF_LOG, EventStore
from tests.store.helpers import happened

MAX_BURN = 60_000


def _next_transaction_id(connection: psycopg.Connection[tuple[Any, ...]]) -> int:
    row = connection.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
    assert row is not None
    return int(row[0])


async def test_order_holds_across_a_power_of_ten(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]]
) -> None:
    next_id = _next_transaction_id(superuser)
    boundary = 10 ** len(str(next_id))
    if boundary - next_id > MAX_BURN:
        pytest.skip(f"transaction ids are {boundary - next_id} away from {boundary}")
    # Each procedure loop commits one transaction that takes an id and writes nothing.
    superuser.execute(
        """
        CREATE PROCEDURE pg_temp.burn_transaction_ids(target bigint)
        LANGUAGE plpgsql AS $$
        BEGIN
            SET LOCAL synchronous_commit = off;
            WHILE pg_current_xact_id()::text::bigint < target LOOP
                COMMIT;
                SET LOCAL synchronous_commit = off;
            END LOOP;
            COMMIT;
        END $$
        """
    )
    superuser.execute("CALL pg_temp.burn_transaction_ids(%s)", (boundary - 30,))

    appended = [await store.append("s-1", [happened(0)])]
    while appended[-1].transaction_id < boundary:
        appended.append(await store.append("s-1", [happened(len(appended))]))
    assert len(appended) >= 2, "burnt too far: no append landed below the boundary"
    shorter, longer = appended[-2], appended[-1]
    assert len(str(shorter.transaction_id)) < len(str(longer.transaction_id))

    cursor = START_OF_LOG
    order = []
    while (page := await store.read_all(cursor, limit=1)).events:
        order.append(page.events[0].transaction_id)
        cursor = page.next_cursor
    assert order == sorted(order)
    assert order[-2:] == [shorter.transaction_id, longer.transaction_id]
