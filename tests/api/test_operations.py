from litestar import Litestar
from litestar.testing import AsyncTestClient
from structlog.testing import capture_logs


async def test_health_reports_the_database(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    health = response.json()
    # Measured every few seconds: none, or a transaction of the projection workers.
    oldest = health.pop("oldest_transaction_seconds")
    assert oldest is None or oldest >= 0
    assert health == {"status": "ok", "database": "ok", "sealing": "ok", "signing": "ok"}


async def test_unknown_route_is_a_problem_document(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "https://incident-ledger.dev/problems/not-found"
    assert body["status"] == 404
    assert body["instance"] == "/v1/nothing-here"


async def test_every_response_carries_a_request_id_that_is_logged(
    client: AsyncTestClient[Litestar],
) -> None:
    with capture_logs() as logs:
        response = await client.get("/health", headers={"X-Request-ID": "trace-abc.1"})
    assert response.headers["x-request-id"] == "trace-abc.1"
    [line] = [entry for entry in logs if entry["event"] == "request"]
    assert line["request_id"] == "trace-abc.1"
    assert line["status"] == 200
    assert line["route"] == "/health"


async def test_an_unsafe_request_id_is_replaced(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/health", headers={"X-Request-ID": "evil id;" * 30})
    assert response.headers["x-request-id"] != "evil"
    assert len(response.headers["x-request-id"]) == 32


async def test_openapi_document_is_served(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/docs/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Incident Ledger"
    assert "/health" in response.json()["paths"]


async def test_unrouted_requests_are_logged_too(client: AsyncTestClient[Litestar]) -> None:
    with capture_logs() as logs:
        await client.get("/v1/nowhere")
        await client.delete("/health")
    lines = [entry for entry in logs if entry["event"] == "request"]
    assert [(line["path"], line["status"]) for line in lines] == [
        ("/v1/nowhere", 404),
        ("/health", 405),
    ]
