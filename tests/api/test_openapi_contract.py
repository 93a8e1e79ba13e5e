"""The OpenAPI document declares every error an operation can answer, as a problem document."""

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

_PROBLEM = {"$ref": "#/components/schemas/Problem"}


async def _document(client: AsyncTestClient[Litestar]) -> dict[str, Any]:
    response = await client.get("/docs/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method in {"get", "post"}
    ]


async def test_every_error_status_is_a_problem_document_with_its_types(
    client: AsyncTestClient[Litestar],
) -> None:
    document = await _document(client)
    for path, method, operation in _operations(document):
        responses = operation["responses"]
        expected = {"400", "500", "503"}
        if path.startswith("/v1/"):
            expected |= {"401", "403", "429"}
        if "{" in path:
            expected.add("404")
        if method == "post":
            expected |= {"409", "412", "413", "422"}
        assert expected <= responses.keys(), (method, path, sorted(responses))
        for status, response in responses.items():
            if int(status) < 400:
                continue
            assert response["content"] == {"application/problem+json": {"schema": _PROBLEM}}
            assert "Problem types: `" in response["description"], (method, path, status)


async def test_the_problem_schema_is_rfc_9457s_and_litestars_own_error_shape_is_gone(
    client: AsyncTestClient[Litestar],
) -> None:
    document = await _document(client)
    schemas = document["components"]["schemas"]
    problem = schemas["Problem"]
    assert {"type", "title", "status"} <= set(problem["required"])
    assert {"detail", "instance", "errors"} <= problem["properties"].keys()
    assert not list(_litestar_error_shapes(document))


def _litestar_error_shapes(node: object) -> Any:
    """Every schema shaped as Litestar's default error body (status_code, detail, extra)."""
    if isinstance(node, dict):
        if {"status_code", "extra"} <= node.get("properties", {}).keys():
            yield node
        for value in node.values():
            yield from _litestar_error_shapes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _litestar_error_shapes(value)


async def test_the_docs_page_loads_every_file_from_the_service_itself(
    client: AsyncTestClient[Litestar],
) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    html = page.text
    assert "https://" not in html  # no CDN, no third-party script
    assert "http://" not in html
    for asset, kind in (
        ("swagger-ui-bundle.js", "javascript"),
        ("swagger-ui-standalone-preset.js", "javascript"),
        ("swagger-ui.css", "text/css"),
        ("favicon-32x32.png", "image/png"),
    ):
        assert f"/docs/assets/{asset}" in html
        response = await client.get(f"/docs/assets/{asset}")
        assert response.status_code == 200, asset
        assert kind in response.headers["content-type"], asset


async def test_headers_media_types_schemes_and_report_kinds_are_declared(
    client: AsyncTestClient[Litestar],
) -> None:
    document = await _document(client)
    paths = document["paths"]
    for path, method, operation in _operations(document):
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        if method == "post":
            assert {"Idempotency-Key", "If-Match"} <= headers, path
            created = next(r for s, r in operation["responses"].items() if s.startswith("2"))
            assert {"Location", "ETag", "Idempotent-Replayed"} <= created["headers"].keys()
        for status in ("429", "503"):
            if status in operation["responses"]:
                assert "Retry-After" in operation["responses"][status]["headers"], path
    losses = paths["/v1/views/losses"]["get"]
    assert "Ledger-Min-Position" in {p["name"] for p in losses["parameters"]}
    assert "Ledger-Position" in losses["responses"]["200"]["headers"]
    assert {"application/json", "text/csv"} <= losses["responses"]["200"]["content"].keys()
    assert "text/csv" in paths["/v1/incidents"]["get"]["responses"]["200"]["content"]
    stream = paths["/v1/events/stream"]["get"]
    assert list(stream["responses"]["200"]["content"]) == ["text/event-stream"]
    assert "Last-Event-ID" in {p["name"] for p in stream["parameters"]}
    report = paths["/v1/incidents/{incident_id}/reports"]["post"]["requestBody"]
    kinds = report["content"]["application/json"]["schema"]["discriminator"]
    assert kinds["propertyName"] == "type"
    assert kinds["mapping"]["casualties.reported"] == "#/components/schemas/CasualtiesReported"
    schemes = document["components"]["securitySchemes"]
    assert schemes["apiKey"]["name"] == "X-API-Key"
    assert schemes["bearer"]["scheme"] == "bearer"


async def test_operation_ids_are_unique_and_name_their_resource(
    client: AsyncTestClient[Litestar],
) -> None:
    ids = [operation["operationId"] for _, _, operation in _operations(await _document(client))]
    assert len(ids) == len(set(ids))
    assert "incidents_add_report" in ids
    assert "views_losses" in ids
