"""The second time axis: an incident as its sources had told it by an instant, by their own
``reported_at``, alone or with what the ledger knew then (``as_of``)."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene, view_after


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


_VIEWS = (
    "losses",
    "equipment",
    "deployments",
    "reconciliation",
    "situations",
    "displacement",
)


def _on(day: int) -> dict[str, Any]:
    return payloads.attribution(reported_at=f"2020-03-{day:02d}T12:00:00Z")


def _report(kind: str, day: int, incident_id: str = "inc-1", **fields: Any) -> dict[str, Any]:
    return {"type": kind, "incident_id": incident_id, "attribution": _on(day), **fields}


async def _said_in_recorded_order(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> tuple[list[tuple[int, int]], str]:
    """A statement of every kind, each said a day after the one before, recorded in order.

    Returns each said day with the position of the last event said by its end, and the
    cursor of the last write.
    """
    await scene(client, admin, reporter)  # inc-1, said on 3 March
    said = [(3, 0)]

    async def post(path: str, body: dict[str, Any], day: int) -> dict[str, Any]:
        receipt = await post_ok(client, path, body, reporter)
        said.append((day, receipt["events"][-1]["position"]))
        return receipt

    reports = "/v1/incidents/inc-1/reports"
    killed = await post(reports, payloads.casualties(killed=33, attribution=_on(4)), 4)
    jet: dict[str, Any] = {
        "platform": "fixed_wing",
        "operator": "syria",
        "claimed_by": "turkey",
        "status": "destroyed",
        "crew_fate": "unknown",
    }
    await post(reports, _report("equipment_loss.claimed", 5, **jet), 5)
    troops: dict[str, Any] = {
        "party": "turkey",
        "area": "Idlib province",
        "size": {"low": 2000, "qualifier": "vague"},
        "movement": "deploy",
    }
    await post(reports, _report("forces.deployed", 6, **troops), 6)
    total: dict[str, Any] = {
        "party": "turkey",
        "measure": "killed",
        "period_start": "2020-03-01T00:00:00Z",
        "period_end": "2020-03-31T23:59:59Z",
        "total": {"low": 34, "best": 34, "high": 34},
    }
    await post(reports, _report("running_total.stated", 7, **total), 7)
    toll = {
        "situation_id": "clashes",
        "kind": "toll",
        "area": "Idlib province",
        "country": "SY",
        "figure": {"low": 24, "qualifier": "vague"},
        "parties": ["turkey"],
        "measure": "killed",
        "attribution": _on(8),
    }
    await post("/v1/situations", toll, 8)
    changes = {"killed": {"low": 34, "best": 34, "high": 34, "qualifier": "exact"}}
    correction = _report(
        "claim.corrected",
        9,
        target_event_id=killed["events"][0]["event_id"],
        changes=changes,
        reason="one more died of his wounds",
    )
    await post("/v1/incidents/inc-1/corrections", correction, 9)
    second = payloads.incident("inc-2", attribution=_on(10))
    await post_ok(client, "/v1/incidents", second, reporter)
    rumour = payloads.casualties("inc-2", killed=5, attribution=_on(10))
    rumoured = await post("/v1/incidents/inc-2/reports", rumour, 10)
    retraction = _report(
        "claim.retracted",
        11,
        "inc-2",
        target_event_id=rumoured["events"][0]["event_id"],
        reason="the channel took it down",
    )
    await post("/v1/incidents/inc-2/retractions", retraction, 11)
    fled: dict[str, Any] = {
        "area": "Maarat al-Numan",
        "count": {"low": 5000, "qualifier": "approximately"},
    }
    last = await post(reports, _report("civilians.displaced", 12, **fled), 12)
    return said, last["cursor"]


async def test_views_by_reported_by_agree_with_as_of_when_sources_spoke_in_recorded_order(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    said, cursor = await _said_in_recorded_order(client, admin, reporter)
    caught_up = {**reader, "Ledger-Min-Position": cursor}
    first_statement = said[1][1]
    for day, position in said:
        instant = f"2020-03-{day:02d}T23:59:59Z"
        as_of = str(position or first_statement - 1)
        for name in _VIEWS:
            path = f"/v1/views/{name}"
            by_sources = await client.get(path, params={"reported_by": instant}, headers=caught_up)
            by_log = await client.get(path, params={"as_of": as_of}, headers=caught_up)
            assert by_sources.status_code == by_log.status_code == 200, by_sources.text
            assert by_sources.json() == by_log.json(), (name, day)
    # The figures did move: what was said by the 4th, by the 9th, and of inc-2 by the 11th.
    counts = {}
    for day in (3, 4, 9, 10, 11):
        response = await client.get(
            "/v1/views/losses",
            params={"reported_by": f"2020-03-{day:02d}T23:59:59Z", "measure": "killed"},
            headers=reader,
        )
        counts[day] = [(r["best"], r["incidents"]) for r in response.json()["rows"]]
    assert counts == {3: [], 4: [(33, 1)], 9: [(34, 1)], 10: [(39, 2)], 11: [(34, 1)]}


async def test_views_by_reported_by_leave_out_what_was_said_later_though_recorded_earlier(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    reports = "/v1/incidents/inc-1/reports"
    late = await post_ok(
        client, reports, payloads.casualties(killed=40, attribution=_on(9)), reporter
    )
    # Recorded after, said before: the ministry's first figure, entered late by an analyst.
    early = await post_ok(
        client, reports, payloads.casualties(killed=33, attribution=_on(4)), reporter
    )
    correction = _report(
        "claim.corrected",
        6,
        target_event_id=early["events"][0]["event_id"],
        changes={"killed": {"low": 36, "best": 36, "high": 36, "qualifier": "exact"}},
        reason="three more died of their wounds",
    )
    await post_ok(client, "/v1/incidents/inc-1/corrections", correction, reporter)
    retraction = _report(
        "claim.retracted",
        10,
        target_event_id=late["events"][0]["event_id"],
        reason="withdrawn",
    )
    done = await post_ok(client, "/v1/incidents/inc-1/retractions", retraction, reporter)

    async def best(reported_by: str, **params: str) -> list[int]:
        view = await view_after(
            client,
            "/v1/views/losses",
            reader,
            done["cursor"],
            reported_by=f"2020-03-{reported_by}T23:59:59Z",
            measure="killed",
            **params,
        )
        return [row["best"] for row in view["rows"]]

    assert await best("03") == []
    assert await best("05") == [33]
    assert await best("06") == [36]
    # One source, its latest statement: the 40 said on the 9th, until withdrawn on the 10th.
    assert await best("09") == [40]
    assert await best("10") == [36]
    # Both axes: what the ledger had recorded before the correction, as said by the 9th.
    before_correction = str(early["events"][0]["position"])
    assert await best("06", as_of=before_correction) == [33]
    assert await best("09", as_of=before_correction) == [40]
    response = await client.get(
        "/v1/views/losses", params={"reported_by": "monday"}, headers=reader
    )
    assert response.status_code == 400, response.text
    assert response.json()["type"].endswith("/invalid-reported-by")


async def test_a_merge_holds_on_both_axes_and_a_withdrawn_report_from_when_it_was_said(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)  # inc-1, said on 3 March
    await post_ok(
        client,
        "/v1/incidents/inc-1/reports",
        payloads.casualties(killed=33, attribution=_on(4)),
        reporter,
    )
    # The same strike entered again from a report of the 6th, then merged by an analyst.
    await post_ok(client, "/v1/incidents", payloads.incident("inc-2", attribution=_on(6)), reporter)
    syrian_army = payloads.attribution("sy-army", reported_at="2020-03-06T12:00:00Z")
    again = payloads.casualties("inc-2", killed=40, attribution=syrian_army)
    await post_ok(client, "/v1/incidents/inc-2/reports", again, reporter)
    merge = {"incident_id": "inc-1", "merged_incident_id": "inc-2", "reason": "one strike"}
    await post_ok(client, "/v1/incidents/inc-1/merges", merge, reporter)
    # A third incident, its report withdrawn by its source on the 9th.
    third = await post_ok(
        client, "/v1/incidents", payloads.incident("inc-3", attribution=_on(7)), reporter
    )
    await post_ok(
        client,
        "/v1/incidents/inc-3/reports",
        payloads.casualties("inc-3", killed=2, attribution=_on(7)),
        reporter,
    )
    withdrawn = _report(
        "claim.retracted",
        9,
        "inc-3",
        target_event_id=third["events"][0]["event_id"],
        reason="no such clash took place",
    )
    done = await post_ok(client, "/v1/incidents/inc-3/retractions", withdrawn, reporter)

    async def killed(day: int) -> list[tuple[int, int | None, int]]:
        view = await view_after(
            client,
            "/v1/views/losses",
            reader,
            done["cursor"],
            reported_by=f"2020-03-{day:02d}T23:59:59Z",
            measure="killed",
        )
        return [(row["low"], row["high"], row["incidents"]) for row in view["rows"]]

    assert await killed(5) == [(33, 33, 1)]
    # Merged: one incident whose sources say 33 and 40, not two incidents.
    assert await killed(6) == [(33, 40, 1)]
    assert await killed(8) == [(35, 42, 2)]
    assert await killed(9) == [(33, 40, 1)]
