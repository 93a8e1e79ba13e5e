"""Signed checkpoints of the Merkle tree, kept for every size signed, and their cosignatures.

A checkpoint is a C2SP tlog-checkpoint: the log's origin, the tree size and the root hash,
signed as a C2SP signed note with the log's Ed25519 key. Witnesses registered with the
ledger (``ledger witnesses add``) countersign checkpoints they found consistent with the
last one they saw; the ledger checks and keeps those cosignatures and serves them with the
checkpoint.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Final

import msgspec
import psycopg

from ledger.store.signing import SigningKey
from ledger.verifier import (
    COSIGNATURE_V1,
    Checkpoint,
    Signature,
    VerificationError,
    VerifierKey,
    b64,
    open_checkpoint,
    parse_checkpoint,
    parse_verifier_key,
    split_note,
    verifier_key,
)

# A checkpoint and its cosignatures in one statement: a proof reads one for every answer.
_READ_SQL: Final = """
    SELECT c.tree_size, c.root_hash, c.note, c.key_id, c.signed_at,
           coalesce(s.witnesses, '{{}}'), coalesce(s.lines, '{{}}')
    FROM (SELECT * FROM checkpoints {which}) c
    LEFT JOIN LATERAL (
        SELECT array_agg(witness ORDER BY received_at, witness) AS witnesses,
               array_agg(line ORDER BY received_at, witness) AS lines
        FROM checkpoint_cosignatures WHERE tree_size = c.tree_size
    ) s ON true
"""
_CLOCK_SKEW: Final = timedelta(minutes=10)


class SignedCheckpoint(msgspec.Struct, frozen=True, kw_only=True):
    """A kept checkpoint: the signed note, with every cosignature the ledger holds for it."""

    tree_size: int
    root_hash: str
    """Base64, as the note spells it."""
    key_id: str
    """The log key's id (hex) that signed it."""
    signed_at: datetime
    note: str
    cosigned_by: list[str]


class NoCheckpointError(LookupError):
    """No checkpoint of that size is kept (or none at all yet)."""


class SplitViewError(Exception):
    """A checkpoint of a size the ledger signed, with another root: two histories shown."""


class CosignatureError(ValueError):
    """A submitted cosignature is not one the ledger can keep; the message says why."""


class UnknownWitnessError(CosignatureError):
    """The note holds no signature line by a registered witness."""


async def origin(connection: psycopg.AsyncConnection[Any]) -> str:
    """The log's name in its checkpoints, chosen once when the ledger was created."""
    cursor = await connection.execute("SELECT origin FROM log_identity")
    row = await cursor.fetchone()
    if row is None:
        raise LookupError("the ledger has no origin: run its migrations")
    return str(row[0])


async def register_key(connection: psycopg.AsyncConnection[Any], key: VerifierKey) -> None:
    """Keep a public key the log signs with, for checkpoints signed before a rotation."""
    await connection.execute(
        "INSERT INTO log_keys (verifier_key, key_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
        (key.text, key.key_id),
    )


async def log_keys(connection: psycopg.AsyncConnection[Any]) -> list[VerifierKey]:
    """Every public key the log has signed with, oldest first."""
    cursor = await connection.execute("SELECT verifier_key FROM log_keys ORDER BY added_at")
    return [parse_verifier_key(row[0]) for row in await cursor.fetchall()]


async def last_signed(connection: psycopg.AsyncConnection[Any]) -> tuple[int, timedelta] | None:
    """The size of the latest checkpoint and how long ago it was signed, if there is one."""
    cursor = await connection.execute(
        "SELECT tree_size, clock_timestamp() - signed_at FROM checkpoints"
        " ORDER BY tree_size DESC LIMIT 1"
    )
    row = await cursor.fetchone()
    return None if row is None else (int(row[0]), row[1])


async def sign(
    connection: psycopg.AsyncConnection[Any], key: SigningKey, size: int, root: bytes
) -> None:
    """Sign and keep the checkpoint of the tree at ``size`` (one already kept stays).

    ``key``'s public half must be registered already (``register_key``).
    """
    body = f"{key.verifier.name}\n{size}\n{b64(root)}\n"
    note = f"{body}\n{key.sign(body).line}"
    await connection.execute(
        "INSERT INTO checkpoints (tree_size, root_hash, note, key_id) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT DO NOTHING",
        (size, root, note, key.verifier.key_id),
    )


