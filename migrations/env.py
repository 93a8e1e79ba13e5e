"""Alembic environment: raw SQL migrations into one PostgreSQL schema.

The database URL and schema come from ``config.attributes`` when the ledger runs migrations
in code, otherwise from ``LEDGER_DATABASE_URL`` and ``LEDGER_DATABASE_SCHEMA``. Nothing here
imports the application: a migration must mean the same thing whatever the code becomes.
"""

from __future__ import annotations

import os
import re

from alembic import context
from sqlalchemy import create_engine, pool, text

config = context.config


def _database_url() -> str:
    url = config.attributes.get("database_url") or os.environ.get("LEDGER_DATABASE_URL")
    if not url:
        raise SystemExit("set LEDGER_DATABASE_URL to the server to migrate")
    # SQLAlchemy needs the driver named; the ledger always talks psycopg 3.
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", str(url))


def _schema() -> str:
    schema = str(
        config.attributes.get("schema") or os.environ.get("LEDGER_DATABASE_SCHEMA") or "ledger"
    )
    if not schema.isidentifier():
        raise SystemExit(f"schema {schema!r} is not a plain SQL identifier")
    return schema


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade head --sql``)."""
    schema = _schema()
    context.configure(
        url=_database_url(),
        literal_binds=True,
        version_table_schema=schema,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        context.execute(f'SET LOCAL search_path TO "{schema}"')
        context.run_migrations()


def run_migrations_online() -> None:
    """Run every pending revision in one transaction, inside the ledger's schema."""
    schema = _schema()
    engine = create_engine(_database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # Two migrators racing on one database would interleave DDL; the lock makes them queue.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('ledger-migrations'))"))
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.execute(text(f'SET LOCAL search_path TO "{schema}"'))
        context.configure(
            connection=connection,
            version_table_schema=schema,
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
