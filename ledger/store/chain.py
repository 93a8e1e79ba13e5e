"""Tamper evidence: a SHA-256 chain and a Merkle tree over the events, in the global order.

Appends stay concurrent: a sealer seals events after they commit, in the order every
reader of the global log sees. ``event_hash`` is SHA-256 of the event's canonical encoding
(:func:`canonical_event`); ``chain_hash`` is SHA-256 of the previous ``chain_hash`` (32 zero
bytes before the first event) followed by ``event_hash``. A digest — the latest sealed
sequence number and its chain hash — therefore commits to every event before it. In the
same transaction the event becomes the next leaf of the RFC 9162 tree (``store.tree``), and
the sealer signs a checkpoint of the tree at most every ``checkpoint_seconds``.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any, Final

import msgspec
import psycopg
import structlog
from psycopg_pool import AsyncConnectionPool

from ledger.store import checkpoints, tree
from ledger.store.canonical import canonical_event as leaf_data
from ledger.store.chain_hashes import (
    GENESIS,
    ChainInconsistencyError,
    ConsistencyProof,
    Digest,
    DigestMismatchError,
    LedgerTamperedError,
    Mismatch,
    UnknownDigestError,
    Verification,
    chain,
    digest_of,
    event_hash,
    failed_verification,
    first_mismatch,
    parse_digest,
    sealed_event,
)
from ledger.store.log_reads import read_log_rows
from ledger.store.merkle import leaf_hash
from ledger.store.notifications import LogListener
from ledger.store.records import START_OF_LOG, GlobalCursor
from ledger.store.signing import KeyFile, SigningKey, SigningKeyError
from ledger.verifier import VerifierKey

logger = structlog.get_logger(__name__)

SEAL_BATCH: Final = 1000
_IDLE_SECONDS: Final = 1.0
_RETRY_SECONDS: Final = 2.0

# Each sealed event beside its chain row: seq, position, event hash, chain hash, transaction
# id and sealed_at as sealed, then the event as stored now (nulls where it is gone), then
# its leaf in the tree (null where the tree does not reach yet).
_SEALED_EVENTS_SQL: Final = """
    SELECT c.seq, c.position, c.event_hash, c.chain_hash, c.transaction_id::text, c.sealed_at,
           e.position, e.transaction_id::text, e.event_id, e.stream_id, e.stream_version,
           e.event_type, e.schema_version, e.data, e.metadata, e.recorded_at, m.hash
    FROM event_chain c LEFT JOIN events e ON e.position = c.position
    LEFT JOIN merkle_nodes m ON m.level = 0 AND m.number = c.seq - 1
    WHERE c.seq > %s ORDER BY c.seq LIMIT %s
"""


_BACKLOG_CAP: Final = 1_000_000
# Visible events after the last seal (the sealer chains nothing a reader cannot see yet).
_BACKLOG_SQL: Final = """
    WITH sealed AS (
        SELECT transaction_id, position FROM event_chain ORDER BY seq DESC LIMIT 1
    )
    SELECT count(*), extract(epoch FROM clock_timestamp() - min(recorded_at))::float8
    FROM (
        SELECT e.recorded_at FROM events e
        WHERE (e.transaction_id, e.position) > (
                  coalesce((SELECT transaction_id FROM sealed), '0'::xid8),
                  coalesce((SELECT position FROM sealed), 0))
          AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.transaction_id, e.position
        LIMIT %(cap)s
    ) waiting
