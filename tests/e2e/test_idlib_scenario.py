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


class _Reader:
    """GETs of the views at a moment, once the projection shows the last write."""

    def __init__(self, client: AsyncTestClient[Litestar], reader: dict[str, str]) -> None:
        self.client, self.reader, self.cursor = client, reader, ""

    async def view(self, name: str, **params: str) -> dict[str, Any]:
        headers = {**self.reader, "Ledger-Min-Position": self.cursor}
        response = await self.client.get(f"/v1/views/{name}", params=params, headers=headers)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def airstrike_killed(self, **moment: str) -> list[tuple[str, int, int | None]]:
        """Turkish military killed by local day, with their best and high."""
        rows = (
            await self.view(
                "losses",
                party="turkey",
                measure="killed",
                group_by="day",
                occurred_to="2020-02-28T00:00:00+02:00",
                **moment,
            )
        )["rows"]
        return [(r["period"], r["best"], r["high"]) for r in rows]


def _said(moment: str) -> dict[str, Any]:
    return {**scenario.FILED_BY_AP, "reported_at": moment}


async def _views_as_recorded(views: _Reader) -> None:
    """Every view an analyst reads after recording the report of 3 March."""
    # The L-39 once, whoever is asked about.
    by_attacker = await views.view("equipment", actor="turkey")
    [l39] = [i for i in by_attacker["items"] if i["incident_id"] == scenario.L39]
    assert (l39["model"], l39["claimed_by"], l39["actor"], l39["confirmed"]) == (
        "L-39",
        "turkey",
        "turkey",
        True,  # the Syrian army's own "warplane" confirms the ministry's claim
    )
    assert len(l39["claim_ids"]) == 3  # the ministry, the army and the rumour
    by_affected = await views.view("equipment", operator="syria")
    assert [i["claim_ids"] for i in by_affected["items"] if i["model"] == "L-39"] == [
        l39["claim_ids"]
    ]
    assert {(i["platform"], i["operator"]) for i in (await views.view("equipment"))["items"]} == {
        ("fixed_wing", "syria"),
        ("drone", "turkey"),
    }
    # Thursday 27 February in Idlib, though it began on the 26th in UTC.
    assert await views.airstrike_killed() == [("2020-02-27", 33, 33)]
    [total] = (await views.view("reconciliation"))["items"]
    assert (total["period_as_stated"], total["covers"]) == ("this month", [scenario.AIRSTRIKE])
    assert total["ledger"] == {"low": 34, "best": 34, "high": 34}  # the 33 and Monday's one
    assert total["agreement"] == {"verdict": "ledger_short", "by": 21}
    displacement = await views.view("displacement")
    assert [row["best"] for row in displacement["flows"]] == [900_000]
    assert [row["area"] for row in displacement["stocks"]] == ["Turkey"]
    # The troops Turkey sent are said of the war, not of an incident: a situation only.
    assert (await views.view("deployments"))["items"] == []
    situations = (await views.view("situations", kind="deployment"))["items"]
    assert [s["low"] for s in situations] == [2000]


