"""The Merkle tree's stored subtrees: grown as the sealer seals, read for roots and proofs.

``merkle_nodes`` holds every complete perfect subtree (``merkle.Node``); its leaves (level 0)
are the events in the order the chain sealed them. A root or a proof needs O(log n) stored
subtrees, named before they are read, so each takes one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import psycopg

from ledger.store import merkle
from ledger.store.chain_hashes import Mismatch, Problem
from ledger.store.merkle import Node
from ledger.store.statements import integers
from ledger.verifier import VerificationError, VerifierKey, open_checkpoint

_NODES_SQL: Final = """
    SELECT n.level, n.number, n.hash FROM merkle_nodes n
    JOIN unnest(%s::int2[], %s::int8[]) AS wanted (level, number)
      ON n.level = wanted.level AND n.number = wanted.number
"""


class MissingNodeError(LookupError):
    """A subtree the tree should hold is not stored: the tree was cut short or rewritten."""


async def tree_size(connection: psycopg.AsyncConnection[Any]) -> int:
    """How many leaves the stored tree holds."""
    cursor = await connection.execute(
        "SELECT number FROM merkle_nodes WHERE level = 0 ORDER BY number DESC LIMIT 1"
    )
    row = await cursor.fetchone()
    return 0 if row is None else int(row[0]) + 1


async def read_nodes(
    connection: psycopg.AsyncConnection[Any], nodes: Iterable[Node]
) -> dict[Node, bytes]:
    """The stored hash of each of ``nodes``; ``MissingNodeError`` names one not stored."""
    wanted = sorted(set(nodes))
    if not wanted:
        return {}
    cursor = await connection.execute(
        _NODES_SQL,
        (integers(node.level for node in wanted), integers(node.number for node in wanted)),
    )
    found = {
        Node(int(level), int(number)): bytes(hashed)
        for level, number, hashed in await cursor.fetchall()
    }
    for node in wanted:
        if node not in found:
            raise MissingNodeError(
                f"the tree holds no subtree of 2**{node.level} leaves from leaf"
                f" {node.number << node.level}"
            )
    return found


async def extend(
    connection: psycopg.AsyncConnection[Any], size: int, leaves: Sequence[bytes]
) -> tuple[int, bytes]:
    """Append ``leaves`` to the tree of ``size`` leaves; return its new size and root.

    Meant for the sealer's transaction: the tree grows with the chain or not at all.
    """
    edge = merkle.frontier(size)
    stored = await read_nodes(connection, edge)
    completed, subtrees = merkle.grow(size, [stored[node] for node in edge], leaves)
    if completed:
        await connection.execute(
            "INSERT INTO merkle_nodes (level, number, hash)"
            " SELECT * FROM unnest(%s::int2[], %s::int8[], %b::bytea[])",
            (
                [node.level for node, _ in completed],
                [node.number for node, _ in completed],
                [hashed for _, hashed in completed],
            ),
        )
    return size + len(leaves), merkle.root_of(subtrees)


async def spans_hashes(
    connection: psycopg.AsyncConnection[Any], spans: Sequence[merkle.Span]
) -> list[bytes]:
    """The hash of each span, from the stored subtrees it is made of (one query)."""
    known = await read_nodes(connection, merkle.nodes_for(spans))
    return merkle.hashes_of(spans, known.__getitem__)


async def root(connection: psycopg.AsyncConnection[Any], size: int) -> bytes:
    """The root of the tree's first ``size`` leaves."""
    if size == 0:
        return merkle.EMPTY_ROOT
    (hashed,) = await spans_hashes(connection, merkle.root_spans(size))
    return hashed


