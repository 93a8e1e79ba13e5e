"""One object told many ways: claims linked as one are counted once, and a link can be undone."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene, view_after


def _jet(source: str, incident_id: str = "inc-1", **overrides: Any) -> dict[str, Any]:
    return {
        "type": "equipment_loss.claimed",
        "incident_id": incident_id,
        "platform": "fixed_wing",
        "operator": "syria",
        "claimed_by": "turkey",
        "status": "destroyed",
        "crew_fate": "unknown",
        "attribution": payloads.attribution(source),
        **overrides,
    }


class _Writes:
    """The cursor of the last write, for views that must show it."""

    def __init__(self, client: AsyncTestClient[Litestar], reporter: dict[str, str]) -> None:
        self.client, self.reporter, self.cursor = client, reporter, ""

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        written = await post_ok(self.client, path, body, self.reporter)
        self.cursor = written["cursor"]
        return written

    async def claim(self, body: dict[str, Any]) -> str:
        written = await self.post(f"/v1/incidents/{body['incident_id']}/reports", body)
        claim_id: str = written["events"][0]["event_id"]
        return claim_id


async def _items(
    client: AsyncTestClient[Litestar], reader: dict[str, str], writes: _Writes, **params: str
) -> list[dict[str, Any]]:
    """The equipment view once it shows every write so far."""
    view = await view_after(client, "/v1/views/equipment", reader, writes.cursor, **params)
    items: list[dict[str, Any]] = view["items"]
    return items


async def test_an_l39_and_a_warplane_linked_are_one_confirmed_aircraft_until_unlinked(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)  # tr-mod speaks for Turkey, sy-army for Syria
    writes = _Writes(client, reporter)
    turkish = await writes.claim(_jet("tr-mod", model="L-39"))
    # The Syrian army: "a warplane" was hit by a Turkish missile and crashed.
    syrian = await writes.claim(_jet("sy-army"))
    before = await _items(client, reader, writes)
    # Two aircraft, each on one side's word: the Turkish one unconfirmed.
    assert sorted((i["model"] or "", i["sources"], i["confirmed"]) for i in before) == [
        ("", ["sy-army"], True),
        ("L-39", ["tr-mod"], False),
    ]
    link = {
        "link_id": "l39-one-jet",
        "claim_ids": [turkish, syrian],
        "reason": "same place, same hour, one aircraft lost",
    }
    linked = await writes.post("/v1/links", link)
    [item] = await _items(client, reader, writes)
    assert (item["model"], item["confirmed"], item["quantity"]) == ("L-39", True, 1)
    assert item["sources"] == ["sy-army", "tr-mod"]
    assert sorted(item["claim_ids"]) == sorted([turkish, syrian])
    state = (await client.get("/v1/links/l39-one-jet", headers=reader)).json()
    assert (state["active"], state["claim_ids"]) == (True, [turkish, syrian])

    undo = {"link_id": "l39-one-jet", "reason": "the Syrian army meant another aircraft"}
    await writes.post("/v1/links/l39-one-jet/undo", undo)
    assert len(await _items(client, reader, writes)) == 2
    # As the ledger stood when the link was made: one aircraft.
    [then] = await _items(client, reader, writes, as_of=str(linked["events"][0]["position"]))
    assert then["claim_ids"] == sorted([turkish, syrian])
    state = (await client.get("/v1/links/l39-one-jet", headers=reader)).json()
    assert (state["active"], state["undone_because"]) == (False, undo["reason"])


async def test_one_object_across_incidents_by_link_or_by_the_subject_its_sources_name(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    writes = _Writes(client, reporter)
    await writes.post("/v1/incidents", payloads.incident("inc-2"))
    first = await writes.claim(_jet("tr-mod", model="Su-24", subject="tail 2514"))
    await writes.claim(_jet("sy-army", "inc-2", model="Su-24", subject="tail 2514"))
    [item] = await _items(client, reader, writes)
    assert item["incidents"] == ["inc-1", "inc-2"]
    assert item["incident_id"] == "inc-1"  # where it was first reported
    helicopter = await writes.claim(_jet("tr-mod", "inc-2", platform="helicopter"))
    assert len(await _items(client, reader, writes)) == 2
    link = {"link_id": "one-loss", "claim_ids": [first, helicopter], "reason": "one loss"}
    await writes.post("/v1/links", link)
    [item] = await _items(client, reader, writes)
    assert len(item["claim_ids"]) == 3


async def test_links_that_cannot_be_made_or_undone_are_refused(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    receipt = await scene(client, admin, reporter)
    writes = _Writes(client, reporter)
    jet = await writes.claim(_jet("tr-mod"))
    drone = await writes.claim(
        _jet("sy-army", platform="drone", operator="turkey", crew_fate="not_applicable")
    )
    casualties = await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(), reporter
    )
    unknown = "0b7c3c38-7a4e-4d6e-9d0a-6a3f4bbf3c10"
    syrian_dead = await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(party="syria"), reporter
    )
    refused = [
        ([jet, unknown], 422, "rule-violation"),
        ([jet, casualties["events"][0]["event_id"]], 422, "rule-violation"),
        # One count is of one party's people.
        (
            [casualties["events"][0]["event_id"], syrian_dead["events"][0]["event_id"]],
            422,
            "rule-violation",
        ),
        ([jet, receipt["events"][0]["event_id"]], 422, "rule-violation"),
        ([jet, drone], 422, "rule-violation"),  # lost by two parties
        ([jet, jet], 422, "rule-violation"),
        ([jet], 422, "rule-violation"),
    ]
    for claim_ids, status, kind in refused:
        body = {"link_id": "bad", "claim_ids": claim_ids, "reason": "test"}
        response = await client.post("/v1/links", json=body, headers=reporter)
        assert response.status_code == status, (claim_ids, response.text)
        assert response.json()["type"].endswith(f"/{kind}")
    other = await writes.claim(_jet("sy-army"))
    link = {"link_id": "jet", "claim_ids": [jet, other], "reason": "one jet"}
    await post_ok(client, "/v1/links", link, reporter)
    again = await client.post("/v1/links", json=link, headers=reporter)
    assert again.status_code == 409, again.text
    undo = {"link_id": "jet", "reason": "two jets after all"}
    await post_ok(client, "/v1/links/jet/undo", undo, reporter)
    twice = await client.post("/v1/links/jet/undo", json=undo, headers=reporter)
    assert twice.status_code == 422, twice.text
    missing = await client.post(
        "/v1/links/none/undo", json={"link_id": "none", "reason": "x"}, headers=reporter
    )
    assert missing.status_code == 404, missing.text
    mismatch = await client.post(
        "/v1/links/jet/undo", json=undo | {"link_id": "x"}, headers=reporter
    )
    assert mismatch.status_code == 422, mismatch.text


async def test_one_count_told_as_two_incidents_is_counted_once_when_linked(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)  # the airstrike: inc-1, on 3 March
    agency = payloads.source("ap", kind="news_agency", grade="B", party=None)
    await post_ok(client, "/v1/sources", agency, admin)
    writes = _Writes(client, reporter)
    ministry = await writes.claim(payloads.casualties(killed=33))
    # An agency's report of the same dead, entered as an incident of its own, a day later.
    second_entry = payloads.incident(
        "inc-2",
        occurred={
            "start": "2020-03-04T00:00:00Z",
            "end": "2020-03-04T23:59:59Z",
            "precision": "day",
        },
        attribution=payloads.attribution("ap", reported_at="2020-03-04T12:00:00Z"),
    )
    await writes.post("/v1/incidents", second_entry)
    said_later = payloads.attribution("ap", reported_at="2020-03-04T12:00:00Z")
    agency_count = await writes.claim(
        payloads.casualties("inc-2", killed=34, attribution=said_later)
    )

    async def by_day(**moment: str) -> list[tuple[str, int, int | None, int]]:
        view = await view_after(
            client,
            "/v1/views/losses",
            reader,
            writes.cursor,
            measure="killed",
            group_by="day",
            **moment,
        )
        return [(r["period"], r["best"], r["high"], r["incidents"]) for r in view["rows"]]

    apart = [("2020-03-03", 33, 33, 1), ("2020-03-04", 34, 34, 1)]
    assert await by_day() == apart
    link = {
        "link_id": "airstrike-dead",
        "claim_ids": [agency_count, ministry],
        "reason": "the same 33 soldiers, a day later and one more",
    }
    linked = await writes.post("/v1/links", link)
    # One count, where it was first told: the agency (B) gives the best figure.
    together = [("2020-03-03", 34, 34, 1)]
    assert await by_day() == together
    assert await by_day(as_of=str(linked["events"][0]["position"] - 1)) == apart
    assert await by_day(reported_by="2020-03-05T00:00:00Z") == together
    # Only the March 4th is asked for: the agency's claim is counted on the 3rd, not there.
    on_the_fourth = {"occurred_from": "2020-03-04T00:00:00Z"}
    assert await by_day(**on_the_fourth) == []
    assert await by_day(reported_by="2020-03-05T00:00:00Z", **on_the_fourth) == []
    only_third = {"occurred_to": "2020-03-04T00:00:00Z"}
    assert await by_day(reported_by="2020-03-05T00:00:00Z", **only_third) == together
    await writes.post(
        "/v1/links/airstrike-dead/undo",
        {"link_id": "airstrike-dead", "reason": "two strikes after all"},
    )
    assert await by_day() == apart
    assert await by_day(reported_by="2020-03-05T00:00:00Z") == apart
    # Retracted, the first claim no longer holds the group: the other counts where it was told.
    await writes.post("/v1/links", link | {"link_id": "again"})
    retraction = {
        "incident_id": "inc-1",
        "target_event_id": ministry,
        "reason": "withdrawn",
        "attribution": payloads.attribution(reported_at="2020-03-05T12:00:00Z"),
    }
    await writes.post("/v1/incidents/inc-1/retractions", retraction)
    assert await by_day() == [("2020-03-04", 34, 34, 1)]
    assert await by_day(reported_by="2020-03-06T00:00:00Z") == [("2020-03-04", 34, 34, 1)]
