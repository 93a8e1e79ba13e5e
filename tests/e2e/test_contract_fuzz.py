"""Schemathesis against ``ledger serve``: every operation answers as the OpenAPI document says.

It generates requests from the document, valid and not, sends them to a real service on a
real database, and checks each answer: no server error, a declared status, media type,
headers and body. Bounded per operation so CI stays fast; a second test keeps it honest,
failing on a service that breaks its own document.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any

import msgspec
import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from litestar import Litestar, get
from psycopg import sql
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.openapi.checks import JsonSchemaError

from tests.commands import LEDGER
from tests.e2e.serving import serving

_EXAMPLES_PER_OPERATION = 15
_STREAM_SECONDS = 1.0
_ACCEPTED_YET_REFUSABLE = ["2xx", "401", "403", "404", "409", "412", "422", "429", "503"]
_CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # A request the document accepts may still be refused for what no schema can say:
            # a stream that moved since its If-Match (412), a rule of the ledger, such as an
            # exact count whose bounds differ or a source graded as it already is (422), a
            # Ledger-Min-Position the log has not reached (503).
            "positive_data_acceptance": {"expected-statuses": _ACCEPTED_YET_REFUSABLE},
            # 503 is declared for a database out of reach or a position not reached yet.
            "not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx", "503"]},
        }
    }
)


@pytest.fixture(scope="module")
def service(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """``ledger serve`` over a schema of its own; yields its base URL and the schema."""
    schema = f"fuzz_{uuid.uuid4().hex[:12]}"
    log = tmp_path_factory.mktemp("fuzz") / "serve.log"
    try:
        # A cursor past the log's end is answered 503 at once here, with no wait.
        settings = {"LEDGER_MIN_POSITION_WAIT_SECONDS": "0"}
        with serving(database_url, schema, log, settings) as base_url:
            yield base_url, schema
    finally:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
            )


@pytest.fixture(scope="module")
def admin_key(database_url: str, service: tuple[str, str]) -> str:
    """An admin key of the served ledger."""
    _, schema = service
    result = subprocess.run(  # noqa: S603 - our own command
        [*LEDGER, "keys", "create", "--role", "admin", "--name", "fuzz"],
        env={**os.environ, "LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_every_operation_answers_as_its_document_says(
    service: tuple[str, str], admin_key: str
) -> None:
    base_url, _ = service
    contract = schemathesis.openapi.from_url(f"{base_url}/docs/openapi.json", config=_CONFIG)
    failures: dict[str, str] = {}
    operations = 0
    for loaded in contract.get_all_operations():
        assert isinstance(loaded, Ok), loaded.err()
        operation = loaded.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=_EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case: Case[Any]) -> None:
            case.call_and_validate(headers={"X-API-Key": admin_key}, timeout=_seconds_to_read(case))

        try:
            answers_as_documented()
        except (AssertionError, FailureGroup) as failure:
            failures[operation.label] = str(failure)[:2000]
    assert operations >= 40
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())


def _seconds_to_read(case: Case[Any]) -> float:
    """An event stream never ends: its first second is read, not the default ten seconds."""
    return _STREAM_SECONDS if case.operation.path == "/v1/events/stream" else 10.0


class _Count(msgspec.Struct):
    count: int


@get("/broken", sync_to_thread=False)
def _broken() -> _Count:
    """Declared to answer a count, it answers words."""
    return {"count": "many"}  # type: ignore[return-value]


def test_the_fuzzer_fails_a_service_that_breaks_its_document() -> None:
    broken = schemathesis.openapi.from_asgi("/schema/openapi.json", Litestar([_broken]))
    case = broken["/broken"]["GET"].Case()
    with pytest.raises(FailureGroup) as raised:
        case.call_and_validate()
    assert any(isinstance(failure, JsonSchemaError) for failure in raised.value.exceptions)
