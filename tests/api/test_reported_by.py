"""The second time axis: an incident as its sources had told it by an instant, by their own
``reported_at``, alone or with what the ledger knew then (``as_of``)."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene


def _said(day: str) -> dict[str, Any]:
    return payloads.attribution(reported_at=f"2020-03-{day}T12:00:00Z")


async def test_an_incident_as_its_sources_had_told_it(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)  # the incident was reported on 3 March
    reports = "/v1/incidents/inc-1/reports"
    killed = await post_ok(
        client, reports, payloads.casualties(killed=33, attribution=_said("03")), reporter
    )
    rumour = await post_ok(
        client, reports, payloads.casualties(killed=90, attribution=_said("04")), reporter
    )
    claim = killed["events"][0]["event_id"]
    correction = {
        "type": "claim.corrected",
        "incident_id": "inc-1",
        "target_event_id": claim,
        "changes": {"killed": {"low": 36, "best": 36, "high": 36, "qualifier": "exact"}},
        "reason": "three more died of their wounds",
        "attribution": _said("05"),
    }
    corrected = await post_ok(client, "/v1/incidents/inc-1/corrections", correction, reporter)
    retraction = {
        "type": "claim.retracted",
        "incident_id": "inc-1",
        "target_event_id": rumour["events"][0]["event_id"],
        "reason": "the channel took it down",
        "attribution": _said("06"),
    }
    await post_ok(client, "/v1/incidents/inc-1/retractions", retraction, reporter)

    async def told(**params: str) -> dict[str, Any]:
        response = await client.get("/v1/incidents/inc-1", params=params, headers=reader)
        assert response.status_code == 200, response.text
        assert "ETag" not in response.headers
        state: dict[str, Any] = response.json()
        return state

    def killed_by_claim(state: dict[str, Any]) -> dict[str, tuple[int, str]]:
        return {
            c["event_id"]: (c["current"]["killed"]["best"], c["status"])
            for c in state["claims"]
            if c["type"] == "casualties.reported"
        }

    rumoured = rumour["events"][0]["event_id"]
    assert killed_by_claim(await told(reported_by="2020-03-03T23:59:59Z")) == {
        claim: (33, "active")
    }
    assert killed_by_claim(await told(reported_by="2020-03-05T12:00:00Z")) == {
        claim: (36, "active"),
        rumoured: (90, "active"),
    }
    assert killed_by_claim(await told(reported_by="2020-03-06T12:00:00+00:00")) == {
        claim: (36, "active"),
        rumoured: (90, "retracted"),
    }
    # Both axes: by 6 March the sources had corrected it, but the ledger, just before the
    # correction was recorded, did not know it yet.
    before_recorded = str(corrected["events"][0]["position"] - 1)
    both = await told(reported_by="2020-03-06T12:00:00Z", as_of=before_recorded)
    assert killed_by_claim(both) == {claim: (33, "active"), rumoured: (90, "active")}

    early = await client.get(
        "/v1/incidents/inc-1", params={"reported_by": "2020-03-01T00:00:00Z"}, headers=reader
    )
    assert early.status_code == 404, early.text
    for bad in ("tuesday", "2020-03-04T00:00:00", "17"):
        response = await client.get(
            "/v1/incidents/inc-1", params={"reported_by": bad}, headers=reader
        )
        assert response.status_code == 400, (bad, response.text)
        assert response.json()["type"].endswith("/invalid-reported-by")
