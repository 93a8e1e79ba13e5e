"""A ledger written by the code before event revisions, zones and relays: it loads, verifies,
rebuilds, and reads in today's words."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec
from litestar import Litestar
from litestar.testing import AsyncTestClient
from psycopg_pool import AsyncConnectionPool

from ledger.domain import EVENT_SCHEMA_VERSIONS
from ledger.domain.incidents import incident_stream
from ledger.domain.sources import source_stream
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, NewEvent, StreamState
from tests.api import payloads

PREVIOUS_VERSIONS = {
    **EVENT_SCHEMA_VERSIONS,
    "equipment_loss.claimed": 1,
    "claim.corrected": 1,
}
"""The schema versions the previous code wrote at."""


def _event(body: dict[str, Any]) -> NewEvent:
    data = dict(body)
    return NewEvent(type=str(data.pop("type")), data=data)


async def _previous_ledger(store: EventStore) -> str:
    """What the previous code stored: a Ukrainian incident with no zone, a jet whose crew was
    'recovered', then a correction to the same word. Returns the jet claim's event id."""
    source = {"type": "source.registered", **payloads.source()}
    await store.append(source_stream("tr-mod"), [_event(source)], StreamState.NO_STREAM)
    opened = {
        "type": "incident.reported",
        **payloads.incident(location={"country": "UA", "precision": "country"}),
    }
    jet = {
        "type": "equipment_loss.claimed",
        "incident_id": "inc-1",
        "platform": "fixed_wing",
        "operator": "syria",
        "claimed_by": "turkey",
        "status": "destroyed",
        "crew_fate": "ejected",
        "attribution": payloads.attribution(),
    }
    stream = incident_stream("inc-1")
    await store.append(stream, [_event(opened), _event(jet)], StreamState.NO_STREAM)
    jet_id = str((await store.read_stream(stream))[-1].event_id)
    corrected = {
        "type": "claim.corrected",
        "incident_id": "inc-1",
        "target_event_id": jet_id,
        "changes": {"crew_fate": "recovered"},
        "reason": "the pilot was picked up",
        "attribution": payloads.attribution(),
    }
    await store.append(stream, [_event(corrected)], 2)
    return jet_id


async def _sealed(client: AsyncTestClient[Litestar], admin: dict[str, str]) -> dict[str, Any]:
    for _ in range(400):
        report: dict[str, Any] = (await client.post("/v1/ledger/verify", headers=admin)).json()
        if report["unsealed"] == 0:
            return report
        await asyncio.sleep(0.025)
    raise AssertionError("the sealer did not reach the previous ledger's events")


async def test_a_previous_ledger_loads_verifies_rebuilds_and_reads_in_todays_words(
    client: AsyncTestClient[Litestar],
    pool: AsyncConnectionPool,
    admin: dict[str, str],
    reader: dict[str, str],
) -> None:
    previous = EventStore(pool, PREVIOUS_VERSIONS)
    jet_id = await _previous_ledger(previous)
    stored = await previous.read_stream(incident_stream("inc-1"))
    assert [e.schema_version for e in stored] == [1, 1, 1]
    before = [msgspec.json.encode(e.data) for e in stored]

    report = await _sealed(client, admin)
    assert (report["ok"], report["checked"]) == (True, 4)
    incident = (await client.get("/v1/incidents/inc-1", headers=reader)).json()
    [jet] = [c for c in incident["claims"] if c["event_id"] == jet_id]
    assert (jet["original"]["crew_fate"], jet["current"]["crew_fate"]) == ("ejected", "rescued")
    assert incident["time_zone"] == "UTC"  # Ukraine has several zones and none was stated

    store = EventStore(pool, EVENT_SCHEMA_VERSIONS)
    catalog = ProjectionCatalog(store.pool)
    runners = [
        ProjectionRunner(store, catalog, p) for p in (FactsProjection(), IncidentsProjection(store))
    ]
    rebuilt = await rebuild_together(runners)
    assert [g.state for g in rebuilt] == ["live", "live"]
    equipment = (await client.get("/v1/views/equipment", headers=reader)).json()
    assert [i["crew_fate"] for i in equipment["items"]] == ["rescued"]
    poison = (await client.get("/v1/admin/projections/poison", headers=admin)).json()
    assert poison["items"] == []
    # Read in today's words, stored as they were: the chain still verifies.
    after = [msgspec.json.encode(e.data) for e in await store.read_stream(incident_stream("inc-1"))]
    assert after == before
    assert (await client.post("/v1/ledger/verify", headers=admin)).json()["ok"] is True
