from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from structlog.testing import capture_logs

from ledger.api.app import create_app
from ledger.application.access import Role
from ledger.config import Settings
from ledger.domain import EVENT_SCHEMA_VERSIONS
from tests.api import payloads
from tests.api.helpers import post_ok


async def test_no_key_is_401_with_a_challenge(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/v1/sources")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["type"].endswith("/unauthorized")


async def test_a_wrong_key_is_401(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    forged = reader["X-API-Key"][:-4] + "AAAA"
    for headers in ({"X-API-Key": forged}, {"X-API-Key": "nonsense"}):
        response = await client.get("/v1/sources", headers=headers)
        assert response.status_code == 401


async def test_a_bearer_token_works_like_the_header(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    response = await client.get(
        "/v1/sources", headers={"Authorization": f"Bearer {reader['X-API-Key']}"}
    )
    assert response.status_code == 200


async def test_roles_are_enforced_with_403(
    client: AsyncTestClient[Litestar], keys: dict[Role, dict[str, str]]
) -> None:
    reader, reporter, admin = keys[Role.READER], keys[Role.REPORTER], keys[Role.ADMIN]
    assert (
        await client.post("/v1/sources", json=payloads.source(), headers=reader)
    ).status_code == 403
    assert (
        await client.post("/v1/sources", json=payloads.source(), headers=reporter)
    ).status_code == 403
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    denied = await client.post("/v1/incidents", json=payloads.incident(), headers=reader)
    assert denied.status_code == 403
    assert denied.json()["type"].endswith("/forbidden")
    await post_ok(client, "/v1/incidents", payloads.incident(), reporter)
    assert (await client.get("/v1/admin/keys", headers=reporter)).status_code == 403
    assert (await client.get("/v1/admin/keys", headers=admin)).status_code == 200


async def test_the_principal_is_written_into_every_event(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    created = await post_ok(client, "/v1/incidents", payloads.incident(), reporter)
    # A projection batch still open would hide the write: wait for it, as a client would.
    waiting = {**admin, "Ledger-Min-Position": created["cursor"]}
    events = (await client.get("/v1/events", headers=waiting)).json()["items"]
    assert [e["metadata"]["principal"] for e in events] == ["test-admin", "test-reporter"]
    assert events[1]["metadata"]["source"] == "tr-mod"


async def test_the_request_log_names_the_principal(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    with capture_logs() as logs:
        await client.get("/v1/sources", headers=reader)
    [line] = [entry for entry in logs if entry["event"] == "request"]
    assert line["principal"] == "test-reader"
    assert line["route"] == "/v1/sources"
    assert line["status"] == 200
    assert "duration_ms" in line
    assert line["request_id"]


async def test_keys_are_issued_listed_and_revoked_over_http(
    client: AsyncTestClient[Litestar], admin: dict[str, str]
) -> None:
    issued = await post_ok(client, "/v1/admin/keys", {"name": "newsroom", "role": "reader"}, admin)
    secret = issued["secret"]
    assert (await client.get("/v1/sources", headers={"X-API-Key": secret})).status_code == 200
    listed = (await client.get("/v1/admin/keys", headers=admin)).json()["items"]
    assert "newsroom" in [k["name"] for k in listed]
    assert all("secret" not in k and "secret_hash" not in k for k in listed)
    key_id = issued["key"]["key_id"]
    revoked = await client.delete(f"/v1/admin/keys/{key_id}", headers=admin)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert (await client.get("/v1/sources", headers={"X-API-Key": secret})).status_code == 401
    assert (await client.delete("/v1/admin/keys/nope", headers=admin)).status_code == 404
    taken = await client.post(
        "/v1/admin/keys", json={"name": "newsroom", "role": "admin"}, headers=admin
    )
    assert taken.status_code == 422


async def test_anonymous_reads_when_allowed(settings: Settings, database_url: str) -> None:
    public = create_app(
        Settings(**{**_fields(settings), "anonymous_reads": True}),
        database_url,
        EVENT_SCHEMA_VERSIONS,
    )
    async with AsyncTestClient(app=public) as client:
        assert (await client.get("/v1/sources")).status_code == 200
        assert (await client.get("/v1/events")).status_code == 200
        refused = await client.post("/v1/sources", json=payloads.source())
        assert refused.status_code == 401
        assert (await client.get("/v1/admin/keys")).status_code == 401


def _fields(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__struct_fields__}
