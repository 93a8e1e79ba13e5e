"""``ledger projections run | rebuild [NAME]... | status``: projection workers outside the API."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Final, TextIO

import click

from ledger.application.projection_admin import RebuildInProgressError
from ledger.cli import event_loop
from ledger.cli.database import data_dir_option, open_database, prepare_database
from ledger.config import Settings
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.projections.rebuilds import Progress
from ledger.projections.workers import ProjectionWorkers, default_projections
from ledger.store import EventStore, open_pool
from ledger.store.chain import Chain
from ledger.store.signing import KeyFile

_BAR_WIDTH: Final = 30


@asynccontextmanager
async def _workers(url: str, settings: Settings) -> AsyncIterator[ProjectionWorkers]:
    pool = await open_pool(url, schema=settings.database_schema, min_size=1, max_size=4)
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS, max_event_bytes=settings.max_event_bytes)
    listener = store.listener()
    await listener.start()
    chain = Chain(pool, KeyFile(settings.signing_key_path), settings.checkpoint_seconds)
    workers = ProjectionWorkers(store, default_projections(store), listener, chain)
    try:
        yield workers
    finally:
        await workers.stop()
        await listener.stop()
        await pool.close()


@click.group()
def projections() -> None:
    """Run, rebuild and inspect the projections behind the views."""


@projections.command()
@data_dir_option
@click.pass_obj
def run(settings: Settings, data_dir: Path | None) -> None:
    """Keep every projection and the hash chain current until stopped (SIGINT or SIGTERM).

    The same workers run inside `ledger serve`; run them here to scale them apart from the
    API (then set LEDGER_PROJECTION_WORKERS=false on the API). Several may run at once:
    each batch's checkpoint move makes a second runner of a generation give way.
    """
    url = prepare_database(settings, data_dir)

    async def work() -> None:
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        async with _workers(url, settings) as workers:
            await workers.start()
            click.echo("projection workers running", err=True)
            await stopping.wait()
        click.echo("projection workers stopped", err=True)

    event_loop.run(work())


@projections.command()
@data_dir_option
@click.argument("names", nargs=-1)
@click.pass_obj
def rebuild(settings: Settings, data_dir: Path | None, names: tuple[str, ...]) -> None:
    """Rebuild the projections NAMES (every one if none is named) from the start of the log.

    The live tables keep serving meanwhile; each projection's new tables go live in one
    transaction once they have caught up with the log. Several projections are rebuilt in
    one pass over the log.
    """
    url = prepare_database(settings, data_dir)

    async def build() -> None:
        async with _workers(url, settings) as workers:
            known = [p.name for p in workers.projections]
            unknown = [name for name in names if name not in known]
            if unknown:
                raise click.ClickException(f"no projection {unknown[0]!r}; there are {known}")
            await workers.prepare()
            bar = _ProgressBar(sys.stderr)
            try:
                built = await workers.start_rebuild(names or known, bar.show)
            except RebuildInProgressError as exc:
                raise click.ClickException(str(exc)) from None
            bar.finish()
            for generation in built:
                click.echo(
                    f"{generation.name}: generation {generation.generation} is live"
                    f" ({generation.events_applied} events applied)",
                    err=True,
                )

    event_loop.run(build())


@projections.command()
@data_dir_option
@click.pass_obj
def status(settings: Settings, data_dir: Path | None) -> None:
    """Print each projection's generations: state, position, lag and rate."""
    url = open_database(settings, data_dir)

    async def show() -> None:
        async with _workers(url, settings) as workers:
            for projection in await workers.status():
                click.echo(f"{projection.name} (version {projection.version}): {projection.state}")
                for g in projection.generations:
                    lag = f"{g.lag_events}{'+' if g.lag_capped else ''}"
                    click.echo(
                        f"  generation {g.generation}  {g.state:<8}  applied {g.events_applied}"
                        f"  lag {lag}  {g.events_per_second:.0f} events/s  at {g.position}"
                        + (f"  poison events: {g.poison_events}" if g.poison_events else "")
                        + (f"  last error: {g.last_error}" if g.last_error else "")
                    )

    event_loop.run(show())


class _ProgressBar:
    """One line on a terminal, rewritten in place: done/total, events/s and time left."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._live = stream.isatty()
        self._last = ""

    def show(self, progress: Progress) -> None:
        filled = _BAR_WIDTH if progress.total == 0 else _BAR_WIDTH * progress.done // progress.total
        left = "?" if progress.seconds_left is None else f"{progress.seconds_left:.0f}s"
        line = (
            f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {progress.done}/{progress.total}"
            f" events  {progress.events_per_second:.0f} events/s  {left} left"
        )
        if self._live:
            self._stream.write(f"\r{line}")
            self._stream.flush()
        self._last = line

    def finish(self) -> None:
        # Off a terminal (CI, a log file) only the last state is worth a line.
        self._stream.write("\n" if self._live else f"{self._last}\n")
        self._stream.flush()