async def read(connection: psycopg.AsyncConnection[Any], size: int | None) -> SignedCheckpoint:
    """The kept checkpoint of ``size`` (the latest when ``None``), with its cosignatures."""
    which = "ORDER BY tree_size DESC LIMIT 1" if size is None else "WHERE tree_size = %s"
    cursor = await connection.execute(
        _READ_SQL.format(which=which), () if size is None else (size,)
    )
    row = await cursor.fetchone()
    if row is None:
        raise NoCheckpointError(
            "no checkpoint is signed yet" if size is None else f"no checkpoint of size {size}"
        )
    tree_size, root, note, key_id, signed_at, witnesses, lines = row
    return SignedCheckpoint(
        tree_size=tree_size,
        root_hash=b64(bytes(root)),
        key_id=bytes(key_id).hex(),
        signed_at=signed_at,
        note=note + "".join(lines),
        cosigned_by=list(witnesses),
    )


async def kept_sizes(connection: psycopg.AsyncConnection[Any]) -> list[tuple[int, bytes, str]]:
    """Every kept checkpoint's size, root and note, smallest first."""
    cursor = await connection.execute(
        "SELECT tree_size, root_hash, note FROM checkpoints ORDER BY tree_size"
    )
    return [(int(size), bytes(root), note) for size, root, note in await cursor.fetchall()]


async def add_witness(connection: psycopg.AsyncConnection[Any], key: VerifierKey) -> None:
    """Register a witness whose cosignatures the ledger will check and keep."""
    if key.kind != COSIGNATURE_V1:
        raise ValueError(f"{key.name}'s key is not a cosignature (type 0x04) key")
    await connection.execute(
        "INSERT INTO witnesses (name, public_key) VALUES (%s, %s)", (key.name, key.public_key)
    )


async def witnesses(connection: psycopg.AsyncConnection[Any]) -> list[VerifierKey]:
    """The registered witnesses' keys."""
    cursor = await connection.execute("SELECT name, public_key FROM witnesses ORDER BY name")
    return [
        verifier_key(name, bytes(public), COSIGNATURE_V1)
        for name, public in await cursor.fetchall()
    ]


async def add_cosignatures(
    connection: psycopg.AsyncConnection[Any], note: str
) -> tuple[int, list[str]]:
    """Keep the registered witnesses' cosignatures of a kept checkpoint: its size, who cosigned.

    The note is the checkpoint as a witness returns it: the ledger's note with the witness's
    signature line added. ``SplitViewError`` when its body is not the kept checkpoint's of
    that size but the log's own signature verifies on it.
    """
    try:
        text, signatures = split_note(note)
        submitted = parse_checkpoint(text)
    except VerificationError as exc:
        raise CosignatureError(str(exc)) from None
    registered = {(key.name, key.key_id): key for key in await witnesses(connection)}
    known = [s for s in signatures if (s.name, s.key_id) in registered]
    if not known:
        raise UnknownWitnessError("the note holds no cosignature by a registered witness")
    try:
        _, cosigned = open_checkpoint(
            note, await log_keys(connection), [registered[(s.name, s.key_id)] for s in known]
        )
    except VerificationError as exc:
        raise CosignatureError(str(exc)) from None
    # The log's own signature holds: a root other than the kept one is a second history.
    if text != await _kept_body(connection, submitted):
        raise CosignatureError("the note's text is not the kept checkpoint's")
    stamps = [_stamp(signature) for signature in known]
    for signature, stamp in zip(known, stamps, strict=True):
        await _keep(connection, submitted.size, signature, stamp)
    return submitted.size, cosigned


async def _kept_body(connection: psycopg.AsyncConnection[Any], submitted: Checkpoint) -> str:
    cursor = await connection.execute(
        "SELECT root_hash, note FROM checkpoints WHERE tree_size = %s", (submitted.size,)
    )
    row = await cursor.fetchone()
    if row is None:
        raise NoCheckpointError(f"no checkpoint of size {submitted.size}")
    if bytes(row[0]) != submitted.root:
        raise SplitViewError(
            f"the ledger's checkpoint of size {submitted.size} has root {b64(bytes(row[0]))},"
            f" not {b64(submitted.root)}"
        )
    return str(row[1]).split("\n\n", 1)[0] + "\n"


def _stamp(signature: Signature) -> datetime:
    """When a witness says it cosigned; one from the future is refused."""
    seconds = int.from_bytes(signature.signature[:8], "big")
    latest = datetime.now(UTC) + _CLOCK_SKEW
    if seconds > latest.timestamp():
        raise CosignatureError(f"{signature.name}'s cosignature is dated in the future")
    return datetime.fromtimestamp(seconds, UTC)


async def _keep(
    connection: psycopg.AsyncConnection[Any], size: int, signature: Signature, stamp: datetime
) -> None:
    await connection.execute(
        "INSERT INTO checkpoint_cosignatures (tree_size, witness, line, signed_at)"
        " VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (size, signature.name, signature.line, stamp),
    )
