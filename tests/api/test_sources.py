from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api import payloads
from tests.api.helpers import post_ok


async def test_register_then_read_a_source(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reader: dict[str, str]
) -> None:
    response = await client.post("/v1/sources", json=payloads.source(), headers=admin)
    assert response.status_code == 201
    assert response.headers["location"] == "/v1/sources/tr-mod"
    assert response.headers["etag"] == '"1"'
    receipt = response.json()
    assert receipt["stream_id"] == "source-tr-mod"
    assert [e["type"] for e in receipt["events"]] == ["source.registered"]

    got = await client.get("/v1/sources/tr-mod", headers=reader)
    assert got.status_code == 200
    assert got.headers["etag"] == '"1"'
    assert got.json()["grade"] == "C"
    assert got.json()["party"] == "turkey"
    listed = await client.get("/v1/sources", headers=reader)
    assert [s["source_id"] for s in listed.json()["items"]] == ["tr-mod"]


async def test_a_source_is_registered_once(
    client: AsyncTestClient[Litestar], admin: dict[str, str]
) -> None:
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    again = await client.post("/v1/sources", json=payloads.source(name="Other"), headers=admin)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/already-exists")


async def test_regrading_keeps_the_grade_history(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reader: dict[str, str]
) -> None:
    await post_ok(client, "/v1/sources", payloads.source(), admin)
    regrade = {"source_id": "tr-mod", "grade": "B", "reason": "claims confirmed by imagery"}
    response = await client.post("/v1/sources/tr-mod/grades", json=regrade, headers=admin)
    assert response.status_code == 201
    assert response.headers["etag"] == '"2"'
    source = (await client.get("/v1/sources/tr-mod", headers=reader)).json()
    assert source["grade"] == "B"
    assert [g["grade"] for g in source["grades"]] == ["C", "B"]
    assert source["grades"][1]["reason"] == "claims confirmed by imagery"

    same = await client.post("/v1/sources/tr-mod/grades", json=regrade, headers=admin)
    assert same.status_code == 422
    elsewhere = await client.post(
        "/v1/sources/sy-army/grades", json={**regrade, "source_id": "sy-army"}, headers=admin
    )
    assert elsewhere.status_code == 404
    mismatch = await client.post(
        "/v1/sources/tr-mod/grades", json={**regrade, "source_id": "ap"}, headers=admin
    )
    assert mismatch.status_code == 422
    assert mismatch.json()["type"].endswith("/id-mismatch")


async def test_a_missing_source_is_404(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    response = await client.get("/v1/sources/nobody", headers=reader)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
