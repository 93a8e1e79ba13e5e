"""The views as of a past position or instant equal what the ledger showed then.

After the seed scenario, each further write changes a figure in its own way: a second source
on an incident, a source regraded, a duplicate incident entered and merged, a claim corrected,
a claim retracted. After each write the test reads every view as it is; at the end it asks
for each view as of each of those moments and must get the same answers.
"""

from __future__ import annotations

import itertools
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.store import START_OF_LOG, GlobalCursor
from tests.e2e import idlib_scenario as scenario

_VIEWS = {
    "losses": {},
    "losses in February": {
        "party": "turkey",
        "measure": "killed",
        "occurred_from": "2020-02-01T00:00:00Z",
        "occurred_to": "2020-03-01T00:00:00Z",
    },
    "losses by day": {"group_by": "day"},
    "equipment": {},
    "deployments": {},
    "reconciliation": {},
    "incidents": {},
    "incidents contested": {"contested": "true", "limit": "3"},
}


def _path(name: str) -> str:
    view = name.split(maxsplit=1)[0]
    return "/v1/incidents" if view == "incidents" else f"/v1/views/{view}"


async def _views_now(
    client: AsyncTestClient[Litestar], reader: dict[str, str], receipt: dict[str, Any]
) -> tuple[dict[str, Any], set[str]]:
    waiting = {**reader, "Ledger-Min-Position": receipt["cursor"]}
    shown, positions = {}, set()
    for name, params in _VIEWS.items():
        response = await client.get(_path(name), params=params, headers=waiting)
        assert response.status_code == 200, response.text
        shown[name] = response.json()
        positions.add(response.headers["Ledger-Position"])
    return shown, positions


async def _views_as_of(
    client: AsyncTestClient[Litestar], reader: dict[str, str], as_of: str
) -> tuple[dict[str, Any], set[str]]:
    shown, positions = {}, set()
    for name, params in _VIEWS.items():
        response = await client.get(_path(name), params={**params, "as_of": as_of}, headers=reader)
        assert response.status_code == 200, response.text
        shown[name] = response.json()
        positions.add(response.headers["Ledger-Position"])
    return shown, positions


async def test_every_view_as_of_a_past_moment_is_what_it_showed_then(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    recorded = await scenario.record(client, admin, reporter)
    moments = [(recorded, await _views_now(client, reader, recorded))]
    moments += [
        (receipt, await _views_now(client, reader, receipt))
        async for receipt in scenario.later_writes(client, admin, reporter, reader)
    ]

    # Each write moved some figure: otherwise this test would prove little.
    for (_, (before, _)), (_, (after, _)) in itertools.pairwise(moments):
        assert before != after
    for receipt, (shown, shown_at) in moments:
        # A merge writes to both incidents in one transaction, after the receipt's event.
        [at] = shown_at
        assert GlobalCursor.decode(at) >= GlobalCursor.decode(receipt["cursor"])
        position = str(receipt["events"][-1]["position"])
        by_position, reflected = await _views_as_of(client, reader, position)
        assert by_position == shown, f"as of position {position}"
        assert reflected == shown_at
        by_instant, _ = await _views_as_of(client, reader, receipt["recorded_at"])
        assert by_instant == shown, f"as of {receipt['recorded_at']}"


async def test_a_figure_as_known_then_over_an_occurred_range(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    """Turkish military killed in February 2020, as known before and after a revision."""
    recorded = await scenario.record(client, admin, reporter)
    revision = await anext(scenario.later_writes(client, admin, reporter, reader))
    february = _VIEWS["losses in February"]

    async def killed(as_of: str) -> list[tuple[int, int, int | None]]:
        response = await client.get(
            "/v1/views/losses", params={**february, "as_of": as_of}, headers=reader
        )
        assert response.status_code == 200, response.text
        return [(r["low"], r["best"], r["high"]) for r in response.json()["rows"]]

    assert await killed(recorded["recorded_at"]) == [(33, 33, 33)]
    # AP's 33 to 36, most likely 35, outranks nothing yet: the ministry is grade C, AP B.
    assert await killed(str(revision["events"][-1]["position"])) == [(33, 35, 36)]
    assert await killed("2000-01-01T00:00:00Z") == []


async def test_as_of_before_the_first_event_and_beyond_the_last(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    reader: dict[str, str],
) -> None:
    recorded = await scenario.record(client, admin, reporter)
    now, now_at = await _views_now(client, reader, recorded)
    early = await client.get("/v1/views/losses", params={"as_of": "0"}, headers=reader)
    assert early.status_code == 200
    assert early.json() == {"rows": []}
    assert GlobalCursor.decode(early.headers["Ledger-Position"]) == START_OF_LOG
    late, reflected = await _views_as_of(client, reader, "9000000000000")
    assert late == now
    assert reflected == now_at


async def test_an_as_of_that_is_neither_position_nor_instant_is_refused(
    client: AsyncTestClient[Litestar], reader: dict[str, str]
) -> None:
    for bad in ("yesterday", "2020-03-01T12:00:00", "-5", "1.5"):
        for name in ("losses", "equipment", "deployments", "reconciliation", "incidents"):
            response = await client.get(_path(name), params={"as_of": bad}, headers=reader)
            assert response.status_code == 400, (name, bad)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["type"].endswith("/invalid-as-of")
