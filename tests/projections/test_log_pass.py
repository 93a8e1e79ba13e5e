"""One pass over the log shared by several runners: every page to each, in order, once."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from ledger.mapping import RecordPage
from ledger.projections.log_pass import LogPass
from ledger.store import START_OF_LOG, EventStore, InvalidReadError
from tests.e2e import idlib_scenario as scenario


async def test_every_reader_gets_every_page_in_order(
    client: AsyncTestClient[Litestar],
    store: EventStore,
    admin: dict[str, str],
    reporter: dict[str, str],
) -> None:
    await scenario.record(client, admin, reporter)
    async with LogPass(store, ["source.registered"], START_OF_LOG, readers=2, batch_size=2) as log:

        async def read(reader: int) -> list[RecordPage]:
            return [page async for page in log.pages(reader)]

        # Side by side: a reader more than two pages behind holds the reading back.
        first, second = await asyncio.gather(read(0), read(1))
    assert first == second
    assert [len(page.records) for page in first][:-1] == [2] * (len(first) - 1)
    assert not first[-1].full
    assert all(page.next_cursor == after.after for page, after in itertools.pairwise(first))
    sources = [r.event for page in first for r in page.records]
    assert len(sources) == len(scenario.SOURCES)
    assert all(type(event).__name__ == "SourceRegistered" for event in sources)


async def test_a_reading_that_fails_fails_every_reader(store: EventStore) -> None:
    # A page size the store refuses: the reading stops at its first page.
    async with LogPass(store, ["source.registered"], START_OF_LOG, readers=2, batch_size=0) as log:
        for reader in (0, 1):
            with pytest.raises(InvalidReadError, match="limit"):
                pages: list[RecordPage] = [page async for page in log.pages(reader)]
                assert not pages
