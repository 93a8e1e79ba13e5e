"""One pass over the log, read and decoded once for runners folding it side by side."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Final, Self

from ledger.mapping import RecordPage, read_record_page
from ledger.store import EventStore, GlobalCursor

_PAGES_AHEAD: Final = 2


class LogPass:
    """One pass over the log from ``after``, page by page, for runners folding side by side.

    Each page is read and decoded once, while the runners fold the pages before it. A
    runner more than ``_PAGES_AHEAD`` pages behind holds the reading back, which bounds the
    memory the pass takes. Reading starts on entering the context and stops on leaving it;
    each runner iterates its own ``pages``, which raise what stopped the reading, if
    anything did before their end.
    """

    def __init__(
        self,
        store: EventStore,
        event_types: Iterable[str],
        after: GlobalCursor,
        *,
        readers: int,
        batch_size: int,
    ) -> None:
        self._store = store
        self._event_types = sorted(set(event_types))
        self._after = after
        self._batch_size = batch_size
        self._queues: list[asyncio.Queue[RecordPage | None]] = [
            asyncio.Queue(_PAGES_AHEAD) for _ in range(readers)
        ]
        self._reading: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        """Start reading."""
        self._reading = asyncio.create_task(self._read(), name="ledger-log-pass")
        return self

    async def __aexit__(self, *_: object) -> None:
        """Stop reading, wherever it got to."""
        if self._reading is not None:
            # Also when a runner stopped early: the reading may wait for it to take a page.
            # A failure of the reading is the pages' to raise, to the runners that read on.
            self._reading.cancel()
            await asyncio.gather(self._reading, return_exceptions=True)

    async def _read(self) -> None:
        after = self._after
        while True:
            page = await read_record_page(
                self._store, after, limit=self._batch_size, event_types=self._event_types
            )
            for queue in self._queues:
                await queue.put(page)
            if not page.full:
                break
            after = page.next_cursor
        for queue in self._queues:
            await queue.put(None)

    async def pages(self, reader: int) -> AsyncIterator[RecordPage]:
        """The pages for reader number ``reader``, in log order."""
        queue = self._queues[reader]
        while (page := await self._next(queue)) is not None:
            yield page

    async def _next(self, queue: asyncio.Queue[RecordPage | None]) -> RecordPage | None:
        if not queue.empty():
            return queue.get_nowait()
        reading = self._reading
        if reading is None:
            raise RuntimeError("the pass over the log has not started")
        getting = asyncio.ensure_future(queue.get())
        try:
            await asyncio.wait({getting, reading}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            got = getting.done()
            if not got:
                getting.cancel()
        if got:
            return getting.result()
        # The reading ended without handing this reader its last page: it failed.
        failure = None if reading.cancelled() else reading.exception()
        raise failure or RuntimeError("the pass over the log stopped before its end")
