"""The ``ledger`` command: serve, migrate, keys, projections, verify, export, import, audit."""

from __future__ import annotations

import gc
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Final

import click
import psycopg
import uvicorn

from ledger.api.app import create_app
from ledger.application.access import ApiKeyError, ApiKeyStore, Role
from ledger.cli import event_loop
from ledger.cli.audit import audit, signing, witnesses
from ledger.cli.database import data_dir_option, open_database, prepare_database
from ledger.cli.projections import projections
from ledger.cli.stopping import signals_end_the_process
from ledger.config import Settings, SettingsError
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.logging import configure_logging
from ledger.store import open_pool
from ledger.store.chain import Chain
from ledger.store.chain_hashes import Digest, UnknownDigestError, Verification
from ledger.store.transfer import (
    ImportResult,
    InvalidExportError,
    LedgerNotEmptyError,
    export_events,
    import_events,
)

KeyAction = Callable[[ApiKeyStore], Awaitable[None]]

_SERVING_YOUNGEST_THRESHOLD: Final = 10_000
"""Allocations between collections of the youngest generation while serving (default 700)."""


@click.group()
@click.pass_context
def main(context: click.Context) -> None:
    """Incident Ledger: an immutable, auditable record of armed-conflict reports."""
    try:
        settings = Settings.from_environment()
    except (SettingsError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    configure_logging(settings.log_format, settings.log_level)
    context.obj = settings
    # An embedded PostgreSQL a command starts stops when the command exits normally.
    context.with_resource(signals_end_the_process())


@main.command()
@data_dir_option
@click.pass_obj
def migrate(settings: Settings, data_dir: Path | None) -> None:
    """Apply every pending database migration, then exit."""
    prepare_database(settings, data_dir)


@main.command()
@data_dir_option
@click.option("--host", default=None, help="Interface to listen on (default: LEDGER_HOST).")
@click.option("--port", type=int, default=None, help="Port to listen on (default: LEDGER_PORT).")
@click.pass_obj
def serve(settings: Settings, data_dir: Path | None, host: str | None, port: int | None) -> None:
    """Migrate the database, then serve the HTTP API.

    Without LEDGER_DATABASE_URL an embedded PostgreSQL is started and stopped with the service.
    """
    url = prepare_database(settings, data_dir)
    app = create_app(settings, url, EVENT_SCHEMA_VERSIONS)
    config = uvicorn.Config(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
    )
    # What exists now (modules, the app, its routes and schemas) lives as long as the
    # process: a full collection need not walk it again. Full collections over it paused
    # every request in flight (docs/performance.md). A page that reads a year of claims makes
    # hundreds of thousands of objects that reference counting frees: collecting the youngest
    # generation every 700 allocations, not 10,000, took a third of such a page's time.
    gc.freeze()
    gc.set_threshold(_SERVING_YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])
    uvicorn.Server(config).run()


main.add_command(projections)
main.add_command(witnesses)
main.add_command(audit)


@main.group()
def keys() -> None:
    """Issue, list and revoke API keys; show, rotate and publish the signing key."""


keys.add_command(signing)


async def _with_keys(url: str, settings: Settings, action: KeyAction) -> None:
    pool = await open_pool(url, schema=settings.database_schema, min_size=1, max_size=1)
    try:
        await action(ApiKeyStore(pool))
    finally:
        await pool.close()


@keys.command("create")
@data_dir_option
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", required=True, help="A unique name; it becomes the events' principal.")
@click.pass_obj
def create_key(settings: Settings, data_dir: Path | None, role: str, name: str) -> None:
    """Issue a key and print its secret, once: it is stored only as a hash."""
    url = prepare_database(settings, data_dir)

    async def issue(store: ApiKeyStore) -> None:
        try:
            issued = await store.issue(name, Role(role), created_by="cli")
        except ApiKeyError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(issued.secret)
        click.echo(
            f"issued {issued.key.role} key {issued.key.name!r} ({issued.key.key_id}); "
            "the secret above is shown this once",
            err=True,
        )

    event_loop.run(_with_keys(url, settings, issue))