"""


class SealBacklog(msgspec.Struct, frozen=True, kw_only=True):
    """What the sealer has still to chain."""

    events: int
    capped: bool
    """``events`` stopped counting at its cap: there are more."""
    seconds: float
    """How long the oldest event not sealed has waited since it was recorded."""


class Chain:
    """Seals committed events into the hash chain and the tree, and checks the log against them.

    Without ``signing`` the tree grows but no checkpoint is signed (a process that only
    verifies, say).
    """

    def __init__(
        self,
        pool: AsyncConnectionPool,
        signing: KeyFile | None = None,
        checkpoint_seconds: float = 1.0,
    ) -> None:
        self._pool = pool
        self._signing = signing
        self._checkpoint_every = timedelta(seconds=checkpoint_seconds)
        self.stopped: str | None = None
        """Why the sealer stopped for good (the log disagrees with its chain), if it did."""
        self.signing_failed: str | None = None
        """Why the last checkpoint could not be signed, while it cannot."""
        self._origin: str | None = None
        self._registered: VerifierKey | None = None

    async def seal(self, limit: int = SEAL_BATCH) -> int:
        """Chain the next committed events, up to ``limit``; return how many.

        Two sealers never both succeed with the same events: ``seq`` is the primary key.
        An event already sealed met again (its place in the order was rewritten) raises
        ``ChainInconsistencyError``: the chain is never built on a rewritten log.
        """
        async with self._pool.connection() as connection, connection.transaction():
            cursor = await connection.execute(
                "SELECT seq, chain_hash, transaction_id::text, position FROM event_chain"
                " ORDER BY seq DESC LIMIT 1"
            )
            last = await cursor.fetchone()
            seq, previous = (0, GENESIS) if last is None else (last[0], bytes(last[1]))
            size = await tree.tree_size(connection)
            if size != seq:
                return await self._plant(connection, size, seq, limit)
            after = START_OF_LOG if last is None else GlobalCursor(int(last[2]), last[3])
            rows = await read_log_rows(connection, after, limit)
            sealed, leaves = [], []
            for row in rows:
                seq += 1
                hashed = event_hash(row)
                previous = chain(previous, hashed)
                sealed.append((seq, row[0], row[1], hashed, previous))
                leaves.append(leaf_hash(leaf_data(row)))
            if sealed:
                # One statement for the batch: a statement per event cost the live sealer
                # more than the hashing (docs/performance.md).
                await _insert_seals(connection, sealed)
                await tree.extend(connection, size, leaves)
        return len(sealed)

    @staticmethod
    async def _plant(
        connection: psycopg.AsyncConnection[Any], size: int, sealed: int, limit: int
    ) -> int:
        """Grow the tree over events the chain sealed before the tree existed.

        Each event is checked against its chain row first: a tree is never planted over an
        event altered since it was sealed.
        """
        if size > sealed:
            raise ChainInconsistencyError(
                f"the tree holds {size} leaves but the chain seals {sealed} events"
            )
        previous = GENESIS
        if size:
            cursor = await connection.execute(
                "SELECT chain_hash FROM event_chain WHERE seq = %s", (size,)
            )
            row = await cursor.fetchone()
            assert row is not None  # noqa: S101 - seq numbers have no gaps
            previous = bytes(row[0])
        cursor = await connection.execute(_SEALED_EVENTS_SQL, (size, limit))
        leaves = []
        for row in await cursor.fetchall():
            mismatch = first_mismatch(row, previous)
            if mismatch is not None:
                raise ChainInconsistencyError(
                    f"the tree cannot grow over position {mismatch.position}"
                    f" ({mismatch.problem}): {mismatch.detail}"
                )
            previous = bytes(row[3])
            leaves.append(leaf_hash(leaf_data(sealed_event(row))))
        await tree.extend(connection, size, leaves)
        return len(leaves)

    async def checkpoint(self) -> float | None:
        """Sign the tree's head if it is unsigned and a checkpoint is due.

        Returns the seconds until one will be due when the head waits for it; ``None`` when
        there is nothing to sign (or no key to sign with).
        """
        if self._signing is None:
            return None
        async with self._pool.connection() as connection, connection.transaction():
            # The key first, so that a new ledger has one (and publishes it) from the start.
            key = await self._key(connection)
            size = await tree.tree_size(connection)
            last = await checkpoints.last_signed(connection)
            if size == 0 or (last is not None and last[0] >= size):
                return None
            if last is not None and last[1] < self._checkpoint_every:
                return (self._checkpoint_every - last[1]).total_seconds()
            await checkpoints.sign(connection, key, size, await tree.root(connection, size))
        return None

    async def _key(self, connection: psycopg.AsyncConnection[Any]) -> SigningKey:
        """The signing key, made on first use; its public half kept in the database."""
        assert self._signing is not None  # noqa: S101 - checked by the caller
        if self._origin is None:
            self._origin = await checkpoints.origin(connection)
        key = self._signing.key(self._origin)
        if key.verifier != self._registered:
            await checkpoints.register_key(connection, key.verifier)
            self._registered = key.verifier
        return key

    async def seal_all(self) -> int:
        """Seal until every committed event is chained."""
        total = 0
        while (count := await self.seal()) > 0:
            total += count
        return total

    async def run(self, listener: LogListener) -> None:
        """Seal new events as they commit; errors are logged and retried.

        Stops for good, with an error logged and ``stopped`` set, once the log disagrees
        with its chain: only an operator can say what happened (``ledger verify``).
        """
        while True:
            seen = listener.count
            try:
                sealed = await self.seal()
                due = await self._checkpoint_or_log()
                if sealed < SEAL_BATCH:
                    await listener.wait(seen, min(due or _IDLE_SECONDS, _IDLE_SECONDS))
            except asyncio.CancelledError:
                raise
            except ChainInconsistencyError as exc:
                self.stopped = str(exc)
                logger.exception("sealing stopped: the log disagrees with its chain")
                return
            except psycopg.errors.UniqueViolation:
                continue  # another sealer chained these events first
            except Exception:  # a sealer must outlive a bad batch
                logger.exception("sealing failed")
                await asyncio.sleep(_RETRY_SECONDS)

    async def _checkpoint_or_log(self) -> float | None:
        """Sign a checkpoint when due; a key that cannot be used is logged, sealing goes on."""
        try:
            due = await self.checkpoint()
        except (OSError, SigningKeyError) as exc:
            if self.signing_failed != str(exc):
                logger.error("signing checkpoints failed", error=str(exc))  # noqa: TRY400 - no trace: the message says it
            self.signing_failed = str(exc)
            return None
        if self.signing_failed is not None:
            logger.info("signing checkpoints resumed")
            self.signing_failed = None
        return due

    async def digest(self) -> Digest | None:
        """The latest sealed point, or ``None`` before the first seal."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT seq, position, transaction_id::text, chain_hash, sealed_at"
                " FROM event_chain ORDER BY seq DESC LIMIT 1"
            )
            row = await cursor.fetchone()
        return None if row is None else digest_of(row)

    async def backlog(self) -> SealBacklog:
        """The committed events not sealed yet: how many (up to a cap), and the oldest's wait."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(_BACKLOG_SQL, {"cap": _BACKLOG_CAP})
            row = await cursor.fetchone()
        count = int(row[0]) if row else 0
        return SealBacklog(
            events=count,
            capped=count >= _BACKLOG_CAP,
            seconds=max(float(row[1]), 0.0) if row and count else 0.0,
        )

    async def proof(self, token: str, limit: int = 10_000) -> ConsistencyProof:
        """The event hashes from a stored digest to the latest seal (at most ``limit``).

        Each event they cover is checked against its seal first: ``LedgerTamperedError``
        names the first that no longer matches.
        """
        seq, root = parse_digest(token)
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT chain_hash FROM event_chain WHERE seq = %s", (seq,)
            )
            row = await cursor.fetchone()
            if row is None:
                raise UnknownDigestError(f"the chain holds no sequence number {seq}")
            if bytes(row[0]) != root:
                raise DigestMismatchError(
                    f"the chain's hash at {seq} is {bytes(row[0]).hex()}, not {root.hex()}"
                )
            cursor = await connection.execute(_SEALED_EVENTS_SQL, (seq, limit))
            rows = await cursor.fetchall()
            # A proof vouches for the events it covers, not only for their chain rows.
            previous = root
            for row in rows:
                mismatch = first_mismatch(row, previous)
                if mismatch is not None:
                    raise LedgerTamperedError(mismatch)
                previous = bytes(row[3])
            head = await connection.execute("SELECT max(seq) FROM event_chain")
            head_row = await head.fetchone()
        head_seq = int(head_row[0]) if head_row and head_row[0] is not None else seq
        if rows:
            last = rows[-1]
            to = digest_of((last[0], last[1], last[4], last[3], last[5]))
        else:
            current = await self.digest()
            assert current is not None  # noqa: S101 - the chain holds ``seq`` at least
            to = current
        return ConsistencyProof(
            from_seq=seq,
            from_hash=root.hex(),
            to=to,
            event_hashes=[bytes(r[2]).hex() for r in rows],
            complete=to.seq >= head_seq,
        )

    async def verify(self, from_position: int | None = None) -> Verification:
        """Recompute the chain from the events; name the first event that does not match."""
        async with self._pool.connection() as connection:
            start_seq, previous = await self._start(connection, from_position)
            audit = None if from_position is not None else await _tree_audit(connection)
            checked = 0
            seq = start_seq
            last_position: int | None = None
            last_cursor = (0, 0)
            while True:
                cursor = await connection.execute(_SEALED_EVENTS_SQL, (seq, SEAL_BATCH))
                rows = await cursor.fetchall()
                for row in rows:
                    mismatch = first_mismatch(row, previous)
                    if mismatch is None and audit is not None:
                        leaf = leaf_hash(leaf_data(sealed_event(row)))
                        stored = None if row[16] is None else bytes(row[16])
                        mismatch = audit.leaf(row[0], row[1], leaf, stored)
                    if mismatch is not None:
                        return failed_verification(checked, from_position, mismatch)
                    seq, last_position, previous = row[0], row[1], bytes(row[3])
                    last_cursor = (int(row[4]), row[1])
                    checked += 1
                if audit is not None and (mismatch := await audit.flush(connection)):
                    return failed_verification(checked, from_position, mismatch)
                if len(rows) < SEAL_BATCH:
                    break
            if audit is not None and (beyond := audit.unchecked_checkpoints()):
                return failed_verification(
                    checked,
                    from_position,
                    Mismatch(
                        position=last_position or 0,
                        seq=None,
                        problem="checkpoint-altered",
                        detail=f"a checkpoint of size {beyond[0]} is kept, but the tree"
                        f" holds {audit.stored_size} leaves",
                    ),
                )
            inserted = await self._inserted(connection, start_seq, last_cursor)
            if inserted is not None:
                return failed_verification(checked, from_position, inserted)
            unsealed = await self._unsealed(connection, last_cursor)
        return Verification(
            checked=checked,
            from_position=from_position,
            sealed_position=last_position,
            unsealed=unsealed,
            ok=True,
            first_mismatch=None,
        )

    @staticmethod
    async def _start(
        connection: psycopg.AsyncConnection[Any], from_position: int | None
    ) -> tuple[int, bytes]:
        if from_position is None:
            return 0, GENESIS
        cursor = await connection.execute(
            "SELECT seq FROM event_chain WHERE position >= %s ORDER BY position LIMIT 1",
            (from_position,),
        )
        row = await cursor.fetchone()
        if row is None:
            raise UnknownDigestError(f"no sealed event at or after position {from_position}")
        seq = int(row[0]) - 1
        if seq == 0:
            return 0, GENESIS
        cursor = await connection.execute(
            "SELECT chain_hash FROM event_chain WHERE seq = %s", (seq,)
        )
        previous = await cursor.fetchone()
        assert previous is not None  # noqa: S101 - seq numbers have no gaps
        return seq, bytes(previous[0])

    @staticmethod
    async def _inserted(
        connection: psycopg.AsyncConnection[Any], start_seq: int, last: tuple[int, int]
    ) -> Mismatch | None:
        # An event in the sealed range that the chain does not know was slipped in later.
        cursor = await connection.execute(
            """
            SELECT e.position FROM events e
            WHERE (e.transaction_id, e.position) <= (%s::xid8, %s)
              AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.position = e.position)
              AND e.position >= coalesce(
                    (SELECT position FROM event_chain WHERE seq = %s + 1), 0)
            ORDER BY e.transaction_id, e.position LIMIT 1
            """,
            (str(last[0]), last[1], start_seq),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        return Mismatch(
            position=int(row[0]),
            seq=None,
            problem="inserted",
            detail="an event inside the sealed part of the log that the chain never sealed",
        )

    @staticmethod
    async def _unsealed(connection: psycopg.AsyncConnection[Any], last: tuple[int, int]) -> int:
        cursor = await connection.execute(
            "SELECT count(*) FROM events WHERE (transaction_id, position) > (%s::xid8, %s)",
            (str(last[0]), last[1]),
        )
        row = await cursor.fetchone()
        return int(row[0]) if row else 0


async def _tree_audit(connection: psycopg.AsyncConnection[Any]) -> tree.TreeAudit:
    """An audit of the whole stored tree and every kept checkpoint."""
    return tree.TreeAudit(
        await tree.tree_size(connection),
        await checkpoints.kept_sizes(connection),
        await checkpoints.log_keys(connection),
    )


async def _insert_seals(
    connection: psycopg.AsyncConnection[Any], sealed: list[tuple[int, int, str, bytes, bytes]]
) -> None:
    """Insert a batch of chain rows; refuse to seal any position a second time."""
    try:
        await connection.execute(
            "INSERT INTO event_chain"
            " (seq, position, transaction_id, event_hash, chain_hash)"
            " SELECT seq, position, transaction_id::xid8, event_hash, chain_hash"
            " FROM unnest(%b::int8[], %b::int8[], %b::text[], %b::bytea[], %b::bytea[])"
            " AS sealed (seq, position, transaction_id, event_hash, chain_hash)",
            [list(column) for column in zip(*sealed, strict=True)],
        )
    except psycopg.errors.UniqueViolation as exc:
        if exc.diag.constraint_name == "event_chain_position_key":
            raise ChainInconsistencyError(
                "an event already sealed is back after the sealed part of the log: its"
                " place in the order was rewritten"
            ) from exc
        raise
