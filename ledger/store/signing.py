"""The log's Ed25519 signing key: a file outside the database, made on first start.

The file holds one line in the form Go's ``note`` package reads,
``PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>``, readable by its owner only.
The database holds public keys alone (``log_keys``), so that a checkpoint signed before a
rotation can still be checked. The private key is never logged, nor put in an error message.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ledger.verifier import (
    COSIGNATURE_V1,
    ED25519,
    Signature,
    VerifierKey,
    cosignature_message,
    verifier_key,
)

_SEED_BYTES: Final = 32
_PRIVATE_KEY: Final = re.compile(r"PRIVATE\+KEY\+([^ +]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)")


class SigningKeyError(Exception):
    """The key file cannot be read as a signing key (its contents are never quoted)."""


class SigningKey:
    """A private key and the name it signs under.

    A log's key signs checkpoints (``ED25519``); a witness's cosigns them (``COSIGNATURE_V1``).
    """

    def __init__(self, name: str, private_key: Ed25519PrivateKey, kind: int = ED25519) -> None:
        self._private_key = private_key
        public = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.verifier: VerifierKey = verifier_key(name, public, kind)

    def __repr__(self) -> str:
        """The public half only: a key in a log line or a traceback shows nothing secret."""
        return f"SigningKey({self.verifier.text!r})"

    @classmethod
    def generate(cls, name: str, kind: int = ED25519) -> SigningKey:
        """A new random key."""
        return cls(name, Ed25519PrivateKey.generate(), kind)

    @classmethod
    def parse(cls, text: str) -> SigningKey:
        """The key a key file holds."""
        match = _PRIVATE_KEY.fullmatch(text.strip())
        if match is None:
            raise SigningKeyError("the key file does not hold PRIVATE+KEY+name+id+key")
        raw = base64.b64decode(match[3])
        if len(raw) != 1 + _SEED_BYTES or raw[0] not in (ED25519, COSIGNATURE_V1):
            raise SigningKeyError("the key file does not hold an Ed25519 key")
        key = cls(match[1], Ed25519PrivateKey.from_private_bytes(raw[1:]), raw[0])
        if key.verifier.key_id.hex() != match[2]:
            raise SigningKeyError("the key file's key id does not match its key")
        return key

    def text(self) -> str:
        """The key file's line."""
        seed = self._private_key.private_bytes_raw()
        encoded = base64.b64encode(bytes([self.verifier.kind]) + seed).decode()
        return f"PRIVATE+KEY+{self.verifier.name}+{self.verifier.key_id.hex()}+{encoded}\n"

    def sign(self, text: str) -> Signature:
        """The signed-note signature of ``text`` by this key."""
        signed = self._private_key.sign(text.encode())
        return Signature(self.verifier.name, self.verifier.key_id, signed)

    def cosign(self, body: str, timestamp: int) -> Signature:
        """A witness's cosignature of a checkpoint's ``body`` at ``timestamp`` (C2SP v1)."""
        signed = self._private_key.sign(cosignature_message(body, timestamp))
        stamped = timestamp.to_bytes(8, "big") + signed
        return Signature(self.verifier.name, self.verifier.key_id, stamped)


class KeyFile:
    """The signing key's file: created on first use, read again when it changes (a rotation)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._loaded: tuple[tuple[int, int], SigningKey] | None = None

    def _version(self) -> tuple[int, int]:
        # A rotation replaces the file: a new inode, whatever the clock's resolution.
        status = self.path.stat()
        return status.st_ino, status.st_mtime_ns

    def key(self, name: str, kind: int = ED25519) -> SigningKey:
        """The current key; a new one for ``name`` is written if the file does not exist."""
        try:
            changed = self._version()
        except FileNotFoundError:
            self.write(SigningKey.generate(name, kind), replace=False)
            changed = self._version()
        if self._loaded is None or self._loaded[0] != changed:
            self._loaded = (changed, SigningKey.parse(self.path.read_text()))
        key = self._loaded[1]
        if key.verifier.name != name:
            raise SigningKeyError(
                f"{self.path} signs as {key.verifier.name}, but this log is {name}"
            )
        return key

    def write(self, key: SigningKey, *, replace: bool) -> None:
        """Store ``key``, readable by its owner only.

        ``replace`` keeps the old key beside the new one (``<file>.<key id>.retired``);
        without it, a file that exists already (another process made it first) is kept.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        fresh.unlink(missing_ok=True)
        descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(key.text())
        try:
            if not replace:
                os.link(fresh, self.path)
            else:
                if self.path.exists():
                    old = SigningKey.parse(self.path.read_text()).verifier.key_id.hex()
                    retired = self.path.with_name(f"{self.path.name}.{old}.retired")
                    if not retired.exists():
                        os.link(self.path, retired)
                fresh.replace(self.path)
        except FileExistsError:
            pass  # another process wrote the first key: it is the log's key
        finally:
            fresh.unlink(missing_ok=True)
