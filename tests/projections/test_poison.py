"""One hostile value never freezes a figure: out-of-range input is refused, and an event a
projection still cannot apply is set aside, listed, and every later event applied."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.domain.events import LedgerEvent
from ledger.domain.incidents import incident_stream
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.runner import ProjectionRunner, rebuild_together
from ledger.store import EventStore, NewEvent, StreamState
from ledger.store.codec import new_event
from tests.api import payloads
from tests.api.helpers import scene
from tests.projections.helpers import live_generation, live_position_reaches_head

_KILLED = {"low": 2**63, "best": 2**63, "high": 2**63}


@pytest.mark.parametrize(
    "refused",
    [
        ("/v1/incidents/inc-1/reports", payloads.casualties(killed=2**63)),
        ("/v1/incidents/inc-1/reports", payloads.casualties(killed=10_000_000_001)),
        (
            "/v1/incidents/inc-1/reports",
            payloads.casualties(attribution=payloads.attribution(reported_at="0001-01-01T00:00Z")),
        ),
        (
            "/v1/incidents",
            payloads.incident(
                "inc-far",
                occurred={
                    "start": "9999-12-31T23:00:00-14:00",
                    "end": "9999-12-31T23:00:00-14:00",
                    "precision": "exact",
                },
            ),
        ),
        ("/v1/incidents", payloads.incident("inc-nul", title="L-39\u0000 downed")),
    ],
    ids=["2^63", "over-max-count", "year-1", "beyond-year-9999", "nul-in-text"],
)
async def test_a_value_no_view_could_hold_is_refused_and_the_figures_go_on(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
    refused: tuple[str, dict[str, Any]],
) -> None:
    await scene(client, admin, reporter)
    path, body = refused
    response = await client.post(path, json=body, headers=reporter)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    receipt = (
        await client.post(
            "/v1/incidents/inc-1/reports", json=payloads.casualties(), headers=reporter
        )
    ).json()
    for view in ("/v1/views/losses", "/v1/incidents"):
        response = await client.get(
            view, headers={**reader, "Ledger-Min-Position": receipt["cursor"]}
        )
        assert response.status_code == 200, response.text


async def _append_raw(store: EventStore, stream_id: str, data: dict[str, Any]) -> None:
    """Append ``data`` as stored by code that took any number: the store checks no domain rule."""
    event = NewEvent(type=str(data.pop("type")), data=data)
    await store.append(stream_id, [event], StreamState.STREAM_EXISTS)


async def _append(store: EventStore, stream_id: str, data: dict[str, Any]) -> None:
    event = msgspec.convert(data, LedgerEvent)
    await store.append(stream_id, [new_event(event, principal="test")], StreamState.ANY)


async def test_an_event_no_projection_can_read_is_set_aside_and_later_ones_applied(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    stream = incident_stream("inc-1")
    # What an earlier ledger accepted: a count beyond every bigint column.
    await _append_raw(store, stream, payloads.casualties(killed=1) | {"killed": _KILLED})
    await _append(store, stream, payloads.casualties(killed=7, party="syria"))
    for name in ("facts", "incidents"):
        await live_position_reaches_head(store, name)
    losses = (await client.get("/v1/views/losses", headers=reader)).json()
    assert [(r["party"], r["measure"], r["best"]) for r in losses["rows"]] == [
        ("syria", "killed", 7)
    ]

    listed = await client.get("/v1/admin/projections/poison", headers=admin)
    assert listed.status_code == 200, listed.text
    poison = listed.json()["items"]
    assert sorted(p["projection"] for p in poison) == ["facts", "incidents"]
    assert {p["event_type"] for p in poison} == {"casualties.reported"}
    assert all("cannot read casualties.reported" in p["error"] for p in poison)
    status = (await client.get("/v1/admin/projections", headers=admin)).json()["items"]
    assert {s["name"]: s["generations"][-1]["poison_events"] for s in status} == {
        "incidents": 1,
        "facts": 1,
    }
    # A rebuild sets it aside again rather than failing.
    catalog = ProjectionCatalog(store.pool)
    rebuilt = await rebuild_together(
        [
            ProjectionRunner(store, catalog, p)
            for p in (FactsProjection(), IncidentsProjection(store))
        ]
    )
    assert [g.state for g in rebuilt] == ["live", "live"]
    assert (
        len((await client.get("/v1/admin/projections/poison", headers=admin)).json()["items"]) == 2
    )


class _FailsOnSeven(FactsProjection):
    """Fails on any batch with a report of seven killed: a value its tables cannot take."""

    async def apply(self, connection: Any, tables: Any, records: Any, move: Any = None) -> None:
        for record in records:
            killed = getattr(record.event, "killed", None)
            if killed is not None and killed.best == 7:
                raise OverflowError("seven does not fit")
        await super().apply(connection, tables, records, move)


async def test_an_event_a_projection_fails_on_alone_is_set_aside_in_a_batch(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    stream = incident_stream("inc-1")
    for killed in (3, 7, 9):
        await _append(store, stream, payloads.casualties(killed=killed, party=f"p{killed}"))
    catalog = ProjectionCatalog(store.pool)
    projection = _FailsOnSeven("facts_seven")
    live = await live_generation(catalog, projection)
    caught_up = await ProjectionRunner(store, catalog, projection, batch_size=500).catch_up(live)
    assert caught_up.cursor == await store.head()
    async with store.pool.connection() as connection:
        cursor = await connection.execute(
            f'SELECT party FROM "{projection.table_names(live.generation)["losses"]}"'  # noqa: S608
            " ORDER BY party"
        )
        assert [row[0] for row in await cursor.fetchall()] == ["p3", "p9"]
        cursor = await connection.execute(
            "SELECT error FROM projection_poison WHERE name = 'facts_seven'"
        )
        assert [row[0] for row in await cursor.fetchall()] == ["OverflowError: seven does not fit"]
