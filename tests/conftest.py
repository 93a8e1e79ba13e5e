"""Fixtures shared by every database test: a real PostgreSQL, one fresh schema per test.

API tests get the real app over that schema and a key for each role.

The server is ``LEDGER_TEST_DATABASE_URL`` when set, otherwise an embedded PostgreSQL kept
under ``.ledger/test`` in the checkout.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec
import psycopg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.api.app import create_app
from ledger.application.access import ApiKeyStore, Role
from ledger.config import Settings
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.store import EventStore, open_pool, run_migrations
from ledger.store.embedded import start_embedded_postgres

REPOSITORY = Path(__file__).resolve().parents[1]

TEST_EVENT_TYPES = {"test.happened": 1, "test.counted": 2, "other.noted": 1}
"""Event types the store tests register: the store is generic over its registry."""


@pytest.fixture(scope="session")
def database_url() -> str:
    """The server every database test talks to."""
    url = os.environ.get("LEDGER_TEST_DATABASE_URL")
    if url:
        return url
    return start_embedded_postgres(REPOSITORY / ".ledger" / "test")


@contextmanager
def migrated_schema(database_url: str, prefix: str = "test") -> Iterator[str]:
    """A new schema migrated to head, dropped on leaving."""
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    run_migrations(database_url, schema=name)
    try:
        yield name
    finally:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture
def schema(database_url: str) -> Iterator[str]:
    """A schema migrated to head for this test alone, dropped afterwards."""
    with migrated_schema(database_url) as name:
        yield name


@pytest.fixture
async def pool(database_url: str, schema: str) -> AsyncIterator[AsyncConnectionPool]:
    """A pool configured as the service configures its own."""
    connection_pool = await open_pool(database_url, schema=schema, min_size=1, max_size=12)
    yield connection_pool
    await connection_pool.close()


@pytest.fixture
def store(pool: AsyncConnectionPool) -> EventStore:
    """An event store over the test schema, accepting ``TEST_EVENT_TYPES``."""
    return EventStore(pool, TEST_EVENT_TYPES, max_event_bytes=64 * 1024)


@pytest.fixture
def superuser(database_url: str, schema: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A raw connection as the test server's superuser, inside the test schema."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(f'SET search_path TO "{schema}"')
        yield connection


@pytest.fixture
def settings(database_url: str, schema: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        database_schema=schema,
        pool_min_size=1,
        data_dir=str(tmp_path / "data"),
    )


@pytest.fixture
def app(settings: Settings, database_url: str) -> Litestar:
    return create_app(settings, database_url, EVENT_SCHEMA_VERSIONS)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as test_client:
        yield test_client


ClientFactory = Callable[..., AsyncTestClient[Litestar]]


@pytest.fixture
def client_with(settings: Settings, database_url: str) -> ClientFactory:
    """``client_with(setting=value, ...)``: a client of the app with those settings changed.

    Use it as ``async with client_with(...) as client``.
    """

    def build(**changes: Any) -> AsyncTestClient[Litestar]:
        changed = msgspec.structs.replace(settings, **changes)
        return AsyncTestClient(create_app(changed, database_url, EVENT_SCHEMA_VERSIONS))

    return build


async def issue_keys(pool: AsyncConnectionPool) -> dict[Role, dict[str, str]]:
    """Issue one key of each role; return their X-API-Key headers."""
    store = ApiKeyStore(pool)
    headers = {}
    for role in Role:
        issued = await store.issue(f"test-{role}", role, created_by="tests")
        headers[role] = {"X-API-Key": issued.secret}
    return headers


@pytest.fixture
async def keys(pool: AsyncConnectionPool) -> dict[Role, dict[str, str]]:
    """X-API-Key headers for one key of each role."""
    return await issue_keys(pool)


@pytest.fixture
def admin(keys: dict[Role, dict[str, str]]) -> dict[str, str]:
    return keys[Role.ADMIN]


@pytest.fixture
def reporter(keys: dict[Role, dict[str, str]]) -> dict[str, str]:
    return keys[Role.REPORTER]


@pytest.fixture
def reader(keys: dict[Role, dict[str, str]]) -> dict[str, str]:
    return keys[Role.READER]
