"""Setting the scene through the API itself."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads


async def post_ok(
    client: AsyncTestClient[Litestar], path: str, body: dict[str, Any], headers: dict[str, str]
) -> dict[str, Any]:
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def scene(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> dict[str, Any]:
    """Two sources and one incident; returns the incident's creation receipt."""
    await post_ok(client, "/v1/sources", payloads.source("tr-mod"), admin)
    await post_ok(
        client,
        "/v1/sources",
        payloads.source("sy-army", kind="military", party="syria", grade="D"),
        admin,
    )
    return await post_ok(client, "/v1/incidents", payloads.incident(), reporter)


async def view_after(
    client: AsyncTestClient[Litestar],
    path: str,
    headers: dict[str, str],
    cursor: str,
    **params: str,
) -> dict[str, Any]:
    """GET a view once it shows the write whose receipt gave ``cursor``; its JSON body."""
    response = await client.get(
        path, params=params, headers={**headers, "Ledger-Min-Position": cursor}
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
