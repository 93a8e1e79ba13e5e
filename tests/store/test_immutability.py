from typing import Any

import psycopg
import pytest

from ledger.store import EventStore
from tests.store.helpers import count_rows, happened


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET data = '{\"n\": 666}'",
        "UPDATE events SET stream_version = stream_version + 10",
        "DELETE FROM events",
        "TRUNCATE events CASCADE",
        "TRUNCATE streams CASCADE",
    ],
)
async def test_even_a_superuser_cannot_rewrite_events(
    store: EventStore, superuser: psycopg.Connection[tuple[Any, ...]], statement: str
) -> None:
    await store.append("s-1", [happened(1), happened(2)])
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="immutable"):
        superuser.execute(statement)
    assert count_rows(superuser, "events") == 2
    assert [e.data for e in await store.read_stream("s-1")] == [{"n": 1}, {"n": 2}]


@pytest.mark.parametrize(
    "statement",
    ["UPDATE events SET data = '{}'", "DELETE FROM events", "TRUNCATE events"],
)
async def test_the_service_role_holds_no_rewrite_privilege(
    store: EventStore, statement: str
) -> None:
    await store.append("s-1", [happened(1)])
    async with store.pool.connection() as connection:
        cursor = await connection.execute("SELECT current_user")
        assert await cursor.fetchone() == ("ledger_app",)
        # The privilege check fails before any trigger would run.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            await connection.execute(statement)
    assert len(await store.read_stream("s-1")) == 1
