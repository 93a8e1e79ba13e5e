"""The views over HTTP: positions, waiting for a write, the incidents list and bad queries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.store import GlobalCursor
from tests.api import payloads
from tests.api.helpers import scene
from tests.conftest import ClientFactory
from tests.e2e import idlib_scenario as scenario

VIEWS = ("losses", "equipment", "deployments", "reconciliation")


async def _page(
    client: AsyncTestClient[Litestar], headers: dict[str, str], **params: str
) -> dict[str, Any]:
    response = await client.get("/v1/incidents", params=params, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_every_view_reports_the_position_it_reflects(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    receipt = await scene(client, admin, reporter)
    written = GlobalCursor.decode(receipt["cursor"])
    for view in VIEWS:
        response = await client.get(
            f"/v1/views/{view}", headers={**reader, "Ledger-Min-Position": receipt["cursor"]}
        )
        assert response.status_code == 200, response.text
        assert GlobalCursor.decode(response.headers["Ledger-Position"]) >= written
    listed = await client.get(
        "/v1/incidents", headers={**reader, "Ledger-Min-Position": receipt["cursor"]}
    )
    assert [i["incident_id"] for i in listed.json()["items"]] == [
        receipt["stream_id"].removeprefix("incident-")
    ]


@pytest.fixture
async def idle_client(client_with: ClientFactory) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """A service whose projections have no worker: views never move."""
    async with client_with(projection_workers=False, min_position_wait_seconds=0.2) as client:
        yield client


async def test_a_position_the_view_cannot_reach_in_time_is_503_with_retry_after(
    idle_client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    receipt = await scene(idle_client, admin, reporter)
    response = await idle_client.get(
        "/v1/views/losses", headers={**reader, "Ledger-Min-Position": receipt["cursor"]}
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.json()["type"].endswith("/position-not-reached")
    # Without the header the view answers at once, from where it is.
    response = await idle_client.get("/v1/views/losses", headers=reader)
    assert response.status_code == 200
    assert GlobalCursor.decode(response.headers["Ledger-Position"]) < GlobalCursor.decode(
        receipt["cursor"]
    )


async def test_inline_incidents_are_current_as_the_write_returns(
    client_with: ClientFactory,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    async with client_with(projection_workers=False, inline_projections="incidents") as client:
        receipt = await scene(client, admin, reporter)
        # No worker runs: only the append's own transaction can have put it there.
        response = await client.get("/v1/incidents", headers=reader)
        assert response.status_code == 200, response.text
        [incident] = response.json()["items"]
        assert incident["incident_id"] == receipt["stream_id"].removeprefix("incident-")


async def test_bad_view_queries_are_400(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    for path, params in [
        ("/v1/views/losses", {"measure": "injured"}),
        ("/v1/views/losses", {"group": "soldiers"}),
        ("/v1/views/losses", {"group_by": "year"}),
        ("/v1/views/losses", {"occurred_from": "last tuesday"}),
        ("/v1/incidents", {"contested": "perhaps"}),
        ("/v1/incidents", {"after": "not-a-token"}),
        ("/v1/incidents", {"limit": "0"}),
    ]:
        response = await client.get(path, params=params, headers=reader)
        assert response.status_code == 400, (path, params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    response = await client.get(
        "/v1/views/losses", headers={**reader, "Ledger-Min-Position": "garbage"}
    )
    assert response.status_code == 400
    assert response.json()["type"].endswith("/invalid-min-position")


async def test_the_incidents_list_filters_and_pages(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    last = await scenario.record(client, admin, reporter)
    wait = {**reader, "Ledger-Min-Position": last["cursor"]}
    everything = await _page(client, wait)
    assert len(everything["items"]) == len(scenario.INCIDENTS)
    starts = [i["occurred"]["start"] for i in everything["items"]]
    assert starts == sorted(starts, reverse=True)

    air = await _page(client, reader, category="air")
    assert {i["incident_id"] for i in air["items"]} == {
        scenario.L39,
        scenario.DRONE,
        scenario.SUNDAY,
    }
    contested = await _page(client, reader, contested="true")
    assert [i["incident_id"] for i in contested["items"]] == [scenario.L39]
    february = await _page(
        client,
        reader,
        occurred_from="2020-02-01T00:00:00+02:00",
        occurred_to="2020-03-01T00:00:00+02:00",  # Sunday 1 March in Idlib is out
        party="syria",
    )
    # An incident is in a range when its occurred time overlaps it: the retaliation spans
    # the turn of the month.
    assert {i["incident_id"] for i in february["items"]} == {
        scenario.AIRSTRIKE,
        scenario.RETALIATION,
    }
    assert (await _page(client, reader, admin1="Hatay"))["items"] == []

    seen: list[str] = []
    params = {"limit": "3"}
    while True:
        page = await _page(client, reader, **params)
        assert len(page["items"]) <= 3
        seen += [i["incident_id"] for i in page["items"]]
        if page["next"] is None:
            break
        params = {"limit": "3", "after": page["next"]}
    assert seen == [i["incident_id"] for i in everything["items"]]
    refused = await client.get("/v1/incidents", params={"after": "yesterday~idlib"}, headers=reader)
    assert refused.status_code == 400
    assert "is not a page token" in refused.json()["detail"]


async def test_a_view_needs_a_key(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.get("/v1/views/losses")).status_code == 401


async def test_the_scene_incident_is_listed_under_its_party(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    receipt = await scene(client, admin, reporter)
    incident = payloads.incident()
    wait = {**reader, "Ledger-Min-Position": receipt["cursor"]}
    [listed] = (await _page(client, wait, party=incident["parties"][0]))["items"]
    assert listed["incident_id"] == incident["incident_id"]
    assert (await _page(client, reader, party="atlantis"))["items"] == []
