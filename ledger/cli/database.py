"""Finding the database the CLI commands work on, and failing on it in one clear line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
import psycopg
import structlog
from sqlalchemy.exc import SQLAlchemyError

from ledger.cli import event_loop
from ledger.store import DatabaseUnavailableError, check_connection, describe_server, run_migrations
from ledger.store.database import head_revision, schema_revision
from ledger.store.embedded import start_embedded_postgres

if TYPE_CHECKING:
    from ledger.config import Settings

logger = structlog.get_logger(__name__)

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the embedded PostgreSQL keeps its data (default: LEDGER_DATA_DIR or .ledger). "
    "Ignored when LEDGER_DATABASE_URL is set.",
)


def resolve_database_url(settings: Settings, data_dir: Path | None) -> str:
    """Return ``LEDGER_DATABASE_URL``, or start the embedded server and return its URL."""
    if settings.database_url:
        return settings.database_url
    directory = data_dir or Path(settings.data_dir)
    try:
        return start_embedded_postgres(directory)
    except Exception as exc:  # noqa: BLE001 - any failure here ends in one line for a person
        raise click.ClickException(
            f"cannot start the embedded PostgreSQL under {directory}: {exc}"
        ) from None


def _reachable_database(settings: Settings, data_dir: Path | None) -> str:
    url = resolve_database_url(settings, data_dir)
    try:
        event_loop.run(check_connection(url))
    except DatabaseUnavailableError as exc:
        raise click.ClickException(str(exc)) from None
    return url


def open_database(settings: Settings, data_dir: Path | None) -> str:
    """Resolve and check the database, migrated already, for a command that only reads.

    It changes nothing: a schema behind this code is refused with one line saying so, and
    the command needs no right to change the schema.
    """
    url = _reachable_database(settings, data_dir)
    schema = settings.database_schema
    try:
        current = schema_revision(url, schema=schema)
    except psycopg.Error as exc:
        raise click.ClickException(
            f"cannot read the schema {schema} on {describe_server(url)}: {exc}"
        ) from None
    needed = head_revision()
    if current != needed:
        raise click.ClickException(
            f"schema {schema} on {describe_server(url)} is at revision {current or 'none'};"
            f" this ledger needs {needed}: run `ledger migrate` first"
        )
    return url


def prepare_database(settings: Settings, data_dir: Path | None) -> str:
    """Resolve, check and migrate the database; exit with one error line if any step fails."""
    url = _reachable_database(settings, data_dir)
    try:
        run_migrations(url, schema=settings.database_schema)
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        reason = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        raise click.ClickException(
            f"cannot migrate {describe_server(url)}, schema {settings.database_schema}: {reason}"
        ) from None
    logger.info("database ready", server=describe_server(url), schema=settings.database_schema)
    return url
