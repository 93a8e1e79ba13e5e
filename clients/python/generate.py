"""Generate the typed Python client from the service's OpenAPI document.

``uv run python clients/python/generate.py`` rewrites ``clients/python/ledger_client``;
``tests/e2e/test_generated_client.py`` fails while the committed client differs from what
the document generates, so the contract and the code cannot drift apart unnoticed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "ledger_client"


def document() -> dict[str, Any]:
    """The OpenAPI document the service publishes at ``/docs/openapi.json``."""
    from ledger.api.app import create_app  # noqa: PLC0415 - only when generating
    from ledger.config import Settings  # noqa: PLC0415
    from ledger.domain import EVENT_SCHEMA_VERSIONS  # noqa: PLC0415

    url = "postgresql://unused@127.0.0.1/unused"  # building the app connects to nothing
    app = create_app(Settings(database_url=url), url, EVENT_SCHEMA_VERSIONS)
    generated: dict[str, Any] = app.openapi_schema.to_schema()
    return generated


def generate(into: Path) -> None:
    """Write the client package generated from ``document()`` to ``into``."""
    with tempfile.TemporaryDirectory() as scratch:
        spec = Path(scratch) / "openapi.json"
        spec.write_text(json.dumps(document(), indent=2, sort_keys=True))
        subprocess.run(  # noqa: S603 - the generator, with our own arguments
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(spec),
                "--meta",
                "none",
                "--output-path",
                str(into),
                "--config",
                str(HERE / "config.yml"),
                "--overwrite",
            ],
            check=True,
            capture_output=True,
            cwd=scratch,
        )


if __name__ == "__main__":
    generate(PACKAGE)
