"""What a reader outside the ledger checks: checkpoints, inclusion and consistency proofs.

Every proof is against a kept, signed checkpoint and carries its note, so a reader needs
nothing else from the service to check it (``ledger.verifier``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Final

import msgspec
from psycopg import sql
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool

from ledger.store import checkpoints, merkle, tree
from ledger.store.checkpoints import NoCheckpointError, SignedCheckpoint
from ledger.store.statements import EVENT_COLUMNS, integers
from ledger.store.transfer import ExportedEvent, exported_event
from ledger.verifier import b64

# Each sealed event's seq, then the event (``EVENT_COLUMNS``).
_SEALED: Final = sql.SQL("""
    SELECT c.seq, e.* FROM event_chain c
    JOIN (SELECT {columns} FROM events) e ON e.position = c.position
""").format(columns=EVENT_COLUMNS)
_SEALED_BY_POSITION: Final = _SEALED + sql.SQL(" WHERE c.position = ANY(%s::int8[])")
_SEALED_BY_ID: Final = _SEALED + sql.SQL(" WHERE e.event_id = %s")


class InclusionProof(msgspec.Struct, frozen=True, kw_only=True):
    """That an event is leaf ``leaf_index`` of the tree a signed checkpoint commits to.

    Check: the leaf is SHA-256(0x00 || RFC 8785 form of ``event``'s documented fields);
    fold ``hashes`` as RFC 9162 2.1.3.2 says; the result must be the root in ``checkpoint``,
    whose signature must be the log's (``python verifier.py inclusion``).
    """

    leaf_index: int
    tree_size: int
    hashes: list[str]
    """The audit path, leaf upward, each hash in base64."""
    event: ExportedEvent
    checkpoint: str
    """The signed note of the checkpoint at ``tree_size``, with its cosignatures."""


class TreeConsistencyProof(msgspec.Struct, frozen=True, kw_only=True):
    """That the tree of ``from_size`` leaves is a prefix of the tree in ``checkpoint``.

    Check with the reader's own checkpoint at ``from_size`` (RFC 9162 2.1.4.2;
    ``python verifier.py consistency``).
    """

    from_size: int
    to_size: int
    hashes: list[str]
    checkpoint: str


class NotInTreeError(LookupError):
    """The event is unknown, or not in the tree at that size (not sealed then, or yet)."""


class InvalidTreeSizeError(ValueError):
    """A consistency proof between sizes that do not lead one to the other."""


class Transparency:
    """Reads of the tree and its checkpoints for readers who trust none of the service."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool

    async def checkpoint(self, size: int | None = None) -> SignedCheckpoint:
        """The kept checkpoint of ``size``, or the latest; ``NoCheckpointError`` if none."""
        async with self._pool.connection() as connection:
            return await checkpoints.read(connection, size)

    async def inclusion(
        self,
        *,
        position: int | None = None,
        event_id: uuid.UUID | None = None,
        tree_size: int | None = None,
    ) -> InclusionProof:
        """The proof that one event (by position or id) is in a kept checkpoint's tree."""
        async with self._pool.connection() as connection:
            signed = await checkpoints.read(connection, tree_size)
            if event_id is not None:
                cursor = await connection.execute(_SEALED_BY_ID, (event_id,))
            else:
                cursor = await connection.execute(_SEALED_BY_POSITION, ([position],))
            row = await cursor.fetchone()
            if row is None or row[0] > signed.tree_size:
                what = f"event {event_id}" if event_id is not None else f"position {position}"
                raise NotInTreeError(
                    f"{what} is not among the {signed.tree_size} events of the checkpoint"
                    " (unknown, or sealed after it: ask for a later checkpoint)"
                )
            index = int(row[0]) - 1
            path = await tree.inclusion_proof(connection, index, signed.tree_size)
            return _proof(row, signed, [b64(hashed) for hashed in path])

    async def inclusions(
        self, positions: Sequence[int], tree_size: int
    ) -> dict[int, InclusionProof]:
        """Proofs for each of ``positions`` in the checkpoint at ``tree_size`` (those in it).

        Every stored subtree the proofs need is read in one query.
        """
        async with self._pool.connection() as connection:
            signed = await checkpoints.read(connection, tree_size)
            cursor = connection.cursor()
            # A thousand events' data: msgspec reads JSON several times faster than json.
            set_json_loads(msgspec.json.decode, cursor)
            await cursor.execute(_SEALED_BY_POSITION, (integers(positions),))
            rows = [row for row in await cursor.fetchall() if row[0] <= signed.tree_size]
            paths = {
                int(row[1]): merkle.inclusion_spans(int(row[0]) - 1, signed.tree_size)
                for row in rows
            }
            spans = {span for path in paths.values() for span in path}
            known = await tree.read_nodes(connection, merkle.nodes_for(spans))
        # Most spans are in many proofs: each is encoded once.
        encoded = {span: b64(h) for span, h in merkle.span_hashes(spans, known.__getitem__).items()}
        return {
            int(row[1]): _proof(row, signed, [encoded[span] for span in paths[int(row[1])]])
            for row in rows
        }

    async def consistency(self, from_size: int, to_size: int | None = None) -> TreeConsistencyProof:
        """The proof that the tree at ``from_size`` is a prefix of a kept checkpoint's."""
        async with self._pool.connection() as connection:
            signed = await checkpoints.read(connection, to_size)
            if not 1 <= from_size <= signed.tree_size:
                raise InvalidTreeSizeError(
                    f"from_size must be within 1..{signed.tree_size}, not {from_size}"
                )
            path = await tree.consistency_proof(connection, from_size, signed.tree_size)
        return TreeConsistencyProof(
            from_size=from_size,
            to_size=signed.tree_size,
            hashes=[b64(hashed) for hashed in path],
            checkpoint=signed.note,
        )

    async def cosign(self, note: str) -> tuple[int, list[str]]:
        """Keep the registered witnesses' cosignatures in ``note``: its size, who cosigned."""
        async with self._pool.connection() as connection, connection.transaction():
            return await checkpoints.add_cosignatures(connection, note)

    async def keys(self) -> tuple[list[str], list[str]]:
        """The log's verifier keys (every one it signed with) and the witnesses' keys."""
        async with self._pool.connection() as connection:
            logs = await checkpoints.log_keys(connection)
            witnesses = await checkpoints.witnesses(connection)
        return [key.text for key in logs], [key.text for key in witnesses]


__all__ = [
    "InclusionProof",
    "InvalidTreeSizeError",
    "NoCheckpointError",
    "NotInTreeError",
    "SignedCheckpoint",
    "Transparency",
    "TreeConsistencyProof",
]


def _proof(row: Sequence[Any], signed: SignedCheckpoint, path: list[str]) -> InclusionProof:
    """The inclusion proof of a sealed event (seq, then ``EVENT_COLUMNS``) in ``signed``.

    ``path`` holds the proof's hashes in base64.
    """
    return InclusionProof(
        leaf_index=int(row[0]) - 1,
        tree_size=signed.tree_size,
        hashes=path,
        event=exported_event(row[1:]),
        checkpoint=signed.note,
    )
