#!/usr/bin/env python3
"""Check an Incident Ledger's evidence with no service and no database.

One file: Python 3.11+ and the `cryptography` package (for Ed25519) are all it needs, so a
reader can download it (the service serves it at /v1/ledger/verifier.py) and check what a
newsroom published without trusting the ledger:

    python verifier.py checkpoint CHECKPOINT --key VKEY [--witness VKEY]...
    python verifier.py inclusion PROOF.json --key VKEY
    python verifier.py consistency OLD_CHECKPOINT PROOF.json --key VKEY
    python verifier.py export EVENTS.ndjson CHECKPOINT --key VKEY
    python verifier.py evidence VIEW.json --key VKEY
    python verifier.py split CHECKPOINT CHECKPOINT --key VKEY

VKEY is the log's verifier key (``ledger keys signing show``): ``name+keyid+base64``. The
exit status is 0 when everything checks; otherwise 1, with what failed named on stderr.
Everything here follows public specifications, so that a verifier in another language can
do the same: RFC 9162 (the Merkle tree), RFC 8785 (the canonical JSON each leaf hashes),
C2SP signed-note, tlog-checkpoint and tlog-cosignature (the signed checkpoints).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import re
import struct
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ED25519: Final = 0x01
"""The signed-note signature type of a log's own Ed25519 signature."""
COSIGNATURE_V1: Final = 0x04
"""The signed-note signature type of a witness's timestamped Ed25519 cosignature."""
_SAFE_INTEGER: Final = 2**53 - 1
_MAX_SIGNATURES: Final = 100
HASH_BYTES: Final = 32
_KEY_BYTES: Final = 32
_KEY_ID_BYTES: Final = 4
_STAMP_BYTES: Final = 8
_ED25519_BYTES: Final = 64
_PLAIN_DIGITS: Final = 21
"""ECMAScript writes a number of up to 21 integer digits without an exponent."""
_SMALL_EXPONENT: Final = -6
"""... and one down to 1e-6 without an exponent."""
CANONICAL_FIELDS: Final = (
    "data",
    "event_id",
    "metadata",
    "position",
    "recorded_at",
    "schema_version",
    "stream_id",
    "stream_version",
    "type",
)
"""What a leaf covers of an event: every field but the transaction id (docs/audit.md)."""


class VerificationError(Exception):
    """Evidence that does not hold; the message names what failed."""


# --- RFC 9162: the Merkle tree -------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    """A leaf's hash: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """An interior node's hash: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_of_leaves(leaves: Sequence[bytes]) -> bytes:
    """The root of the tree of these leaf hashes (RFC 9162 2.1.1), level by level."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    # Pairing each level from the left, carrying an odd last node up, builds exactly the
    # tree whose left subtree is the largest power of two.
    level = list(leaves)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        level = paired + ([level[-1]] if len(level) % 2 else [])
    return level[0]


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether ``proof`` shows the leaf hash ``leaf`` at ``index`` in the tree ``root``.

    RFC 9162, section 2.1.3.2.
    """
    if not 0 <= index < size:
        return False
    _, computed, last = _fold(index, size - 1, leaf, proof)
    return last == 0 and computed == root


