"""Connecting to PostgreSQL: the pool, the clear failure, and migrations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

import msgspec
import psycopg
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from ledger.store.errors import DatabaseUnavailableError

SERVICE_ROLE: Final = "ledger_app"
"""The role the service switches to: may read and insert events, never rewrite them.

Created by migration 0001, which spells the same name.
"""

NOTIFY_CHANNEL: Final = "ledger_events"
"""The LISTEN/NOTIFY channel that wakes tailing readers after an append commits."""

MIGRATIONS_DIR: Final = Path(__file__).resolve().parents[2] / "migrations"


def describe_server(url: str) -> str:
    """Name the server and database of a URL for messages, never its password."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "an unparseable database URL"
    host = str(params.get("host") or "localhost")
    port = str(params.get("port") or "5432")
    where = f"{host}:{port}" if not host.startswith("/") else f"socket {host}"
    return f"PostgreSQL at {where}, database {params.get('dbname') or params.get('user') or '?'!s}"


def _redact(message: str, url: str) -> str:
    try:
        password = conninfo_to_dict(url).get("password")
    except psycopg.ProgrammingError:
        password = None
    first_line = message.strip().splitlines()[0] if message.strip() else "no reason given"
    if password:
        first_line = first_line.replace(str(password), "***")
    return re.sub(r"password=\S+", "password=***", first_line)


async def check_connection(url: str, *, connect_seconds: float = 10.0) -> None:
    """Connect once, or raise ``DatabaseUnavailableError`` with a one-line reason."""
    try:
        connection = await psycopg.AsyncConnection.connect(
            url, connect_timeout=max(1, int(connect_seconds))
        )
    except psycopg.Error as exc:
        raise DatabaseUnavailableError(
            f"cannot connect to {describe_server(url)}: {_redact(str(exc), url)}"
        ) from None
    await connection.close()


class LedgerPool(AsyncConnectionPool):
    """The ledger's connection pool: refuses at once while the database is known to be down.

    ``unreachable`` is set by ``DatabaseCircuit`` while it probes. Every caller of the pool
    then fails at once with ``DatabaseUnavailableError`` rather than waiting out the pool's
    timeout, among them requests already past the API's own check, queued behind one
    another on a stream.
    """

    unreachable = False

    async def getconn(self, timeout: float | None = None) -> Any:  # noqa: ANN401, ASYNC109 - the pool's own signature
        """A connection, unless the database is known to be unreachable."""
        if self.unreachable:
            raise DatabaseUnavailableError("the database does not answer; nothing was written")
        return await super().getconn(timeout)


CONNECT_TIMEOUT_SECONDS: Final = 3
"""How long one connection attempt may take: an unreachable server fails fast."""


async def open_pool(  # noqa: PLR0913 - the pool's independent settings
    url: str,
    *,
    schema: str,
    min_size: int = 2,
    max_size: int = 10,
    open_seconds: float = 30.0,
    wait_seconds: float = 30.0,
) -> LedgerPool:
    """Open a pool whose connections use ``schema`` and, when allowed, the service role.

    A request for a connection waits at most ``wait_seconds`` for one (then ``PoolTimeout``).
    """

    async def configure(connection: psycopg.AsyncConnection[tuple[Any, ...]]) -> None:
        set_json_loads(msgspec.json.decode, connection)
        await connection.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        cursor = await connection.execute(
            "SELECT CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = %s)"
            " THEN pg_has_role(current_user, %s, 'MEMBER') ELSE false END",
            (SERVICE_ROLE, SERVICE_ROLE),
        )
        row = await cursor.fetchone()
        if row is not None and row[0]:
            await connection.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(SERVICE_ROLE)))

    pool = LedgerPool(
        url,
        min_size=min_size,
        max_size=max_size,
        kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_SECONDS},
        configure=configure,
        timeout=wait_seconds,
        open=False,
        name="ledger",
    )
    try:
        await pool.open(wait=True, timeout=open_seconds)
    except (PoolTimeout, psycopg.Error) as exc:
        await pool.close()
        raise DatabaseUnavailableError(
            f"cannot open a connection pool to {describe_server(url)}: {_redact(str(exc), url)}"
        ) from None
    return pool


def _alembic_config(url: str | None = None, schema: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    config.attributes["schema"] = schema
    return config


def run_migrations(url: str, *, schema: str, revision: str = "head") -> None:
    """Bring ``schema`` up to ``revision`` with alembic (blocking)."""
    command.upgrade(_alembic_config(url, schema), revision)


def head_revision() -> str:
    """The revision this code's schema is at once migrated."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations under {MIGRATIONS_DIR}")
    return head


def schema_revision(url: str, *, schema: str) -> str | None:
    """The revision ``schema`` was migrated to, or ``None`` if it never was (blocking)."""
    with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_SECONDS) as connection:
        try:
            row = connection.execute(
                sql.SQL("SELECT version_num FROM {}.alembic_version").format(sql.Identifier(schema))
            ).fetchone()
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            return None
    return None if row is None else str(row[0])
