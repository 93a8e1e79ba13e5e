"""Rebuilding projections from zero while the ledger keeps taking reports."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.application.projection_admin import RebuildInProgressError
from ledger.application.reading import load_incident
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.definition import Projection
from ledger.projections.facts import FactsProjection
from ledger.projections.incident_rows import stored_state
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.rebuilds import ensure_live, rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.projections.workers import ProjectionWorkers
from ledger.store import EventStore
from tests.api import payloads
from tests.api.helpers import post_ok
from tests.e2e import idlib_scenario as scenario
from tests.projections.helpers import live_position_reaches_head, rows_of

_T = TypeVar("_T")

WRITERS = 8
REPORTS_PER_WRITER = 20


def _report(rng: random.Random, writer: int, number: int) -> tuple[str, dict[str, Any]]:
    incident_id = str(rng.choice([i["incident_id"] for i in scenario.INCIDENTS]))
    source = rng.choice(["tr-mod", "sy-army", "ap", "sy-state-media"])
    stated = f"2020-03-{rng.randint(3, 9):02d}T{rng.randint(0, 23):02d}:00:00Z"
    attribution = payloads.attribution(source, reported_at=stated, credibility=rng.randint(1, 6))
    body: dict[str, Any]
    if number % 3 == 0:
        body = {
            "type": "equipment_loss.claimed",
            "incident_id": incident_id,
            "platform": rng.choice(["drone", "armor", "artillery"]),
            "operator": rng.choice(["turkey", "syria"]),
            "claimed_by": rng.choice(["turkey", "syria"]),
            "status": "destroyed",
            "crew_fate": "unknown",
            "quantity": rng.randint(1, 4),
            "attribution": attribution,
        }
    else:
        killed = rng.randint(0, 40)
        body = {
            **payloads.casualties(
                incident_id, party=rng.choice(["turkey", "syria"]), attribution=attribution
            ),
            "killed": {
                "low": killed,
                "best": killed + writer % 3,
                "high": killed + 5,
                "qualifier": "approximately",
            },
        }
    return incident_id, body


async def _write(client: AsyncTestClient[Litestar], reporter: dict[str, str], writer: int) -> None:
    rng = random.Random(writer)
    for number in range(REPORTS_PER_WRITER):
        incident_id, body = _report(rng, writer, number)
        await post_ok(client, f"/v1/incidents/{incident_id}/reports", body, reporter)
        await asyncio.sleep(rng.random() / 50)


async def _eventually(read: Callable[[], Awaitable[_T]], done: Callable[[_T], bool]) -> _T:
    """What ``read`` gives once ``done`` holds for it, or after ten seconds, whatever it is."""
    for _ in range(200):
        value = await read()
        if done(value):
            break
        await asyncio.sleep(0.05)
    return value


async def _rebuild_from_zero(
    store: EventStore, catalog: ProjectionCatalog, served: list[Projection], *, in_one_pass: bool
) -> list[int]:
    """Rebuild ``served`` side by side, in one pass over the log or in a pass each."""
    runners = [ProjectionRunner(store, catalog, p, rebuild_batch_size=15) for p in served]
    if in_one_pass:
        return [built.generation for built in await rebuild_together(runners)]
    separately = await asyncio.gather(*(rebuild_together([runner]) for runner in runners))
    return [built.generation for (built,) in separately]


@pytest.mark.parametrize("in_one_pass", [False, True], ids=["apart", "in-one-pass"])
async def test_a_rebuild_during_writes_equals_an_incremental_build(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    in_one_pass: bool,  # noqa: FBT001 - a pytest parameter
) -> None:
    await scenario.record(client, admin, reporter)
    catalog = ProjectionCatalog(store.pool)
    # The rebuild writes every batch's claims and losses with COPY, the twins with INSERTs.
    served: list[Projection] = [FactsProjection(copy_at_least=1), IncidentsProjection(store)]
    # Twins of the served projections, built batch by batch as the writes land.
    twins: list[Projection] = [
        FactsProjection("facts_twin"),
        IncidentsProjection(store, "inc_twin"),
    ]
    for twin in twins:
        await ensure_live(catalog, twin)
    twin_runners = [ProjectionRunner(store, catalog, t, batch_size=7) for t in twins]
    writing = asyncio.gather(*(_write(client, reporter, w) for w in range(WRITERS)))

    async def follow_incrementally() -> None:
        while not writing.done():
            for runner in twin_runners:
                live = await catalog.live(runner.projection.name)
                assert live is not None
                await runner.step(live)
            await asyncio.sleep(0.01)

    follower = asyncio.create_task(follow_incrementally())
    await asyncio.sleep(0.2)  # well into the writes
    generations = await _rebuild_from_zero(store, catalog, served, in_one_pass=in_one_pass)
    await writing
    await follower
    assert generations == [2, 2]

    for runner in twin_runners:
        live = await catalog.live(runner.projection.name)
        assert live is not None
        await runner.catch_up(live)
    for projection in served:
        await live_position_reaches_head(store, projection.name)
    tables = {}
    for projection, twin in zip(served, twins, strict=True):
        tables[projection.name] = await rows_of(store.pool, projection)
        assert tables[projection.name] == await rows_of(store.pool, twin)
    assert len(tables["facts"]["claims"]) > WRITERS * REPORTS_PER_WRITER
    current = [json.loads(row) for row in tables["incidents"]["state"]]
    current = [row for row in current if row["to_pos"] is None]
    assert len(current) == len(scenario.INCIDENTS)
    claims = [json.loads(row) for row in tables["incidents"]["claims"]]
    claims = sorted((row for row in claims if row["to_pos"] is None), key=lambda c: c["ordinal"])
    assert claims  # incidents written again past a few claims store them as rows
    # Settled batch by batch from remembered states, each still equals a fold of its stream.
    for row in current:
        folded = await load_incident(store, row["incident_id"])
        stored = [c["document"] for c in claims if c["incident_id"] == row["incident_id"]]
        assert stored_state(row["document"], ",".join(stored) or None) == folded


async def test_the_admin_endpoints_report_and_rebuild(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    last = await scenario.record(client, admin, reporter)
    assert (await client.get("/v1/admin/projections", headers=reader)).status_code == 403
    assert (
        await client.post("/v1/admin/projections/facts/rebuild", headers=reporter)
    ).status_code == 403
    await live_position_reaches_head(store, "facts")
    before = await rows_of(store.pool, FactsProjection())

    listed = (await client.get("/v1/admin/projections", headers=admin)).json()["items"]
    assert {p["name"]: p["state"] for p in listed} == {"incidents": "live", "facts": "live"}
    facts = next(p for p in listed if p["name"] == "facts")
    [generation] = facts["generations"]
    assert (generation["generation"], generation["lag_events"]) == (1, 0)
    assert generation["position"] == last["cursor"]
    assert generation["events_applied"] == scenario.EVENTS_RECORDED

    started = await client.post("/v1/admin/projections/facts/rebuild", headers=admin)
    assert started.status_code == 202, started.text
    assert started.json() == {"name": "facts", "status": "rebuilding"}

    async def listed_facts() -> dict[str, Any]:
        listed = (await client.get("/v1/admin/projections", headers=admin)).json()["items"]
        return next(p for p in listed if p["name"] == "facts")

    facts = await _eventually(
        listed_facts, lambda facts: [g["generation"] for g in facts["generations"]] == [2]
    )
    assert facts["state"] == "live"
    assert [g["generation"] for g in facts["generations"]] == [2]
    assert await rows_of(store.pool, FactsProjection()) == before

    missing = await client.post("/v1/admin/projections/nonesuch/rebuild", headers=admin)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


async def test_the_admin_endpoint_rebuilds_every_projection_in_one_pass(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scenario.record(client, admin, reporter)
    served: list[Projection] = [IncidentsProjection(store), FactsProjection()]
    for projection in served:
        await live_position_reaches_head(store, projection.name)
    before = [await rows_of(store.pool, projection) for projection in served]
    assert (await client.post("/v1/admin/projections/rebuild", headers=reporter)).status_code == 403

    started = await client.post("/v1/admin/projections/rebuild", headers=admin)
    assert started.status_code == 202, started.text
    assert started.json() == {"names": ["incidents", "facts"], "status": "rebuilding"}
    catalog = ProjectionCatalog(store.pool)

    async def each_projections_generations() -> list[list[tuple[int, str]]]:
        generations = [await catalog.generations(p.name) for p in served]
        return [[(g.generation, g.state) for g in gs] for gs in generations]

    rebuilt = await _eventually(
        each_projections_generations, lambda rebuilt: rebuilt == [[(2, "live")]] * 2
    )
    assert rebuilt == [[(2, "live")]] * 2
    assert [await rows_of(store.pool, projection) for projection in served] == before


async def test_a_second_rebuild_of_the_same_projection_is_refused(
    client: AsyncTestClient[Litestar], store: EventStore, admin: dict[str, str]
) -> None:
    first = await client.post("/v1/admin/projections/incidents/rebuild", headers=admin)
    second = await client.post("/v1/admin/projections/incidents/rebuild", headers=admin)
    # The first may already have finished on an empty log; if not, the second is a conflict.
    assert first.status_code == 202
    assert second.status_code in (202, 409)
    if second.status_code == 409:
        assert second.json()["type"].endswith("/rebuild-in-progress")
    catalog = ProjectionCatalog(store.pool)
    generations = await _eventually(
        lambda: catalog.generations("incidents"),
        lambda generations: all(g.state == "live" for g in generations),
    )
    assert [g.state for g in generations] == ["live"]


class _FactsVersion2(FactsProjection):
    version = FactsProjection.version + 1


async def test_a_bumped_version_rebuilds_itself_at_start(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scenario.record(client, admin, reporter)
    await live_position_reaches_head(store, "facts")
    before = await rows_of(store.pool, FactsProjection())
    listener = store.listener()
    await listener.start()
    workers = ProjectionWorkers(store, [_FactsVersion2()], listener)
    try:
        await workers.start()
        catalog = ProjectionCatalog(store.pool)
        live = await _eventually(
            lambda: catalog.live("facts"),
            lambda live: live is not None and live.version == _FactsVersion2.version,
        )
        assert live is not None
        assert (live.generation, live.version) == (2, _FactsVersion2.version)
        await live_position_reaches_head(store, "facts")
        assert await rows_of(store.pool, FactsProjection()) == before
    finally:
        await workers.stop()
        await listener.stop()


@pytest.fixture
async def recorded(
    client: AsyncTestClient[Litestar], admin: dict[str, str], reporter: dict[str, str]
) -> None:
    """The Idlib scenario, written through the API."""
    await scenario.record(client, admin, reporter)


def _facts_runners(_: EventStore) -> list[Projection]:
    # One instance for all three, as in one process: its memory of claims is shared.
    return [FactsProjection("racing")] * 3


def _incidents_runners(store: EventStore) -> list[Projection]:
    # One instance each, as in three processes: each remembers the states it saved, which
    # the other runners' batches then make old.
    return [IncidentsProjection(store, "racing") for _ in range(3)]


@pytest.mark.usefixtures("recorded")
@pytest.mark.parametrize(
    ("alone_of", "racing_of"),
    [
        (lambda _: FactsProjection("alone"), _facts_runners),
        (lambda store: IncidentsProjection(store, "alone"), _incidents_runners),
    ],
    ids=["facts", "incidents"],
)
async def test_runners_racing_on_one_generation_apply_each_event_once(
    store: EventStore,
    alone_of: Callable[[EventStore], Projection],
    racing_of: Callable[[EventStore], list[Projection]],
) -> None:
    """Each runner reads its next page ahead; a page read before a lost race is not applied."""
    catalog = ProjectionCatalog(store.pool)
    alone, racing = alone_of(store), racing_of(store)
    for projection in (alone, racing[0]):
        await ensure_live(catalog, projection)
    alone_live, racing_live = await catalog.live(alone.name), await catalog.live(racing[0].name)
    assert alone_live is not None
    assert racing_live is not None
    built_alone = await ProjectionRunner(store, catalog, alone).catch_up(alone_live)
    # Batches of different sizes: a runner that loses a race has read ahead from a cursor
    # the winner did not stop at.
    runners = [
        ProjectionRunner(store, catalog, projection, batch_size=size)
        for projection, size in zip(racing, (3, 4, 5), strict=True)
    ]
    await asyncio.gather(*(runner.catch_up(racing_live) for runner in runners))

    built_racing = await catalog.live(racing[0].name)
    assert built_racing is not None
    assert built_racing.events_applied == built_alone.events_applied > 3
    assert built_racing.cursor == built_alone.cursor
    assert await rows_of(store.pool, racing[0]) == await rows_of(store.pool, alone)


class _FailingIncidents(IncidentsProjection):
    """Fails once it has applied a few batches: a rebuild that breaks halfway."""

    def __init__(self, store: EventStore) -> None:
        super().__init__(store)
        self.batches = 0

    async def apply(self, *arguments: Any) -> None:
        self.batches += 1
        if self.batches > 2:  # a few batches in
            raise RuntimeError("the fold broke")
        await super().apply(*arguments)


class _StalledFacts(FactsProjection):
    """Stops on its second batch and waits until it is cancelled."""

    def __init__(self) -> None:
        super().__init__()
        self.batches = 0
        self.cancelled = False

    async def apply(self, *arguments: Any) -> None:
        self.batches += 1
        if self.batches > 1:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                self.cancelled = True
                raise
        await super().apply(*arguments)


@pytest.mark.usefixtures("recorded")
async def test_a_failure_in_one_pass_leaves_every_live_generation_serving(
    store: EventStore,
) -> None:
    catalog = ProjectionCatalog(store.pool)
    for projection in (FactsProjection(), IncidentsProjection(store)):
        await ensure_live(catalog, projection)
        live = await catalog.live(projection.name)
        assert live is not None
        await ProjectionRunner(store, catalog, projection).catch_up(live)
    before = await rows_of(store.pool, FactsProjection())
    stalled = _StalledFacts()
    runners = [
        ProjectionRunner(store, catalog, stalled, rebuild_batch_size=5),
        ProjectionRunner(store, catalog, _FailingIncidents(store), rebuild_batch_size=5),
    ]
    with pytest.raises(RuntimeError, match="the fold broke"):
        await rebuild_together(runners)
    assert stalled.cancelled
    # The other projection's fold and the reading were stopped, not left waiting.
    left = {t.get_coro().__qualname__ for t in asyncio.all_tasks() if not t.done()}  # type: ignore[union-attr]
    assert not left & {"ProjectionRunner.catch_up", "LogPass._read"}
    # Neither new generation went live, nor was kept; the first ones still serve.
    for name in ("facts", "incidents"):
        assert [(g.generation, g.state) for g in await catalog.generations(name)] == [(1, "live")]
    assert await rows_of(store.pool, FactsProjection()) == before


@pytest.mark.usefixtures("recorded")
async def test_one_pass_is_refused_while_one_of_its_projections_is_being_rebuilt(
    store: EventStore,
) -> None:
    catalog = ProjectionCatalog(store.pool)
    facts, incidents = FactsProjection(), IncidentsProjection(store)
    async with store.pool.connection() as holder:
        # What a rebuild of incidents running elsewhere holds.
        await holder.execute(
            "SELECT pg_advisory_lock(hashtext('ledger-rebuild'),"
            " hashtext(current_schema() || '.' || 'incidents'))"
        )
        with pytest.raises(RebuildInProgressError, match="incidents"):
            await rebuild_together(
                [ProjectionRunner(store, catalog, p) for p in (facts, incidents)]
            )
        # The lock it took on facts before it found incidents busy was let go.
        (built,) = await rebuild_together([ProjectionRunner(store, catalog, facts)])
        assert built.state == "live"
        await holder.execute(
            "SELECT pg_advisory_unlock(hashtext('ledger-rebuild'),"
            " hashtext(current_schema() || '.' || 'incidents'))"
        )
    assert [g.state for g in await catalog.generations("incidents")] in ([], ["live"])