async def test_the_seed_walked_through_its_revisions_with_every_view_at_each_moment(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    recorded: dict[str, Any],
) -> None:
    views = _Reader(client, reader)
    views.cursor = recorded["cursor"]
    await _views_as_recorded(views)
    airstrike = (await client.get(f"/v1/incidents/{scenario.AIRSTRIKE}", headers=reader)).json()
    [thirty_three] = [c["event_id"] for c in _claims_of(airstrike, "casualties.reported")]
    l39_state = (await client.get(f"/v1/incidents/{scenario.L39}", headers=reader)).json()
    [rumour] = [c["event_id"] for c in l39_state["claims"] if c["source_id"] == "rumour-feed"]

    async def write(path: str, body: dict[str, Any], headers: dict[str, str]) -> int:
        receipt = await post_ok(client, path, body, headers)
        views.cursor = receipt["cursor"]
        position: int = receipt["events"][-1]["position"]
        return position

    # The rumour's channel withdraws it on the morning of the 4th.
    await write(
        f"/v1/incidents/{scenario.L39}/retractions", scenario.rumour_retraction(rumour), reporter
    )
    # The agency (graded B) repeats the ministry's (graded C) 33 on the 4th.
    relay = {
        "type": "casualties.reported",
        "incident_id": scenario.AIRSTRIKE,
        "party": "turkey",
        "group": "military",
        "killed": {"low": 33, "best": 33, "high": 33, "qualifier": "exact"},
        "attribution": _said("2020-03-04T10:00:00Z")
        | {"relays": "tr-mod", "relays_claim": thirty_three},
    }
    relayed = await write(f"/v1/incidents/{scenario.AIRSTRIKE}/reports", relay, reporter)
    # The ministry revises its own figure on the 5th: one more died of his wounds.
    correction = {
        "incident_id": scenario.AIRSTRIKE,
        "target_event_id": thirty_three,
        "changes": {"killed": {"low": 34, "best": 34, "high": 34, "qualifier": "exact"}},
        "reason": "the ministry revised its toll",
        "attribution": {"source_id": "tr-mod", "reported_at": "2020-03-05T09:00:00Z"}
        | {"credibility": 1},
    }
    corrected = await write(f"/v1/incidents/{scenario.AIRSTRIKE}/corrections", correction, reporter)
    # The agency is regraded A: its relay still counts as the ministry's word.
    regrade = {"source_id": "ap", "grade": "A", "reason": "a record of accurate reporting"}
    regraded = await write("/v1/sources/ap/grades", regrade, admin)

    # Now: the originator's later word decides, not the better-graded relay of its first.
    assert await views.airstrike_killed() == [("2020-02-27", 34, 34)]
    [total] = (await views.view("reconciliation"))["items"]
    assert total["agreement"] == {"verdict": "ledger_short", "by": 20}
    await _views_at_moments_between(views, relayed, corrected, regraded)


async def _views_at_moments_between(
    views: _Reader, relayed: int, corrected: int, regraded: int
) -> None:
    """The views as the ledger stood and as the sources had told it, between the writes."""
    [l39] = [
        i for i in (await views.view("equipment"))["items"] if i["incident_id"] == scenario.L39
    ]
    assert len(l39["claim_ids"]) == 2  # the rumour withdrawn
    # As the ledger stood: before the correction was recorded, and before the regrade.
    assert await views.airstrike_killed(as_of=str(relayed)) == [("2020-02-27", 33, 33)]
    assert await views.airstrike_killed(as_of=str(regraded - 1)) == [("2020-02-27", 34, 34)]
    assert await views.airstrike_killed(as_of=str(corrected)) == [("2020-02-27", 34, 34)]
    # As the sources had told it: nothing before the report; the 33 until the 5th.
    assert await views.airstrike_killed(reported_by="2020-03-03T12:00:00Z") == []
    assert await views.airstrike_killed(reported_by="2020-03-04T23:59:59Z") == [
        ("2020-02-27", 33, 33)
    ]
    assert await views.airstrike_killed(reported_by="2020-03-05T12:00:00Z") == [
        ("2020-02-27", 34, 34)
    ]
    early = await views.view("reconciliation", reported_by="2020-03-04T23:59:59Z")
    assert early["items"][0]["agreement"] == {"verdict": "ledger_short", "by": 21}
    # Both axes: said by the 5th, of what the ledger had recorded before the correction.
    assert await views.airstrike_killed(reported_by="2020-03-05T12:00:00Z", as_of=str(relayed)) == [
        ("2020-02-27", 33, 33)
    ]
    # The rumour stood until its channel withdrew it on the morning of the 4th.
    for moment, claims in (("2020-03-04T07:00:00Z", 3), ("2020-03-04T09:00:00Z", 2)):
        equipment = await views.view("equipment", reported_by=moment, operator="syria")
        [l39] = [i for i in equipment["items"] if i["incident_id"] == scenario.L39]
        assert len(l39["claim_ids"]) == claims, moment
    before = await views.view("equipment", reported_by="2020-03-02T00:00:00Z")
    assert before["items"] == []
    said_situations = await views.view("situations", reported_by="2020-03-02T00:00:00Z")
    assert said_situations["items"] == []
