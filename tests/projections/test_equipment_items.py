"""Stored equipment items are what counting the claims gives, at every end of a transaction.

The facts projection keeps each lost object as a row and counts it again when a claim, a
link, a subject, a grade, a merge or a retraction changes it, also across incidents. The
views read those rows; here they are checked against the claims counted afresh at each
position, built in one batch and one event at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import msgspec
import pytest
from psycopg import sql

from ledger.application.views import Moment
from ledger.domain.events import LedgerEvent
from ledger.domain.figures import EquipmentItem, equipment_items
from ledger.domain.incidents import incident_stream
from ledger.domain.links import link_stream
from ledger.domain.sources import source_stream
from ledger.mapping import new_event
from ledger.projections import views
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.facts.equipment import equipment_claim, equipment_claims_statement
from ledger.projections.rebuilds import ensure_live, rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.projections.snapshots import query_at_checkpoint
from ledger.projections.standing import facts_tables
from ledger.projections.temporal import moment_parameters
from ledger.store import EventStore, GlobalCursor, NewEvent
from tests.projections.helpers import build

_DAY = "2020-02-27T10:00:00Z"


def _event(payload: dict[str, Any]) -> NewEvent:
    return new_event(msgspec.convert(payload, LedgerEvent), principal="test")


def _attribution(source: str, credibility: int = 2) -> dict[str, Any]:
    return {"source_id": source, "reported_at": _DAY, "credibility": credibility}


def _incident(incident_id: str) -> NewEvent:
    return _event(
        {
            "type": "incident.reported",
            "incident_id": incident_id,
            "title": f"Air defence fire {incident_id}",
            "summary": "An aircraft was reported down over the province.",
            "category": "air",
            "occurred": {"start": _DAY, "end": _DAY, "precision": "day"},
            "location": {"country": "SY", "precision": "province", "admin1": "Idlib"},
            "parties": ["turkey", "syria"],
            "attribution": _attribution("afp"),
        }
    )


def _loss(incident_id: str, source: str, **fields: Any) -> NewEvent:
    return _event(
        {
            "type": "equipment_loss.claimed",
            "incident_id": incident_id,
            "platform": "fixed_wing",
            "operator": "syria",
            "claimed_by": "turkey",
            "status": "destroyed",
            "crew_fate": "unknown",
            "attribution": _attribution(source),
            **fields,
        }
    )


class _Log:
    """Writes each step as one transaction and keeps where each ended."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.ends: list[GlobalCursor] = []

    async def write(self, *appends: tuple[str, Sequence[NewEvent]]) -> list[str]:
        async with self.store.transaction() as appending:
            for stream, events in appends:
                result = await appending.append(stream, events)
        self.ends.append(result.cursor)
        return [str(event.event_id) for _, events in appends for event in events]


async def _write_scenario(log: _Log) -> None:
    """Objects joined and parted by subjects and links, across incidents, then revised."""
    for source, grade, party in (("tr-mod", "A", "turkey"), ("sy-army", "B", "syria")):
        registered = {"source_id": source, "name": source, "kind": "military", "grade": grade}
        registered = {"type": "source.registered", **registered, "party": party}
        await log.write((source_stream(source), [_event(registered)]))
    registered = {"source_id": "afp", "name": "afp", "kind": "news_agency", "grade": "C"}
    await log.write((source_stream("afp"), [_event({"type": "source.registered", **registered})]))
    for incident in ("inc-a", "inc-b", "inc-c"):
        await log.write((incident_stream(incident), [_incident(incident)]))
    [jet_a] = await log.write(
        (incident_stream("inc-a"), [_loss("inc-a", "tr-mod", model="L-39", subject="tail 1")])
    )
    # Named the same object by the other side, in another incident; and a helicopter.
    [jet_b, helicopter] = await log.write(
        (
            incident_stream("inc-b"),
            [
                _loss("inc-b", "sy-army", subject="tail 1", claimed_by=None),
                _loss("inc-b", "afp", platform="helicopter", claimed_by=None, quantity=2),
            ],
        )
    )
    [drone] = await log.write(
        (
            incident_stream("inc-c"),
            [
                _loss(
                    "inc-c",
                    "sy-army",
                    platform="drone",
                    operator="turkey",
                    claimed_by="syria",
                    crew_fate="not_applicable",
                    actor="syria",
                )
            ],
        )
    )
    # An agency repeating the Syrian army: the same drone, confirmed by no one new.
    relay = {**_attribution("afp"), "relays": "sy-army", "relays_claim": drone}
    await log.write(
        (
            incident_stream("inc-c"),
            [
                _loss(
                    "inc-c",
                    "afp",
                    platform="drone",
                    operator="turkey",
                    claimed_by=None,
                    crew_fate="not_applicable",
                    attribution=relay,
                )
            ],
        )
    )
    link = {"type": "claims.linked", "link_id": "one-loss", "reason": "one loss"}
    await log.write((link_stream("one-loss"), [_event({**link, "claim_ids": [helicopter, drone]})]))
    regrade = {"type": "source.regraded", "source_id": "sy-army", "grade": "E", "reason": "audit"}
    await log.write((source_stream("sy-army"), [_event(regrade)]))
    # A correction and a new claim in one transaction: the subject no longer joins a and b.
    correction = {
        "type": "claim.corrected",
        "incident_id": "inc-a",
        "target_event_id": jet_a,
        "changes": {"subject": "tail 9", "status": "damaged"},
        "reason": "another aircraft",
        "attribution": _attribution("tr-mod"),
    }
    await log.write(
        (incident_stream("inc-a"), [_event(correction), _loss("inc-a", "afp", model="Su-24")])
    )
    merge = {
        "type": "incidents.merged",
        "incident_id": "inc-a",
        "merged_incident_id": "inc-c",
        "reason": "one raid",
    }
    await log.write(
        (incident_stream("inc-a"), [_event(merge)]), (incident_stream("inc-c"), [_event(merge)])
    )
    unlink = {"type": "claims.unlinked", "link_id": "one-loss", "reason": "two losses"}
    await log.write((link_stream("one-loss"), [_event(unlink)]))
    retraction = {
        "type": "claim.retracted",
        "incident_id": "inc-b",
        "target_event_id": jet_b,
        "reason": "withdrawn",
        "attribution": _attribution("sy-army"),
    }
    await log.write((incident_stream("inc-b"), [_event(retraction)]))
    [jet_c] = await log.write(
        (incident_stream("inc-b"), [_loss("inc-b", "afp", subject="tail 9", claimed_by=None)])
    )
    await log.write(
        (link_stream("last"), [_event({**link, "link_id": "last", "claim_ids": [jet_c, drone]})])
    )
    report = await _report_of(log, "inc-a")
    withdrawn = {**retraction, "incident_id": "inc-a", "target_event_id": report}
    await log.write((incident_stream("inc-a"), [_event(withdrawn)]))


