"""The console in a real headless Chromium, against ``ledger serve``, on the Idlib scenario.

Chromium is Debian's (``apt-get install chromium``, as ``.ci/run`` does), driven by
Playwright. Every page must load with no console error and no request leaving the
ledger's own address. Set ``LEDGER_RECORD_SCREENSHOTS=1`` to write the pages' screenshots
into docs/console/ (docs/console.md shows them); otherwise they go to a scratch folder.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Final

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.conftest import REPOSITORY
from tests.e2e import idlib_scenario as scenario
from tests.e2e.serving import serving

Headers = dict[str, str]
_SIZES: Final = {"desktop": (1280, 800), "phone": (390, 844)}
_CHROMIUM: Final = shutil.which("chromium") or shutil.which("chromium-browser")
_AXE: Final = (Path(__file__).parent / "axe" / "axe.min.js").read_text()
"""axe-core, vendored from npm by vendor/build.py (MPL-2.0, axe/LICENSE)."""
_AXE_RULES: Final = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    assert _CHROMIUM, "Chromium is missing: apt-get install -y chromium (.ci/run does)"
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=_CHROMIUM, args=["--no-sandbox"]
        )
        try:
            yield launched
        finally:
            await launched.close()


class Watched:
    """A page whose console errors and off-site requests are kept."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.off_site: list[str] = []
        self.inaccessible: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith(base_url) else self.off_site.append(r.url),
        )


