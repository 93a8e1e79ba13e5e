"""CSV wherever a list is served as JSON, with one charset."""

import csv
import io

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.api.helpers import scene


def _rows(response: httpx.Response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.text)))


async def test_the_incident_list_and_the_sources_come_as_csv_with_one_charset(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    receipt = await scene(client, admin, reporter)
    seen = {**reader, "Ledger-Min-Position": receipt["cursor"]}
    incidents = await client.get("/v1/incidents?format=csv", headers=seen)
    assert incidents.status_code == 200, incidents.text
    assert incidents.headers["content-type"] == "text/csv; charset=utf-8"
    assert incidents.headers["content-disposition"] == 'attachment; filename="incidents.csv"'
    assert "ledger-position" in incidents.headers
    [incident] = _rows(incidents)
    assert incident["incident_id"] == "inc-1"
    assert incident["category"] == "air"
    assert incident["location.country"] == "SY"
    listed = (await client.get("/v1/incidents", headers=seen)).json()["items"]
    assert incident["claims"] == str(len(listed[0]["claims"]))
    sources = await client.get("/v1/sources?format=csv", headers=reader)
    assert sources.headers["content-type"] == "text/csv; charset=utf-8"
    assert sorted(row["source_id"] for row in _rows(sources)) == ["sy-army", "tr-mod"]
    losses = await client.get("/v1/views/losses?format=csv", headers=seen)
    assert losses.headers["content-type"] == "text/csv; charset=utf-8"