async def _report_of(log: _Log, incident_id: str) -> str:
    async with log.store.pool.connection() as connection:
        cursor = await connection.execute(
            "SELECT event_id::text FROM events WHERE stream_id = %s ORDER BY position LIMIT 1",
            (incident_stream(incident_id),),
        )
        row = await cursor.fetchone()
    assert row is not None
    return str(row[0])


async def _counted(store: EventStore, at: GlobalCursor) -> list[EquipmentItem]:
    """The items at ``at``, counted afresh from the claims that stood then."""
    moment = Moment(as_of=at)
    query = equipment_claims_statement(facts_tables("facts"), moment, sql.SQL("TRUE"))
    rows, _ = await query_at_checkpoint(store.pool, "facts", at, query, moment_parameters(moment))
    return equipment_items([equipment_claim(row) for row in rows])


@pytest.mark.parametrize("batch_size", [1, 1000])
async def test_stored_items_are_the_claims_counted_at_every_position(
    store: EventStore, batch_size: int
) -> None:
    log = _Log(store)
    await _write_scenario(log)
    await build(store, FactsProjection(copy_at_least=2), batch_size)

    shown = []
    for at in log.ends:
        stored = await views.equipment(store.pool, "facts", moment=Moment(as_of=at))
        assert stored.content.items == await _counted(store, at)
        totals = await views.equipment_totals(store.pool, "facts", moment=Moment(as_of=at))
        assert totals.content == stored.content.totals
        shown.append(stored.content.items)
    # Each step below changed the items: otherwise this test would prove little.
    changes = [before != after for before, after in itertools.pairwise(shown[6:])]
    assert all(changes), changes
    spans = [{(item.incidents, item.platform) for item in items} for items in shown]
    assert (("inc-a", "inc-b"), "fixed_wing") in spans[7]  # one subject, two incidents
    [drone] = [item for item in shown[9] if item.platform == "drone"]
    assert (drone.sources, drone.confirmed) == (("afp", "sy-army"), False)  # a relay
    assert (("inc-b", "inc-c"), "drone") in spans[10]  # linked
    assert (("inc-b", "inc-c"), "helicopter") in spans[11]  # the drone's source downgraded
    assert (("inc-a", "inc-b"), "fixed_wing") not in spans[12]  # the subject corrected
    assert (("inc-a", "inc-b"), "helicopter") in spans[13]  # inc-c merged into inc-a
    assert spans[-1] == {(("inc-b",), "fixed_wing"), (("inc-b",), "helicopter")}


async def _shows_the_claims_counted(store: EventStore, ends: Sequence[GlobalCursor]) -> None:
    for at in ends:
        moment = Moment(as_of=at)
        shown = await views.equipment(store.pool, "facts", moment=moment)
        assert shown.content.items == await _counted(store, at)
        totals = await views.equipment_totals(store.pool, "facts", moment=moment)
        assert totals.content == shown.content.totals


async def test_a_generation_built_before_items_were_kept_counts_claims_until_rebuilt(
    store: EventStore,
) -> None:
    log = _Log(store)
    await _write_scenario(log)
    await build(store, FactsProjection(), 1000)
    # As version 7 left it: no equipment table.
    async with store.pool.connection() as connection:
        await connection.execute('DROP VIEW "facts_equipment"')
        await connection.execute('DROP TABLE "facts_equipment__g1"')
        await connection.execute(
            "UPDATE projection_generations SET version = 7 WHERE name = 'facts'"
        )
    await log.write((incident_stream("inc-d"), [_incident("inc-d")]))
    await log.write(
        (incident_stream("inc-d"), [_loss("inc-d", "sy-army", subject="tail 9", claimed_by=None)])
    )
    # This version keeps that generation current until a rebuild replaces it.
    upgraded, catalog = FactsProjection(), ProjectionCatalog(store.pool)
    assert await ensure_live(catalog, upgraded)  # a rebuild is due
    live = await catalog.live("facts")
    assert live is not None
    assert live.version == 7
    await ProjectionRunner(store, catalog, upgraded, batch_size=3).catch_up(live)
    await _shows_the_claims_counted(store, log.ends)
    [rebuilt] = await rebuild_together([ProjectionRunner(store, catalog, upgraded)])
    assert rebuilt.version == upgraded.version
    await _shows_the_claims_counted(store, log.ends)
    [tail_9] = [
        item
        for item in (await views.equipment(store.pool, "facts")).content.items
        if "inc-d" in item.incidents
    ]
    assert tail_9.incidents == ("inc-b", "inc-d")  # joined by the subject both name
