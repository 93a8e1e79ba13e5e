"""Idempotency keys and If-Match on writes."""

import asyncio
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.application.access import Role
from tests.api import payloads
from tests.api.helpers import post_ok, scene


async def _event_count(
    client: AsyncTestClient[Litestar], headers: dict[str, str], after: dict[str, Any]
) -> int:
    """Events in the log, once it shows the write ``after`` (its receipt)."""
    waiting = {**headers, "Ledger-Min-Position": after["cursor"]}
    return len((await client.get("/v1/events?limit=1000", headers=waiting)).json()["items"])


async def test_same_key_and_body_replays_the_first_response(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    headers = {**reporter, "Idempotency-Key": "report-0001"}
    body = payloads.casualties(killed=33)
    first = await client.post("/v1/incidents/inc-1/reports", json=body, headers=headers)
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    count = await _event_count(client, admin, first.json())
    # Something else happens to the incident in between; the retry still gets its answer.
    other = await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=1), reporter
    )

    again = await client.post("/v1/incidents/inc-1/reports", json=body, headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    assert await _event_count(client, admin, other) == count + 1


async def test_a_replayed_creation_is_not_a_conflict(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    headers = {**reporter, "Idempotency-Key": "create-inc-1"}
    first = await client.post("/v1/incidents", json=payloads.incident(), headers=headers)
    again = await client.post("/v1/incidents", json=payloads.incident(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    without_key = await client.post("/v1/incidents", json=payloads.incident(), headers=reporter)
    assert without_key.status_code == 409


async def test_same_key_other_body_is_422(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    headers = {**reporter, "Idempotency-Key": "k-1"}
    written = await post_ok(
        client, "/v1/incidents/inc-1/reports", payloads.casualties(killed=1), headers
    )
    count = await _event_count(client, admin, written)
    other = await client.post(
        "/v1/incidents/inc-1/reports", json=payloads.casualties(killed=2), headers=headers
    )
    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")
    elsewhere = await client.post(
        "/v1/incidents/inc-1/corrections", json=payloads.casualties(killed=1), headers=headers
    )
    assert elsewhere.status_code in (400, 422)
    assert await _event_count(client, admin, written) == count


async def test_keys_belong_to_their_principal(
    client: AsyncTestClient[Litestar], keys: dict[Role, dict[str, str]]
) -> None:
    admin, reporter = keys[Role.ADMIN], keys[Role.REPORTER]
    await scene(client, admin, reporter)
    body = payloads.casualties(killed=1)
    mine = await client.post(
        "/v1/incidents/inc-1/reports", json=body, headers={**reporter, "Idempotency-Key": "k"}
    )
    theirs = await client.post(
        "/v1/incidents/inc-1/reports", json=body, headers={**admin, "Idempotency-Key": "k"}
    )
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["events"] != theirs.json()["events"]


async def test_concurrent_retries_write_once(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    opened = await scene(client, admin, reporter)
    count = await _event_count(client, admin, opened)
    headers = {**reporter, "Idempotency-Key": "burst"}
    responses = await asyncio.gather(
        *(
            client.post("/v1/incidents/inc-1/reports", json=payloads.casualties(), headers=headers)
            for _ in range(6)
        )
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.text for r in responses}) == 1
    assert await _event_count(client, admin, responses[0].json()) == count + 1


async def test_a_bad_idempotency_key_is_400(
    client: AsyncTestClient[Litestar], admin: dict[str, str]
) -> None:
    for key in ("", "x" * 129, "has space"):
        response = await client.post(
            "/v1/sources", json=payloads.source(), headers={**admin, "Idempotency-Key": key}
        )
        assert response.status_code == 400, key
        assert response.json()["type"].endswith("/invalid-idempotency-key")


async def test_if_match_guards_against_lost_updates(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    current = await client.post(
        "/v1/incidents/inc-1/reports",
        json=payloads.casualties(),
        headers={**reporter, "If-Match": '"1"'},
    )
    assert current.status_code == 201
    assert current.headers["etag"] == '"2"'
    stale = await client.post(
        "/v1/incidents/inc-1/reports",
        json=payloads.casualties(),
        headers={**reporter, "If-Match": '"1"'},
    )
    assert stale.status_code == 412
    assert stale.json()["type"].endswith("/precondition-failed")
    assert stale.json()["actual_version"] == 2
    assert stale.headers["etag"] == '"2"'
    weak = await client.post(
        "/v1/incidents/inc-1/reports",
        json=payloads.casualties(),
        headers={**reporter, "If-Match": 'W/"2"'},
    )
    assert weak.status_code == 201
    garbage = await client.post(
        "/v1/incidents/inc-1/reports",
        json=payloads.casualties(),
        headers={**reporter, "If-Match": "version three"},
    )
    assert garbage.status_code == 400
    assert garbage.json()["type"].endswith("/invalid-if-match")


async def test_writers_without_if_match_never_lose_a_report(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await scene(client, admin, reporter)
    responses = await asyncio.gather(
        *(
            client.post(
                "/v1/incidents/inc-1/reports", json=payloads.casualties(killed=n), headers=reporter
            )
            for n in range(8)
        )
    )
    assert [r.status_code for r in responses] == [201] * 8
    state = (await client.get("/v1/incidents/inc-1", headers=admin)).json()
    assert state["version"] == 9
    assert len(state["claims"]) == 9
