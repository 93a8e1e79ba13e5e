"""The console's pages over HTTP: the session, the seed's figures, as-of, error pages."""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.verifier import check_evidence, parse_verifier_key
from tests.conftest import ClientFactory
from tests.e2e import idlib_scenario as scenario

Headers = dict[str, str]


async def _seeded(
    client: AsyncTestClient[Litestar], admin: Headers, reporter: Headers, reader: Headers
) -> dict[str, Any]:
    """The Idlib scenario, every later write included; the correction's receipt."""
    await scenario.record(client, admin, reporter)
    receipts = [r async for r in scenario.later_writes(client, admin, reporter, reader)]
    return next(r for r in receipts if r["events"][0]["type"] == "claim.corrected")


async def _once_signed(client: AsyncTestClient[Litestar], path: str) -> Any:
    """An evidence page, once every event behind it is in a signed checkpoint.

    The views may still be catching up on the scenario's last writes: a later read can rest
    on events the checkpoint a former one saw does not hold yet.
    """
    for _ in range(200):
        page = await client.get(path)
        if page.status_code != 503:
            break
        await asyncio.sleep(0.05)
    return page


async def test_the_console_needs_a_key_kept_in_an_httponly_strict_cookie(
    client: AsyncTestClient[Litestar], reader: Headers
) -> None:
    for path in ("/console/", "/console/live", "/console/map"):
        away = await client.get(path, follow_redirects=False)
        assert (away.status_code, away.headers["location"]) == (303, "/console/login")
    wrong = await client.post("/console/login", data={"key": "not-a-key"})
    assert wrong.status_code == 401
    assert "That key is not valid." in wrong.text
    signed_in = await client.post(
        "/console/login", data={"key": reader["X-API-Key"]}, follow_redirects=False
    )
    assert (signed_in.status_code, signed_in.headers["location"]) == (303, "/console")
    cookie = signed_in.headers["set-cookie"].lower()
    assert all(part in cookie for part in ("httponly", "samesite=strict", "path=/console"))
    assert reader["X-API-Key"] not in signed_in.headers["location"]
    page = await client.get("/console/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    out = await client.post("/console/logout", follow_redirects=False)
    assert out.status_code == 303
    assert (await client.get("/console/", follow_redirects=False)).status_code == 303


async def test_pages_show_the_seed_and_what_was_known_before_a_correction(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(anonymous_reads=True) as client:
        corrected = await _seeded(client, admin, reporter, reader)
        listed = await client.get("/console/")
        assert listed.status_code == 200, listed.text
        assert "Timeline, by local day" in listed.text
        assert "Sun 01 Mar 2020" in listed.text  # the jets downed on the Sunday, local day
        now = await client.get(f"/console/incidents/{scenario.SUNDAY}")
        assert now.status_code == 200, now.text
        assert "Corrected by" in now.text
        before = corrected["events"][0]["position"] - 1
        then = await client.get(
            f"/console/incidents/{scenario.SUNDAY}", params={"as_of": str(before)}
        )
        assert then.status_code == 200, then.text
        assert "Corrected by" not in then.text
        assert f"as the ledger stood at {before}" in then.text

        missing = await client.get("/console/incidents/no-such-incident")
        assert missing.status_code == 404
        assert "There is no incident" in missing.text
        assert missing.headers["content-type"].startswith("text/html")
        malformed = await client.get("/console/", params={"as_of": "last tuesday"})
        assert malformed.status_code == 400
        assert "as_of is neither a position nor an instant" in malformed.text
        assert "Traceback" not in malformed.text


async def test_the_figures_and_sources_pages_show_the_seed(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(anonymous_reads=True) as client:
        corrected = await _seeded(client, admin, reporter, reader)
        losses = await client.get("/console/losses", params={"party": "turkey"})
        assert losses.status_code == 200, losses.text
        assert "turkey · military · killed" in losses.text
        assert "<svg" in losses.text
        assert "2020-02-27" in losses.text  # the airstrike's local day
        weekly = await client.get("/console/losses", params={"by": "week"})
        assert weekly.status_code == 200, weekly.text
        reconciled = await client.get("/console/reconciliation")
        assert reconciled.status_code == 200, reconciled.text
        assert "/console/incidents/" in reconciled.text
        sources = await client.get("/console/sources")
        assert sources.status_code == 200, sources.text
        assert "/console/sources/tr-mod" in sources.text
        regraded = await client.get("/console/sources/tr-mod")
        assert regraded.status_code == 200, regraded.text
        assert "figures confirmed by funerals" in regraded.text
        assert "Claims it made" in regraded.text
        assert f'href="/console/incidents/{scenario.AIRSTRIKE}"' in regraded.text
        assert "casualties.reported" in regraded.text
        # The rumour feed's one claim was withdrawn right after the correction.
        withdrawn = await client.get("/console/sources/rumour-feed")
        assert "No claim of it stands." in withdrawn.text
        before = {"as_of": str(corrected["events"][0]["position"])}
        standing = await client.get("/console/sources/rumour-feed", params=before)
        assert standing.status_code == 200, standing.text
        assert f'href="/console/incidents/{scenario.L39}?as_of=' in standing.text
        missing = await client.get("/console/sources/no-such-source")
        assert missing.status_code == 404
        assert "There is no source" in missing.text
        wrong = await client.get("/console/losses", params={"by": "year"})
        assert wrong.status_code == 400
        assert wrong.headers["content-type"].startswith("text/html")


async def test_pages_read_as_the_sources_had_told_it(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(anonymous_reads=True) as client:
        await _seeded(client, admin, reporter, reader)
        now = await client.get(f"/console/incidents/{scenario.L39}")
        assert "Retracted by rumour-feed" in now.text
        # The channel withdrew its rumour on 4 March, 08:00: before then it still stood.
        moment = {"reported_by": "2020-03-04T00:00:00Z"}
        then = await client.get(f"/console/incidents/{scenario.L39}", params=moment)
        assert then.status_code == 200, then.text
        assert "Retracted by" not in then.text
        assert "as sources had told it by 2020-03-04T00:00:00Z" in then.text
        assert "?reported_by=2020-03-04T00%3A00%3A00Z" in then.text  # links carry it on
        losses = await client.get("/console/losses", params=moment)
        assert losses.status_code == 200, losses.text
        wrong = await client.get("/console/losses", params={"reported_by": "4 March"})
        assert wrong.status_code == 400
        assert "reported_by is not an instant" in wrong.text


async def test_a_figures_evidence_is_one_click_away_and_checks_offline(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(anonymous_reads=True, checkpoint_seconds=0.05) as client:
        await _seeded(client, admin, reporter, reader)
        losses = await client.get("/console/losses", params={"party": "turkey"})
        assert "/console/losses/evidence?party=turkey" in losses.text
        page = await _once_signed(client, "/console/losses/evidence?party=turkey")
        assert page.status_code == 200, page.text
        assert "(a claim counted)" in page.text
        assert "python verifier.py evidence FILE --key KEY" in page.text
        file = await _once_signed(client, "/console/losses/evidence.json?party=turkey")
        assert file.status_code == 200, file.text
        assert "attachment" in file.headers["content-disposition"]
        keys = [parse_verifier_key(k) for k in (await client.get("/v1/ledger/keys")).json()["log"]]
        assert check_evidence(file.json(), keys).size >= 1
        script = await client.get("/console/verifier.py")
        assert script.status_code == 200
        assert "def check_evidence" in script.text
        one = re.search(
            r'href="(/console/losses/evidence\?[^"]*period=([0-9-]+)[^"]*)"', losses.text
        )
        assert one is not None, "each point of a chart links to its own evidence"
        figure = await _once_signed(client, html.unescape(one[1]))
        assert figure.status_code == 200, figure.text
        assert figure.text.count('<section class="evidence"') == 1
        assert f"{one[2]} · turkey · military" in figure.text
        proven = await _once_signed(
            client, html.unescape(one[1]).replace("evidence?", "evidence.json?")
        )
        assert len(proven.json()["rows"]) == 1
        assert check_evidence(proven.json(), keys).size >= 1
        by_sources = await client.get(
            "/console/losses/evidence", params={"reported_by": "2020-03-04T00:00:00Z"}
        )
        assert by_sources.status_code == 422
        assert "No evidence for losses as sources had told them" in by_sources.text


async def test_an_equipment_totals_objects_and_their_events_are_one_click_away(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(anonymous_reads=True, checkpoint_seconds=0.05) as client:
        await _seeded(client, admin, reporter, reader)
        losses = await client.get("/console/losses", params={"party": "syria"})
        link = re.search(r'href="(/console/equipment/evidence\?[^"]*)"', losses.text)
        assert link is not None, "each equipment total links to its objects"
        page = await _once_signed(client, html.unescape(link[1]))
        assert page.status_code == 200, page.text
        assert "syria · fixed_wing · destroyed" in page.text
        assert "(a claim counted)" in page.text
        assert page.text.count('<section class="evidence"') >= 1
        file = await _once_signed(
            client, html.unescape(link[1]).replace("evidence?", "evidence.json?")
        )
        assert file.status_code == 200, file.text
        proven = file.json()
        assert proven["items"], proven
        assert all(item["platform"] == "fixed_wing" for item in proven["items"])
        keys = [parse_verifier_key(k) for k in (await client.get("/v1/ledger/keys")).json()["log"]]
        assert check_evidence(proven, keys).size >= 1
        none = await client.get(
            "/console/equipment/evidence",
            params={"operator": "syria", "platform": "submarine", "status": "destroyed"},
        )
        assert none.status_code == 200, none.text
        assert "No such equipment is recorded." in none.text
        missing = await client.get("/console/equipment/evidence", params={"operator": "syria"})
        assert missing.status_code == 400


async def test_the_map_places_each_incident_as_precisely_as_its_sources_did(
    client_with: ClientFactory, admin: Headers, reporter: Headers, reader: Headers
) -> None:
    async with client_with(anonymous_reads=True) as client:
        await _seeded(client, admin, reporter, reader)
        page = await client.get("/console/map")
        assert page.status_code == 200, page.text
        assert ">Syria</text>" in page.text  # the country's name on its shape
        assert 'class="country"' in page.text
        marks = {
            kind: float(radius)
            for kind, radius in re.findall(
                r'class="mark (\w+)" cx="[-0-9.]+" cy="[-0-9.]+" r="([0-9.]+)"', page.text
            )
        }
        # The L-39 came down at coordinates, near a town; the rest only "in Idlib".
        assert set(marks) == {"near", "province"}
        assert marks["near"] < marks["province"]
        assert "placed by coordinates (near)" in page.text
        assert "placed by Idlib (province)" in page.text
        assert f'href="/console/incidents/{scenario.L39}"' in page.text
        before = await client.get("/console/map", params={"as_of": "1"})
        assert before.status_code == 200
        assert "No incidents were recorded by then" in before.text
