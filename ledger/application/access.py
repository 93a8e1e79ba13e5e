"""API keys: issued once, stored as hashes, checked on every request."""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from datetime import datetime
from typing import Final

import msgspec
import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

_KEY_FORMAT: Final = re.compile(r"^ldg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
KEY_NAME_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$"
_NAME_FORMAT: Final = re.compile(KEY_NAME_PATTERN)


class Role(enum.StrEnum):
    """What a key may do; each role may do everything the ones before it may."""

    READER = "reader"
    REPORTER = "reporter"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        """Whether this role covers ``needed``."""
        order = list(Role)
        return order.index(self) >= order.index(needed)


class ApiKey(msgspec.Struct, frozen=True, kw_only=True):
    """An issued key, without its secret."""

    key_id: str
    name: str
    role: Role
    created_at: datetime
    created_by: str | None
    revoked_at: datetime | None


class IssuedKey(msgspec.Struct, frozen=True, kw_only=True):
    """A new key and its secret, which is shown once and never stored."""

    key: ApiKey
    secret: str


class ApiKeyError(Exception):
    """A key cannot be issued or revoked as asked."""


def _hash(secret: str) -> bytes:
    # The secret is 256 random bits, so one SHA-256 suffices: there is nothing to brute-force.
    return hashlib.sha256(secret.encode()).digest()


def _row_to_key(row: tuple[object, ...]) -> ApiKey:
    return msgspec.convert(
        dict(
            zip(
                ("key_id", "name", "role", "created_at", "created_by", "revoked_at"),
                row,
                strict=True,
            )
        ),
        ApiKey,
    )


_COLUMNS: Final = sql.SQL("key_id, name, role, created_at, created_by, revoked_at")


MAX_CACHED_KEYS: Final = 10_000
"""How many verified keys one process remembers; the oldest go first beyond it."""


class ApiKeyStore:
    """Issues, lists, revokes and checks API keys.

    A key verified against the database is trusted for ``cache_seconds`` afterwards without
    asking again: checking every request cost a round trip and a fifth of a GET's time. A
    revocation through this store takes effect at once; one made elsewhere (another process,
    the CLI) within ``cache_seconds``. Only successes are remembered, so a wrong key always
    reaches the database. ``clock`` is the monotonic clock the cache reads.
    """

    def __init__(
        self,
        pool: AsyncConnectionPool,
        *,
        cache_seconds: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._pool = pool
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._verified: dict[bytes, tuple[ApiKey, float]] = {}
        self._revocations = 0

    async def issue(self, name: str, role: Role, *, created_by: str | None) -> IssuedKey:
        """Create a key; the returned secret is the only copy there will ever be."""
        if not _NAME_FORMAT.fullmatch(name):
            raise ApiKeyError(
                "a key name is 1-100 letters, digits, spaces or ._@- and starts with a letter"
                " or digit"
            )
        key_id = secrets.token_hex(8)
        secret = f"ldg_{key_id}_{secrets.token_urlsafe(32)}"
        try:
            async with self._pool.connection() as connection:
                cursor = await connection.execute(
                    sql.SQL("""
                    INSERT INTO api_keys (key_id, name, role, secret_hash, created_by)
                    VALUES (%s, %s, %s, %s, %s)
                    RETURNING {columns}
                    """).format(columns=_COLUMNS),
                    (key_id, name, role.value, _hash(secret), created_by),
                )
                row = await cursor.fetchone()
        except psycopg.errors.UniqueViolation:
            raise ApiKeyError(f"a key named {name!r} exists already") from None
        assert row is not None  # noqa: S101 - INSERT … RETURNING returns its row
        return IssuedKey(key=_row_to_key(row), secret=secret)

    async def authenticate(self, presented: str) -> ApiKey | None:
        """The live key ``presented`` belongs to, or ``None``."""
        match = _KEY_FORMAT.match(presented)
        if match is None:
            return None
        secret_hash = _hash(presented)
        cached = self._verified.get(secret_hash)
        if cached is not None:
            key, trusted_until = cached
            if self._clock() < trusted_until:
                return key
            del self._verified[secret_hash]
        revocations = self._revocations
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                sql.SQL(
                    "SELECT {columns}, secret_hash FROM api_keys"
                    " WHERE key_id = %s AND revoked_at IS NULL"
                ).format(columns=_COLUMNS),
                (match[1],),
            )
            row = await cursor.fetchone()
        if row is None or not hmac.compare_digest(bytes(row[-1]), secret_hash):
            return None
        key = _row_to_key(row[:-1])
        # A revocation made while the row was read may not have seen this key yet: not cached.
        if self._cache_seconds > 0 and self._revocations == revocations:
            if len(self._verified) >= MAX_CACHED_KEYS:
                del self._verified[next(iter(self._verified))]
            self._verified[secret_hash] = (key, self._clock() + self._cache_seconds)
        return key

    async def list(self) -> list[ApiKey]:
        """Every key ever issued, revoked ones included, oldest first."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                sql.SQL("SELECT {columns} FROM api_keys ORDER BY created_at, key_id").format(
                    columns=_COLUMNS
                )
            )
            rows = await cursor.fetchall()
        return [_row_to_key(row) for row in rows]

    async def revoke(self, key_id: str) -> ApiKey | None:
        """Revoke a key at once; ``None`` if there is no such key."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                sql.SQL("""
                UPDATE api_keys SET revoked_at = coalesce(revoked_at, clock_timestamp())
                WHERE key_id = %s RETURNING {columns}
                """).format(columns=_COLUMNS),
                (key_id,),
            )
            row = await cursor.fetchone()
        self._revocations += 1
        self._verified = {
            secret_hash: cached
            for secret_hash, cached in self._verified.items()
            if cached[0].key_id != key_id
        }
        return None if row is None else _row_to_key(row)