def verify_consistency(
    old_size: int, size: int, old_root: bytes, root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows the tree ``old_root`` of ``old_size`` a prefix of ``root``.

    RFC 9162, section 2.1.4.2.
    """
    if not 0 < old_size <= size:
        return False
    if old_size == size:
        return not proof and old_root == root
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    if not path:
        return False
    node, last = old_size - 1, size - 1
    while node % 2 == 1:
        node, last = node >> 1, last >> 1
    old_computed, computed, last = _fold(node, last, path[0], path[1:])
    return last == 0 and old_computed == old_root and computed == root


def _fold(
    node: int, last: int, start: bytes, siblings: Sequence[bytes]
) -> tuple[bytes, bytes, int]:
    """Climb from ``node`` (``last`` is the tree's last leaf) folding in ``siblings``.

    Returns the hash built of ``start`` and its siblings on the left alone, the hash built of
    all of them, and what is left of ``last`` (0 when the climb reached the root; -1 when
    siblings were left over).
    """
    left = whole = start
    for sibling in siblings:
        if last == 0:
            return left, whole, -1
        if node % 2 == 1 or node == last:
            left, whole = node_hash(sibling, left), node_hash(sibling, whole)
            if node % 2 == 0:
                while node % 2 == 0 and node != 0:
                    node, last = node >> 1, last >> 1
        else:
            whole = node_hash(whole, sibling)
        node, last = node >> 1, last >> 1
    return left, whole, last


# --- RFC 8785: the canonical form of an event ------------------------------------------------


def canonical_json(value: object) -> bytes:
    """``value`` (as ``json.loads`` gives it) in RFC 8785 form, UTF-8."""
    return "".join(_canonical_parts(value)).encode()


def _canonical_parts(value: object) -> Iterator[str]:
    if value is None or isinstance(value, bool):
        yield {None: "null", True: "true", False: "false"}[value]
    elif isinstance(value, int):
        yield str(value) if abs(value) <= _SAFE_INTEGER else _big_integer(value)
    elif isinstance(value, float):
        yield _number(value)
    elif isinstance(value, str):
        # json.dumps escapes exactly what RFC 8785 escapes when non-ASCII passes through.
        yield json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list):
        yield "["
        for number, item in enumerate(value):
            yield "," if number else ""
            yield from _canonical_parts(item)
        yield "]"
    elif isinstance(value, dict):
        yield "{"
        # Keys sort by their UTF-16 code units, not by code points.
        for number, key in enumerate(sorted(value, key=lambda k: k.encode("utf-16-be"))):
            yield "," if number else ""
            yield json.dumps(key, ensure_ascii=False)
            yield ":"
            yield from _canonical_parts(value[key])
        yield "}"
    else:
        raise TypeError(f"not a JSON value: {type(value).__name__}")


def _big_integer(value: int) -> str:
    # A JCS reader holds every number as a double; past the largest, the ledger keeps the
    # digits as a string (docs/audit.md).
    try:
        return _number(float(value))
    except OverflowError:
        return json.dumps(str(value))


def _number(value: float) -> str:
    """ECMAScript's Number::toString, which RFC 8785 prescribes."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError("NaN and infinities have no JSON form")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # The value is 0.<digits> * 10**point.
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits = digits.rstrip("0")
    if len(digits) <= point <= _PLAIN_DIGITS:
        text = digits + "0" * (point - len(digits))
    elif 0 < point <= _PLAIN_DIGITS:
        text = f"{digits[:point]}.{digits[point:]}"
    elif _SMALL_EXPONENT < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        power = point - 1
        tail = f".{digits[1:]}" if len(digits) > 1 else ""
        text = f"{digits[0]}{tail}e{'+' if power > 0 else '-'}{abs(power)}"
    return sign + text


def canonical_event(event: dict[str, Any]) -> bytes:
    """The bytes a leaf hashes, from an exported event (or a proof's ``event``)."""
    missing = [field for field in CANONICAL_FIELDS if field not in event]
    if missing:
        raise VerificationError(f"the event lacks {', '.join(missing)}")
    document = {field: event[field] for field in CANONICAL_FIELDS}
    document["event_id"] = str(event["event_id"]).lower()
    at = datetime.fromisoformat(str(event["recorded_at"]))
    if at.tzinfo is None:
        raise VerificationError(f"recorded_at {event['recorded_at']!r} has no time zone")
    document["recorded_at"] = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return canonical_json(document)


# --- C2SP signed notes, checkpoints and cosignatures ------------------------------------


class VerifierKey(NamedTuple):
    """A public key as a signed-note verifier key names it."""

    name: str
    key_id: bytes
    kind: int
    public_key: bytes

    @property
    def text(self) -> str:
        """``name+keyid+base64(kind || key)``, the form people pass around."""
        encoded = base64.b64encode(bytes([self.kind]) + self.public_key).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"


class Signature(NamedTuple):
    """One signature line of a note."""

    name: str
    key_id: bytes
    signature: bytes

    @property
    def line(self) -> str:
        """The line as the note holds it."""
        encoded = base64.b64encode(self.key_id + self.signature).decode()
        return f"\u2014 {self.name} {encoded}\n"


class Checkpoint(NamedTuple):
    """A checkpoint's text, as a checked signature vouches for it."""

    origin: str
    size: int
    root: bytes
    body: str
    """The note text: the three lines (and any extensions), each ending in a newline."""


def key_id(name: str, kind: int, public_key: bytes) -> bytes:
    """SHA-256(name || 0x0A || kind || public key)[:4], as signed-note recommends."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public_key).digest()[:4]


def verifier_key(name: str, public_key: bytes, kind: int = ED25519) -> VerifierKey:
    """The verifier key of ``public_key`` under ``name``."""
    return VerifierKey(name, key_id(name, kind, public_key), kind, public_key)


def parse_verifier_key(text: str) -> VerifierKey:
    """``name+keyid+base64(kind || key)`` → the key; ``ValueError`` names what is wrong."""
    # Key names hold no "+"; base64 may.
    parts = text.strip().split("+", 2)
    name, hex_id, rest = parts if len(parts) == len(VerifierKey._fields) - 1 else ("", "", "")
    if not (name and re.fullmatch(r"[0-9a-f]{8}", hex_id)):
        raise ValueError(f"{text!r} is not a verifier key (name+keyid+base64)")
    try:
        raw = base64.b64decode(rest, validate=True)
    except ValueError:
        raise ValueError(f"{text!r}: the key is not base64") from None
    if len(raw) != 1 + _KEY_BYTES or raw[0] not in (ED25519, COSIGNATURE_V1):
        raise ValueError(f"{text!r} is not an Ed25519 key")
    key = verifier_key(name, raw[1:], raw[0])
    if key.key_id.hex() != hex_id:
        raise ValueError(f"{text!r}: key id {hex_id} is not the key's ({key.key_id.hex()})")
    return key


def split_note(note: str) -> tuple[str, list[Signature]]:
    """A signed note's text and its signature lines (C2SP signed-note)."""
    if "\n\n" not in note or not note.endswith("\n"):
        raise VerificationError("not a signed note: no blank line before signatures")
    if any(char < " " and char != "\n" for char in note):
        raise VerificationError("not a signed note: it holds control characters")
    cut = note.rindex("\n\n")
    text, lines = note[: cut + 1], note[cut + 2 :].splitlines()
    if not lines or len(lines) > _MAX_SIGNATURES:
        raise VerificationError("a signed note holds 1 to 100 signature lines")
    signatures = []
    for line in lines:
        match = re.fullmatch("\u2014 ([^ +]+) ([A-Za-z0-9+/=]+)", line)
        if match is None:
            raise VerificationError(f"not a signature line: {line!r}")
        raw = base64.b64decode(match[2])
        if len(raw) <= _KEY_ID_BYTES:
            raise VerificationError(f"signature by {match[1]} is too short")
        signatures.append(Signature(match[1], raw[:_KEY_ID_BYTES], raw[_KEY_ID_BYTES:]))
    return text, signatures


def parse_checkpoint(text: str) -> Checkpoint:
    """The origin, size and root of a checkpoint's note text (C2SP tlog-checkpoint)."""
    *lines, end = text.split("\n")
    if len(lines) < len(Checkpoint._fields) - 1 or end or not all(lines):
        raise VerificationError("a checkpoint is three or more non-empty lines")
    origin, size, root = lines[:3]
    if not re.fullmatch(r"0|[1-9][0-9]{0,18}", size):
        raise VerificationError(f"the tree size {size!r} is not a decimal number")
    try:
        root_hash = base64.b64decode(root, validate=True)
    except ValueError:
        root_hash = b""
    if len(root_hash) != HASH_BYTES:
        raise VerificationError(f"the root hash {root!r} is not 32 bytes of base64")
    return Checkpoint(origin, int(size), root_hash, text)


def _ed25519(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def cosignature_message(body: str, timestamp: int) -> bytes:
    """What a witness signs (C2SP tlog-cosignature v1): a header, the time, the body."""
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


def open_checkpoint(
    note: str, keys: Iterable[VerifierKey], witnesses: Iterable[VerifierKey] = ()
) -> tuple[Checkpoint, list[str]]:
    """The checkpoint, once one of ``keys`` has signed it; and the witnesses that cosigned.

    A signature by a known key that does not verify fails the whole note, as signed-note
    requires; signatures by unknown keys are ignored.
    """
    text, signatures = split_note(note)
    logs = {(key.name, key.key_id): key for key in keys if key.kind == ED25519}
    cosigners = {(key.name, key.key_id): key for key in witnesses if key.kind == COSIGNATURE_V1}
    signed, cosigned = False, []
    for signature in signatures:
        if (log := logs.get((signature.name, signature.key_id))) is not None:
            if not _ed25519(log.public_key, signature.signature, text.encode()):
                raise VerificationError(
                    f"the signature by {signature.name} ({signature.key_id.hex()}) does not"
                    " verify: the checkpoint was altered or signed by another key"
                )
            signed = True
        elif (witness := cosigners.get((signature.name, signature.key_id))) is not None:
            if len(signature.signature) != _STAMP_BYTES + _ED25519_BYTES:
                raise VerificationError(f"the cosignature by {signature.name} is malformed")
            (timestamp,) = struct.unpack(">Q", signature.signature[:_STAMP_BYTES])
            message = cosignature_message(text, timestamp)
            if not _ed25519(witness.public_key, signature.signature[_STAMP_BYTES:], message):
                raise VerificationError(f"the cosignature by {signature.name} does not verify")
            cosigned.append(signature.name)
    if not signed:
        names = ", ".join(sorted({f"{s.name} ({s.key_id.hex()})" for s in signatures}))
        raise VerificationError(
            f"no signature by a trusted key: the checkpoint is signed by {names} only"
        )
    return parse_checkpoint(text), cosigned


def check_split_view(first: Checkpoint, second: Checkpoint) -> None:
    """Refuse two signed checkpoints of one log and one size with different roots."""
    if first.origin == second.origin and first.size == second.size and first.root != second.root:
        raise VerificationError(
            f"split view: two checkpoints of {first.origin} at size {first.size} hold"
            f" different roots ({b64(first.root)} and {b64(second.root)})"
        )


# --- What a reader checks ------------------------------------------------------------------


def b64(data: bytes) -> str:
    """Standard base64, as checkpoints and proofs spell hashes."""
    return base64.b64encode(data).decode()


def _hashes(values: object, what: str) -> list[bytes]:
    if not isinstance(values, list):
        raise VerificationError(f"the {what} proof holds no list of hashes")
    hashes = []
    for value in values:
        try:
            hashed = base64.b64decode(str(value), validate=True)
        except ValueError:
            hashed = b""
        if len(hashed) != HASH_BYTES:
            raise VerificationError(f"the {what} proof holds {value!r}, not a hash")
        hashes.append(hashed)
    return hashes


def check_inclusion(proof: dict[str, Any], keys: Sequence[VerifierKey]) -> Checkpoint:
    """Check an inclusion proof as the service gives it: the event is in the checkpoint."""
    checkpoint, _ = open_checkpoint(str(proof.get("checkpoint", "")), keys)
    index, size = proof.get("leaf_index"), proof.get("tree_size")
    if size != checkpoint.size:
        raise VerificationError(
            f"the proof is for a tree of {size}, the checkpoint of {checkpoint.size}"
        )
    event = proof.get("event")
    if not isinstance(event, dict) or not isinstance(index, int):
        raise VerificationError("the proof holds no event and leaf index")
    leaf = leaf_hash(canonical_event(event))
    if not verify_inclusion(
        index, size, leaf, _hashes(proof.get("hashes"), "inclusion"), checkpoint.root
    ):
        raise VerificationError(
            f"the event at position {event.get('position')} is not leaf {index} of the"
            f" checkpoint at size {size}: the event was altered or the proof forged"
        )
    return checkpoint


def check_consistency(
    old_note: str, proof: dict[str, Any], keys: Sequence[VerifierKey]
) -> Checkpoint:
    """Check that the proof's checkpoint extends an older one: nothing before was rewritten."""
    old, _ = open_checkpoint(old_note, keys)
    new, _ = open_checkpoint(str(proof.get("checkpoint", "")), keys)
    if old.origin != new.origin:
        raise VerificationError(f"the checkpoints are of two logs: {old.origin}, {new.origin}")
    if (proof.get("from_size"), proof.get("to_size")) != (old.size, new.size):
        raise VerificationError(
            f"the proof leads from {proof.get('from_size')} to {proof.get('to_size')}, the"
            f" checkpoints are at {old.size} and {new.size}"
        )
    check_split_view(old, new)
    hashes = _hashes(proof.get("hashes"), "consistency")
    if old.size and not verify_consistency(old.size, new.size, old.root, new.root, hashes):
        raise VerificationError(
            f"the tree at {new.size} does not extend the checkpoint at {old.size}: the log"
            " was rewritten, or the proof forged"
        )
    return new


def check_export(lines: Iterable[bytes], checkpoint: Checkpoint) -> int:
    """Check an NDJSON export from the log's start against a checkpoint; return its events."""
    leaves: list[bytes] = []
    previous: tuple[Any, ...] = (-1, -1)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(leaves) == checkpoint.size:
            break
        try:
            event = json.loads(line)
        except ValueError as exc:
            raise VerificationError(f"line {number} is not JSON: {exc}") from None
        if not isinstance(event, dict):
            raise VerificationError(f"line {number} is not an event")
        order = (event.get("transaction_id"), event.get("position"))
        if not all(isinstance(value, int) for value in order) or order <= previous:
            raise VerificationError(f"line {number}: not in the log's order")
        previous = order
        leaves.append(leaf_hash(canonical_event(event)))
    if len(leaves) < checkpoint.size:
        raise VerificationError(
            f"the file holds {len(leaves)} events; the checkpoint covers {checkpoint.size}:"
            " events are missing (export from the start of the log)"
        )
    if root_of_leaves(leaves) != checkpoint.root:
        raise VerificationError(
            f"the file's first {checkpoint.size} events do not hash to the checkpoint's root:"
            " an event was altered, removed, added or moved"
        )
    return len(leaves)


def _view_rows(view: dict[str, Any]) -> list[Any]:
    """A view's rows as its evidence numbers them (displacement: flows, then stocks)."""
    for key in ("rows", "items"):
        if isinstance(view.get(key), list):
            return list(view[key])
    return [*view.get("flows", []), *view.get("stocks", [])]


def _row_claims(row: Any) -> list[str] | None:  # noqa: ANN401 - a row of any view
    """The claims a row names itself, if it names them."""
    if not isinstance(row, dict):
        return None
    if "claim_ids" in row:
        return sorted(str(claim) for claim in row["claim_ids"])
    return [str(row["claim_id"])] if "claim_id" in row else None


def check_evidence(view: dict[str, Any], keys: Sequence[VerifierKey]) -> Checkpoint:
    """Check a view answered with ``evidence=true``, claim by claim.

    The checkpoint is the log's; every event is in it; every row's events are among them;
    every claim a row names is one of those events (a claim's id is its event's id).
    """
    evidence = view.get("evidence")
    if not isinstance(evidence, dict):
        raise VerificationError("the view holds no evidence (ask with evidence=true)")
    checkpoint, _ = open_checkpoint(str(evidence.get("checkpoint", "")), keys)
    if evidence.get("tree_size") != checkpoint.size:
        raise VerificationError("the evidence's tree size is not its checkpoint's")
    proven: dict[int, str] = {}
    for proof in evidence.get("events", []):
        event = proof.get("event", {})
        leaf = leaf_hash(canonical_event(event))
        hashes = _hashes(proof.get("hashes"), "inclusion")
        if not verify_inclusion(
            proof.get("leaf_index", -1), checkpoint.size, leaf, hashes, checkpoint.root
        ):
            raise VerificationError(
                f"the event at position {event.get('position')} is not in the checkpoint:"
                " it was altered, or its proof forged"
            )
        proven[int(event["position"])] = str(event.get("event_id", "")).lower()
    rows = _view_rows(view)
    if len(evidence.get("rows", [])) != len(rows):
        raise VerificationError(
            f"the evidence covers {len(evidence.get('rows', []))} rows of {len(rows)}"
        )
    for number, (row, decided) in enumerate(zip(rows, evidence["rows"], strict=True)):
        named = _row_claims(row)
        claims = sorted(str(claim) for claim in decided.get("claim_ids", []))
        if decided.get("row") != number or (named is not None and named != claims):
            raise VerificationError(f"row {number}'s evidence is for other claims")
        unproven = [p for p in decided.get("positions", []) if p not in proven]
        if unproven:
            raise VerificationError(f"row {number} rests on unproven events at {unproven}")
        events = {proven[p] for p in decided["positions"]}
        if missing := [claim for claim in claims if claim.lower() not in events]:
            raise VerificationError(f"row {number}'s claims {missing} are not among its events")
    return checkpoint


# --- The command line ----------------------------------------------------------------------


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="verifier", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("checkpoint").add_argument("checkpoint", type=Path)
    commands.add_parser("inclusion").add_argument("proof", type=Path)
    consistency = commands.add_parser("consistency")
    consistency.add_argument("old_checkpoint", type=Path)
    consistency.add_argument("proof", type=Path)
    export = commands.add_parser("export")
    export.add_argument("events", type=Path)
    export.add_argument("checkpoint", type=Path)
    commands.add_parser("evidence").add_argument("view", type=Path)
    split = commands.add_parser("split")
    split.add_argument("first", type=Path)
    split.add_argument("second", type=Path)
    for sub in commands.choices.values():
        sub.add_argument("--key", action="append", default=[], help="the log's verifier key")
        sub.add_argument("--witness", action="append", default=[], help="a witness's key")
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace) -> str:
    """Carry out a command; what it established, or ``VerificationError``."""
    try:
        keys = [parse_verifier_key(text) for text in arguments.key]
        witnesses = [parse_verifier_key(text) for text in arguments.witness]
    except ValueError as exc:
        raise VerificationError(str(exc)) from None
    if not keys:
        raise VerificationError("give the log's verifier key with --key")
    command = arguments.command
    if command == "checkpoint":
        checkpoint, cosigned = open_checkpoint(arguments.checkpoint.read_text(), keys, witnesses)
        missing = sorted({w.name for w in witnesses} - set(cosigned))
        if missing:
            raise VerificationError(f"not cosigned by {', '.join(missing)}")
        by = f", cosigned by {', '.join(cosigned)}" if cosigned else ""
        return f"checkpoint of {checkpoint.origin} at size {checkpoint.size}: signed{by}"
    if command == "inclusion":
        proof = json.loads(arguments.proof.read_text())
        checkpoint = check_inclusion(proof, keys)
        return (
            f"event {proof['event'].get('event_id')} (position {proof['event'].get('position')})"
            f" is leaf {proof['leaf_index']} of the checkpoint at size {checkpoint.size}"
        )
    if command == "consistency":
        proof = json.loads(arguments.proof.read_text())
        new = check_consistency(arguments.old_checkpoint.read_text(), proof, keys)
        return f"the checkpoint at size {new.size} extends the one at {proof['from_size']}"
    if command == "export":
        checkpoint, _ = open_checkpoint(arguments.checkpoint.read_text(), keys)
        with arguments.events.open("rb") as lines:
            count = check_export(lines, checkpoint)
        return f"the file's first {count} events are the checkpoint's tree"
    if command == "evidence":
        view = json.loads(arguments.view.read_text())
        checkpoint = check_evidence(view, keys)
        rows = len(view["evidence"]["rows"])
        events = len(view["evidence"]["events"])
        return (
            f"{rows} rows rest on {events} events, each in the checkpoint at size {checkpoint.size}"
        )
    first, _ = open_checkpoint(arguments.first.read_text(), keys)
    second, _ = open_checkpoint(arguments.second.read_text(), keys)
    check_split_view(first, second)
    return "no split view: the checkpoints differ in log or size, or agree"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; 0 when the evidence holds, 1 when it does not."""
    arguments = _arguments(argv)
    try:
        print(f"ok: {run(arguments)}")  # noqa: T201 - the verifier's answer
    except (VerificationError, OSError, ValueError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