def _shots(tmp_path: Path) -> Path:
    folder = (
        REPOSITORY / "docs" / "console"
        if os.environ.get("LEDGER_RECORD_SCREENSHOTS")
        else tmp_path / "screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def _violations(page: Page) -> list[str]:
    """What axe-core finds wrong on the page (contrast, names, keyboard reach, landmarks)."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.evaluate(_AXE + ";0")
    found = await page.evaluate(
        "async rules => (await axe.run(document, {runOnly: {type: 'tag', values: rules}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        _AXE_RULES,
    )
    return [f"{page.url}: {violation}" for violation in found]


async def _shoot(watched: Watched, folder: Path, name: str) -> None:
    """Screenshots at each size, and the page's accessibility checked at each."""
    page = watched.page
    for size, (width, height) in _SIZES.items():
        await page.set_viewport_size({"width": width, "height": height})
        await page.screenshot(path=str(folder / f"{name}-{size}.png"))
        watched.inaccessible += [f"{size} {v}" for v in await _violations(page)]
    await page.set_viewport_size({"width": 1280, "height": 800})


async def _seed(
    base_url: str, admin: Headers, reporter: Headers, reader: Headers
) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        await scenario.record(client, admin, reporter)  # type: ignore[arg-type]
        receipts = [
            r
            async for r in scenario.later_writes(client, admin, reporter, reader)  # type: ignore[arg-type]
        ]
    return next(r for r in receipts if r["events"][0]["type"] == "claim.corrected")


async def _map_and_figures(watched: Watched, base_url: str, shots: Path, reader: Headers) -> None:
    """The map, the losses charts, a figure's evidence and an equipment total's, now."""
    page = watched.page
    await page.goto(f"{base_url}/console/map")
    assert await page.locator("figure.map svg circle.mark").count() == 2
    assert "placed by Idlib (province)" in await page.inner_html("figure.map")
    await _shoot(watched, shots, "map-now")
    await page.goto(f"{base_url}/console/losses?party=turkey")
    assert await page.locator("figure.chart svg").count() >= 1
    await _shoot(watched, shots, "losses-now")
    await _signed(base_url, reader)
    await page.click("a[href^='/console/losses/evidence']")
    await page.wait_for_load_state()
    assert "(a claim counted)" in await page.inner_text("main")
    await _shoot(watched, shots, "evidence")
    await page.goto(f"{base_url}/console/losses?party=turkey")
    await page.click("a[href^='/console/equipment/evidence']")
    await page.wait_for_load_state()
    assert "turkey · drone · destroyed" in await page.inner_text("main")
    assert "(a claim counted)" in await page.inner_text("main")
    await _shoot(watched, shots, "equipment-evidence")


async def _live(watched: Watched, base_url: str, shots: Path, reporter: Headers) -> None:
    """A report filed while the incidents page is open appears on it without a reload."""
    page = watched.page
    await page.goto(f"{base_url}/console/")
    drawn_at = int(await page.inner_text("#log-position"))
    live = page.locator("#live li")
    await _report_later_drone(base_url, reporter)
    await live.first.wait_for(timeout=10_000)  # no reload: the stream brings it
    assert "A second drone downed near Saraqib" in await page.inner_text("#live")
    assert int(await page.inner_text("#log-position")) > drawn_at
    await _shoot(watched, shots, "live")


async def _report_later_drone(base_url: str, reporter: Headers) -> None:
    """A report filed while an analyst has the console open."""
    later = scenario.INCIDENTS[1] | {
        "incident_id": "idlib-second-drone-2020-03-03",
        "title": "A second drone downed near Saraqib",
    }
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        answer = await client.post("/v1/incidents", json=later, headers=reporter)
        assert answer.status_code == 201, answer.text


async def _signed(base_url: str, reader: Headers) -> None:
    """Wait until every event behind the losses is in a signed checkpoint."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        for _ in range(200):
            params = {"party": "turkey", "evidence": "true"}
            answer = await client.get("/v1/views/losses", params=params, headers=reader)
            if answer.status_code == 200:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("the losses' events were never signed")


async def test_the_console_in_chromium_shows_the_seed_and_what_was_known_when(  # noqa: PLR0913, PLR0917
    browser: Browser,
    database_url: str,
    schema: str,
    admin: Headers,
    reporter: Headers,
    reader: Headers,
    tmp_path: Path,
) -> None:
    shots = _shots(tmp_path)
    settings = {"LEDGER_CHECKPOINT_SECONDS": "0.05"}
    with serving(database_url, schema, tmp_path / "serve.log", settings) as base_url:
        corrected = await _seed(base_url, admin, reporter, reader)
        context = await browser.new_context(viewport={"width": 1280, "height": 800})
        watched = Watched(await context.new_page(), base_url)
        page = watched.page

        await page.goto(f"{base_url}/console/")
        assert page.url.endswith("/console/login")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == "Skip to the content"
        await _shoot(watched, shots, "login")
        await page.fill("#key", reader["X-API-Key"])
        await page.click("button[type=submit]")
        await page.wait_for_url(f"{base_url}/console")
        assert "Timeline, by local day" in await page.inner_text("main")
        await _shoot(watched, shots, "incidents")

        await page.click(f"a[href^='/console/incidents/{scenario.SUNDAY}']")
        await page.wait_for_load_state()
        claims = await page.inner_text(".claims")
        assert "Corrected by" in claims
        await _shoot(watched, shots, "incident")

        before = corrected["events"][0]["position"] - 1
        await page.fill("#as_of", str(before))
        await page.click(".moment button[type=submit]")
        await page.wait_for_load_state()
        assert f"as_of={before}" in page.url  # the URL carries the moment: it can be cited
        assert "Corrected by" not in await page.inner_text(".claims")

        for name in ("map", "losses", "reconciliation", "sources"):
            await page.click(f"header nav a[href^='/console/{name}']")
            await page.wait_for_load_state()
            assert f"as_of={before}" in page.url  # the moment follows every link
            await _shoot(watched, shots, name)
        await _map_and_figures(watched, base_url, shots, reader)

        await _live(watched, base_url, shots, reporter)

        assert watched.errors == []
        # The browser reports the 404 it was sent to see: the one error expected.
        await page.goto(f"{base_url}/console/incidents/no-such-incident")
        assert "There is no incident" in await page.inner_text("main")
        assert [e for e in watched.errors if "404" not in e] == []
        await _shoot(watched, shots, "not-found")
        await context.close()
    assert watched.off_site == []
    assert watched.inaccessible == [], "\n".join(watched.inaccessible)
