"""``ledger serve`` on its embedded PostgreSQL stops that server when it stops.

On SIGTERM (systemd, ``docker stop``), on SIGINT (Ctrl-C), when it fails to start, and
after an earlier run was killed outright and left its mark in the server's list of users.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.commands import LEDGER
from tests.e2e.serving import free_loopback_port

_SECONDS = 60


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for the module: the server is created once, started many times."""
    return tmp_path_factory.mktemp("embedded")


def _postmaster(data_dir: Path) -> int | None:
    """The embedded server's process id while it runs, else ``None``."""
    pid_file = data_dir / "postgres" / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def _stopped(data_dir: Path) -> bool:
    deadline = time.monotonic() + _SECONDS
    while _postmaster(data_dir) is not None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@contextmanager
def _serving(data_dir: Path, log: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """``ledger serve`` on the embedded server under ``data_dir``, listening on ``port``."""
    env = {**os.environ, "LEDGER_DATABASE_URL": "", "LEDGER_LOG_LEVEL": "warning"}
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [*LEDGER, "serve", "--data-dir", str(data_dir), "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=_SECONDS)


def _wait_until_healthy(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + _SECONDS
    while True:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the service did not start"
        time.sleep(0.1)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_service_and_its_embedded_server(
    data_dir: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    port, log = free_loopback_port(), tmp_path / "serve.log"
    with _serving(data_dir, log, port) as process:
        _wait_until_healthy(process, port, log)
        assert _postmaster(data_dir) is not None
        process.send_signal(stop)
        assert process.wait(timeout=_SECONDS) == 128 + stop, log.read_text()
    assert _stopped(data_dir), log.read_text()


def test_a_start_that_fails_stops_the_embedded_server(data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with _serving(data_dir, log, port) as process:
            assert process.wait(timeout=_SECONDS) != 0
    assert "address already in use" in log.read_text().lower()
    assert _stopped(data_dir), log.read_text()


def test_a_run_killed_outright_does_not_keep_the_next_from_stopping_it(
    data_dir: Path, tmp_path: Path
) -> None:
    port, log = free_loopback_port(), tmp_path / "killed.log"
    with _serving(data_dir, log, port) as killed:
        _wait_until_healthy(killed, port, log)
        killed.kill()
        killed.wait(timeout=_SECONDS)
    assert _postmaster(data_dir) is not None  # nothing could stop it: the process was gone
    port, log = free_loopback_port(), tmp_path / "next.log"
    with _serving(data_dir, log, port) as process:
        _wait_until_healthy(process, port, log)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=_SECONDS) == 128 + signal.SIGTERM, log.read_text()
    assert _stopped(data_dir), log.read_text()
