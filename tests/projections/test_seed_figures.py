"""The seed article's figures, derived by hand, as the views report them.

The scenario (tests/e2e/idlib_scenario.py) records, among others:
- Turkish military killed: 33 in the 27 February airstrike and 1 on Monday night: 34, over two
  incidents; 1 wounded on Monday night.
- Syrian military killed: "more than 90" in the retaliation: low 91, no best of its own (so
  the lower bound stands for it), no upper bound.
- Equipment: the L-39 (claimed by Turkey, reported by the Syrian army too, so confirmed), two
  jets on Sunday entered as one (AP, not aligned: confirmed), a drone on Sunday (AP:
  confirmed) and a drone on Tuesday claimed by Syrian state media alone (not confirmed).
- Deployments: Turkey sent "thousands" into Idlib province: low 2000, vague.
- Reconciliation: the ministry's "55 this month" against the ledger's 34: 21 unaccounted for.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.store import GlobalCursor
from tests.api.helpers import post_ok
from tests.e2e import idlib_scenario as scenario


async def _view(
    client: AsyncTestClient[Litestar],
    path: str,
    reader: dict[str, str],
    after: dict[str, Any],
    **params: str,
) -> dict[str, Any]:
    response = await client.get(
        path, params=params, headers={**reader, "Ledger-Min-Position": after["cursor"]}
    )
    assert response.status_code == 200, response.text
    reflected = GlobalCursor.decode(response.headers["Ledger-Position"])
    assert reflected >= GlobalCursor.decode(after["cursor"])
    result: dict[str, Any] = response.json()
    return result


def _losses(view: dict[str, Any]) -> dict[tuple[str, ...], tuple[Any, ...]]:
    return {
        tuple(str(row[k]) for k in ("party", "group", "measure", "period", "admin1")): (
            row["low"],
            row["best"],
            row["high"],
            row["incidents"],
        )
        for row in view["rows"]
    }


@pytest.fixture
async def recorded(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> dict[str, Any]:
    return await scenario.record(client, admin, reporter)


async def test_losses(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    view = await _view(client, "/v1/views/losses", reader, recorded)
    assert _losses(view) == {
        ("syria", "military", "killed", "None", "None"): (91, 91, None, 1),
        ("turkey", "military", "killed", "None", "None"): (34, 34, 34, 2),
        ("turkey", "military", "wounded", "None", "None"): (1, 1, 1, 1),
    }


async def test_losses_over_a_range_and_grouped(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    march = await _view(
        client,
        "/v1/views/losses",
        reader,
        recorded,
        occurred_from="2020-03-01T00:00:00Z",
        occurred_to="2020-04-01T00:00:00Z",
    )
    assert _losses(march) == {
        ("turkey", "military", "killed", "None", "None"): (1, 1, 1, 1),
        ("turkey", "military", "wounded", "None", "None"): (1, 1, 1, 1),
    }
    by_day = await _view(
        client, "/v1/views/losses", reader, recorded, party="turkey", group_by="day"
    )
    killed_by_day = {
        row["period"]: row["best"] for row in by_day["rows"] if row["measure"] == "killed"
    }
    # Thursday's airstrike began at 22:00 UTC on Wednesday: it counts on Idlib's Thursday.
    assert killed_by_day == {"2020-02-27": 33, "2020-03-02": 1}
    by_week = await _view(
        client, "/v1/views/losses", reader, recorded, party="turkey", group_by="week"
    )
    assert {r["period"] for r in by_week["rows"]} == {"2020-02-24", "2020-03-02"}
    by_admin1 = await _view(
        client, "/v1/views/losses", reader, recorded, measure="killed", group_by="admin1"
    )
    assert {(r["party"], r["admin1"], r["best"]) for r in by_admin1["rows"]} == {
        ("syria", "Idlib", 91),
        ("turkey", "Idlib", 34),
    }
    # "losses" is the measure running totals use: killed, captured and missing together.
    losses = await _view(client, "/v1/views/losses", reader, recorded, measure="losses")
    assert {(r["party"], r["best"]) for r in losses["rows"]} == {("syria", 91), ("turkey", 34)}


async def test_two_sources_on_one_incident_count_once(
    client: AsyncTestClient[Litestar],
    reporter: dict[str, str],
    reader: dict[str, str],
    recorded: dict[str, Any],  # noqa: ARG001 - the scenario must be recorded first
) -> None:
    def casualties(source: str, grade_credibility: int, at: str, killed: Any) -> dict[str, Any]:
        return {
            "type": "casualties.reported",
            "incident_id": scenario.AIRSTRIKE,
            "party": "turkey",
            "group": "military",
            "killed": killed,
            "attribution": {
                "source_id": source,
                "reported_at": at,
                "credibility": grade_credibility,
            },
        }

    path = f"/v1/incidents/{scenario.AIRSTRIKE}/reports"
    # Syrian state media (grade D): at least 30. AP (grade B): 33 to 36, most likely 35.
    at_least_30 = {"low": 30, "best": None, "high": None, "qualifier": "at_least"}
    await post_ok(
        client, path, casualties("sy-state-media", 3, scenario.FILED, at_least_30), reporter
    )
    ap = {"low": 33, "best": 35, "high": 36, "qualifier": "approximately"}
    await post_ok(client, path, casualties("ap", 2, scenario.FILED, ap), reporter)
    # The ministry (grade C) revises its own 33 to 36 a day later: its earlier figure is gone.
    exactly_36 = {"low": 36, "best": 36, "high": 36, "qualifier": "exact"}
    revised = await post_ok(
        client,
        path,
        casualties("tr-mod", 1, "2020-03-04T09:00:00Z", exactly_36),
        reporter,
    )
    view = await _view(
        client, "/v1/views/losses", reader, revised, party="turkey", measure="killed"
    )
    # Airstrike: low 30 (state media), best 35 (AP, best grade), high open (state media);
    # plus Monday night's 1, still two incidents.
    assert _losses(view) == {("turkey", "military", "killed", "None", "None"): (31, 36, None, 2)}


async def test_equipment_before_and_after_a_correction_and_a_retraction(
    client: AsyncTestClient[Litestar],
    reporter: dict[str, str],
    reader: dict[str, str],
    recorded: dict[str, Any],
) -> None:
    view = await _view(client, "/v1/views/equipment", reader, recorded)
    assert {
        (t["operator"], t["platform"], t["status"]): (t["quantity"], t["confirmed_quantity"])
        for t in view["totals"]
    } == {("syria", "fixed_wing", "destroyed"): (2, 2), ("turkey", "drone", "destroyed"): (2, 1)}
    l39 = next(item for item in view["items"] if item["model"] == "L-39")
    assert (l39["claimed_by"], l39["crew_fate"], l39["confirmed"]) == ("turkey", "unknown", True)
    assert l39["sources"] == ["rumour-feed", "sy-army", "tr-mod"]
    tuesday_drone = next(i for i in view["items"] if i["incident_id"] == scenario.DRONE)
    assert (tuesday_drone["claimed_by"], tuesday_drone["confirmed"]) == ("syria", False)

    jets = next(
        item
        for item in view["items"]
        if item["incident_id"] == scenario.SUNDAY and item["platform"] == "fixed_wing"
    )
    [jets_claim] = jets["claim_ids"]
    await post_ok(
        client,
        f"/v1/incidents/{scenario.SUNDAY}/corrections",
        scenario.sunday_jets_correction(jets_claim),
        reporter,
    )
    official = await _official_l39_claims(client, reader)
    [rumour] = [claim for claim in l39["claim_ids"] if claim not in official]
    retracted = await post_ok(
        client,
        f"/v1/incidents/{scenario.L39}/retractions",
        scenario.rumour_retraction(rumour),
        reporter,
    )
    view = await _view(client, "/v1/views/equipment", reader, retracted)
    totals = {(t["operator"], t["platform"]): t["quantity"] for t in view["totals"]}
    assert totals == {("syria", "fixed_wing"): 3, ("turkey", "drone"): 2}
    l39 = next(item for item in view["items"] if item["model"] == "L-39")
    assert l39["sources"] == ["sy-army", "tr-mod"]


async def _official_l39_claims(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> set[str]:
    state = (await client.get(f"/v1/incidents/{scenario.L39}", headers=reader)).json()
    return {c["event_id"] for c in state["claims"] if c["source_id"] != "rumour-feed"}


async def test_deployments_and_displacement_stated_of_the_war_not_of_an_incident(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    # "Turkey has sent thousands of troops into Idlib" names no incident, date or place of
    # its own: a situation, beside the incidents' deployments (none here), not among them.
    assert (await _view(client, "/v1/views/deployments", reader, recorded))["items"] == []
    view = await _view(client, "/v1/views/situations", reader, recorded, kind="deployment")
    [troops] = view["items"]
    assert (troops["parties"], troops["area"], troops["period_as_stated"]) == (
        ["turkey"],
        "Idlib province",
        "has sent thousands of troops",
    )
    assert (troops["low"], troops["best"], troops["high"]) == (2000, 2000, None)
    displaced = await _view(client, "/v1/views/displacement", reader, recorded)
    assert [(r["origin"], r["id"]) for r in displaced["flows"]] == [
        ("situation", "idlib-civilians-fled")
    ]
    assert [r["low"] for r in displaced["stocks"]] == [3_500_001]


async def test_reconciliation(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    view = await _view(client, "/v1/views/reconciliation", reader, recorded)
    [line] = view["items"]
    assert (line["party"], line["measure"], line["source_id"]) == ("turkey", "killed", "tr-mod")
    assert line["stated"]["best"] == 55
    assert (line["period_as_stated"], line["covers"]) == ("this month", [scenario.AIRSTRIKE])
    assert line["ledger"] == {"low": 34, "best": 34, "high": 34}
    assert line["agreement"] == {"verdict": "ledger_short", "by": 21}
    assert line["difference"] == 21
    assert line["incidents"] == [scenario.AIRSTRIKE, scenario.MONDAY]


async def test_views_as_csv(
    client: AsyncTestClient[Litestar], reader: dict[str, str], recorded: dict[str, Any]
) -> None:
    wait = {**reader, "Ledger-Min-Position": recorded["cursor"]}
    response = await client.get("/v1/views/losses", params={"format": "csv"}, headers=wait)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert GlobalCursor.decode(response.headers["Ledger-Position"]) >= GlobalCursor.decode(
        recorded["cursor"]
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["party"], r["measure"], r["low"], r["best"], r["high"]) for r in rows] == [
        ("syria", "killed", "91", "91", ""),
        ("turkey", "killed", "34", "34", "34"),
        ("turkey", "wounded", "1", "1", "1"),
    ]
    reconciliation = await client.get(
        "/v1/views/reconciliation", params={"format": "csv"}, headers=reader
    )
    [line] = list(csv.DictReader(io.StringIO(reconciliation.text)))
    assert (line["stated.best"], line["ledger.best"], line["difference"]) == ("55", "34", "21")
    assert line["incidents"] == f"{scenario.AIRSTRIKE};{scenario.MONDAY}"
    for view in ("equipment", "situations", "displacement"):
        response = await client.get(f"/v1/views/{view}", params={"format": "csv"}, headers=reader)
        assert response.status_code == 200
        assert len(list(csv.DictReader(io.StringIO(response.text)))) >= 1
    bad = await client.get("/v1/views/losses", params={"format": "xlsx"}, headers=reader)
    assert bad.status_code == 400
