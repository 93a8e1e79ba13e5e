from typing import Any

import psycopg
from alembic import command
from alembic.config import Config

from ledger.store import EventStore, open_pool, run_migrations
from ledger.store.database import MIGRATIONS_DIR
from tests.conftest import TEST_EVENT_TYPES, migrated_schema
from tests.store.helpers import happened


def _alembic(database_url: str, schema: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    config.attributes["schema"] = schema
    return config


def _append_signature_and_key(connection: psycopg.Connection[Any], schema: str) -> tuple[str, bool]:
    row = connection.execute(
        """
        SELECT pg_get_function_identity_arguments(p.oid),
               EXISTS (SELECT FROM pg_constraint c
                       WHERE c.conname = 'events_stream_id_fkey'
                         AND c.connamespace = n.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.proname = 'append_events' AND n.nspname = %s
        """,
        (schema,),
    ).fetchone()
    assert row is not None
    return row[0], row[1]


async def test_0007_downgrades_to_the_array_function_and_back(database_url: str) -> None:
    with migrated_schema(database_url, prefix="migrations") as schema:
        with psycopg.connect(database_url, autocommit=True) as connection:
            arguments, has_key = _append_signature_and_key(connection, schema)
            assert "p_events jsonb" in arguments
            assert not has_key

            command.downgrade(_alembic(database_url, schema), "0006")
            arguments, has_key = _append_signature_and_key(connection, schema)
            assert "p_event_ids uuid[]" in arguments
            assert has_key

            run_migrations(database_url, schema=schema)
            arguments, has_key = _append_signature_and_key(connection, schema)
            assert "p_events jsonb" in arguments
            assert not has_key

        pool = await open_pool(database_url, schema=schema, min_size=1, max_size=2)
        try:
            store = EventStore(pool, TEST_EVENT_TYPES)
            result = await store.append("round-trip-1", [happened(1), happened(2)])
            await store.flush_notifications()
        finally:
            await pool.close()
        assert result.stream_version == 2
