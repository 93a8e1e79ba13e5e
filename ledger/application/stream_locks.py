"""One process's writers to a stream take turns instead of racing each other.

Appends to one stream are serialised by its row lock in the database anyway. Writers in the
same process that race for it lose to each other's version checks and retry; a newcomer
deciding on a freshly cached state can beat a loser that must re-read first, again and again,
until the loser gives up. Queued in arrival order instead, each decides once on the state its
predecessor left. Writers in other processes are still caught by the version check.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class StreamLocks:
    """First-come, first-served locks by stream id, kept only while someone holds or waits."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, stream_id: str) -> AsyncIterator[None]:
        """Wait for the stream's turn and keep it until the block ends."""
        lock, users = self._locks.get(stream_id) or (asyncio.Lock(), 0)
        self._locks[stream_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[stream_id]
            if users == 1:
                del self._locks[stream_id]
            else:
                self._locks[stream_id] = (lock, users - 1)

    def __len__(self) -> int:
        """How many streams someone holds or waits for."""
        return len(self._locks)
