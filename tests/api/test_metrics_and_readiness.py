"""/metrics shows what happened and how far behind things are; /ready says when it is too far."""

import asyncio
from typing import Any

import psycopg
from litestar import Litestar
from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families
from psycopg import sql

from tests.api import payloads
from tests.api.helpers import scene
from tests.conftest import ClientFactory


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_count_requests_and_appends_and_measure_the_lags(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    for killed in (3, 5):
        response = await client.post(
            "/v1/incidents/inc-1/reports", json=payloads.casualties(killed=killed), headers=reporter
        )
        assert response.status_code == 201, response.text
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    samples = _samples(response.text)
    posted = (
        "ledger_http_requests_total",
        (("method", "POST"), ("route", "/v1/incidents/{incident_id}/reports"), ("status", "201")),
    )
    assert samples[posted] == 2
    assert samples[("ledger_appends_total", ())] == 5  # two sources, an incident, two reports
    assert samples[("ledger_events_appended_total", (("type", "casualties.reported"),))] == 2
    assert samples[("ledger_events_appended_total", (("type", "source.registered"),))] == 2
    assert (
        samples[
            (
                "ledger_http_request_duration_seconds_count",
                (("method", "POST"), ("route", "/v1/incidents/{incident_id}/reports")),
            )
        ]
        == 2
    )
    for projection in ("incidents", "facts"):
        assert samples[("ledger_projection_lag_events", (("projection", projection),))] >= 0
        assert samples[("ledger_projection_lag_seconds", (("projection", projection),))] >= 0
    assert samples[("ledger_sealer_lag_events", ())] >= 0
    assert samples[("ledger_pool_max_connections", ())] >= 1
    assert samples[("ledger_pool_connections", (("state", "idle"),))] >= 0
    assert samples[("ledger_oldest_transaction_seconds", ())] >= 0
    assert samples[("ledger_ready", ())] in (0, 1)


async def test_a_request_no_route_matched_is_counted_without_its_path(
    client: AsyncTestClient[Litestar],
) -> None:
    await client.get("/v1/no-such-thing-1")
    await client.get("/v1/no-such-thing-2")
    samples = _samples((await client.get("/metrics")).text)
    unrouted = (("method", "GET"), ("route", "unrouted"), ("status", "404"))
    assert samples[("ledger_http_requests_total", unrouted)] == 2


async def _readiness(client: AsyncTestClient[Litestar]) -> tuple[int, dict[str, Any]]:
    response = await client.get("/ready")
    return response.status_code, response.json()


async def test_a_transaction_holding_readers_back_makes_the_service_unready_until_it_ends(
    client_with: ClientFactory, database_url: str, schema: str
) -> None:
    async with client_with(ready_held_back_seconds=0.5) as client:
        status, body = await _readiness(client)
        assert status == 200, body
        assert body["ready"] is True
        with psycopg.connect(database_url) as holding:
            holding.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
            holding.execute("SELECT pg_current_xact_id()")  # an id: readers wait for it
            await asyncio.sleep(1.0)
            status, problem = await _readiness(client)
            assert status == 503, problem
            assert problem["type"].endswith("/not-ready")
            assert "holds every reader of the log back" in problem["detail"]
            assert "limit 0.5 s" in problem["detail"]
            holding.rollback()
        status, body = await _readiness(client)
        assert status == 200, body


async def test_a_projection_further_behind_than_its_limit_is_named(
    client_with: ClientFactory, admin: dict[str, str], reporter: dict[str, str]
) -> None:
    async with client_with(projection_workers=False, ready_projection_lag_seconds=0.5) as client:
        await scene(client, admin, reporter)
        await asyncio.sleep(1.0)
        status, problem = await _readiness(client)
        assert status == 503, problem
        assert "projection facts is" in problem["detail"]
        assert "projection incidents is" in problem["detail"]
