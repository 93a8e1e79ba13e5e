"""Every operation of the OpenAPI document shows an example request and answer that fit it.

The examples are recorded: the Idlib scenario is walked through every operation and the
first successful exchange of each is kept (``walk_every_operation.py``). Set
``LEDGER_RECORD_EXAMPLES=1`` to write a new recording into the package.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

import jsonschema_rs
import msgspec
import psycopg
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.api import operation_examples
from ledger.api.app import create_app
from ledger.api.operation_examples import OperationExample, add_examples
from ledger.config import Settings
from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.store.signing import SigningKey
from ledger.verifier import COSIGNATURE_V1
from tests.api.walk_every_operation import Recorder, record_stream, walk
from tests.e2e.serving import serving

_RECORDING: Final = Path(operation_examples.__file__).with_name(operation_examples.EXAMPLES_FILE)
_TEXT_LINES: Final = {"application/x-ndjson", "text/event-stream"}


def _document() -> dict[str, Any]:
    url = "postgresql://unused@127.0.0.1/unused"  # building the app connects to nothing
    app = create_app(Settings(database_url=url), url, EVENT_SCHEMA_VERSIONS)
    document: dict[str, Any] = app.openapi_schema.to_schema()
    return document


def _operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "delete"}
    }


def _misfits(document: dict[str, Any]) -> list[str]:
    """What is missing of each operation's examples, or does not fit its schema."""
    found = []
    for name, operation in _operations(document).items():
        found += _parameter_misfits(document, name, operation)
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
            if "example" not in media:
                found.append(f"{name}: no example request as {media_type}")
            else:
                found += _against(document, media["schema"], media["example"], name)
        status, answer = min(operation["responses"].items())
        for media_type, media in answer.get("content", {}).items():
            if "example" not in media:
                found.append(f"{name}: no example {status} answer as {media_type}")
            elif media_type == "application/json":
                found += _against(document, media["schema"], media["example"], name)
            elif media_type in _TEXT_LINES:
                found += _lines_against(document, media_type, media, name)
    return found


def _parameter_misfits(document: dict[str, Any], name: str, operation: dict[str, Any]) -> list[str]:
    found = []
    for parameter in operation.get("parameters", []):
        if "example" in parameter:
            found += _against(document, parameter["schema"], parameter["example"], name)
        elif parameter["in"] == "path":
            found.append(f"{name}: no example of {parameter['name']}")
    return found


def _against(document: dict[str, Any], schema: dict[str, Any], value: Any, name: str) -> list[str]:
    rooted = {**schema, "components": document["components"]}
    validator = jsonschema_rs.Draft202012Validator(rooted)
    return [
        f"{name}: {error.message} at {list(error.instance_path)}"
        for error in validator.iter_errors(value)
    ]


def _lines_against(
    document: dict[str, Any], media_type: str, media: dict[str, Any], name: str
) -> list[str]:
    """Each NDJSON line, or each event's data, fits the event schema."""
    lines = media["example"].splitlines()
    if media_type == "text/event-stream":
        schema = media["schema"]["properties"]["data"]["contentSchema"]
        lines = [line.removeprefix("data: ") for line in lines if line.startswith("data: ")]
    else:
        schema = media["schema"]
    found = [] if lines else [f"{name}: an empty {media_type} example"]
    for line in lines:
        found += _against(document, schema, msgspec.json.decode(line), name)
    return found


def test_every_operation_shows_examples_that_fit_the_document() -> None:
    assert _misfits(_document()) == []


def test_a_broken_example_is_caught() -> None:
    document = _document()
    losses = document["paths"]["/v1/views/losses"]["get"]["responses"]["200"]
    losses["content"]["application/json"]["example"]["rows"] = "many"
    del document["paths"]["/v1/incidents"]["post"]["requestBody"]["content"]["application/json"][
        "example"
    ]
    misfits = _misfits(document)
    assert any(m.startswith('GET /v1/views/losses: "many" is not of type') for m in misfits)
    assert "POST /v1/incidents: no example request as application/json" in misfits


async def test_the_walk_reaches_every_operation_and_records_what_fits(  # noqa: PLR0913, PLR0917
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    database_url: str,
    schema: str,
    superuser: psycopg.Connection[tuple[object, ...]],
    tmp_path: Path,
) -> None:
    document = client.app.openapi_schema
    recorder = Recorder(document.to_schema()["paths"])
    client.event_hooks["response"] = [recorder.keep]
    witness = SigningKey.generate("witness.example.net/newsroom", COSIGNATURE_V1)
    superuser.execute(
        "INSERT INTO witnesses (name, public_key) VALUES (%s, %s)",
        (witness.verifier.name, witness.verifier.public_key),
    )
    await walk(client, admin, reporter, reader, witness)
    with serving(database_url, schema, tmp_path / "serve.log") as base_url:
        await record_stream(recorder, base_url, reader)
    assert set(_operations(document.to_schema())) - set(recorder.exchanges) == set()
    recording = msgspec.json.encode(dict(sorted(recorder.exchanges.items())))
    add_examples(document, msgspec.json.decode(recording, type=dict[str, OperationExample]))
    misfits = _misfits(document.to_schema())
    assert misfits == [], "\n".join(misfits)
    if os.environ.get("LEDGER_RECORD_EXAMPLES"):
        _RECORDING.write_bytes(msgspec.json.format(recording, indent=1) + b"\n")
