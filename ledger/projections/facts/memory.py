"""What a batch of the facts projection leaves for the next."""

from __future__ import annotations

from typing import Final

from ledger.projections.definition import CheckpointMove
from ledger.projections.facts.counting import RootClaims
from ledger.recent import Recent
from ledger.store import GlobalCursor

_REMEMBERED_ROOTS: Final = 1000


class RootMemory:
    """The roots' claims a batch counted, for the batch that follows it in one generation.

    Kept per claims table (one per generation) with where the batch moved the checkpoint.
    A batch that starts anywhere else starts from nothing: another runner applied one in
    between, or the transaction that remembered them rolled back.
    """

    def __init__(self) -> None:
        # A live generation, and one being built beside it.
        self._tables: Recent[str, tuple[GlobalCursor, Recent[str, RootClaims]]] = Recent(2)

    def recall(self, table: str, move: CheckpointMove | None) -> Recent[str, RootClaims]:
        """What the batch before ``move`` left for ``table``, if it ended where this starts."""
        kept = self._tables.get(table)
        # Forgotten until this batch is applied whole: one that fails leaves nothing.
        self._tables.forget(table)
        if kept is not None and move is not None and kept[0] == move.after:
            return kept[1]
        return Recent(_REMEMBERED_ROOTS)

    def keep(
        self, table: str, move: CheckpointMove | None, remembered: Recent[str, RootClaims]
    ) -> None:
        """Keep ``remembered`` for the batch that will start where ``move`` ends."""
        if move is not None:
            self._tables.keep(table, (move.to, remembered))
