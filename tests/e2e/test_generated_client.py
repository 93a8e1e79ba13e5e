"""The Python client generated from the OpenAPI document: in step with it, and working.

The committed client (``clients/python/ledger_client``) must be what the document
generates now: a change to the contract that is not regenerated fails here. Then the
client walks docs/api.md's seed scenario against ``ledger serve`` and provokes each error
a client meets, getting a typed ``Problem`` for each.
"""

from __future__ import annotations

import filecmp
import importlib.util
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.api import payloads
from tests.commands import LEDGER
from tests.e2e.serving import serving

_CLIENTS = Path(__file__).resolve().parents[2] / "clients" / "python"
sys.path.insert(0, str(_CLIENTS))

from ledger_client import AuthenticatedClient  # noqa: E402 - found through the path above
from ledger_client.api.admin import admin_issue  # noqa: E402
from ledger_client.api.incidents import (  # noqa: E402
    incidents_add_report,
    incidents_get_incident,
    incidents_list_incidents,
    incidents_report,
)
from ledger_client.api.sources import sources_register  # noqa: E402
from ledger_client.api.views import views_losses  # noqa: E402
from ledger_client.models import (  # noqa: E402
    CasualtiesReported,
    IncidentPage,
    IncidentReported,
    IncidentState,
    IssuedKey,
    KeyRequest,
    LossesView,
    Problem,
    Receipt,
    SourceRegistered,
)
from ledger_client.models.role import Role  # noqa: E402

_PER_KEY_PER_MINUTE = 40


def _generate(into: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate_client", _CLIENTS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(into)


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [*compared.left_only, *compared.right_only, *compared.diff_files]
    for name in compared.common_dirs:
        found += [f"{name}/{d}" for d in _differences(left / name, right / name)]
    return found


def test_the_committed_client_is_what_the_document_generates(tmp_path: Path) -> None:
    _generate(tmp_path / "ledger_client")
    differences = _differences(_CLIENTS / "ledger_client", tmp_path / "ledger_client")
    assert not differences, (
        "the OpenAPI document changed: run `uv run python clients/python/generate.py`"
        f" and commit the client ({differences[:5]})"
    )


@pytest.fixture(scope="module")
def service(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """``ledger serve`` with small limits, so that every error can be provoked cheaply.

    Yields its base URL and its schema.
    """
    schema = f"client_{uuid.uuid4().hex[:12]}"
    log = tmp_path_factory.mktemp("client") / "serve.log"
    limits = {
        "LEDGER_RATE_LIMIT_PER_KEY": str(_PER_KEY_PER_MINUTE),
        "LEDGER_MAX_EVENT_BYTES": "2048",
    }
    try:
        with serving(database_url, schema, log, limits) as base_url:
            yield base_url, schema
    finally:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
            )


@pytest.fixture
def clients() -> Iterator[list[AuthenticatedClient]]:
    """The clients a test opens, closed after it."""
    opened: list[AuthenticatedClient] = []
    yield opened
    for client in opened:
        client.get_httpx_client().close()


def _new_client(base_url: str, key: str) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url, token=key, prefix="", auth_header_name="X-API-Key"
    )


