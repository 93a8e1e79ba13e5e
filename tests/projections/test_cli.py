"""``ledger projections rebuild`` and ``status`` as an operator runs them."""

from __future__ import annotations

import asyncio
import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.projections.facts import FactsProjection
from tests.commands import run_ledger
from tests.e2e import idlib_scenario as scenario


async def test_rebuild_shows_progress_then_status_shows_the_new_generation(
    client: AsyncTestClient[Litestar],
    admin: dict[str, str],
    reporter: dict[str, str],
    database_url: str,
    schema: str,
) -> None:
    await scenario.record(client, admin, reporter)
    env = {"LEDGER_DATABASE_URL": database_url, "LEDGER_DATABASE_SCHEMA": schema}
    rebuilt = await asyncio.to_thread(run_ledger, env, "projections", "rebuild", "facts")
    assert rebuilt.returncode == 0, rebuilt.stderr
    events = scenario.EVENTS_RECORDED
    # Off a terminal the bar is printed once, at its end.
    assert re.search(
        rf"\[#{{30}}\] {events}/{events} events +\d+ events/s +0s left", rebuilt.stderr
    )
    assert f"facts: generation 2 is live ({events} events applied)" in rebuilt.stderr

    status = await asyncio.to_thread(run_ledger, env, "projections", "status")
    assert status.returncode == 0, status.stderr
    assert f"facts (version {FactsProjection.version}): live" in status.stdout
    assert re.search(r"generation 2 +live +applied \d+ +lag 0", status.stdout)

    # With no name, every projection is rebuilt, in one pass over the log.
    every = await asyncio.to_thread(run_ledger, env, "projections", "rebuild")
    assert every.returncode == 0, every.stderr
    assert f"facts: generation 3 is live ({events} events applied)" in every.stderr
    assert re.search(r"incidents: generation 2 is live \(\d+ events applied\)", every.stderr)

    unknown = await asyncio.to_thread(run_ledger, env, "projections", "rebuild", "nonesuch")
    assert unknown.returncode != 0
    assert "no projection 'nonesuch'" in unknown.stderr
