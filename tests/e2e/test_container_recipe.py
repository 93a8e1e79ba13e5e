"""The image's recipe, run on this machine as the Dockerfile runs it in a container.

No registry of images is reachable from every machine that runs this suite, so the image
itself is not built here. What the Dockerfile decides is run instead: the same ``uv sync``
into an environment of its own (no dev tools, no benchmark peers), its ``ENV``, its ``CMD``
and its ``HEALTHCHECK``. The service must start from that install alone, listen on every
interface, be found healthy by the check, and stop on SIGTERM as ``docker stop`` sends it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY
from tests.e2e.serving import free_loopback_port

pytestmark = pytest.mark.slow

_SECONDS = 60
_LISTEN = "0A"
"""A listening socket's state in /proc/net/tcp."""


class _Recipe:
    """What the Dockerfile says: its install command, environment, command and health check."""

    def __init__(self, text: str) -> None:
        instructions = _instructions(text)
        self.sync = next(
            shlex.split(step)
            for name, arguments in instructions
            if name == "RUN"
            for step in arguments.split("&&")
            if step.strip().startswith("uv sync")
        )
        self.env = dict(
            pair.split("=", 1)
            for name, arguments in instructions
            if name == "ENV"
            for pair in shlex.split(arguments)
        )
        self.command = next(json.loads(a) for n, a in instructions if n == "CMD")
        healthcheck = next(a for n, a in instructions if n == "HEALTHCHECK")
        self.healthcheck = json.loads(healthcheck.split(" CMD ", 1)[1])


def _instructions(text: str) -> list[tuple[str, str]]:
    """Each instruction's name and arguments, continuation lines joined, comments left out."""
    joined = text.replace("\\\n", " ")
    lines = [line.strip() for line in joined.splitlines()]
    return [
        (line.split(None, 1)[0], line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def _in(environment: Path, argv: list[str]) -> list[str]:
    """``argv`` as the image runs it from /app, with the environment at ``environment``."""
    return [
        str(environment / a.removeprefix(".venv/")) if a.startswith(".venv/") else a for a in argv
    ]


def _listens_on_every_interface(port: int) -> bool:
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if int(hex_port, 16) == port and state == _LISTEN and set(address) == {"0"}:
                return True
    return False


def test_the_image_recipe_serves_and_is_found_healthy(
    database_url: str, schema: str, tmp_path: Path
) -> None:
    recipe = _Recipe((REPOSITORY / "Dockerfile").read_text())
    assert recipe.env["LEDGER_HOST"] == "0.0.0.0"  # noqa: S104 - what the image must do
    environment = tmp_path / "venv"
    plain = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    uv = shutil.which(recipe.sync[0])
    assert uv is not None, "uv, which the image installs, is not on PATH"
    synced = subprocess.run(  # noqa: S603 - the Dockerfile's own command
        [uv, *recipe.sync[1:]],
        cwd=REPOSITORY,
        env={**plain, "UV_PROJECT_ENVIRONMENT": str(environment)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert synced.returncode == 0, synced.stderr
    assert not (environment / "bin" / "pytest").exists()  # the dev tools stayed out

    port = free_loopback_port()
    env = {
        **plain,
        **recipe.env,
        "LEDGER_PORT": str(port),
        "LEDGER_DATABASE_URL": database_url,
        "LEDGER_DATABASE_SCHEMA": schema,
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603 - the Dockerfile's own command
            _in(environment, recipe.command), cwd=REPOSITORY, env=env, stdout=output, stderr=output
        )
    try:
        deadline = time.monotonic() + _SECONDS
        while True:
            assert server.poll() is None, log.read_text()
            checked = subprocess.run(  # noqa: S603 - the Dockerfile's own check
                _in(environment, recipe.healthcheck), env=env, capture_output=True, check=False
            )
            if checked.returncode == 0:
                break
            assert time.monotonic() < deadline, checked.stderr.decode()
            time.sleep(0.5)
        assert _listens_on_every_interface(port)
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=_SECONDS) in {0, 128 + signal.SIGTERM}, log.read_text()
