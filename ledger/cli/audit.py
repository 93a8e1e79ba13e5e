"""``ledger keys signing``, ``ledger witnesses`` and ``ledger audit``: the verifiable log's tools.

``keys signing`` shows, rotates and publishes the log's Ed25519 key (kept in a file, never
in the database); ``witnesses`` registers the keys whose cosignatures the ledger keeps;
``audit verify`` is the offline verifier (``ledger/verifier.py``), and ``audit witness``
one round of a witness: check the latest checkpoint against the last one seen, cosign it,
hand the cosignature back.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Final, TypeVar

import click
import psycopg

from ledger import verifier
from ledger.cli import event_loop
from ledger.cli.database import data_dir_option, open_database, prepare_database
from ledger.config import Settings
from ledger.store import checkpoints, open_pool
from ledger.store.signing import KeyFile, SigningKey, SigningKeyError

T = TypeVar("T")
_TIMEOUT_SECONDS: Final = 30.0


def _with_connection(
    settings: Settings,
    data_dir: Path | None,
    work: Callable[[psycopg.AsyncConnection[Any]], Awaitable[T]],
    *,
    migrate: bool = True,
) -> T:
    url = (prepare_database if migrate else open_database)(settings, data_dir)

    async def run() -> T:
        pool = await open_pool(url, schema=settings.database_schema, min_size=1, max_size=1)
        try:
            async with pool.connection() as connection, connection.transaction():
                return await work(connection)
        finally:
            await pool.close()

    return event_loop.run(run())


def _key_file(settings: Settings, data_dir: Path | None) -> KeyFile:
    if data_dir is not None and not settings.signing_key_file:
        return KeyFile(data_dir / "signing-key")
    return KeyFile(settings.signing_key_path)


@click.group()
def signing() -> None:
    """Show, rotate and publish the key checkpoints are signed with."""


@signing.command("show")
@data_dir_option
@click.pass_obj
def show_key(settings: Settings, data_dir: Path | None) -> None:
    """Print the log's verifier key (made now if the service has not started yet)."""
    key_file = _key_file(settings, data_dir)

    async def show(connection: psycopg.AsyncConnection[Any]) -> str:
        key = key_file.key(await checkpoints.origin(connection))
        await checkpoints.register_key(connection, key.verifier)
        return key.verifier.text

    click.echo(_signing(lambda: _with_connection(settings, data_dir, show)))
    click.echo(f"kept in {key_file.path}", err=True)


@signing.command("rotate")
@data_dir_option
@click.pass_obj
def rotate_key(settings: Settings, data_dir: Path | None) -> None:
    """Sign from now on with a new key; the old one stays beside it, retired.

    Checkpoints signed before stay checkable with the old public key, which the ledger keeps
    publishing. A running service picks the new key up at its next checkpoint.
    """
    key_file = _key_file(settings, data_dir)

    async def rotate(connection: psycopg.AsyncConnection[Any]) -> str:
        key = SigningKey.generate(await checkpoints.origin(connection))
        await checkpoints.register_key(connection, key.verifier)
        key_file.write(key, replace=True)
        return key.verifier.text

    click.echo(_signing(lambda: _with_connection(settings, data_dir, rotate)))
    click.echo(
        "rotated: publish the new key beside the old ones (ledger keys signing publish)", err=True
    )


@signing.command("publish")
@data_dir_option
@click.pass_obj
def publish_keys(settings: Settings, data_dir: Path | None) -> None:
    """Print every key the log has signed with, oldest first, one per line."""

    async def published(connection: psycopg.AsyncConnection[Any]) -> list[str]:
        return [key.text for key in await checkpoints.log_keys(connection)]

    for text in _with_connection(settings, data_dir, published, migrate=False):
        click.echo(text)


def _signing(action: Callable[[], T]) -> T:
    try:
        return action()
    except (SigningKeyError, OSError) as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def witnesses() -> None:
    """Register the witnesses whose cosignatures the ledger checks and keeps."""


@witnesses.command("add")
@data_dir_option
@click.argument("verifier_key")
@click.pass_obj
def add_witness(settings: Settings, data_dir: Path | None, verifier_key: str) -> None:
    """Register a witness by its cosignature key (name+keyid+base64, type 0x04)."""
    try:
        key = verifier.parse_verifier_key(verifier_key)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None

    async def add(connection: psycopg.AsyncConnection[Any]) -> None:
        try:
            await checkpoints.add_witness(connection, key)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
        except psycopg.errors.UniqueViolation:
            raise click.ClickException(f"a witness named {key.name} is registered") from None

    _with_connection(settings, data_dir, add)
    click.echo(f"registered witness {key.name}", err=True)


