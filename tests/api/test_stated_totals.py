"""Running totals as their sources state them: the period in their words, what they include,
and reconciliation that compares intervals."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene, view_after


def _total(incident_id: str = "inc-1", **overrides: Any) -> dict[str, Any]:
    return {
        "type": "running_total.stated",
        "incident_id": incident_id,
        "party": "turkey",
        "measure": "killed",
        "period_start": "2020-03-01T00:00:00Z",
        "period_end": "2020-03-03T23:59:59Z",
        "total": {"low": 24, "qualifier": "vague"},
        "attribution": payloads.attribution(quote="dozens killed this month"),
        **overrides,
    }


async def _reconciled(
    client: AsyncTestClient[Litestar], reader: dict[str, str], cursor: str
) -> list[dict[str, Any]]:
    view = await view_after(client, "/v1/views/reconciliation", reader, cursor)
    items: list[dict[str, Any]] = view["items"]
    return items


async def test_a_vague_total_agrees_with_a_count_above_its_floor(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)  # inc-1 occurred on 3 March
    await post_ok(client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=34), reporter)
    receipt = await post_ok(client, "/v1/incidents/inc-1/reports", _total(), reporter)
    [line] = await _reconciled(client, reader, receipt["cursor"])
    assert line["ledger"] == {"low": 34, "best": 34, "high": 34}
    assert line["agreement"] == {"verdict": "consistent", "by": 0}
    assert line["difference"] is None  # "dozens" gives no single figure to subtract from


async def test_a_total_counts_the_incidents_it_covers_outside_its_period(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    thursday = {
        "start": "2020-02-27T00:00:00Z",
        "end": "2020-02-27T23:59:59Z",
        "precision": "day",
        "as_stated": "Thursday",
    }
    await post_ok(
        client, "/v1/incidents", payloads.incident("inc-thursday", occurred=thursday), reporter
    )
    await post_ok(
        client,
        "/v1/incidents/inc-thursday/reports",
        payloads.casualties("inc-thursday", killed=33),
        reporter,
    )
    await post_ok(client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=1), reporter)
    stated = _total(
        period_as_stated="this month",
        covers=["inc-thursday"],
        total={"low": 55, "best": 55, "high": 55, "qualifier": "exact"},
    )
    receipt = await post_ok(client, "/v1/incidents/inc-1/reports", stated, reporter)
    [line] = await _reconciled(client, reader, receipt["cursor"])
    assert (line["period_as_stated"], line["covers"]) == ("this month", ["inc-thursday"])
    assert line["ledger"]["best"] == 34
    assert line["incidents"] == ["inc-1", "inc-thursday"]
    assert line["agreement"] == {"verdict": "ledger_short", "by": 21}
    assert line["difference"] == 21


async def test_a_total_naming_unknown_incidents_is_refused(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    response = await client.post(
        "/v1/incidents/inc-1/reports",
        json=_total(covers=["inc-1", "no-such-incident", "nor-this"]),
        headers=reporter,
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("/unknown-incident")
    assert problem["errors"][0]["field"] == "covers"
    assert "'no-such-incident', 'nor-this'" in problem["detail"]
    written = await post_ok(client, "/v1/incidents/inc-1/reports", _total(), reporter)
    correction = {
        "type": "claim.corrected",
        "incident_id": "inc-1",
        "target_event_id": written["events"][0]["event_id"],
        "changes": {"covers": ["no-such-incident"]},
        "reason": "the source named the incidents its total includes",
        "attribution": payloads.attribution(),
    }
    response = await client.post(
        "/v1/incidents/inc-1/corrections", json=correction, headers=reporter
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "changes.covers"
