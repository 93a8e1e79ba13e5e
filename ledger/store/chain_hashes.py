"""What the chain is made of: canonical events, their hashes, digests, proofs and mismatches."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final, Literal

import msgspec

from ledger.store.canonical import canonical_document
from ledger.store.records import GlobalCursor

GENESIS: Final = bytes(32)
DIGEST_TOKEN_PATTERN: Final = r"^[1-9][0-9]{0,17}\.[0-9a-f]{64}$"  # noqa: S105 - no secret
"""A digest's token: its sequence number, a dot, and its root hash in lower-case hex."""


def canonical_event(row: Sequence[Any]) -> bytes:
    """The bytes an event's chain hash covers: compact JSON, keys sorted at every level, UTF-8.

    Of the fields the tree's leaves cover too (``canonical.canonical_document``): position,
    event_id (lower-case UUID), stream_id, stream_version, type, schema_version, data,
    metadata (both as stored), and recorded_at in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
    msgspec's sorted JSON, not RFC 8785: chains sealed with it stay valid.
    """
    return msgspec.json.encode(canonical_document(row), order="sorted")


def event_hash(row: Sequence[Any]) -> bytes:
    """SHA-256 of the event's canonical encoding."""
    return hashlib.sha256(canonical_event(row)).digest()


def chain(previous: bytes, event: bytes) -> bytes:
    """The chain hash after an event: SHA-256(previous chain hash || event hash)."""
    return hashlib.sha256(previous + event).digest()


class Digest(msgspec.Struct, frozen=True, kw_only=True):
    """The latest sealed point of the log: it commits to every event up to ``position``."""

    seq: int
    """How many events the chain holds up to here."""
    position: int
    cursor: str
    root_hash: str
    """The chain hash at ``seq``, hex."""
    sealed_at: datetime
    token: str
    """``seq.root_hash``: keep it, and later ask for a proof from it."""


class ConsistencyProof(msgspec.Struct, frozen=True, kw_only=True):
    """The event hashes that take a stored digest's chain hash to a later one.

    Check: start from ``from_hash``; for each of ``event_hashes`` in order, hash =
    SHA-256(hash || event_hash); the result must equal ``to.root_hash``.
    """

    from_seq: int
    from_hash: str
    to: Digest
    event_hashes: list[str]
    complete: bool
    """False when ``limit`` cut the proof short of the sealed head: ask again from ``to``."""


Problem = Literal[
    "altered",
    "missing",
    "inserted",
    "reordered",
    "chain-altered",
    "tree-altered",
    "checkpoint-altered",
    "checkpoint-forged",
]


class Mismatch(msgspec.Struct, frozen=True, kw_only=True):
    """The first place where the log and its chain disagree."""

    position: int
    seq: int | None
    problem: Problem
    detail: str


class Verification(msgspec.Struct, frozen=True, kw_only=True):
    """What a verification checked, and the first mismatch if any."""

    checked: int
    from_position: int | None
    sealed_position: int | None
    unsealed: int
    """Events committed after the last seal, not yet covered by the chain."""
    ok: bool
    first_mismatch: Mismatch | None


class ChainInconsistencyError(Exception):
    """The log no longer agrees with its chain: sealing would build on a rewritten log."""


class LedgerTamperedError(Exception):
    """An event a proof covers no longer matches what was sealed for it."""

    def __init__(self, mismatch: Mismatch) -> None:
        super().__init__(f"position {mismatch.position} ({mismatch.problem}): {mismatch.detail}")
        self.mismatch = mismatch


class DigestMismatchError(Exception):
    """A digest's hash is not the chain's hash at its sequence number."""


class UnknownDigestError(LookupError):
    """The digest names a sequence number the chain does not hold."""


class InvalidDigestError(ValueError):
    """The digest token is malformed."""


def digest_of(row: Sequence[Any]) -> Digest:
    """The digest of a chain row: seq, position, transaction id, chain hash, sealed_at."""
    seq, position, transaction_id, root, sealed_at = row
    root_hex = bytes(root).hex()
    return Digest(
        seq=seq,
        position=position,
        cursor=GlobalCursor(int(transaction_id), position).encode(),
        root_hash=root_hex,
        sealed_at=sealed_at,
        token=f"{seq}.{root_hex}",
    )


def parse_digest(token: str) -> tuple[int, bytes]:
    """``seq.hex`` → (seq, hash)."""
    text = token.strip()
    if not re.fullmatch(DIGEST_TOKEN_PATTERN, text):
        raise InvalidDigestError(f"{token!r} is not a digest token (seq.hex)")
    seq_text, _, hex_text = text.partition(".")
    return int(seq_text), bytes.fromhex(hex_text)


def failed_verification(
    checked: int, from_position: int | None, mismatch: Mismatch
) -> Verification:
    """A verification that stopped at ``mismatch``."""
    return Verification(
        checked=checked,
        from_position=from_position,
        sealed_position=None,
        unsealed=0,
        ok=False,
        first_mismatch=mismatch,
    )


def sealed_event(row: Sequence[Any]) -> Sequence[Any]:
    """The event as stored now, from a row of ``chain._SEALED_EVENTS_SQL``."""
    return row[6:16]


def first_mismatch(row: Sequence[Any], previous: bytes) -> Mismatch | None:
    """What is wrong with one sealed event beside its chain row (``chain._SEALED_EVENTS_SQL``).

    ``previous`` is the chain hash before it; ``None`` when all agree.
    """
    seq, position, stored_event, stored_chain = row[0], row[1], bytes(row[2]), bytes(row[3])
    event = sealed_event(row)
    if event[0] is None:
        return Mismatch(
            position=position,
            seq=seq,
            problem="missing",
            detail="the chain sealed an event at this position; the log no longer holds it",
        )
    if event_hash(event) != stored_event:
        return Mismatch(
            position=position,
            seq=seq,
            problem="altered",
            detail="the event's content no longer matches the hash sealed for it",
        )
    if event[1] != row[4]:
        return Mismatch(
            position=position,
            seq=seq,
            problem="reordered",
            detail="the event's transaction id, its place in the global order, is not the one"
            " sealed for it",
        )
    if chain(previous, stored_event) != stored_chain:
        return Mismatch(
            position=position,
            seq=seq,
            problem="chain-altered",
            detail="the chain hash does not follow from the previous one",
        )
    return None
