import asyncio
import time
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.store import GlobalCursor
from tests.api import payloads
from tests.api.helpers import post_ok, scene
from tests.conftest import ClientFactory


async def test_the_global_log_pages_with_an_opaque_cursor(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    for killed in range(3):
        await post_ok(
            client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=killed), reporter
        )

    seen: list[dict[str, Any]] = []
    cursor = None
    # A committed event shows once every transaction that began writing before it has
    # ended (docs/architecture.md); a projection worker's batch may still be open.
    deadline = time.monotonic() + 10
    while len(seen) < 6 and time.monotonic() < deadline:
        query = "?limit=2" + (f"&after={cursor}" if cursor else "")
        page = (await client.get(f"/v1/events{query}", headers=reader)).json()
        if not page["items"]:
            assert page["next_cursor"] == cursor
            await asyncio.sleep(0.05)
        seen.extend(page["items"])
        cursor = page["next_cursor"]
    assert [e["type"] for e in seen] == [
        "source.registered",
        "source.registered",
        "incident.reported",
        "casualties.reported",
        "casualties.reported",
        "casualties.reported",
    ]
    assert len({e["event_id"] for e in seen}) == 6
    assert all(e["metadata"]["principal"] for e in seen)


async def test_the_global_log_filters_by_type(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    page = (
        await client.get("/v1/events?type=incident.reported&type=source.registered", headers=reader)
    ).json()
    assert sorted(e["type"] for e in page["items"]) == [
        "incident.reported",
        "source.registered",
        "source.registered",
    ]
    only = (await client.get("/v1/events?type=incident.reported", headers=reader)).json()
    assert [e["stream_id"] for e in only["items"]] == ["incident-inc-1"]


async def test_bad_log_queries_are_400(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    for query in ("after=not-a-cursor", "limit=0", "limit=1001", "limit=ten"):
        response = await client.get(f"/v1/events?{query}", headers=reader)
        assert response.status_code == 400, query
        assert response.json()["type"].endswith("/invalid-request")


async def test_every_route_is_documented(client: AsyncTestClient[Litestar]) -> None:
    document = (await client.get("/docs/openapi.json")).json()
    paths = document["paths"]
    expected = {
        "/health": {"get"},
        "/v1/sources": {"get", "post"},
        "/v1/sources/{source_id}": {"get"},
        "/v1/sources/{source_id}/grades": {"post"},
        "/v1/incidents": {"post"},
        "/v1/incidents/{incident_id}": {"get"},
        "/v1/incidents/{incident_id}/events": {"get"},
        "/v1/incidents/{incident_id}/reports": {"post"},
        "/v1/incidents/{incident_id}/corrections": {"post"},
        "/v1/incidents/{incident_id}/retractions": {"post"},
        "/v1/incidents/{incident_id}/merges": {"post"},
        "/v1/events": {"get"},
        "/v1/admin/keys": {"get", "post"},
        "/v1/admin/keys/{key_id}": {"delete"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
        for method in methods:
            assert paths[path][method].get("summary"), (path, method)
            assert paths[path][method].get("description"), (path, method)
    assert (await client.get("/docs")).status_code == 200


async def test_the_log_waits_until_it_shows_a_write(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    opened = await scene(client, admin, reporter)
    waiting = {**reader, "Ledger-Min-Position": opened["cursor"]}
    page = (await client.get("/v1/events", headers=waiting)).json()
    assert opened["events"][-1]["event_id"] in {e["event_id"] for e in page["items"]}

    bad = await client.get("/v1/events", headers={**reader, "Ledger-Min-Position": "nope"})
    assert bad.status_code == 400
    assert bad.json()["type"].endswith("/invalid-min-position")


async def test_a_position_the_log_never_reaches_is_503(
    client_with: ClientFactory, reader: dict[str, str]
) -> None:
    beyond = GlobalCursor(2**62, 2**62).encode()
    async with client_with(min_position_wait_seconds=0.2) as impatient:
        response = await impatient.get(
            "/v1/events", headers={**reader, "Ledger-Min-Position": beyond}
        )
    assert response.status_code == 503
    assert response.json()["type"].endswith("/position-not-reached")
    assert response.headers["retry-after"] == "1"