@keys.command("list")
@data_dir_option
@click.pass_obj
def list_keys(settings: Settings, data_dir: Path | None) -> None:
    """List every key, revoked ones included (never their secrets)."""
    url = open_database(settings, data_dir)

    async def show(store: ApiKeyStore) -> None:
        for key in await store.list():
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            click.echo(f"{key.key_id}  {key.role:<8}  {state:<18}  {key.name}")

    event_loop.run(_with_keys(url, settings, show))


@keys.command("revoke")
@data_dir_option
@click.argument("key_id")
@click.pass_obj
def revoke_key(settings: Settings, data_dir: Path | None, key_id: str) -> None:
    """Revoke a key at once."""
    url = prepare_database(settings, data_dir)

    async def revoke(store: ApiKeyStore) -> None:
        if await store.revoke(key_id) is None:
            raise click.ClickException(f"no key {key_id!r}")
        click.echo(f"revoked {key_id}", err=True)

    event_loop.run(_with_keys(url, settings, revoke))


@main.command()
@data_dir_option
@click.option(
    "--from",
    "from_position",
    type=click.IntRange(min=1),
    default=None,
    help="Start at this position (default: the first event).",
)
@click.pass_obj
def verify(settings: Settings, data_dir: Path | None, from_position: int | None) -> None:
    """Recompute the hash chain from the events; name the first that does not match.

    Checks what is sealed, and counts apart the events committed since: verifying never
    seals, so an event altered before its seal is not vouched for by it. Exits 1 when the
    log was tampered with.
    """
    url = open_database(settings, data_dir)

    async def check() -> Verification:
        pool = await open_pool(url, schema=settings.database_schema, min_size=1, max_size=1)
        try:
            return await Chain(pool).verify(from_position)
        except UnknownDigestError as exc:
            raise click.ClickException(str(exc)) from None
        except psycopg.Error as exc:
            raise click.ClickException(f"cannot verify: {type(exc).__name__}: {exc}") from None
        finally:
            await pool.close()

    result = event_loop.run(check())
    if result.first_mismatch is not None:
        bad = result.first_mismatch
        click.echo(
            f"MISMATCH at position {bad.position} ({bad.problem}): {bad.detail};"
            f" {result.checked} events matched before it",
            err=True,
        )
        sys.exit(1)
    click.echo(
        f"ok: {result.checked} events match their chain up to position {result.sealed_position};"
        f" {result.unsealed} committed since, not sealed yet",
        err=True,
    )


@main.command("export")
@data_dir_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "from_position", type=click.IntRange(min=1), default=None)
@click.option("--to", "to_position", type=click.IntRange(min=1), default=None)
@click.pass_obj
def export_command(
    settings: Settings,
    data_dir: Path | None,
    file: Path,
    from_position: int | None,
    to_position: int | None,
) -> None:
    """Write the log (or a position range) to FILE as NDJSON, in the gap-free order."""
    url = open_database(settings, data_dir)

    async def export() -> int:
        pool = await open_pool(url, schema=settings.database_schema, min_size=1, max_size=1)
        count = 0
        try:
            with file.open("wb") as out:
                async for line in export_events(
                    pool, from_position=from_position, to_position=to_position
                ):
                    out.write(line)
                    count += 1
        finally:
            await pool.close()
        return count

    click.echo(f"exported {event_loop.run(export())} events to {file}", err=True)


@main.command("import")
@data_dir_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def import_command(settings: Settings, data_dir: Path | None, file: Path) -> None:
    """Load an export into an empty ledger: same events, positions, hashes and projections."""
    url = prepare_database(settings, data_dir)

    async def load() -> tuple[ImportResult, Digest | None]:
        pool = await open_pool(url, schema=settings.database_schema, min_size=1, max_size=1)
        try:
            with file.open("rb") as lines:
                result = await import_events(pool, lines)
            chain = Chain(pool)
            await chain.seal_all()
            return result, await chain.digest()
        except (LedgerNotEmptyError, InvalidExportError) as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            await pool.close()

    result, digest = event_loop.run(load())
    root = f"; chain root {digest.root_hash} at {digest.seq}" if digest else ""
    click.echo(
        f"imported {result.events} events in {result.transactions} transactions{root}", err=True
    )
