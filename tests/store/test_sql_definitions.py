"""The SQL functions' definitions live in migrations/sql, one file per version, never edited.

A migration creates a function from its file; a later change is a new file (named by the
revision that makes it) and a new migration. The schema the migrations build holds exactly
the newest version of every function, and every function it holds has a file.
"""

import hashlib
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from ledger.store.database import MIGRATIONS_DIR

_SQL = MIGRATIONS_DIR / "sql"


def _newest() -> dict[str, Path]:
    """Each function's newest definition: the file of the latest revision that made it."""
    newest: dict[str, Path] = {}
    for path in sorted(_SQL.glob("*.sql"), key=lambda p: p.name.split(".")[1]):
        newest[path.name.split(".")[0]] = path
    return newest


def _definitions(connection: psycopg.Connection[Any], schema: str) -> dict[str, str]:
    """``pg_get_functiondef`` of every function in ``schema``, its schema name taken out."""
    rows = connection.execute(
        "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p"
        " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s",
        (schema,),
    ).fetchall()
    return {name: definition.replace(schema, "<schema>") for name, definition in rows}


def test_released_definitions_are_never_edited() -> None:
    listed = {}
    for line in (_SQL / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        listed[name] = digest
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _SQL.glob("*.sql")}
    assert files == listed, "a released definition changed: add a new file and a migration"


def test_the_migrated_schema_holds_the_newest_definition_of_every_function(
    database_url: str, schema: str
) -> None:
    scratch = f"definitions_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url, autocommit=True) as connection:
        migrated = _definitions(connection, schema)
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(scratch)))
        try:
            with connection.transaction():
                # The bodies name tables the scratch schema lacks: created, not compiled.
                connection.execute("SET LOCAL check_function_bodies TO off")
                connection.execute(
                    sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(scratch))
                )
                for path in _newest().values():
                    connection.execute(path.read_text().encode())
            from_files = _definitions(connection, scratch)
        finally:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(scratch)))
    assert from_files.keys() == migrated.keys()
    for name, definition in from_files.items():
        assert migrated[name] == definition, name
