"""The seed article's facts, end to end through the HTTP API and a real database."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.helpers import post_ok
from tests.e2e import idlib_scenario as scenario


async def _incident(
    client: AsyncTestClient[Litestar], incident_id: str, headers: dict[str, str]
) -> dict[str, Any]:
    response = await client.get(f"/v1/incidents/{incident_id}", headers=headers)
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def _claims_of(state: dict[str, Any], claim_type: str) -> list[dict[str, Any]]:
    return [c for c in state["claims"] if c["type"] == claim_type]


@pytest.fixture
async def recorded(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> dict[str, Any]:
    """The scenario recorded up to, not including, its correction and its retraction.

    Returns the last write's receipt.
    """
    return await scenario.record(client, admin, reporter)


@pytest.mark.usefixtures("recorded")
async def test_opposing_claims_of_the_l39_and_a_retracted_rumour(
    client: AsyncTestClient[Litestar], reporter: dict[str, str], reader: dict[str, str]
) -> None:
    l39 = await _incident(client, scenario.L39, reader)
    assert l39["location"]["relation"] == "northwest of"
    assert l39["location"]["place"] == "Maarat al-Numan"
    losses = _claims_of(l39, "equipment_loss.claimed")
    assert [c["source_id"] for c in losses] == ["tr-mod", "sy-army", "rumour-feed"]
    assert {c["current"]["claimed_by"] for c in losses} == {"turkey", "syria"}
    # The crew's fate is unknown to both governments; only the rumour says captured.
    assert l39["contested"] is True
    [dispute] = l39["disagreements"]
    assert dispute["subject"] == "equipment/syria/fixed_wing/L-39"

    rumour = losses[2]["event_id"]
    retraction = scenario.rumour_retraction(rumour)
    await post_ok(client, f"/v1/incidents/{scenario.L39}/retractions", retraction, reporter)
    l39 = await _incident(client, scenario.L39, reader)
    assert l39["contested"] is False
    retracted = next(c for c in l39["claims"] if c["event_id"] == rumour)
    assert retracted["status"] == "retracted"
    assert retracted["current"]["crew_fate"] == "captured"  # kept in history
    assert {
        c["current"]["crew_fate"]
        for c in _claims_of(l39, "equipment_loss.claimed")
        if c["status"] == "active"
    } == {"unknown"}


@pytest.mark.usefixtures("recorded")
async def test_the_drone_the_airstrike_and_monday_night(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    drone = await _incident(client, scenario.DRONE, reader)
    [drone_loss] = _claims_of(drone, "equipment_loss.claimed")
    assert (drone_loss["current"]["platform"], drone_loss["current"]["operator"]) == (
        "drone",
        "turkey",
    )
    assert drone_loss["current"]["claimed_by"] == "syria"

    airstrike = await _incident(client, scenario.AIRSTRIKE, reader)
    [killed_33] = _claims_of(airstrike, "casualties.reported")
    assert killed_33["current"]["killed"] == {
        "low": 33,
        "best": 33,
        "high": 33,
        "qualifier": "exact",
    }

    monday = await _incident(client, scenario.MONDAY, reader)
    assert monday["occurred"]["as_stated"] == "Monday night"
    assert monday["occurred"]["start"] == "2020-03-02T19:00:00+02:00"
    # Syria has one zone: the incident's calendar is Damascus time without being told.
    assert monday["time_zone"] == "Asia/Damascus"
    [soldier] = _claims_of(monday, "casualties.reported")
    assert (soldier["current"]["killed"]["best"], soldier["current"]["wounded"]["best"]) == (1, 1)
    [total] = _claims_of(monday, "running_total.stated")
    assert total["current"]["total"]["best"] == 55
    assert total["current"]["measure"] == "killed"


async def test_bounded_and_vague_numbers(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    retaliation = await _incident(client, scenario.RETALIATION, reader)
    [more_than_90] = _claims_of(retaliation, "casualties.reported")
    assert more_than_90["current"]["killed"] == {
        "low": 91,
        "best": None,
        "high": None,
        "qualifier": "at_least",
    }
    assert more_than_90["current"]["party"] == "syria"

    # Figures about the war rather than one incident are situations, not invented incidents.
    waiting = {**reader, "Ledger-Min-Position": recorded["cursor"]}
    situations = await client.get("/v1/views/situations", headers=waiting)
    by_kind = {item["kind"]: item for item in situations.json()["items"]}
    assert (by_kind["deployment"]["low"], by_kind["deployment"]["period_start"]) == (2000, None)
    assert by_kind["displacement_flow"]["high"] == 999_999
    assert by_kind["displacement_stock"]["area"] == "Turkey"
    assert by_kind["toll"]["agreement"] == {"verdict": "consistent", "by": 0}


@pytest.mark.usefixtures("recorded")
async def test_a_correction_of_the_sunday_shootdown(
    client: AsyncTestClient[Litestar], reporter: dict[str, str], reader: dict[str, str]
) -> None:
    sunday = await _incident(client, scenario.SUNDAY, reader)
    jets = next(
        c
        for c in _claims_of(sunday, "equipment_loss.claimed")
        if c["current"]["platform"] == "fixed_wing"
    )
    assert jets["current"]["crew_fate"] == "ejected"
    correction = scenario.sunday_jets_correction(jets["event_id"])
    await post_ok(client, f"/v1/incidents/{scenario.SUNDAY}/corrections", correction, reporter)
    sunday = await _incident(client, scenario.SUNDAY, reader)
    jets = next(c for c in sunday["claims"] if c["event_id"] == jets["event_id"])
    assert (jets["original"]["quantity"], jets["current"]["quantity"]) == (1, 2)
    [note] = jets["corrections"]
    assert (note["previous"], note["changes"]) == ({"quantity": 1}, {"quantity": 2})


async def test_the_log_holds_every_report_in_order(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    waiting = {**reader, "Ledger-Min-Position": recorded["cursor"]}
    log = (await client.get("/v1/events?limit=1000", headers=waiting)).json()["items"]
    assert len(log) == scenario.EVENTS_RECORDED
    assert [e["type"] for e in log[:5]] == ["source.registered"] * 5
    assert {e["metadata"]["principal"] for e in log[5:]} == {"test-reporter"}
    assert [e["position"] for e in log] == sorted(e["position"] for e in log)
