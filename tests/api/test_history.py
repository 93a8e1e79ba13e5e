"""How a figure came to be: revision history with diffs, and incidents as of a past moment."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.helpers import post_ok
from tests.e2e import idlib_scenario as scenario


async def _get(
    client: AsyncTestClient[Litestar], path: str, headers: dict[str, str], **params: str
) -> dict[str, Any]:
    response = await client.get(path, params=params, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def _changes(revision: dict[str, Any]) -> dict[str, tuple[str, Any, Any]]:
    return {c["path"]: (c["change"], c["before"], c["after"]) for c in revision["changes"]}


@pytest.fixture
async def l39_claims(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> dict[str, Any]:
    """The scenario recorded, then the rumour about the L-39 retracted and the ministry regraded.

    Returns the L-39's claims by source and the retraction's receipt.
    """
    await scenario.record(client, admin, reporter)
    l39 = await _get(client, f"/v1/incidents/{scenario.L39}", reader)
    claims = {
        c["source_id"]: c["event_id"] for c in l39["claims"] if c["type"] != "incident.reported"
    }
    retraction = await post_ok(
        client,
        f"/v1/incidents/{scenario.L39}/retractions",
        scenario.rumour_retraction(claims["rumour-feed"]),
        reporter,
    )
    await post_ok(
        client,
        "/v1/sources/tr-mod/grades",
        {"source_id": "tr-mod", "grade": "B", "reason": "its figures held up"},
        admin,
    )
    return {"claims": claims, "retraction": retraction}


async def test_an_incidents_history_names_each_revision_and_diffs_it(
    client: AsyncTestClient[Litestar], reader: dict[str, str], l39_claims: dict[str, Any]
) -> None:
    history = await _get(client, f"/v1/incidents/{scenario.L39}/history", reader)
    revisions = history["revisions"]
    assert [r["type"] for r in revisions] == [
        "incident.reported",
        "equipment_loss.claimed",
        "equipment_loss.claimed",
        "equipment_loss.claimed",
        "incident.related",
        "claim.retracted",
    ]
    assert [r["version"] for r in revisions] == [1, 2, 3, 4, 5, 6]
    assert {r["principal"] for r in revisions} == {"test-reporter"}

    opened = revisions[0]
    assert (opened["source_id"], opened["source_grade"]) == ("tr-mod", "C")  # its grade then
    assert _changes(opened)["title"] == ("added", None, "Turkey says it downed a Syrian L-39")

    rumour = l39_claims["claims"]["rumour-feed"]
    claimed = revisions[3]
    assert (claimed["event_id"], claimed["source_grade"]) == (rumour, "F")
    assert _changes(claimed)["contested"] == ("changed", False, True)
    assert f"claims/{rumour}" in _changes(claimed)

    related = _changes(revisions[4])
    assert related[f"relations/{revisions[4]['event_id']}"][0] == "added"

    retracted = _changes(revisions[5])
    assert retracted[f"claims/{rumour}/status"] == ("changed", "active", "retracted")
    assert retracted["contested"] == ("changed", True, False)
    assert revisions[5]["position"] == l39_claims["retraction"]["events"][0]["position"]


async def test_a_correction_shows_old_and_new_values(
    client: AsyncTestClient[Litestar],
    reporter: dict[str, str],
    reader: dict[str, str],
    l39_claims: dict[str, Any],  # noqa: ARG001 - the scenario must be recorded first
) -> None:
    sunday = await _get(client, f"/v1/incidents/{scenario.SUNDAY}", reader)
    jets = next(
        c["event_id"]
        for c in sunday["claims"]
        if c["type"] == "equipment_loss.claimed" and c["current"]["platform"] == "fixed_wing"
    )
    await post_ok(
        client,
        f"/v1/incidents/{scenario.SUNDAY}/corrections",
        scenario.sunday_jets_correction(jets),
        reporter,
    )
    history = await _get(client, f"/v1/incidents/{scenario.SUNDAY}/history", reader)
    correction = history["revisions"][-1]
    assert (correction["type"], correction["source_id"], correction["source_grade"]) == (
        "claim.corrected",
        "ap",
        "B",
    )
    assert _changes(correction)[f"claims/{jets}/current/quantity"] == ("changed", 1, 2)


async def test_a_sources_history(
    client: AsyncTestClient[Litestar], reader: dict[str, str], l39_claims: dict[str, Any]
) -> None:
    assert l39_claims
    history = await _get(client, "/v1/sources/tr-mod/history", reader)
    registered, regraded = history["revisions"]
    assert (registered["type"], registered["source_grade"]) == ("source.registered", "C")
    assert (regraded["type"], regraded["source_grade"]) == ("source.regraded", "B")
    assert _changes(regraded) == {"grade": ("changed", "C", "B")}
    assert regraded["principal"] == "test-admin"


async def test_an_incident_as_of_a_position_or_an_instant(
    client: AsyncTestClient[Litestar], reader: dict[str, str], l39_claims: dict[str, Any]
) -> None:
    path = f"/v1/incidents/{scenario.L39}"
    retracted_at = l39_claims["retraction"]["events"][0]["position"]
    before = await _get(client, path, reader, as_of=str(retracted_at - 1))
    assert before["contested"] is True
    assert {c["status"] for c in before["claims"]} == {"active"}
    after = await _get(client, path, reader, as_of=str(retracted_at))
    assert after["contested"] is False
    recorded = l39_claims["retraction"]["recorded_at"]
    assert await _get(client, path, reader, as_of=recorded) == after

    history = await _get(client, f"{path}/history", reader)
    opened_at = history["revisions"][0]["position"]
    first = await _get(client, path, reader, as_of=str(opened_at))
    assert [c["type"] for c in first["claims"]] == ["incident.reported"]

    response = await client.get(path, params={"as_of": str(opened_at - 1)}, headers=reader)
    assert response.status_code == 404
    response = await client.get(path, params={"as_of": "2019-01-01T00:00:00Z"}, headers=reader)
    assert response.status_code == 404
    for bad in ("yesterday", "2020-03-01T12:00:00", "-4"):
        response = await client.get(path, params={"as_of": bad}, headers=reader)
        assert response.status_code == 400, bad
        assert response.json()["type"].endswith("/invalid-as-of")
    current = await client.get(path, headers=reader)
    assert current.headers["ETag"] == '"6"'
    past = await client.get(path, params={"as_of": str(retracted_at)}, headers=reader)
    assert "ETag" not in past.headers


async def test_history_of_nothing_is_404(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    for path in ("/v1/incidents/nonesuch/history", "/v1/sources/nonesuch/history"):
        response = await client.get(path, headers=reader)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
