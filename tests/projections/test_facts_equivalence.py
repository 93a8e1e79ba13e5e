"""Facts built in different ways hold the same rows.

COPY or INSERT; one runner that remembers roots' claims from batch to batch, or runners that
forget them, take turns, or retry a batch whose transaction rolled back.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from ledger.domain.events import LedgerEvent
from ledger.domain.incidents import incident_stream
from ledger.domain.sources import source_stream
from ledger.mapping import new_event
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, NewEvent, StreamState
from tests.e2e import idlib_scenario as scenario
from tests.projections.helpers import build, live_generation, rows_of

_NEVER = 10**9


_INCIDENT = "saraqib-shelling-2020-02-27"


def _event(payload: dict[str, Any]) -> NewEvent:
    return new_event(msgspec.convert(payload, LedgerEvent), principal="test")


async def _register(store: EventStore, source: str, grade: str) -> None:
    registered = {"source_id": source, "name": source, "kind": "news_agency", "grade": grade}
    await store.append(
        source_stream(source),
        [_event({"type": "source.registered", **registered})],
        StreamState.NO_STREAM,
    )


async def _report_incident(store: EventStore) -> None:
    day = {"start": "2020-02-27T00:00:00Z", "end": "2020-02-28T00:00:00Z", "precision": "day"}
    reported = {
        "type": "incident.reported",
        "incident_id": _INCIDENT,
        "title": "Shelling near Saraqib",
        "summary": "Artillery fire on positions east of the town.",
        "category": "shelling",
        "occurred": day,
        "location": {"country": "SY", "precision": "province", "admin1": "Idlib"},
        "parties": ["turkey", "syria"],
        "attribution": {"source_id": "afp", "reported_at": day["end"], "credibility": 2},
    }
    await store.append(incident_stream(_INCIDENT), [_event(reported)], StreamState.NO_STREAM)


async def _claim(store: EventStore, source: str, killed: int) -> str:
    """One casualty claim, a transaction of its own; its event id."""
    claim = {
        "type": "casualties.reported",
        "incident_id": _INCIDENT,
        "party": "turkey",
        "group": "military",
        "killed": {"low": killed, "best": killed, "high": killed},
        "attribution": {
            "source_id": source,
            "reported_at": "2020-02-28T08:00:00Z",
            "credibility": 2,
        },
    }
    event = _event(claim)
    await store.append(incident_stream(_INCIDENT), [event])
    return str(event.event_id)


async def _counted(store: EventStore, projection: FactsProjection) -> dict[str, Any]:
    """The incident's one current loss row."""
    rows = (await rows_of(store.pool, projection))["losses"]
    (current,) = [row for row in rows if '"to_pos": null' in row]
    counted: dict[str, Any] = msgspec.json.decode(current)
    return counted


async def _build_in_turns(
    store: EventStore, projections: list[FactsProjection], batch_size: int
) -> None:
    """Each batch applied by the next of ``projections``, as by processes taking turns."""
    catalog = ProjectionCatalog(store.pool)
    live = await live_generation(catalog, projections[0])
    runners = [ProjectionRunner(store, catalog, p, batch_size=batch_size) for p in projections]
    turn = 0
    while not (step := await runners[turn % len(runners)].step(live)).caught_up:
        live = await catalog.live(live.name) or live
        turn += 1
    assert step.applied == 0 or turn > 0


