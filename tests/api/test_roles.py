"""Roles kept apart: who says it (the claimant), who did it (the actor), whose people or
equipment it hit (the affected party); a neutral reporter names no claimant."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene, view_after


def _jet(source: str, **roles: str) -> dict[str, Any]:
    return {
        "type": "equipment_loss.claimed",
        "incident_id": "inc-1",
        "platform": "fixed_wing",
        "model": "L-39",
        "operator": "syria",
        "status": "destroyed",
        "crew_fate": "unknown",
        "attribution": payloads.attribution(source),
        **roles,
    }


async def test_a_neutral_report_names_no_claimant_and_alone_confirms_nothing(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    agency = payloads.source("ap", kind="news_agency", grade="B", party=None)
    await post_ok(client, "/v1/sources", agency, admin)
    reports = "/v1/incidents/inc-1/reports"
    said = await post_ok(client, reports, _jet("ap", actor="turkey"), reporter)
    [item] = (await view_after(client, "/v1/views/equipment", reader, said["cursor"]))["items"]
    assert (item["claimed_by"], item["actor"], item["confirmed"]) == (None, "turkey", False)
    # The Syrian army, whose jet it was, says so too: a second side.
    admitted = await post_ok(client, reports, _jet("sy-army"), reporter)
    [item] = (await view_after(client, "/v1/views/equipment", reader, admitted["cursor"]))["items"]
    assert (item["claimed_by"], item["confirmed"]) == (None, True)


async def test_equipment_by_attacker_and_by_affected_party(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    reports = "/v1/incidents/inc-1/reports"
    await post_ok(client, reports, _jet("tr-mod", actor="turkey"), reporter)
    drone = {
        **_jet("sy-army", actor="syria"),
        "platform": "drone",
        "model": "Anka",
        "operator": "turkey",
        "crew_fate": "not_applicable",
    }
    last = await post_ok(client, reports, drone, reporter)

    async def models(**params: str) -> list[str]:
        view = await view_after(client, "/v1/views/equipment", reader, last["cursor"], **params)
        return sorted(item["model"] for item in view["items"])

    assert await models(actor="turkey") == ["L-39"]
    assert await models(actor="syria") == ["Anka"]
    assert await models(operator="turkey") == ["Anka"]
    assert await models(actor="turkey", operator="turkey") == []
    # With no claimant named, a party's source claims for its own party.
    view = await view_after(client, "/v1/views/equipment", reader, last["cursor"])
    assert {item["model"]: item["claimed_by"] for item in view["items"]} == {
        "L-39": "turkey",
        "Anka": "syria",
    }


async def test_every_report_kind_takes_its_roles(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    reports = "/v1/incidents/inc-1/reports"
    bodies = [
        payloads.casualties(killed=33, actor="syria"),
        {
            "type": "civilians.displaced",
            "incident_id": "inc-1",
            "area": "Idlib",
            "count": {"low": 900_000, "qualifier": "approximately"},
            "affected": "syria",
            "actor": "syria",
            "attribution": payloads.attribution(),
        },
        {
            "type": "running_total.stated",
            "incident_id": "inc-1",
            "party": "turkey",
            "actor": "syria",
            "measure": "killed",
            "period_start": "2020-02-01T00:00:00Z",
            "period_end": "2020-03-03T00:00:00Z",
            "total": {"low": 55, "best": 55, "high": 55, "qualifier": "exact"},
            "attribution": payloads.attribution(),
        },
    ]
    for body in bodies:
        await post_ok(client, reports, body, reporter)
    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    actors = {c["type"]: c["current"].get("actor") for c in state["claims"][1:]}
    assert actors == {
        "casualties.reported": "syria",
        "civilians.displaced": "syria",
        "running_total.stated": "syria",
    }
    bad = payloads.casualties(actor="Syrian Army!")
    response = await client.post(reports, json=bad, headers=reporter)
    assert response.status_code in {400, 422}, response.text
