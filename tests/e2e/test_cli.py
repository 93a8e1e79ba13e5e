"""The ``ledger`` command as a newcomer runs it: a real process, a real server."""

import os
import socket
import uuid
from pathlib import Path

import psycopg
import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from ledger.store.database import MIGRATIONS_DIR
from tests.commands import run_ledger


def _closed_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_server_fails_in_one_line_without_the_password() -> None:
    port = _closed_loopback_port()
    url = f"postgresql://ledger:hunter2secret@127.0.0.1:{port}/incidents"
    for command in ("migrate", "serve"):
        result = run_ledger({"LEDGER_DATABASE_URL": url}, command)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert f"127.0.0.1:{port}" in lines[0]
        assert "incidents" in lines[0]
        assert "hunter2secret" not in result.stderr + result.stdout


def test_wrong_database_fails_in_one_line(database_url: str) -> None:
    params = psycopg.conninfo.conninfo_to_dict(database_url)
    params["dbname"] = "no_such_ledger_db"
    url = psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in params.items()})
    result = run_ledger({"LEDGER_DATABASE_URL": url}, "migrate")
    assert result.returncode != 0
    [line] = result.stderr.strip().splitlines()
    assert "no_such_ledger_db" in line


def test_bad_setting_is_named() -> None:
    result = run_ledger({"LEDGER_PORT": "eighty"}, "migrate")
    assert result.returncode != 0
    assert "LEDGER_PORT" in result.stderr


def _head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def test_migrate_creates_the_schema_and_is_repeatable(database_url: str) -> None:
    schema = f"cli_{uuid.uuid4().hex[:12]}"
    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    try:
        first = run_ledger(env, "migrate")
        assert first.returncode == 0, first.stderr
        again = run_ledger(env, "migrate")
        assert again.returncode == 0, again.stderr
        with psycopg.connect(database_url) as connection:
            row = connection.execute(
                f'SELECT version_num FROM "{schema}".alembic_version'  # noqa: S608
            ).fetchone()
        assert row == (_head_revision(),)
    finally:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.skipif(
    bool(os.environ.get("LEDGER_TEST_DATABASE_URL")), reason="exercises the embedded server"
)
def test_migrate_without_a_url_starts_the_embedded_server(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    result = run_ledger({"LEDGER_DATABASE_URL": ""}, "migrate", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert (data_dir / "postgres" / "PG_VERSION").exists()


def test_read_only_commands_never_migrate_and_say_so_when_the_schema_is_behind(
    database_url: str, tmp_path: Path
) -> None:
    schema = f"cli_{uuid.uuid4().hex[:12]}"
    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    commands = [
        ("keys", "list"),
        ("projections", "status"),
        ("verify",),
        ("export", str(tmp_path / "log.ndjson")),
    ]
    try:
        for command in commands:
            result = run_ledger(env, *command)
            assert result.returncode != 0, command
            [line] = result.stderr.strip().splitlines()
            assert f"schema {schema}" in line
            assert "revision none" in line
            assert "ledger migrate" in line
        with psycopg.connect(database_url) as connection:
            created = connection.execute(
                "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)
            ).fetchone()
        assert created == (0,)  # nothing was changed, not even the schema created
        assert run_ledger(env, "migrate").returncode == 0
        for command in commands:
            result = run_ledger(env, *command)
            assert result.returncode == 0, (command, result.stderr)
    finally:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
