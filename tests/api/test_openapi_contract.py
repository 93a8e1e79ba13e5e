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
