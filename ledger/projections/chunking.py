"""How many events one projection transaction takes: as many as keep it short.

Readers of the log see no commit made after the oldest transaction still open on the
server (docs/architecture.md, "Gap-free global order"), so a projection's transaction that
stays open for seconds hides every write acknowledged meanwhile from every reader, its own
runner included. Each transaction is sized from how long the ones before it took per unit
of cost (``Projection.cost``: an event that revises what is counted costs a projection many
times one that adds), aiming at ``TARGET_SECONDS`` (a tenth of the second a write may stay
hidden, for the cost of events varies), and ends on a transaction of the log: losses are
counted at the end of each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ledger.domain.records import EventRecord

TARGET_SECONDS: Final = 0.1
_FIRST_SIZE: Final = 500
_MOST_GROWTH: Final = 2.0


class Chunking:
    """The size of the next transaction in units of cost, learnt from the last one."""

    def __init__(
        self,
        most: int,
        cost: Callable[[EventRecord], int],
        target_seconds: float = TARGET_SECONDS,
    ) -> None:
        self._most = most
        self._cost = cost
        self._target = target_seconds
        self.size = min(most, _FIRST_SIZE)

    def end(self, records: Sequence[EventRecord], start: int) -> int:
        """Where the transaction starting at ``records[start]`` ends (exclusive).

        At most ``size`` units of cost, cut after the last log transaction that fits whole;
        a log transaction costing more than ``size`` is taken whole.
        """
        end, spent = start, 0
        while end < len(records) and (spent < self.size or end == start):
            spent += self._cost(records[end])
            end += 1
        if end == len(records):
            return end
        return self._cut(records, start, end)

    @staticmethod
    def _cut(records: Sequence[EventRecord], start: int, end: int) -> int:
        """``end`` moved back to the last boundary of a log transaction, or on past one."""
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

    def took(self, records: Sequence[EventRecord], seconds: float) -> None:
        """Learn from a transaction that applied ``records`` in ``seconds``."""
        cost = sum(map(self._cost, records))
        if cost == 0:
            return
        fits = cost * self._target / max(seconds, 1e-6)
        if seconds > self._target:
            self.size = max(1, int(fits * 0.8))
        elif cost >= self.size:
            self.size = min(self._most, int(min(fits, self.size * _MOST_GROWTH)))
