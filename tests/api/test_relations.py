"""Incidents tied to one another on a source's word: a series, a response; undone by
retracting the claim."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene


def _related(relation: str, related: str, incident_id: str = "inc-1") -> dict[str, Any]:
    return {
        "type": "incident.related",
        "incident_id": incident_id,
        "relation": relation,
        "related_incident_id": related,
        "attribution": payloads.attribution(quote="after the drone was shot down"),
    }


async def test_a_relation_shows_on_the_incident_and_in_its_history_until_retracted(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    await post_ok(client, "/v1/incidents", payloads.incident("inc-drone"), reporter)
    written = await post_ok(
        client, "/v1/incidents/inc-1/reports", _related("response_to", "inc-drone"), reporter
    )
    claim_id = written["events"][0]["event_id"]
    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    assert state["relations"] == [
        {
            "relation": "response_to",
            "incident_id": "inc-drone",
            "event_id": claim_id,
            "source_id": "tr-mod",
        }
    ]
    retraction = {
        "type": "claim.retracted",
        "incident_id": "inc-1",
        "target_event_id": claim_id,
        "reason": "the source withdrew the link",
        "attribution": payloads.attribution(),
    }
    await post_ok(client, "/v1/incidents/inc-1/retractions", retraction, reporter)
    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    assert state["relations"] == []
    history = (await client.get("/v1/incidents/inc-1/history", headers=reader)).json()
    changed = [
        [c["path"] for c in r["changes"] if c["path"].startswith("relations")]
        for r in history["revisions"][-2:]
    ]
    assert changed == [[f"relations/{claim_id}"], [f"relations/{claim_id}"]]


async def test_merging_keeps_the_relations_of_the_incident_merged_in(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    for incident_id in ("inc-again", "inc-earlier"):
        await post_ok(client, "/v1/incidents", payloads.incident(incident_id), reporter)
    await post_ok(
        client,
        "/v1/incidents/inc-again/reports",
        _related("series", "inc-earlier", incident_id="inc-again"),
        reporter,
    )
    merge = {
        "incident_id": "inc-1",
        "merged_incident_id": "inc-again",
        "reason": "the same shootdown entered twice",
    }
    await post_ok(client, "/v1/incidents/inc-1/merges", merge, reporter)
    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    assert [(r["relation"], r["incident_id"]) for r in state["relations"]] == [
        ("series", "inc-earlier")
    ]


async def test_a_relation_to_no_incident_or_to_itself_is_refused(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    unknown = await client.post(
        "/v1/incidents/inc-1/reports", json=_related("series", "no-such"), headers=reporter
    )
    assert unknown.status_code == 422, unknown.text
    assert unknown.json()["type"].endswith("/unknown-incident")
    assert unknown.json()["errors"][0]["field"] == "related_incident_id"
    itself = await client.post(
        "/v1/incidents/inc-1/reports", json=_related("series", "inc-1"), headers=reporter
    )
    assert itself.status_code == 422, itself.text
    assert "itself" in itself.text
    kind = await client.post(
        "/v1/incidents/inc-1/reports", json=_related("same_as", "inc-1"), headers=reporter
    )
    assert kind.status_code == 400, kind.text
