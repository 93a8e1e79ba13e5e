"""Statements about a conflict, area and period rather than one incident: recorded without an
invented incident, date or place, shown beside the per-incident figures, never added in."""

from __future__ import annotations

import csv
import io
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene, view_after

_SAID = "2020-03-03T15:00:00Z"


def _stated(situation_id: str, kind: str, figure: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "situation_id": situation_id,
        "kind": kind,
        "area": "Idlib province",
        "country": "SY",
        "figure": figure,
        "attribution": payloads.attribution("ap", reported_at=_SAID),
        **fields,
    }


# What the seed article states of the war rather than of one incident.
TROOPS = _stated(
    "idlib-turkish-troops",
    "deployment",
    {"low": 2000, "qualifier": "vague"},
    parties=["turkey"],
    period_as_stated="has sent",
)
CLASHES = _stated(
    "idlib-clashes-toll",
    "toll",
    {"low": 24, "qualifier": "vague"},
    parties=["turkey", "syria"],
    measure="killed",
    period_as_stated="increasingly frequent clashes",
)
FLED = _stated(
    "idlib-fled-north",
    "displacement_flow",
    {"low": 900_000, "high": 999_999, "qualifier": "approximately"},
    parties=["syria"],
    period_as_stated="the government's offensive",
)
HOSTED = _stated(
    "syrian-refugees-in-turkey",
    "displacement_stock",
    {"low": 3_500_001, "qualifier": "at_least"},
    parties=["syria"],
    area="Turkey",
    country="TR",
)


async def _recorded(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> str:
    """The scene, the situations, some incidents' own figures; the last write's cursor."""
    await scene(client, admin, reporter)
    agency = payloads.source("ap", kind="news_agency", grade="B", party=None)
    await post_ok(client, "/v1/sources", agency, admin)
    reports = "/v1/incidents/inc-1/reports"
    await post_ok(client, reports, payloads.casualties(killed=33), reporter)
    more_than_ninety = {"low": 91, "qualifier": "at_least"}
    syrian = payloads.casualties(party="syria") | {"killed": more_than_ninety}
    await post_ok(client, reports, syrian, reporter)
    fled = {
        "type": "civilians.displaced",
        "incident_id": "inc-1",
        "area": "Maarat al-Numan",
        "count": {"low": 5000, "best": 6000, "high": 8000, "qualifier": "approximately"},
        "attribution": payloads.attribution(),
    }
    await post_ok(client, reports, fled, reporter)
    receipt = {}
    for statement in (TROOPS, CLASHES, FLED, HOSTED):
        receipt = await post_ok(client, "/v1/situations", statement, reporter)
    cursor: str = receipt["cursor"]
    return cursor


async def test_situations_stand_beside_the_incidents_and_a_toll_is_reconciled(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    cursor = await _recorded(client, admin, reporter)
    view = await view_after(client, "/v1/views/situations", reader, cursor)
    by_id = {item["situation_id"]: item for item in view["items"]}
    assert sorted(by_id) == sorted(s["situation_id"] for s in (TROOPS, CLASHES, FLED, HOSTED))
    troops = by_id["idlib-turkish-troops"]
    assert (troops["low"], troops["high"], troops["period_start"]) == (2000, None, None)
    toll = by_id["idlib-clashes-toll"]
    # "Dozens on both sides" against 33 Turkish and more than 90 Syrian dead: consistent.
    assert toll["ledger"] == {"low": 124, "best": 124, "high": None}
    assert toll["agreement"] == {"verdict": "consistent", "by": 0}
    assert by_id["idlib-fled-north"]["ledger"] is None
    # Nothing stated of the war is added into the incidents' own figures.
    losses = await view_after(client, "/v1/views/losses", reader, cursor, measure="killed")
    assert sorted((r["party"], r["best"]) for r in losses["rows"]) == [
        ("syria", 91),
        ("turkey", 33),
    ]
    deployments = await view_after(client, "/v1/views/deployments", reader, cursor)
    assert deployments["items"] == []
    tolls = await view_after(client, "/v1/views/situations", reader, cursor, kind="toll")
    assert [i["situation_id"] for i in tolls["items"]] == ["idlib-clashes-toll"]


async def test_displacement_keeps_flows_and_stocks_apart(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    cursor = await _recorded(client, admin, reporter)
    view = await view_after(client, "/v1/views/displacement", reader, cursor)
    assert sorted((r["origin"], r["id"], r["area"], r["best"]) for r in view["flows"]) == [
        ("incident", "inc-1", "Maarat al-Numan", 6000),
        ("situation", "idlib-fled-north", "Idlib province", 900_000),
    ]
    [stock] = view["stocks"]
    assert (stock["id"], stock["area"], stock["low"], stock["high"]) == (
        "syrian-refugees-in-turkey",
        "Turkey",
        3_500_001,
        None,
    )
    response = await client.get("/v1/views/displacement", params={"format": "csv"}, headers=reader)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["kind"] for r in rows) == ["flow", "flow", "stock"]


async def test_later_statements_count_once_and_must_count_the_same_kind(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    first = await _recorded(client, admin, reporter)
    revised = FLED | {
        "figure": {
            "low": 950_000,
            "best": 980_000,
            "high": 1_000_000,
            "qualifier": "approximately",
        },
        "attribution": payloads.attribution("ap", reported_at="2020-03-04T09:00:00Z"),
    }
    later = await post_ok(client, "/v1/situations", revised, reporter)
    view = await view_after(client, "/v1/views/displacement", reader, later["cursor"])
    [fled] = [r for r in view["flows"] if r["origin"] == "situation"]
    assert (fled["low"], fled["best"], fled["high"]) == (950_000, 980_000, 1_000_000)
    assert len(fled["claim_ids"]) == 1  # the agency's later word replaces its earlier one
    position = (await client.get("/v1/situations/idlib-fled-north", headers=reader)).json()
    assert [e["type"] for e in position["items"]] == ["situation.stated", "situation.stated"]
    before = await view_after(
        client,
        "/v1/views/displacement",
        reader,
        later["cursor"],
        as_of=str(position["items"][0]["position"]),
    )
    [then] = [r for r in before["flows"] if r["origin"] == "situation"]
    assert then["best"] == 900_000
    assert first

    other_kind = FLED | {"kind": "displacement_stock"}
    response = await client.post("/v1/situations", json=other_kind, headers=reporter)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "kind"
    for bad in (
        CLASHES | {"measure": None},
        TROOPS | {"measure": "killed"},
        FLED | {"period_start": "2020-03-01T00:00:00Z", "period_end": "2020-02-01T00:00:00Z"},
        FLED | {"attribution": payloads.attribution("nobody")},
    ):
        response = await client.post("/v1/situations", json=bad, headers=reporter)
        assert response.status_code == 422, (bad, response.text)
    missing = await client.get("/v1/situations/no-such", headers=reader)
    assert missing.status_code == 404