class _RolledBackOnce(FactsProjection):
    """Folds its third batch whole, then fails: the transaction rolls back after the fold."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.batches = 0

    async def apply(self, *arguments: Any) -> None:
        await super().apply(*arguments)
        self.batches += 1
        if self.batches == 3:  # a few batches in
            raise RuntimeError("the transaction broke after the fold")


@pytest.mark.usefixtures("everything_recorded")
@pytest.mark.parametrize("batch_size", [6, 500])
async def test_facts_copied_equal_facts_inserted(store: EventStore, batch_size: int) -> None:
    copied = FactsProjection("facts_copied", copy_at_least=1)
    inserted = FactsProjection("facts_inserted", copy_at_least=_NEVER)
    for projection in (copied, inserted):
        await build(store, projection, batch_size)
    tables = await rows_of(store.pool, copied)
    assert tables == await rows_of(store.pool, inserted)
    assert len(tables["claims"]) > len(scenario.reports())
    assert any('"to_pos": null' not in row for row in tables["losses"])  # revised figures


async def _forgetting(store: EventStore, batch_size: int) -> dict[str, list[Any]]:
    """Facts built by a projection per batch, as if each ran in a process of its own."""
    forgetting = [FactsProjection("facts_forgetting") for _ in range(1000)]
    await _build_in_turns(store, forgetting, batch_size)
    return await rows_of(store.pool, forgetting[0])


# Equal batch sizes throughout: a page may end inside a transaction, and the loss versions
# counted at its end then differ from those of a build that never split it, though not at
# any moment a reader can ask for (the end of a transaction, EventStore.cursor_at).


@pytest.mark.usefixtures("everything_recorded")
@pytest.mark.parametrize("batch_size", [2, 7])
async def test_facts_remembering_roots_equal_facts_forgetting_them(
    store: EventStore, batch_size: int
) -> None:
    remembering = FactsProjection("facts_remembering")
    await build(store, remembering, batch_size)
    assert await rows_of(store.pool, remembering) == await _forgetting(store, batch_size)


@pytest.mark.usefixtures("everything_recorded")
async def test_facts_applied_by_runners_in_turns_equal_facts_forgetting(
    store: EventStore,
) -> None:
    # Each runner's next batch follows one the other applied: what it remembers is stale.
    in_turns = [FactsProjection("facts_in_turns"), FactsProjection("facts_in_turns")]
    await _build_in_turns(store, in_turns, batch_size=3)
    assert await rows_of(store.pool, in_turns[0]) == await _forgetting(store, 3)


async def test_facts_applied_by_runners_in_turns_count_every_claim(store: EventStore) -> None:
    sources = ("sana", "tr-mod", "sohr", "afp")
    for source in sources:
        await _register(store, source, "B")
    await _report_incident(store)
    for number, source in enumerate(sources, start=1):
        await _claim(store, source, killed=10 * number)
    # Batches of one event: each runner remembers the claims it counted, then the other
    # adds one that the first must read, not take from what it remembers.
    in_turns = [FactsProjection("facts_in_turns"), FactsProjection("facts_in_turns")]
    await _build_in_turns(store, in_turns, batch_size=1)
    assert await rows_of(store.pool, in_turns[0]) == await _forgetting(store, 1)
    counted = await _counted(store, in_turns[0])
    assert (counted["low"], counted["high"], len(counted["claim_ids"])) == (10, 40, 4)


async def test_facts_count_a_claim_with_the_grade_of_its_source_registered_later(
    store: EventStore,
) -> None:
    for source in ("sana", "tr-mod"):
        await _register(store, source, "D")
    await _report_incident(store)
    await _claim(store, "afp", killed=40)  # cites a source not registered yet: no grade
    await _claim(store, "sana", killed=10)
    await _register(store, "afp", "A")
    await _claim(store, "tr-mod", killed=20)
    remembering = FactsProjection("facts_remembering")
    await build(store, remembering, batch_size=1)
    assert await rows_of(store.pool, remembering) == await _forgetting(store, 1)
    assert (await _counted(store, remembering))["best"] == 40  # the best graded source's


async def test_facts_count_a_corrected_claim_as_corrected(store: EventStore) -> None:
    for source in ("sana", "tr-mod", "sohr"):
        await _register(store, source, "B")
    await _report_incident(store)
    await _claim(store, "sana", killed=10)
    misread = await _claim(store, "tr-mod", killed=20)
    correction = {
        "type": "claim.corrected",
        "incident_id": _INCIDENT,
        "target_event_id": misread,
        "changes": {"killed": {"low": 50, "best": 50, "high": 50}},
        "reason": "the ministry's statement was misread",
        "attribution": {
            "source_id": "tr-mod",
            "reported_at": "2020-02-28T09:00:00Z",
            "credibility": 2,
        },
    }
    await store.append(incident_stream(_INCIDENT), [_event(correction)])
    await _claim(store, "sohr", killed=30)
    remembering = FactsProjection("facts_remembering")
    await build(store, remembering, batch_size=1)
    assert await rows_of(store.pool, remembering) == await _forgetting(store, 1)
    assert (await _counted(store, remembering))["high"] == 50


@pytest.mark.usefixtures("everything_recorded")
async def test_facts_retrying_a_rolled_back_batch_equal_facts_forgetting(
    store: EventStore,
) -> None:
    catalog = ProjectionCatalog(store.pool)
    retrying = _RolledBackOnce("facts_retrying")
    live = await live_generation(catalog, retrying)
    runner = ProjectionRunner(store, catalog, retrying, batch_size=3)
    with pytest.raises(RuntimeError, match="after the fold"):
        await runner.catch_up(live)
    live = await catalog.live(retrying.name) or live
    await runner.catch_up(live)
    assert await rows_of(store.pool, retrying) == await _forgetting(store, 3)
