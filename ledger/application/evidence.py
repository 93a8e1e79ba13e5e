"""Figures with their evidence: the events that decided each row, each proven in a checkpoint.

A newsroom that publishes a figure publishes this beside it; a reader checks it with the
log's public key alone (``python verifier.py evidence view.json --key VKEY``): the
checkpoint's signature, each event's inclusion proof, and that each claim a row names is
one of the proven events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import msgspec

from ledger.store.transfer import ExportedEvent
from ledger.store.transparency import NoCheckpointError, Transparency

if TYPE_CHECKING:
    from ledger.application.ports import ReadModels
    from ledger.store import GlobalCursor

MAX_EVIDENCE_EVENTS: Final = 2000
"""The most events one answer proves: a figure resting on more is narrowed by its filters."""


class ProvenEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One event and its audit path in the evidence's checkpoint (RFC 9162 2.1.3)."""

    leaf_index: int
    hashes: list[str]
    """Leaf upward, each hash in base64."""
    event: ExportedEvent


class RowEvidence(msgspec.Struct, frozen=True, kw_only=True):
    """What decided one row: its claims, and the events behind them."""

    row: int
    """The row's index in the view's rows (equipment: items; displacement: flows, then
    stocks)."""
    claim_ids: list[str]
    """Each claim is the event of that id."""
    positions: list[int]
    """The events that made, corrected or linked those claims, each proven in ``events``."""


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """A view's evidence, against one signed checkpoint."""

    tree_size: int
    checkpoint: str
    """The signed note (C2SP tlog-checkpoint) every proof leads to."""
    rows: list[RowEvidence]
    events: list[ProvenEvent]


class EvidencePendingError(Exception):
    """An event behind the view is not in a signed checkpoint yet: ask again in a second."""


class EvidenceTooLargeError(Exception):
    """The view rests on more events than one answer proves."""


class Evidencer:
    """Finds the events behind a view's rows and proves each in the latest checkpoint."""

    def __init__(self, read_models: ReadModels, transparency: Transparency) -> None:
        self._read_models = read_models
        self._transparency = transparency

    async def of(self, rows: Sequence[Sequence[str]], at: GlobalCursor) -> Evidence:
        """The evidence of rows made of these claims, as the log stood at ``at``."""
        claims = {claim for row in rows for claim in row}
        decided = await self._read_models.deciding_events(claims, at)
        positions = sorted({position for made in decided.values() for position in made})
        if len(positions) > MAX_EVIDENCE_EVENTS:
            raise EvidenceTooLargeError(
                f"the view rests on {len(positions)} events; evidence proves at most"
                f" {MAX_EVIDENCE_EVENTS}: narrow it with its filters"
            )
        try:
            signed = await self._transparency.checkpoint()
        except NoCheckpointError:
            raise EvidencePendingError("no checkpoint is signed yet") from None
        proofs = await self._transparency.inclusions(positions, signed.tree_size)
        if missing := [position for position in positions if position not in proofs]:
            raise EvidencePendingError(
                f"{len(missing)} of the view's events are not in the latest checkpoint"
                f" (size {signed.tree_size}) yet"
            )
        return Evidence(
            tree_size=signed.tree_size,
            checkpoint=signed.note,
            rows=[
                RowEvidence(
                    row=number,
                    claim_ids=sorted(row),
                    positions=sorted({p for claim in row for p in decided.get(claim, ())}),
                )
                for number, row in enumerate(rows)
            ],
            events=[
                ProvenEvent(
                    leaf_index=proofs[p].leaf_index, hashes=proofs[p].hashes, event=proofs[p].event
                )
                for p in positions
            ],
        )
