"""Rate limits per key and for anonymous reads, cross-origin access, compressed large responses."""

from typing import Any

from tests.api import payloads
from tests.api.helpers import scene
from tests.conftest import ClientFactory


def _too_many(response: Any) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/too-many-requests")
    assert int(response.headers["retry-after"]) >= 0
    assert response.headers["ratelimit-remaining"] == "0"


async def test_anonymous_reads_are_limited_per_client_and_probes_never(
    client_with: ClientFactory,
) -> None:
    async with client_with(anonymous_reads=True, rate_limit_anonymous=3) as client:
        for _ in range(3):
            assert (await client.get("/v1/incidents")).status_code == 200
        _too_many(await client.get("/v1/incidents"))
        for probe in ("/health", "/ready", "/metrics", "/health", "/ready"):
            assert (await client.get(probe)).status_code == 200, probe


async def test_each_key_has_a_limit_of_its_own(
    client_with: ClientFactory, reader: dict[str, str], admin: dict[str, str]
) -> None:
    async with client_with(rate_limit_per_key=2) as client:
        for _ in range(2):
            assert (await client.get("/v1/incidents", headers=reader)).status_code == 200
        _too_many(await client.get("/v1/incidents", headers=reader))
        assert (await client.get("/v1/incidents", headers=admin)).status_code == 200


async def test_a_browser_on_a_listed_origin_may_call_the_api_and_others_may_not(
    client_with: ClientFactory, reader: dict[str, str]
) -> None:
    desk = "https://desk.example"
    async with client_with(cors_origins=f"{desk}, https://other.example") as client:
        preflight = await client.options(
            "/v1/views/losses",
            headers={
                "Origin": desk,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "X-API-Key, Ledger-Min-Position",
            },
        )
        assert preflight.status_code in (200, 204), preflight.text
        assert preflight.headers["access-control-allow-origin"] == desk
        response = await client.get("/v1/views/losses", headers={**reader, "Origin": desk})
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == desk
        exposed = response.headers["access-control-expose-headers"].lower()
        assert "ledger-position" in exposed
        assert "x-request-id" in exposed
        stranger = await client.get(
            "/v1/views/losses", headers={**reader, "Origin": "https://elsewhere.example"}
        )
        assert "access-control-allow-origin" not in stranger.headers


async def test_large_responses_are_compressed_and_small_ones_are_not(
    client_with: ClientFactory,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    async with client_with() as client:
        await scene(client, admin, reporter)
        for killed in range(1, 60):
            response = await client.post(
                "/v1/incidents/inc-1/reports",
                json=payloads.casualties(killed=killed),
                headers=reporter,
            )
            assert response.status_code == 201, response.text
        gzip = {**reader, "Accept-Encoding": "gzip"}
        # The log shows a write once every transaction begun before it has ended.
        read_past = {**gzip, "Ledger-Min-Position": response.json()["cursor"]}
        large = await client.get("/v1/events?limit=500", headers=read_past)
        assert large.status_code == 200
        assert large.headers["content-encoding"] == "gzip"
        assert len(large.json()["items"]) == 62
        small = await client.get("/v1/incidents/inc-1/events?limit=1", headers=gzip)
        assert small.status_code == 200
        assert "content-encoding" not in small.headers
