"""``ledger serve`` in a process of its own on loopback, for the end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    database_url: str, schema: str, log: Path, settings: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Run ``ledger serve`` over ``schema`` until the block ends; yield its base URL.

    ``settings`` are more ``LEDGER_*`` variables; the server's output goes to ``log``.
    """
    port = free_loopback_port()
    env = {
        **os.environ,
        "LEDGER_DATABASE_URL": database_url,
        "LEDGER_DATABASE_SCHEMA": schema,
        "LEDGER_LOG_LEVEL": "warning",
        # Its own signing key, beside its log: never one shared with another test's ledger.
        "LEDGER_DATA_DIR": str(log.with_suffix(".data")),
        **(settings or {}),
    }
    base_url = f"http://127.0.0.1:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-m", "ledger.cli", "serve", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
