"""Cached incident states equal a fold of the whole stream, after every kind of write."""

from __future__ import annotations

import asyncio

from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.application.incident_states import IncidentStates
from ledger.application.reading import load_incident
from ledger.store import EventStore
from tests.api.helpers import post_ok
from tests.e2e import idlib_scenario as scenario


async def _same_as_a_full_fold(states: IncidentStates, store: EventStore) -> None:
    for incident in scenario.INCIDENTS:
        incident_id = str(incident["incident_id"])
        assert await states.load(incident_id) == await load_incident(store, incident_id)


async def test_a_cached_state_follows_every_later_write(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scenario.record(client, admin, reporter)
    # Three slots for eight incidents: loads also evict and come back.
    states = IncidentStates(store, capacity=3)
    await _same_as_a_full_fold(states, store)
    assert await states.load("never-reported") is None

    l39 = (await client.get(f"/v1/incidents/{scenario.L39}", headers=reader)).json()
    [rumour] = [c["event_id"] for c in l39["claims"] if c["source_id"] == "rumour-feed"]
    await post_ok(
        client,
        f"/v1/incidents/{scenario.L39}/retractions",
        scenario.rumour_retraction(rumour),
        reporter,
    )
    duplicate = scenario.airstrike_entered_again("airstrike-entered-twice")
    await post_ok(client, "/v1/incidents", duplicate, reporter)
    merge = scenario.airstrike_merge("airstrike-entered-twice")
    await post_ok(client, f"/v1/incidents/{scenario.AIRSTRIKE}/merges", merge, reporter)

    await _same_as_a_full_fold(states, store)
    merged = await states.load(scenario.AIRSTRIKE)
    assert merged is not None
    assert "airstrike-entered-twice" in {c.incident_id for c in merged.claims}
    absorbed = await states.load("airstrike-entered-twice")
    assert absorbed is not None
    assert absorbed.status == "merged"


async def test_merges_of_one_pair_both_ways_at_once_end_with_one_merge(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scenario.record(client, admin, reporter)
    twice = "airstrike-entered-twice"
    await post_ok(client, "/v1/incidents", scenario.airstrike_entered_again(twice), reporter)
    one_way = scenario.airstrike_merge(twice)
    other_way = {**one_way, "incident_id": twice, "merged_incident_id": scenario.AIRSTRIKE}
    answers = await asyncio.gather(
        client.post(f"/v1/incidents/{scenario.AIRSTRIKE}/merges", json=one_way, headers=reporter),
        client.post(f"/v1/incidents/{twice}/merges", json=other_way, headers=reporter),
    )
    assert sorted(a.status_code for a in answers) == [201, 422], [a.text for a in answers]
    # What the service shows at once, from the states it keeps, is the fold of the streams.
    for incident_id in (scenario.AIRSTRIKE, twice):
        shown = (await client.get(f"/v1/incidents/{incident_id}", headers=reader)).json()
        folded = await load_incident(store, incident_id)
        assert folded is not None
        assert (shown["status"], shown["version"]) == (folded.status, folded.version)
    assert sorted(
        [
            (await client.get(f"/v1/incidents/{i}", headers=reader)).json()["status"]
            for i in (scenario.AIRSTRIKE, twice)
        ]
    ) == ["active", "merged"]