async def inclusion_proof(
    connection: psycopg.AsyncConnection[Any], index: int, size: int
) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of ``size`` leaves (RFC 9162 2.1.3)."""
    return await spans_hashes(connection, merkle.inclusion_spans(index, size))


async def consistency_proof(
    connection: psycopg.AsyncConnection[Any], old_size: int, size: int
) -> list[bytes]:
    """The proof that the tree of ``old_size`` is a prefix of that of ``size`` (2.1.4)."""
    return await spans_hashes(connection, merkle.consistency_spans(old_size, size))


class TreeAudit:
    """Rebuilds the tree leaf by leaf beside the stored one; names the first disagreement.

    Fed the sealed events in order (``leaf``), it checks each stored leaf, each stored
    subtree completed on the way (``flush``, one read per batch) and each kept checkpoint
    when the tree reaches its size: its root, and its signature by one of the log's keys.
    """

    def __init__(
        self, stored_size: int, kept: Sequence[tuple[int, bytes, str]], keys: Sequence[VerifierKey]
    ) -> None:
        self.stored_size = stored_size
        self._kept = {size: (root, note) for size, root, note in kept}
        self._keys = keys
        self._size = 0
        self._subtrees: list[bytes] = []
        self._expected: list[tuple[Node, bytes]] = []
        self._positions: dict[int, tuple[int, int]] = {}

    def leaf(self, seq: int, position: int, leaf: bytes, stored: bytes | None) -> Mismatch | None:
        """Add the event sealed as ``seq`` (its leaf hash ``leaf``, the tree's ``stored``)."""
        index = seq - 1
        if index >= self.stored_size:
            return None  # the sealer has not planted this far yet
        if stored != leaf:
            return _mismatch(
                position, seq, "tree-altered", "the tree's leaf for this event is not its hash"
            )
        self._positions[index] = (position, seq)
        completed, self._subtrees = merkle.grow(self._size, self._subtrees, [leaf])
        self._size += 1
        self._expected.extend(pair for pair in completed if pair[0].level > 0)
        return self._check_checkpoint(position, seq)

    def _check_checkpoint(self, position: int, seq: int) -> Mismatch | None:
        """Check the kept checkpoint of the tree's size so far, if there is one."""
        kept = self._kept.get(self._size)
        if kept is None:
            return None
        root, note = kept
        if merkle.root_of(self._subtrees) != root:
            return _mismatch(
                position,
                seq,
                "checkpoint-altered",
                f"the checkpoint of size {self._size} holds a root the tree does not have",
            )
        try:
            checkpoint, _ = open_checkpoint(note, self._keys)
        except VerificationError as exc:
            detail = f"checkpoint of size {self._size}: {exc}"
            return _mismatch(position, seq, "checkpoint-forged", detail)
        if (checkpoint.size, checkpoint.root) != (self._size, root):
            return _mismatch(
                position,
                seq,
                "checkpoint-altered",
                f"the signed note of size {self._size} says size {checkpoint.size}",
            )
        return None

    async def flush(self, connection: psycopg.AsyncConnection[Any]) -> Mismatch | None:
        """Compare the subtrees completed since the last flush with the stored ones."""
        expected, self._expected = self._expected, []
        cursor = await connection.execute(
            _NODES_SQL,
            (
                integers(node.level for node, _ in expected),
                integers(node.number for node, _ in expected),
            ),
        )
        stored = {
            Node(int(level), int(number)): bytes(hashed)
            for level, number, hashed in await cursor.fetchall()
        }
        mismatch = None
        for node, hashed in expected:
            if stored.get(node) != hashed:
                # The leaf that completed the subtree is in this batch: name its event.
                position, seq = self._positions[((node.number + 1) << node.level) - 1]
                mismatch = _mismatch(
                    position,
                    seq,
                    "tree-altered",
                    f"the tree's subtree of 2**{node.level} leaves ending at this event is not"
                    " the hash of its leaves",
                )
                break
        self._positions.clear()
        return mismatch

    def unchecked_checkpoints(self) -> list[int]:
        """Kept checkpoints larger than the tree the audit rebuilt."""
        return sorted(size for size in self._kept if size > self._size)


def _mismatch(position: int, seq: int, problem: Problem, detail: str) -> Mismatch:
    return Mismatch(position=position, seq=seq, problem=problem, detail=detail)
