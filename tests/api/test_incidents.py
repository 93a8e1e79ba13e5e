from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok, scene


async def test_report_an_incident(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    response = await client.post("/v1/incidents", json=payloads.incident(), headers=reporter)
    assert response.status_code == 201
    assert response.headers["location"] == "/v1/incidents/inc-1"
    assert response.headers["etag"] == '"1"'

    got = await client.get("/v1/incidents/inc-1", headers=reader)
    assert got.status_code == 200
    assert got.headers["etag"] == '"1"'
    body = got.json()
    assert body["status"] == "active"
    assert body["occurred"]["as_stated"] == "Tuesday"
    assert body["contested"] is False
    assert [c["type"] for c in body["claims"]] == ["incident.reported"]


async def test_an_incident_needs_a_registered_source_and_a_fresh_id(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    unknown = await client.post("/v1/incidents", json=payloads.incident(), headers=reporter)
    assert unknown.status_code == 422
    assert unknown.json()["type"].endswith("/unknown-source")
    assert unknown.json()["errors"][0]["field"] == "attribution.source_id"
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    await post_ok(client, "/v1/incidents", payloads.incident(), reporter)
    taken = await client.post("/v1/incidents", json=payloads.incident(), headers=reporter)
    assert taken.status_code == 409


async def test_reports_corrections_and_retractions(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    turkish = await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=2), reporter
    )
    syrian = await post_ok(
        client,
        "/v1/incidents/inc-1/reports",
        payloads.casualties(killed=0, attribution=payloads.attribution("sy-army")),
        reporter,
    )
    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    assert state["contested"] is True

    turkish_id = turkish["events"][0]["event_id"]
    correction = {
        "incident_id": "inc-1",
        "target_event_id": turkish_id,
        "changes": {"wounded": {"low": 1, "best": 1, "high": 1}},
        "reason": "the ministry added a wounded soldier",
        "attribution": payloads.attribution(),
    }
    await post_ok(client, "/v1/incidents/inc-1/corrections", correction, reporter)
    syrian_id = syrian["events"][0]["event_id"]
    retraction = {
        "incident_id": "inc-1",
        "target_event_id": syrian_id,
        "reason": "the statement was withdrawn",
        "attribution": payloads.attribution("sy-army"),
    }
    await post_ok(client, "/v1/incidents/inc-1/retractions", retraction, reporter)

    state = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    assert state["version"] == 5
    assert state["contested"] is False
    claims = {c["event_id"]: c for c in state["claims"]}
    assert claims[turkish_id]["current"]["wounded"]["best"] == 1
    assert claims[turkish_id]["original"]["wounded"] is None
    assert claims[syrian_id]["status"] == "retracted"

    again = await client.post("/v1/incidents/inc-1/retractions", json=retraction, headers=reporter)
    assert again.status_code == 422
    assert again.json()["type"].endswith("/claim-retracted")
    missing = await client.post(
        "/v1/incidents/inc-1/corrections",
        json={**correction, "target_event_id": "00000000-0000-0000-0000-000000000000"},
        headers=reporter,
    )
    assert missing.status_code == 422
    assert missing.json()["type"].endswith("/claim-not-found")
    frozen = await client.post(
        "/v1/incidents/inc-1/corrections",
        json={**correction, "changes": {"incident_id": "inc-9"}},
        headers=reporter,
    )
    assert frozen.status_code == 422
    assert frozen.json()["type"].endswith("/invalid-correction")


async def test_reports_need_an_existing_open_incident(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    missing = await client.post(
        "/v1/incidents/inc-9/reports", json=payloads.casualties("inc-9"), headers=reporter
    )
    assert missing.status_code == 404
    mismatch = await client.post(
        "/v1/incidents/inc-1/reports", json=payloads.casualties("inc-2"), headers=reporter
    )
    assert mismatch.status_code == 422
    assert mismatch.json()["type"].endswith("/id-mismatch")


async def test_merging_two_reports_of_one_incident(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    await post_ok(
        client,
        "/v1/incidents",
        payloads.incident("inc-2", attribution=payloads.attribution("sy-army")),
        reporter,
    )
    await post_ok(
        client,
        "/v1/incidents/inc-2/reports",
        payloads.casualties("inc-2", attribution=payloads.attribution("sy-army")),
        reporter,
    )
    merge = {"incident_id": "inc-1", "merged_incident_id": "inc-2", "reason": "the same shootdown"}
    response = await client.post("/v1/incidents/inc-1/merges", json=merge, headers=reporter)
    assert response.status_code == 201

    surviving = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    assert surviving["absorbed"] == ["inc-2"]
    assert [c["incident_id"] for c in surviving["claims"]] == ["inc-1", "inc-2", "inc-2"]
    absorbed = (await client.get("/v1/incidents/inc-2", headers=reader)).json()
    assert (absorbed["status"], absorbed["merged_into"]) == ("merged", "inc-1")
    closed = await client.post(
        "/v1/incidents/inc-2/reports", json=payloads.casualties("inc-2"), headers=reporter
    )
    assert closed.status_code == 422
    assert closed.json()["type"].endswith("/incident-closed")
    itself = await client.post(
        "/v1/incidents/inc-1/merges",
        json={**merge, "merged_incident_id": "inc-1"},
        headers=reporter,
    )
    assert itself.status_code == 422
    assert itself.json()["type"].endswith("/merge-refused")


async def test_an_incidents_events_page_by_version(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    for killed in range(4):
        await post_ok(
            client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=killed), reporter
        )
    first = (await client.get("/v1/incidents/inc-1/events?limit=3", headers=reader)).json()
    assert [e["stream_version"] for e in first["items"]] == [1, 2, 3]
    assert first["next_from_version"] == 4
    rest = (
        await client.get(
            f"/v1/incidents/inc-1/events?from_version={first['next_from_version']}", headers=reader
        )
    ).json()
    assert [e["stream_version"] for e in rest["items"]] == [4, 5]
    assert rest["next_from_version"] is None
    assert (await client.get("/v1/incidents/nope/events", headers=reader)).status_code == 404
    assert (
        await client.get("/v1/incidents/inc-1/events?limit=0", headers=reader)
    ).status_code == 400