def _admin_key(database_url: str, schema: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own command
        [*LEDGER, "keys", "create", "--role", "admin", "--name", "client-admin"],
        env={
            **os.environ,
            "LEDGER_DATABASE_URL": database_url,
            "LEDGER_DATABASE_SCHEMA": schema,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def _typed(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with its event type, which the document requires of every write."""
    return {"type": kind, **body}


def _problem(parsed: Any, status: int, kind: str) -> None:
    assert isinstance(parsed, Problem), parsed
    assert parsed.status == status
    assert parsed.type_ == f"https://incident-ledger.dev/problems/{kind}"


def test_the_client_walks_the_seed_scenario_and_gets_a_typed_problem_for_each_error(
    service: tuple[str, str], database_url: str, clients: list[AuthenticatedClient]
) -> None:
    base_url, schema = service

    def _client(base_url: str, key: str) -> AuthenticatedClient:
        client = _new_client(base_url, key)
        clients.append(client)
        return client

    admin = _client(base_url, _admin_key(database_url, schema))
    keys: dict[str, str] = {}
    for name, role in (
        ("reporter", Role.REPORTER),
        ("reader", Role.READER),
        ("hasty", Role.READER),
    ):
        issued = admin_issue.sync(client=admin, body=KeyRequest(name=name, role=role))
        assert isinstance(issued, IssuedKey), issued
        keys[name] = issued.secret
    reporter, reader = _client(base_url, keys["reporter"]), _client(base_url, keys["reader"])

    for source in (
        payloads.source("tr-mod"),
        payloads.source("sy-army", kind="military", party="syria", grade="D"),
    ):
        receipt = sources_register.sync(
            client=admin, body=SourceRegistered.from_dict(_typed("source.registered", source))
        )
        assert isinstance(receipt, Receipt), receipt
    opened = incidents_report.sync(
        client=reporter,
        body=IncidentReported.from_dict(_typed("incident.reported", payloads.incident("inc-1"))),
    )
    assert isinstance(opened, Receipt), opened
    report = incidents_add_report.sync_detailed(
        "inc-1",
        client=reporter,
        body=CasualtiesReported.from_dict(payloads.casualties("inc-1", killed=2)),
        idempotency_key="client-report-1",
    )
    assert isinstance(report.parsed, Receipt), report.content
    assert report.headers["ETag"] == '"2"'
    incident = incidents_get_incident.sync("inc-1", client=reader)
    assert isinstance(incident, IncidentState), incident
    assert incident.incident_id == "inc-1"
    listed = incidents_list_incidents.sync(client=reader, ledger_min_position=report.parsed.cursor)
    assert isinstance(listed, IncidentPage), listed
    assert [item.incident_id for item in listed.items] == ["inc-1"]
    losses = views_losses.sync(client=reader, ledger_min_position=report.parsed.cursor)
    assert isinstance(losses, LossesView), losses

    stranger = _client(base_url, "ldg_0000000000000000_not-a-key")
    _problem(incidents_get_incident.sync("inc-1", client=stranger), 401, "unauthorized")
    refused = sources_register.sync(
        client=reader,
        body=SourceRegistered.from_dict(_typed("source.registered", payloads.source("ap"))),
    )
    _problem(refused, 403, "forbidden")
    _problem(incidents_get_incident.sync("inc-404", client=reader), 404, "not-found")
    again = sources_register.sync(
        client=admin,
        body=SourceRegistered.from_dict(_typed("source.registered", payloads.source("tr-mod"))),
    )
    _problem(again, 409, "already-exists")
    stale = incidents_add_report.sync(
        "inc-1",
        client=reporter,
        body=CasualtiesReported.from_dict(payloads.casualties("inc-1", killed=3)),
        if_match='"1"',
    )
    _problem(stale, 412, "precondition-failed")
    large = payloads.casualties(
        "inc-1", attribution=payloads.attribution(quote="the ministry said " * 150)
    )
    too_large = incidents_add_report.sync(
        "inc-1", client=reporter, body=CasualtiesReported.from_dict(large)
    )
    assert isinstance(too_large, Problem), too_large
    assert too_large.status == 413
    unknown = payloads.casualties("inc-1", attribution=payloads.attribution("no-such-source"))
    broken_rule = incidents_add_report.sync(
        "inc-1", client=reporter, body=CasualtiesReported.from_dict(unknown)
    )
    _problem(broken_rule, 422, "unknown-source")
    hasty = _client(base_url, keys["hasty"])
    answers = [
        incidents_get_incident.sync_detailed("inc-1", client=hasty)
        for _ in range(_PER_KEY_PER_MINUTE + 1)
    ]
    _problem(answers[-1].parsed, 429, "too-many-requests")
    assert int(answers[-1].headers["Retry-After"]) >= 0
