"""Setting the scene through the API itself."""

from __future__ import annotations

import asyncio
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


async def sealed_digest(
    client: AsyncTestClient[Litestar], headers: dict[str, str], last: dict[str, Any]
) -> dict[str, Any]:
    """The digest once the sealer has reached the given write's last event."""
    wanted = last["events"][-1]["position"]
    for _ in range(400):
        response = await client.get("/v1/ledger/digest", headers=headers)
        if response.status_code == 200 and response.json()["position"] >= wanted:
            digest: dict[str, Any] = response.json()
            return digest
        await asyncio.sleep(0.025)
    raise AssertionError("the sealer did not reach the write")
