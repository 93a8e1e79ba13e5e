"""Relays: a source repeating another's statement counts as that statement, never as a
second, better source."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene, view_after


def _by(source_id: str, hour: int, **relay: str) -> dict[str, Any]:
    return payloads.attribution(source_id, reported_at=f"2020-02-28T{hour:02d}:00:00Z") | relay


async def _agency(client: AsyncTestClient[Litestar], admin: dict[str, str]) -> None:
    await post_ok(
        client,
        "/v1/sources",
        payloads.source("agency", kind="news_agency", grade="B", party=None),
        admin,
    )


async def test_the_originators_later_word_beats_a_better_graded_relay_of_its_earlier_one(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)  # tr-mod is graded C
    await _agency(client, admin)
    reports = "/v1/incidents/inc-1/reports"
    said = await post_ok(
        client, reports, payloads.casualties(killed=33, attribution=_by("tr-mod", 9)), reporter
    )
    relayed = payloads.casualties(
        killed=33,
        attribution=_by("agency", 15, relays="tr-mod", relays_claim=said["events"][0]["event_id"]),
    )
    receipt = await post_ok(client, reports, relayed, reporter)
    [row] = (await view_after(client, "/v1/views/losses", reader, receipt["cursor"]))["rows"]
    assert (row["best"], row["incidents"]) == (33, 1)
    # The ministry revises its own figure: graded C, it still decides, as the agency (B)
    # only repeated its earlier word.
    receipt = await post_ok(
        client, reports, payloads.casualties(killed=36, attribution=_by("tr-mod", 12)), reporter
    )
    [row] = (await view_after(client, "/v1/views/losses", reader, receipt["cursor"]))["rows"]
    assert (row["low"], row["best"], row["high"]) == (36, 36, 36)
    incident = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    relay_claim = next(c for c in incident["claims"] if c["source_id"] == "agency")
    assert relay_claim["current"]["attribution"]["relays"] == "tr-mod"
    # The agency repeating the ministry's first word disputes nothing the ministry said after.
    assert (incident["contested"], incident["disagreements"]) == (False, [])
    # A source of its own that says otherwise does.
    syrian = payloads.casualties(killed=20, attribution=_by("sy-army", 13))
    await post_ok(client, reports, syrian, reporter)
    incident = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    [dispute] = incident["disagreements"]
    sources = {c["event_id"]: c["source_id"] for c in incident["claims"]}
    assert sorted(sources[c] for c in dispute["claim_event_ids"]) == ["sy-army", "tr-mod"]


async def test_a_relay_of_the_claimant_confirms_nothing(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    await _agency(client, admin)

    def jet(attribution: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "equipment_loss.claimed",
            "incident_id": "inc-1",
            "platform": "fixed_wing",
            "model": "L-39",
            "operator": "syria",
            "claimed_by": "turkey",
            "status": "destroyed",
            "crew_fate": "unknown",
            "attribution": attribution,
        }

    reports = "/v1/incidents/inc-1/reports"
    await post_ok(client, reports, jet(_by("tr-mod", 9)), reporter)
    receipt = await post_ok(client, reports, jet(_by("agency", 10, relays="tr-mod")), reporter)
    [item] = (await view_after(client, "/v1/views/equipment", reader, receipt["cursor"]))["items"]
    assert item["confirmed"] is False
    receipt = await post_ok(client, reports, jet(_by("agency", 11)), reporter)
    [item] = (await view_after(client, "/v1/views/equipment", reader, receipt["cursor"]))["items"]
    assert item["confirmed"] is True  # the agency's own word, a source of no party


async def test_bad_relays_are_refused(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    await _agency(client, admin)
    reports = "/v1/incidents/inc-1/reports"
    ministry = await post_ok(
        client, reports, payloads.casualties(attribution=_by("tr-mod", 9)), reporter
    )
    ministry_claim = ministry["events"][0]["event_id"]
    agency = await post_ok(
        client,
        reports,
        payloads.casualties(attribution=_by("agency", 10, relays="tr-mod")),
        reporter,
    )
    agency_relay = agency["events"][0]["event_id"]
    cases = [
        (_by("agency", 11, relays="nobody"), 422, "unknown-source", "attribution.relays"),
        (_by("agency", 11, relays="agency"), 422, "rule-violation", None),
        (
            _by("agency", 11, relays="sy-army", relays_claim=ministry_claim),
            422,
            "invalid-relay",
            "attribution.relays_claim",
        ),
        (
            _by("agency", 11, relays="tr-mod", relays_claim="0b7c3c38-7a4e-4d6e-9d0a-6a3f4bbf3c10"),
            422,
            "invalid-relay",
            "attribution.relays_claim",
        ),
        # The ministry repeating the agency's relay of the ministry: a loop.
        (
            _by("tr-mod", 11, relays="agency", relays_claim=agency_relay),
            422,
            "relay-loop",
            "attribution.relays_claim",
        ),
    ]
    for attribution, status, kind, field in cases:
        response = await client.post(
            reports, json=payloads.casualties(attribution=attribution), headers=reporter
        )
        assert response.status_code == status, (attribution, response.text)
        problem = response.json()
        assert problem["type"].endswith(f"/{kind}"), problem
        if field is not None:
            assert problem["errors"][0]["field"] == field
    # A relay repeats the statement: not the ministry's count of Turkish soldiers as one of
    # Syrian troops or of civilians, nor as an equipment loss.
    relaying = _by("agency", 12, relays="tr-mod", relays_claim=ministry_claim)
    equipment = {
        "type": "equipment_loss.claimed",
        "incident_id": "inc-1",
        "platform": "armor",
        "operator": "turkey",
        "status": "destroyed",
        "crew_fate": "unknown",
        "attribution": relaying,
    }
    for other in (
        payloads.casualties(party="syria", attribution=relaying),
        payloads.casualties(group="civilian", attribution=relaying),
        equipment,
    ):
        response = await client.post(reports, json=other, headers=reporter)
        assert response.status_code == 422, response.text
        assert response.json()["type"].endswith("/invalid-relay")
    await post_ok(client, reports, payloads.casualties(attribution=relaying), reporter)


async def test_a_late_relay_of_an_old_deployment_figure_is_not_the_latest(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    await _agency(client, admin)

    def troops(low: int, attribution: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "forces.deployed",
            "incident_id": "inc-1",
            "party": "turkey",
            "area": "Idlib province",
            "size": {"low": low, "qualifier": "vague"},
            "movement": "deploy",
            "attribution": attribution,
        }

    reports = "/v1/incidents/inc-1/reports"
    first = await post_ok(client, reports, troops(2000, _by("tr-mod", 9)), reporter)
    await post_ok(client, reports, troops(5000, _by("tr-mod", 12)), reporter)
    # The agency repeats the ministry's first figure after its second.
    late = _by("agency", 15, relays="tr-mod", relays_claim=first["events"][0]["event_id"])
    receipt = await post_ok(client, reports, troops(2000, late), reporter)
    [deployment] = (await view_after(client, "/v1/views/deployments", reader, receipt["cursor"]))[
        "items"
    ]
    assert (deployment["size"]["low"], deployment["source_id"]) == (5000, "tr-mod")
