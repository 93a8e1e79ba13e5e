"""The vocabularies the seed article needs: crew fates, drones without crews, and combatants
with the party they fight beside."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene


def _equipment(platform: str, crew_fate: str) -> dict[str, Any]:
    return {
        "type": "equipment_loss.claimed",
        "incident_id": "inc-1",
        "platform": platform,
        "operator": "turkey",
        "claimed_by": "syria",
        "status": "destroyed",
        "crew_fate": crew_fate,
        "attribution": payloads.attribution(),
    }


@pytest.mark.parametrize(
    "case",
    [
        ("drone", "not_applicable", 201),
        ("drone", "unknown", 201),
        ("drone", "ejected", 422),
        ("drone", "captured", 422),
        ("fixed_wing", "ejected", 201),
        ("fixed_wing", "rescued", 201),
        ("helicopter", "missing", 201),
        ("fixed_wing", "recovered", 400),  # version 1's word: read from old events, not taken
    ],
)
async def test_crew_fates(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    case: tuple[str, str, int],
) -> None:
    platform, crew_fate, status = case
    await scene(client, admin, reporter)
    response = await client.post(
        "/v1/incidents/inc-1/reports", json=_equipment(platform, crew_fate), headers=reporter
    )
    assert response.status_code == status, response.text
    if status == 422:
        assert response.json()["errors"][0]["field"] == "crew_fate"


async def test_a_correction_cannot_give_a_drone_a_crew(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    written = await post_ok(
        client, "/v1/incidents/inc-1/reports", _equipment("drone", "not_applicable"), reporter
    )
    correction = {
        "type": "claim.corrected",
        "incident_id": "inc-1",
        "target_event_id": written["events"][0]["event_id"],
        "changes": {"crew_fate": "killed"},
        "reason": "a later statement",
        "attribution": payloads.attribution(),
    }
    response = await client.post(
        "/v1/incidents/inc-1/corrections", json=correction, headers=reporter
    )
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    "case",
    [
        ({"affiliations": ["regular", "allied_armed_group"], "allied_to": "syria"}, 201),
        ({"affiliations": ["irregular"]}, 201),
        ({"affiliations": ["allied_armed_group"]}, 422),
        ({"affiliations": ["regular"], "allied_to": "syria"}, 422),
        ({"affiliations": ["civilian"]}, 422),  # in the military group
        ({"affiliations": ["militia"]}, 400),
    ],
)
async def test_combatant_affiliations(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    case: tuple[dict[str, Any], int],
) -> None:
    extra, status = case
    await scene(client, admin, reporter)
    body = payloads.casualties(killed=91, party="syria") | extra
    response = await client.post("/v1/incidents/inc-1/reports", json=body, headers=reporter)
    assert response.status_code == status, response.text
    if status == 201:
        state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
        claim = state["claims"][-1]["current"]
        assert claim["affiliations"] == extra["affiliations"]
        assert claim.get("allied_to") == extra.get("allied_to")


async def test_a_statement_known_only_by_its_day(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    dated = payloads.attribution(reported_at="2020-03-02T00:00:00+02:00", reported_precision="day")
    await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(attribution=dated), reporter
    )
    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    said = state["claims"][-1]["current"]["attribution"]
    assert (said["reported_at"], said["reported_precision"]) == ("2020-03-02T00:00:00+02:00", "day")
    vague = payloads.attribution(reported_precision="sometime")
    response = await client.post(
        "/v1/incidents/inc-1/reports", json=payloads.casualties(attribution=vague), headers=reporter
    )
    assert response.status_code == 400, response.text
