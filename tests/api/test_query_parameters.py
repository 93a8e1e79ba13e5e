"""A query parameter no operation takes is refused, naming it: a misspelt filter filters nothing."""

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.helpers import scene


async def test_a_misspelt_filter_is_a_400_naming_it_and_what_the_view_takes(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    response = await client.get("/v1/views/losses?partie=turkey&grup=military", headers=reader)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["type"].endswith("/unknown-query-parameter")
    assert "grup, partie" in problem["detail"]
    assert "party" in problem["detail"].split("takes:")[1]


async def test_the_parameters_of_a_view_and_of_its_moment_are_taken(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    receipt = await scene(client, admin, reporter)
    position = receipt["events"][0]["position"]
    for path in (
        f"/v1/views/losses?party=turkey&group_by=day&format=csv&as_of={position}",
        "/v1/views/losses?reported_by=2020-03-04T00:00:00Z",
        "/v1/incidents?limit=5&party=turkey",
        "/v1/incidents/inc-1",
    ):
        response = await client.get(path, headers=reader)
        assert response.status_code == 200, (path, response.text)


async def test_every_parameter_the_document_declares_is_taken_and_no_other(
    client: AsyncTestClient[Litestar], admin: dict[str, str]
) -> None:
    document = (await client.get("/docs/openapi.json")).json()
    unknown = "surely_no_operation_takes_this"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method != "get" or "{" in path:
                continue
            declared = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            response = await client.get(f"{path}?{unknown}=1", headers=admin)
            assert response.status_code == 400, (path, response.text)
            assert unknown in response.json()["detail"]
            taken = response.json()["detail"].split("takes: ")[1]
            assert sorted(declared) == ([] if taken == "none" else taken.split(", ")), path
