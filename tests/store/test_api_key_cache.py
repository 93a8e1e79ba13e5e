import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from psycopg_pool import AsyncConnectionPool

from ledger.application.access import ApiKeyStore, Role


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_revocation_elsewhere_lands_when_the_cache_expires(
    pool: AsyncConnectionPool,
) -> None:
    clock = _Clock()
    service = ApiKeyStore(pool, cache_seconds=5, clock=clock)
    elsewhere = ApiKeyStore(pool)  # another process, or the CLI
    issued = await elsewhere.issue("newsroom", Role.READER, created_by="tests")
    assert await service.authenticate(issued.secret) is not None

    await elsewhere.revoke(issued.key.key_id)
    clock.now += 4.9
    trusted = await service.authenticate(issued.secret)
    assert trusted is not None
    assert trusted.key_id == issued.key.key_id
    clock.now += 0.2
    assert await service.authenticate(issued.secret) is None


async def test_a_revocation_through_the_same_store_lands_at_once(
    pool: AsyncConnectionPool,
) -> None:
    service = ApiKeyStore(pool, cache_seconds=300, clock=_Clock())
    kept = await service.issue("kept", Role.READER, created_by="tests")
    revoked = await service.issue("revoked", Role.ADMIN, created_by="tests")
    for issued in (kept, revoked):
        assert await service.authenticate(issued.secret) is not None
    await service.revoke(revoked.key.key_id)
    assert await service.authenticate(revoked.secret) is None
    assert await service.authenticate(kept.secret) is not None


async def test_without_a_cache_every_check_asks_the_database(pool: AsyncConnectionPool) -> None:
    service = ApiKeyStore(pool, cache_seconds=0)
    elsewhere = ApiKeyStore(pool)
    issued = await elsewhere.issue("newsroom", Role.READER, created_by="tests")
    assert await service.authenticate(issued.secret) is not None
    await elsewhere.revoke(issued.key.key_id)
    assert await service.authenticate(issued.secret) is None


async def test_a_cached_key_does_not_vouch_for_a_forged_secret(pool: AsyncConnectionPool) -> None:
    service = ApiKeyStore(pool, cache_seconds=300, clock=_Clock())
    issued = await service.issue("newsroom", Role.READER, created_by="tests")
    assert await service.authenticate(issued.secret) is not None
    forged = issued.secret[:-4] + ("AAAA" if not issued.secret.endswith("AAAA") else "BBBB")
    assert await service.authenticate(forged) is None


class _HeldReturn:
    """A pool that holds the next connection on its way back until ``release`` is set."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool
        self.release: asyncio.Event | None = None
        self.holding = asyncio.Event()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Any]:
        release, self.release = self.release, None
        async with self._pool.connection() as connection:
            yield connection
        if release is not None:
            self.holding.set()
            await release.wait()


async def test_a_key_read_live_but_revoked_meanwhile_is_not_cached(
    pool: AsyncConnectionPool,
) -> None:
    held = _HeldReturn(pool)
    service = ApiKeyStore(cast("AsyncConnectionPool", held), cache_seconds=300, clock=_Clock())
    issued = await service.issue("newsroom", Role.READER, created_by="tests")
    release = held.release = asyncio.Event()
    # The check reads the key while it is live, then is held before it can remember it.
    checking = asyncio.create_task(service.authenticate(issued.secret))
    await held.holding.wait()
    await service.revoke(issued.key.key_id)
    release.set()
    assert await checking is not None
    assert await service.authenticate(issued.secret) is None
