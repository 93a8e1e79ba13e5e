"""Each incident's local calendar: its IANA zone, from its country or as stated, and losses
grouped by its local days."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.domain.incidents import incident_stream
from ledger.store import EventStore, NewEvent, StreamState
from tests.api import payloads
from tests.api.helpers import post_ok, scene

_KYIV = {"country": "UA", "precision": "province", "admin1": "Donetsk"}


async def test_a_country_of_several_zones_needs_one_stated(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    unstated = await client.post(
        "/v1/incidents", json=payloads.incident("inc-ua", location=_KYIV), headers=reporter
    )
    assert unstated.status_code == 422, unstated.text
    problem = unstated.json()
    assert problem["type"].endswith("/time-zone-required")
    assert problem["errors"][0]["field"] == "time_zone"
    assert "Europe/Kyiv, Europe/Simferopol" in problem["detail"]
    for zone in ("Europe/Kyiv", "Europe/Kiev"):  # a link is a name the database knows too
        incident_id = f"inc-ua-{zone.rsplit('/', 1)[-1].lower()}"
        body = payloads.incident(incident_id, location=_KYIV, time_zone=zone)
        await post_ok(client, "/v1/incidents", body, reporter)
        state = await client.get(f"/v1/incidents/{incident_id}", headers=reporter)
        assert state.json()["time_zone"] == zone


async def test_a_zone_the_database_does_not_know_is_refused(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    for zone in ("Mars/Olympus_Mons", "UTC+2", "../etc/passwd", ""):
        response = await client.post(
            "/v1/incidents", json=payloads.incident("inc-x", time_zone=zone), headers=reporter
        )
        assert response.status_code in {400, 422}, (zone, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert "time_zone" in response.text


async def test_a_correction_that_moves_an_incident_must_keep_its_zone_known(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    receipt = await scene(client, admin, reporter)

    def moved(**changes: Any) -> dict[str, Any]:
        return {
            "type": "claim.corrected",
            "incident_id": "inc-1",
            "target_event_id": receipt["events"][0]["event_id"],
            "changes": changes,
            "reason": "the source placed it elsewhere",
            "attribution": payloads.attribution(),
        }

    refused = await client.post(
        "/v1/incidents/inc-1/corrections", json=moved(location=_KYIV), headers=reporter
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["type"].endswith("/time-zone-required")
    await post_ok(
        client,
        "/v1/incidents/inc-1/corrections",
        moved(location=_KYIV, time_zone="Europe/Kyiv"),
        reporter,
    )
    state = await client.get("/v1/incidents/inc-1", headers=reporter)
    assert state.json()["time_zone"] == "Europe/Kyiv"


async def test_losses_by_day_follow_each_incidents_own_calendar(
    client: AsyncTestClient[Litestar],
    pool: AsyncConnectionPool,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    # 23:30 on 2 March in Damascus (UTC+2) and 23:30 on 1 March in Kyiv (UTC+2 too), and
    # 00:30 on 3 March in Chicago (UTC-6): three local days, none of them UTC's.
    incidents = {
        "inc-damascus": ("2020-03-02T21:30:00Z", {"country": "SY", "precision": "country"}, None),
        "inc-kyiv": ("2020-03-01T21:30:00Z", _KYIV, "Europe/Kyiv"),
        "inc-chicago": (
            "2020-03-03T06:30:00Z",
            {"country": "US", "precision": "country"},
            "America/Chicago",
        ),
    }
    for incident_id, (start, location, zone) in incidents.items():
        occurred = {"start": start, "end": start, "precision": "exact"}
        extra = {"time_zone": zone} if zone else {}
        body = payloads.incident(incident_id, occurred=occurred, location=location, **extra)
        await post_ok(client, "/v1/incidents", body, reporter)
        await post_ok(
            client,
            f"/v1/incidents/{incident_id}/reports",
            payloads.casualties(incident_id),
            reporter,
        )
    # An incident a ledger stored before zones, in a country of several: its days are UTC's.
    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    founding = (await store.read_stream(incident_stream("inc-damascus")))[0]
    legacy = dict(founding.data, incident_id="inc-legacy", location=_KYIV)
    await store.append(
        incident_stream("inc-legacy"),
        [NewEvent(type=founding.type, data=legacy)],
        StreamState.NO_STREAM,
    )
    receipt = await post_ok(
        client, "/v1/incidents/inc-legacy/reports", payloads.casualties("inc-legacy"), reporter
    )
    view = await client.get(
        "/v1/views/losses",
        params={"group_by": "day", "measure": "killed"},
        headers={**reader, "Ledger-Min-Position": receipt["cursor"]},
    )
    assert view.status_code == 200, view.text
    by_day = {row["period"]: row["best"] for row in view.json()["rows"]}
    assert by_day == {"2020-03-01": 1, "2020-03-02": 2, "2020-03-03": 1}
    legacy_state = await client.get("/v1/incidents/inc-legacy", headers=reader)
    assert legacy_state.json()["time_zone"] == "UTC"
