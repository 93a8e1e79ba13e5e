"""One hostile value never freezes a figure: out-of-range input is refused, and an event a
projection still cannot apply is set aside, listed, and every later event applied."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import msgspec
import psycopg_pool.base
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.domain.events import LedgerEvent
from ledger.domain.incidents import incident_stream
from ledger.domain.sources import source_stream
from ledger.domain.vocabulary import PlatformKind
from ledger.mapping import new_event
from ledger.projections.catalog import ProjectionCatalog
from ledger.projections.facts import FactsProjection
from ledger.projections.incidents import IncidentsProjection
from ledger.projections.rebuilds import rebuild_together
from ledger.projections.runner import ProjectionRunner
from ledger.store import EventStore, NewEvent, StreamState
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
            payloads.casualties(
                attribution=payloads.attribution(reported_at="0001-01-01T00:00:00Z")
            ),
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


async def test_an_incident_holding_an_unreadable_event_reads_takes_writes_and_tells_it(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    await _append_raw(
        store, incident_stream("inc-1"), payloads.casualties(killed=1) | {"killed": _KILLED}
    )
    unreadable_id = str((await store.read_stream(incident_stream("inc-1")))[-1].event_id)

    current = await client.get("/v1/incidents/inc-1", headers=reader)
    assert current.status_code == 200, current.text
    assert current.headers["etag"] == '"2"'  # the unreadable event keeps its place
    (left_out,) = current.json()["set_aside"]
    assert left_out["event_id"] == unreadable_id
    assert left_out["event_type"] == "casualties.reported"
    assert "cannot read casualties.reported" in left_out["error"]
    # A write that names the version it read goes in after it.
    written = await client.post(
        "/v1/incidents/inc-1/reports",
        json=payloads.casualties(killed=3),
        headers={**reporter, "If-Match": current.headers["etag"]},
    )
    assert written.status_code == 201, written.text
    position = (await store.read_stream(incident_stream("inc-1")))[-1].position
    past = await client.get(f"/v1/incidents/inc-1?as_of={position - 1}", headers=reader)
    assert past.status_code == 200, past.text
    assert len(past.json()["claims"]) == 1  # the founding report; the write came later
    assert [e["event_id"] for e in past.json()["set_aside"]] == [unreadable_id]
    history = await client.get("/v1/incidents/inc-1/history", headers=reader)
    assert history.status_code == 200, history.text
    revisions = history.json()["revisions"]
    assert [r["type"] for r in revisions] == [
        "incident.reported",
        "casualties.reported",
        "casualties.reported",
    ]
    assert [c["path"] for c in revisions[1]["changes"]] == [f"set_aside/{unreadable_id}"]
    listed = await client.get(
        "/v1/incidents", headers={**reader, "Ledger-Min-Position": written.json()["cursor"]}
    )
    assert listed.status_code == 200, listed.text
    assert [i["set_aside"][0]["event_id"] for i in listed.json()["items"]] == [unreadable_id]


async def test_an_incident_whose_founding_report_is_unreadable_answers_a_problem_not_500(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    founding = (await store.read_stream(incident_stream("inc-1")))[0]
    # What an earlier ledger accepted: an incident in year 10000 once in UTC.
    far = dict(
        founding.data, occurred=founding.data["occurred"] | {"end": "9999-12-31T23:00:00-14:00"}
    )
    await store.append(
        incident_stream("inc-far"),
        [NewEvent(type=founding.type, data=far | {"incident_id": "inc-far"})],
        StreamState.NO_STREAM,
    )
    for method, path, body in (
        ("GET", "/v1/incidents/inc-far", None),
        ("GET", "/v1/incidents/inc-far/history", None),
        ("POST", "/v1/incidents/inc-far/reports", payloads.casualties("inc-far")),
    ):
        headers = reader if method == "GET" else reporter
        response = await client.request(method, path, json=body, headers=headers)
        assert response.status_code == 409, response.text
        assert response.json()["type"].endswith("/stream-unreadable")
        assert "cannot read incident.reported" in response.json()["detail"]
    events = await client.get("/v1/incidents/inc-far/events", headers=reader)
    assert events.status_code == 200, events.text


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


async def _folded_and_rendered(
    client: AsyncTestClient[Litestar], store: EventStore, admin: dict[str, str], paths: list[str]
) -> None:
    """Both projections took every event, set none aside, and each of ``paths`` renders."""
    for name in ("facts", "incidents"):
        await live_position_reaches_head(store, name)
    assert (await client.get("/v1/admin/projections/poison", headers=admin)).json()["items"] == []
    for path in paths:
        response = await client.get(path, headers=admin)
        assert response.status_code == 200, f"{path}: {response.text}"


_MAX = 10_000_000_000
_FIRST, _LAST = "1800-01-01T14:00:00+14:00", "2199-12-31T09:59:59-14:00"


def _at_the_bounds(incident_id: str) -> list[dict[str, Any]]:
    """One report of each kind, every number and instant at the edge the domain accepts."""
    huge = {"low": _MAX, "best": _MAX, "high": _MAX}
    by = payloads.attribution(reported_at=_LAST, quote="x" * 2000)
    return [
        payloads.casualties(incident_id, attribution=by)
        | {"killed": huge, "wounded": huge, "captured": huge, "missing": huge},
        payloads.casualties(incident_id, party="syria", attribution=by)
        | {"killed": {"low": _MAX, "qualifier": "at_least"}},
        {
            "type": "equipment_loss.claimed",
            "incident_id": incident_id,
            "platform": "drone",
            "model": "m" * 500,
            "operator": "syria",
            "claimed_by": "turkey",
            "status": "destroyed",
            "crew_fate": "unknown",
            "quantity": 10_000,
            "attribution": by,
        },
        {
            "type": "forces.deployed",
            "incident_id": incident_id,
            "party": "turkey",
            "area": "a" * 500,
            "size": huge,
            "movement": "deploy",
            "attribution": by,
        },
        {
            "type": "civilians.displaced",
            "incident_id": incident_id,
            "area": "Idlib",
            "count": huge,
            "attribution": by,
        },
        {
            "type": "running_total.stated",
            "incident_id": incident_id,
            "party": "turkey",
            "measure": "killed",
            "period_start": _FIRST,
            "period_end": _LAST,
            "total": huge,
            "attribution": by,
        },
    ]


async def test_every_value_at_the_bounds_folds_in_every_projection_and_renders_in_every_view(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scene(client, admin, reporter)
    for incident_id, (start, end) in {
        "inc-early": (_FIRST, _FIRST),
        "inc-late": (_LAST, _LAST),
    }.items():
        occurred = {"start": start, "end": end, "precision": "exact"}
        body = payloads.incident(incident_id, occurred=occurred, summary="s" * 10_000)
        response = await client.post("/v1/incidents", json=body, headers=reporter)
        assert response.status_code == 201, response.text
        for _ in range(3):  # several incidents' worth summed in every view
            for report in _at_the_bounds(incident_id):
                response = await client.post(
                    f"/v1/incidents/{incident_id}/reports", json=report, headers=reporter
                )
                assert response.status_code == 201, response.text
    await _folded_and_rendered(
        client,
        store,
        admin,
        [
            "/v1/incidents",
            "/v1/incidents/inc-early",
            "/v1/incidents/inc-late/history",
            "/v1/views/losses",
            "/v1/views/losses?group_by=day",
            "/v1/views/losses?group_by=week",
            "/v1/views/losses?group_by=admin1",
            "/v1/views/equipment",
            "/v1/views/deployments",
            "/v1/views/reconciliation",
            "/v1/views/losses?group_by=month&format=csv",
            "/v1/views/reconciliation?format=csv",
            "/v1/events?limit=1000",
        ],
    )


_ZONES = st.integers(-14 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
# Hypothesis takes naive bounds and puts each drawn moment in a drawn zone.
_EARLIEST, _LATEST = datetime(1800, 1, 2), datetime(2199, 12, 30)  # noqa: DTZ001
_INSTANTS = st.datetimes(_EARLIEST, _LATEST, timezones=_ZONES).map(datetime.isoformat)
_MEASURES = ("killed", "wounded", "captured", "missing")
_SLUGS = st.from_regex(r"\A[a-z0-9][a-z0-9_.-]{0,63}\Z")


def _texts(longest: int) -> st.SearchStrategy[str]:
    # Any character but NUL and lone surrogates, which no JSON encoder sends as text.
    characters = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
    return st.text(characters, min_size=1, max_size=longest)


@st.composite
def _counts(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.integers(0, _MAX))
    high = draw(st.integers(low, _MAX))
    qualifier = draw(st.sampled_from(["exact", "approximately", "at_least", "vague", "at_most"]))
    if qualifier == "exact":
        return {"low": low, "best": low, "high": low, "qualifier": qualifier}
    count: dict[str, Any] = {"low": low, "high": high, "qualifier": qualifier}
    if draw(st.booleans()):
        count["best"] = draw(st.integers(low, high))
    if qualifier == "at_least" and draw(st.booleans()):
        del count["high"]
    return count


@st.composite
def _incidents(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    """An incident and reports on it, every value drawn from what the API accepts."""
    incident_id = f"inc-{uuid.uuid4().hex[:12]}"
    start = draw(_INSTANTS)
    occurred = {"start": start, "end": start, "precision": "exact", "as_stated": draw(_texts(80))}
    location = {"country": "SY", "precision": "province", "admin1": draw(_texts(200))}
    opening = payloads.incident(
        incident_id, occurred=occurred, location=location, title=draw(_texts(200))
    )
    by = payloads.attribution(reported_at=draw(_INSTANTS), quote=draw(_texts(300)))
    measures = draw(
        st.sets(st.sampled_from(["killed", "wounded", "captured", "missing"]), min_size=1)
    )
    casualties = payloads.casualties(incident_id, attribution=by, party=draw(_SLUGS)) | {
        measure: draw(_counts()) for measure in measures
    }
    equipment = {
        "type": "equipment_loss.claimed",
        "incident_id": incident_id,
        "platform": draw(st.sampled_from(list(PlatformKind))).value,
        "model": draw(_texts(200)),
        "operator": draw(_SLUGS),
        "claimed_by": draw(_SLUGS),
        "status": "destroyed",
        "crew_fate": "unknown",
        "quantity": draw(st.integers(1, 10_000)),
        "attribution": by,
    }
    reports = f"/v1/incidents/{incident_id}/reports"
    return [("/v1/incidents", opening), (reports, casualties), (reports, equipment)]


@pytest.fixture
def pool_jitter_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool draws its jitter from a generator of its own, not the process-wide one.

    The app under test runs in the client's portal thread, where the pool opens connections
    while Hypothesis draws the next example; Hypothesis refuses a draw during which the
    global ``random`` state moved.
    """
    monkeypatch.setattr(psycopg_pool.base, "random", random.Random().random)


@pytest.mark.usefixtures("pool_jitter_of_its_own")
@settings(
    max_examples=40,
    deadline=None,
    # Each example writes incidents of its own to the one ledger the fixtures set up.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(incidents=st.lists(_incidents(), min_size=1, max_size=3))
async def test_any_values_the_api_accepts_fold_everywhere_and_render_in_every_view(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
    incidents: list[list[tuple[str, dict[str, Any]]]],
) -> None:
    if not await store.stream_exists(source_stream("tr-mod")):
        await scene(client, admin, reporter)
    for writes in incidents:
        for path, body in writes:
            response = await client.post(path, json=body, headers=reporter)
            assert response.status_code == 201, response.text
    await _folded_and_rendered(
        client,
        store,
        admin,
        [
            "/v1/incidents?limit=200",
            "/v1/views/losses?group_by=day",
            "/v1/views/losses?group_by=week&format=csv",
            "/v1/views/equipment?format=csv",
            "/v1/views/reconciliation",
        ],
    )
