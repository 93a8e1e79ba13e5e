"""Every kind of error answers with a problem document of a stable type and exact status."""

from typing import Any

from litestar import Litestar, get
from litestar.testing import AsyncTestClient

from ledger.api.problems import EXCEPTION_HANDLERS
from tests.api import payloads
from tests.api.helpers import scene


def _problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["type"] == f"https://incident-ledger.dev/problems/{kind}"
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


async def test_unknown_nested_field_is_400_naming_its_path(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    body = payloads.casualties(attribution={**payloads.attribution(), "mood": "grim"})
    response = await client.post("/v1/incidents/inc-1/reports", json=body, headers=reporter)
    problem = _problem(response, 400, "invalid-request")
    assert problem["errors"][0]["field"] == "attribution.mood"


async def test_mistyped_and_missing_fields_are_400(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    mistyped = payloads.casualties(attribution={**payloads.attribution(), "credibility": "high"})
    response = await client.post("/v1/incidents/inc-1/reports", json=mistyped, headers=reporter)
    assert _problem(response, 400, "invalid-request")["errors"][0]["field"] == (
        "attribution.credibility"
    )
    missing = payloads.casualties()
    del missing["party"]
    response = await client.post("/v1/incidents/inc-1/reports", json=missing, headers=reporter)
    assert _problem(response, 400, "invalid-request")["errors"][0]["field"] == "party"
    unknown_type = {**payloads.casualties(), "type": "rumour.heard"}
    response = await client.post("/v1/incidents/inc-1/reports", json=unknown_type, headers=reporter)
    assert _problem(response, 400, "invalid-request")["errors"][0]["field"] == "type"


async def test_malformed_json_is_400(
    client: AsyncTestClient[Litestar], reporter: dict[str, str]
) -> None:
    response = await client.post(
        "/v1/incidents",
        content=b'{"incident_id": ',
        headers={**reporter, "Content-Type": "application/json"},
    )
    _problem(response, 400, "invalid-request")


async def test_rule_violations_in_a_body_are_422(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    cases = {
        "killed": {**payloads.casualties(), "killed": {"low": 5, "best": 3, "high": 9}},
        "attribution.credibility": payloads.casualties(
            attribution={**payloads.attribution(), "credibility": 9}
        ),
        "attribution.reported_at": payloads.casualties(
            attribution={**payloads.attribution(), "reported_at": "2020-03-03T12:00:00"}
        ),
        "": {**payloads.casualties(), "killed": None},
    }
    for field, body in cases.items():
        response = await client.post("/v1/incidents/inc-1/reports", json=body, headers=reporter)
        problem = _problem(response, 422, "rule-violation")
        assert (problem["errors"][0].get("field") or "") == field, problem


async def test_an_incident_that_ends_before_it_starts_is_422(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    occurred = {"start": "2020-03-03T00:00:00Z", "end": "2020-03-02T00:00:00Z", "precision": "day"}
    response = await client.post(
        "/v1/incidents", json=payloads.incident("inc-2", occurred=occurred), headers=reporter
    )
    assert _problem(response, 422, "rule-violation")["errors"][0]["field"] == "occurred"


async def test_a_body_over_the_limit_is_413(
    client: AsyncTestClient[Litestar], reporter: dict[str, str]
) -> None:
    huge = payloads.incident(summary="x" * (1024 * 1024 + 10))
    response = await client.post("/v1/incidents", json=huge, headers=reporter)
    _problem(response, 413, "payload-too-large")


async def test_unknown_routes_and_methods(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    _problem(await client.get("/v1/nowhere", headers=reader), 404, "not-found")
    _problem(await client.delete("/v1/sources", headers=reader), 405, "method-not-allowed")


async def test_an_internal_error_leaks_neither_sql_nor_a_stack_trace() -> None:
    @get("/boom")
    async def boom() -> None:
        raise RuntimeError("SELECT secret FROM credentials WHERE password = 'hunter2'")

    app = Litestar(route_handlers=[boom], exception_handlers=EXCEPTION_HANDLERS)  # type: ignore[arg-type]
    async with AsyncTestClient(app=app) as client:
        response = await client.get("/boom")
    problem = _problem(response, 500, "internal-error")
    assert "SELECT" not in response.text
    assert "hunter2" not in response.text
    assert problem["detail"]