@witnesses.command("list")
@data_dir_option
@click.pass_obj
def list_witnesses(settings: Settings, data_dir: Path | None) -> None:
    """Print the registered witnesses' keys."""

    async def listed(connection: psycopg.AsyncConnection[Any]) -> list[str]:
        return [key.text for key in await checkpoints.witnesses(connection)]

    for text in _with_connection(settings, data_dir, listed, migrate=False):
        click.echo(text)


@click.group()
def audit() -> None:
    """Check the ledger from outside: the offline verifier and a witness."""


@audit.command(
    "verify",
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def verify_offline(arguments: tuple[str, ...]) -> None:
    """Check checkpoints, proofs and exports with no service and no database.

    The same as `python verifier.py ARGUMENTS`: checkpoint, inclusion, consistency, export
    or split, each with --key VKEY (`ledger audit verify --help` lists them).
    """
    raise SystemExit(verifier.main(list(arguments)))


@audit.command("witness")
@click.option("--url", required=True, help="The ledger's base URL.")
@click.option("--log-key", "log_keys", multiple=True, required=True, help="The log's key.")
@click.option("--key-file", type=click.Path(path_type=Path), required=True)
@click.option("--name", help="The witness's name, for a new key (default: the key file's).")
@click.option("--state", type=click.Path(path_type=Path), required=True)
@click.option("--api-key", envvar="LEDGER_API_KEY", help="A reader key for the ledger.")
def witness(  # noqa: PLR0913, PLR0917 - one round's every input, as click passes them
    url: str,
    log_keys: tuple[str, ...],
    key_file: Path,
    name: str | None,
    state: Path,
    api_key: str | None,
) -> None:
    """Cosign the ledger's latest checkpoint if it extends the last one this witness saw.

    Keeps the last checkpoint it cosigned in --state; refuses, and exits 1, when the ledger
    cannot prove the new one extends it (a rewritten history or a split view).
    """
    try:
        keys = [verifier.parse_verifier_key(text) for text in log_keys]
        own = KeyFile(key_file).key(name or _key_name(key_file), verifier.COSIGNATURE_V1)
    except (ValueError, SigningKeyError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    client = _Ledger(url, api_key)
    try:
        note = client.get("/v1/ledger/checkpoint")
        checkpoint, _ = verifier.open_checkpoint(note, keys)
        if state.exists():
            old = state.read_text()
            old_size = verifier.parse_checkpoint(verifier.split_note(old)[0]).size
            if old_size < checkpoint.size:
                proof = json.loads(
                    client.get(
                        "/v1/ledger/proofs/consistency"
                        f"?from_size={old_size}&to_size={checkpoint.size}"
                    )
                )
                verifier.check_consistency(old, proof, keys)
            else:
                verifier.check_split_view(verifier.open_checkpoint(old, keys)[0], checkpoint)
        signature = own.cosign(checkpoint.body, int(time.time()))
        answer = client.post("/v1/ledger/checkpoint/cosignatures", {"note": note + signature.line})
    except verifier.VerificationError as exc:
        raise click.ClickException(f"not cosigned: {exc}") from None
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode(errors="replace")
        raise click.ClickException(f"the ledger answered {exc.code}: {detail}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise click.ClickException(f"the ledger could not be read: {exc}") from None
    state.write_text(note)
    click.echo(f"cosigned {checkpoint.origin} at size {checkpoint.size}: {answer}")


def _key_name(key_file: Path) -> str:
    if key_file.exists():
        return SigningKey.parse(key_file.read_text()).verifier.name
    raise click.UsageError("--name is needed to make a new witness key")


class _Ledger:
    """A few requests to the ledger's HTTP API, with the standard library."""

    def __init__(self, url: str, api_key: str | None) -> None:
        self._url = url.rstrip("/")
        self._headers = {"X-API-Key": api_key} if api_key else {}

    def get(self, path: str) -> str:
        request = urllib.request.Request(self._url + path, headers=self._headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310
            return str(response.read().decode())

    def post(self, path: str, body: dict[str, str]) -> str:
        request = urllib.request.Request(  # noqa: S310 - the operator's own ledger
            self._url + path,
            data=json.dumps(body).encode(),
            headers={**self._headers, "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:  # noqa: S310
            return str(response.read().decode())
