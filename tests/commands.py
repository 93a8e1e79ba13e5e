"""Running the ``ledger`` command as a newcomer does: a real process."""

from __future__ import annotations

import os
import subprocess
import sys

LEDGER = [sys.executable, "-m", "ledger.cli"]


def run_ledger(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``ledger ARGS`` with ``env`` added to this environment; never raises on failure."""
    return subprocess.run(  # noqa: S603 - our own command with fixed arguments
        [*LEDGER, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
