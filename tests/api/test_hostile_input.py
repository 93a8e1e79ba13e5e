"""Hostile input on every route and parameter: each answer is a 4xx problem, never a 500.

The routes and their parameters come from the service's own OpenAPI document, so a route
added later is covered without being listed here.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.helpers import scene

# Sent raw in the query string. No parameter takes a NUL or bytes that are not UTF-8. A digit
# that is not ASCII, integers past 64 bits either way and a float past every range are text
# a filter may take (and match nothing), but never a failure of the service.
_REFUSED_QUERY_VALUES = ("%00", "a%00b", "%ff%fe", "%ED%A0%80")
_ODD_QUERY_VALUES = ("%C2%B2", "9" * 20, "-" + "9" * 20, "1e400")
_HOSTILE_IDS = ("a%00b", "x" * 201, "%ff", "a%20b")
_HOSTILE_BODIES = (
    b"\xff\xfe{}",
    b'{"incident_id": "\xc3\x28"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"a":' * 2000 + b"1" + b"}" * 2000,
    b'{"source_id": "a\\u0000b", "name": "n", "kind": "government", "grade": "C"}',
    b'{"source_id": "a", "name": "\\ud800", "kind": "government", "grade": "C"}',
    b"1e400",
)


def _wrong(response: Any, what: str, *, status: int | None = None, ok: bool = False) -> list[str]:
    """What is wrong with ``response`` to hostile input: nothing for a 4xx problem.

    ``status`` asks for that status exactly; ``ok`` lets a 2xx answer pass too.
    """
    code = response.status_code
    if ok and 200 <= code < 300:
        return []
    expected = 400 <= code < 500 if status is None else code == status
    if expected and response.headers["content-type"] == "application/problem+json":
        return []
    return [f"{what}: {code} {response.text[:200]}"]


async def _operations(client: AsyncTestClient[Litestar]) -> list[tuple[str, str, dict[str, Any]]]:
    document = (await client.get("/docs/openapi.json")).json()
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "delete"}
    ]


def _fill(path: str, value: str = "inc-1") -> str:
    """``path`` with each path parameter set to ``value``."""
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + value + path[end + 1 :]
    return path


async def test_hostile_query_values_get_a_problem_on_every_parameter(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    checked, wrong = 0, []
    for method, path, operation in await _operations(client):
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            for value in (*_REFUSED_QUERY_VALUES, *_ODD_QUERY_VALUES):
                url = f"{_fill(path)}?{parameter['name']}={value}"
                if path == "/v1/events/stream" and value in _ODD_QUERY_VALUES:
                    continue  # accepted, it streams forever: its refusals are what count here
                response = await client.request(method, url, headers=admin)
                wrong += _wrong(response, f"{method} {url}", ok=value in _ODD_QUERY_VALUES)
                checked += 1
    assert not wrong, "\n".join(wrong)
    assert checked > 150


async def test_hostile_path_ids_are_not_found(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    wrong = []
    for method, path, _ in await _operations(client):
        if "{" not in path or method != "GET" or path.startswith("/docs"):
            continue
        for value in _HOSTILE_IDS:
            url = _fill(path, value)
            wrong += _wrong(await client.get(url, headers=admin), f"GET {url}", status=404)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "body",
    _HOSTILE_BODIES,
    ids=["bom", "bad-utf8", "deep-array", "deep-object", "nul", "lone-surrogate", "huge-number"],
)
async def test_hostile_bodies_get_a_problem_on_every_write(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str], body: bytes
) -> None:
    await scene(client, admin, reporter)
    wrong, checked = [], 0
    for method, path, operation in await _operations(client):
        if method != "POST" or "requestBody" not in operation:
            continue
        url = _fill(path)
        response = await client.post(
            url, content=body, headers={**admin, "Content-Type": "application/json"}
        )
        wrong += _wrong(response, f"POST {url}")
        checked += 1
    assert not wrong, "\n".join(wrong)
    assert checked >= 7
