"""What the projection tests share: the ledger's own store, and a ledger with everything in it."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.store import EventStore
from tests.e2e import idlib_scenario as scenario


@pytest.fixture
def store(pool: AsyncConnectionPool) -> EventStore:
    """The ledger's store on the test's own event loop (the app's pool lives on another)."""
    return EventStore(pool, EVENT_SCHEMA_VERSIONS)


@pytest.fixture
async def everything_recorded(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    """The scenario and every later write: corrections, a retraction, a merge, a regrade."""
    await scenario.record(client, admin, reporter)
    async for _ in scenario.later_writes(client, admin, reporter, reader):
        pass
