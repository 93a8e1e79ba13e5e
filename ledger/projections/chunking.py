"""How many events one projection transaction takes: as many as keep it short.

Readers of the log see no commit made after the oldest transaction still open on the
server (docs/architecture.md, "Gap-free global order"), so a projection's transaction that
stays open for seconds hides every write acknowledged meanwhile from every reader, its own
runner included. Each transaction is sized from how long the ones before it took per event,
aiming at ``TARGET_SECONDS``, and ends on a transaction of the log: losses are counted at
the end of each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ledger.domain.records import EventRecord

TARGET_SECONDS: Final = 0.2
_FIRST_SIZE: Final = 500


class Chunking:
    """The size of the next transaction, learnt from the last one."""

    def __init__(self, most: int, target_seconds: float = TARGET_SECONDS) -> None:
        self._most = most
        self._target = target_seconds
        self.size = min(most, _FIRST_SIZE)

    def end(self, records: Sequence[EventRecord], start: int) -> int:
        """Where the transaction starting at ``records[start]`` ends (exclusive).

        At most ``size`` events, cut after the last log transaction that fits whole; a log
        transaction larger than ``size`` is taken whole.
        """
        end = min(len(records), start + self.size)
        if end == len(records):
            return end
        cut = end
        while cut > start + 1 and records[cut - 1].transaction_id == records[cut].transaction_id:
            cut -= 1
        if cut > start + 1 or records[start].transaction_id != records[start + 1].transaction_id:
            return cut
        # One log transaction longer than the size: take it whole.
        first = records[start].transaction_id
        while end < len(records) and records[end].transaction_id == first:
            end += 1
        return end

    def took(self, events: int, seconds: float) -> None:
        """Learn from a transaction of ``events`` that took ``seconds``."""
        if events == 0:
            return
        if seconds > self._target:
            self.size = max(1, int(events * self._target / seconds * 0.8))
        elif seconds < self._target / 2 and events >= self.size:
            self.size = min(self._most, self.size * 2)
