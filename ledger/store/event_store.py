"""The append-only event store on PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Collection, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, Literal

import psycopg
from psycopg import sql

from ledger.store import statements
from ledger.store.encoding import AppendEncoder, EncodedAppend, translate_append_error
from ledger.store.errors import InvalidReadError
from ledger.store.log_reads import check_limit, event_from_row, log_page, visible_head
from ledger.store.notifications import CommitNotifier, LogListener
from ledger.store.records import (
    START_OF_LOG,
    AppendResult,
    ExpectedVersion,
    GlobalCursor,
    IdempotentAppend,
    LogPage,
    NewEvent,
    RecordedEvent,
    RowPage,
    StoredRow,
    StreamState,
)
from ledger.store.validation import MAX_STREAM_VERSION, check_idempotency_key, check_stream_id

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool

DEFAULT_MAX_EVENT_BYTES: Final = 1024 * 1024

Direction = Literal["forward", "backward"]


class StoreTransaction:
    """Appends made inside one database transaction: all commit together or none does.

    ``connection`` is exposed so that inline projections can write in the same transaction.
    """

    def __init__(self, store: EventStore, connection: psycopg.AsyncConnection[Any]) -> None:
        self._store = store
        self.connection = connection

    async def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion = StreamState.ANY,
        idempotency_key: str | None = None,
        *,
        request_fingerprint: bytes | None = None,
    ) -> AppendResult:
        """Append within this transaction; see ``EventStore.append``."""
        encoded = self._store.encoder.encode(
            stream_id, events, expected_version, idempotency_key, request_fingerprint
        )
        return await self._store.execute_append(self.connection, encoded, expected_version)


class EventStore:
    """Append-only event streams with a gap-free global order.

    ``event_schema_versions`` maps every event type the store accepts to the schema version
    new events of that type are written with.
    """

    def __init__(
        self,
        pool: AsyncConnectionPool,
        event_schema_versions: Mapping[str, int],
        *,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self._pool = pool
        self.encoder = AppendEncoder(event_schema_versions, max_event_bytes)
        """Checks and encodes appends before they reach the database."""
        self._notifier = CommitNotifier(pool)

    @asynccontextmanager
    async def _connection(
        self, given: psycopg.AsyncConnection[Any] | None
    ) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        if given is not None:
            yield given
        else:
            async with self._pool.connection() as connection:
                yield connection

    async def flush_notifications(self) -> None:
        """Wait until tailing readers were notified of every commit so far (before closing)."""
        await self._notifier.flush()

    @property
    def pool(self) -> AsyncConnectionPool:
        """The connection pool the store reads and writes through."""
        return self._pool

    async def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion = StreamState.ANY,
        idempotency_key: str | None = None,
        *,
        request_fingerprint: bytes | None = None,
    ) -> AppendResult:
        """Append ``events`` atomically to ``stream_id``.

        Raises ``WrongExpectedVersionError`` (carrying the actual version) when the stream is
        not at ``expected_version``. A second call with the same ``idempotency_key`` and the
        same request returns the first call's result and writes nothing; with a different
        request it raises ``IdempotencyKeyReusedError``. The request is identified by
        ``request_fingerprint`` when given (an HTTP layer hashes the request it received),
        else by a hash of the stream, the expected version and the events' types and data.
        Invalid input raises a subclass of ``InvalidAppendError``. In every error case
        nothing is written.
        """
        encoded = self.encoder.encode(
            stream_id, events, expected_version, idempotency_key, request_fingerprint
        )
        async with self._pool.connection() as connection:
            result = await self.execute_append(connection, encoded, expected_version)
        if not result.deduplicated:
            self._notifier.committed()
        return result

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[StoreTransaction]:
        """Group appends (and projection writes) into one database transaction."""
        async with self._pool.connection() as connection, connection.transaction():
            yield StoreTransaction(self, connection)
        self._notifier.committed()

    async def execute_append(
        self,
        connection: psycopg.AsyncConnection[Any],
        encoded: EncodedAppend,
        expected_version: ExpectedVersion,
    ) -> AppendResult:
        """Run an encoded append on ``connection`` and translate the database's verdict."""
        try:
            cursor = await connection.execute(statements.APPEND, encoded.parameters())
        except psycopg.Error as exc:
            raise translate_append_error(exc, encoded, expected_version) from exc
        row = await cursor.fetchone()
        if row is None:  # pragma: no cover - append_events() always returns one row
            raise RuntimeError("append_events() returned no row")
        positions, stream_version, transaction_id, recorded_at, deduplicated = row
        return AppendResult(
            stream_id=encoded.stream_id,
            positions=tuple(positions),
            stream_version=stream_version,
            transaction_id=int(transaction_id),
            recorded_at=recorded_at,
            deduplicated=deduplicated,
        )

    async def find_idempotent_append(self, idempotency_key: str) -> IdempotentAppend | None:
        """What the append that used ``idempotency_key`` wrote, if one committed."""
        check_idempotency_key(idempotency_key)
        async with self._pool.connection() as connection:
            cursor = await connection.execute(statements.IDEMPOTENT_APPEND, (idempotency_key,))
            row = await cursor.fetchone()
        if row is None:
            return None
        fingerprint, stream_id, positions, stream_version, transaction_id, recorded_at = row
        return IdempotentAppend(
            request_fingerprint=bytes(fingerprint),
            result=AppendResult(
                stream_id=stream_id,
                positions=tuple(positions),
                stream_version=stream_version,
                transaction_id=int(transaction_id),
                recorded_at=recorded_at,
                deduplicated=True,
            ),
        )

    async def stream_version(self, stream_id: str) -> int:
        """Return the stream's current version: 0 when it has no events."""
        check_stream_id(stream_id)
        async with self._pool.connection() as connection:
            cursor = await connection.execute(statements.STREAM_VERSION, (stream_id,))
            row = await cursor.fetchone()
        return 0 if row is None else int(row[0])

    async def stream_exists(self, stream_id: str) -> bool:
        """Whether the stream has at least one event."""
        return await self.stream_version(stream_id) > 0

    async def read_events(self, event_ids: Collection[uuid.UUID]) -> list[RecordedEvent]:
        """The stored events with these ids, in log order; ids not found are left out."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(statements.EVENTS_BY_ID, (list(event_ids),))
            return [event_from_row(row) for row in await cursor.fetchall()]

    async def existing_streams(self, stream_ids: Collection[str]) -> set[str]:
        """Which of ``stream_ids`` have at least one event, in one query."""
        for stream_id in stream_ids:
            check_stream_id(stream_id)
        async with self._pool.connection() as connection:
            cursor = await connection.execute(statements.EXISTING_STREAMS, (list(stream_ids),))
            return {str(row[0]) for row in await cursor.fetchall()}

    async def read_stream(  # noqa: PLR0913 - each keyword is one independent filter
        self,
        stream_id: str,
        *,
        from_version: int | None = None,
        direction: Direction = "forward",
        limit: int = 1000,
        up_to_position: int | None = None,
        recorded_until: datetime | None = None,
        connection: psycopg.AsyncConnection[Any] | None = None,
    ) -> list[RecordedEvent]:
        """Read one stream from ``from_version`` (inclusive) in ``direction``.

        Forward reads start at version 1 by default, backward reads at the last event.
        ``up_to_position`` and ``recorded_until`` give the stream as the ledger held it then:
        only events at or before that global position or recorded instant. ``connection``
        reads inside a caller's transaction instead of on a pooled connection.
        """
        check_stream_id(stream_id)
        check_limit(limit)
        if direction not in ("forward", "backward"):
            raise InvalidReadError(f"direction must be 'forward' or 'backward', not {direction!r}")
        if from_version is not None and (
            isinstance(from_version, bool) or not 0 <= from_version <= MAX_STREAM_VERSION
        ):
            raise InvalidReadError(f"from_version {from_version!r} is not a stream version")
        if from_version is None:
            from_version = 1 if direction == "forward" else MAX_STREAM_VERSION
        async with self._connection(connection) as reader:
            cursor = await reader.execute(
                statements.STREAM_PAGE[direction],
                {
                    "stream_id": stream_id,
                    "from_version": from_version,
                    "up_to_position": up_to_position,
                    "recorded_until": recorded_until,
                    "limit": limit,
                },
            )
            rows = await cursor.fetchall()
        return [event_from_row(row) for row in rows]

    async def read_all(
        self,
        after: GlobalCursor = START_OF_LOG,
        *,
        limit: int = 1000,
        event_types: Collection[str] | None = None,
        categories: Collection[str] | None = None,
    ) -> LogPage:
        """Read the global log after ``after`` in its gap-free order.

        Filters keep only the given event types and stream categories (the part of a stream
        id before its first ``-``). Paging with ``next_cursor`` never skips nor repeats an
        event, whatever the concurrent writers do. A filtered page that is not full moves
        ``next_cursor`` past the events it did not match, up to the visible end of the log.
        """
        rows, next_cursor = await self._read_page(after, limit, event_types, categories)
        return LogPage(events=tuple(map(event_from_row, rows)), next_cursor=next_cursor)

    async def read_rows(
        self,
        after: GlobalCursor = START_OF_LOG,
        *,
        limit: int = 1000,
        event_types: Collection[str] | None = None,
    ) -> RowPage:
        """``read_all`` as folds read it: each event a ``StoredRow``, its data still JSON."""
        rows, next_cursor = await self._read_page(
            after, limit, event_types, None, query=statements.ROW_PAGE
        )
        return RowPage(
            rows=tuple(StoredRow._make(row) for row in rows),
            next_cursor=next_cursor,
            full=len(rows) == limit,
        )

    async def _read_page(
        self,
        after: GlobalCursor,
        limit: int,
        event_types: Collection[str] | None,
        categories: Collection[str] | None,
        *,
        query: sql.Composed = statements.LOG_PAGE,
    ) -> tuple[list[tuple[Any, ...]], GlobalCursor]:
        """One page's rows and the cursor the next page starts after."""
        check_limit(limit)
        filtered = event_types is not None or categories is not None
        async with self._pool.connection() as connection:
            # Taken before the page: everything up to this head is visible to the page's
            # later snapshot, so a page that is not full has seen all of it.
            head = await visible_head(connection) if filtered else None
            rows = await log_page(connection, after, limit, event_types, categories, query=query)
        next_cursor = GlobalCursor(int(rows[-1][1]), rows[-1][0]) if rows else after
        if head is not None and len(rows) < limit:
            next_cursor = max(next_cursor, head)
        return rows, next_cursor

    async def refresh_statistics(self) -> bool:
        """Refresh the planner's statistics on the log if missing or stale; say whether it did.

        Worth a call before reading much of the log filtered (a rebuild): without them each
        page's query plan sorts every later event. Never waits for a lock.
        """
        async with self._pool.connection() as connection:
            cursor = await connection.execute(statements.REFRESH_STATISTICS)
            row = await cursor.fetchone()
        return bool(row and row[0])

    async def head(self) -> GlobalCursor:
        """The cursor of the last event a reader can see now (the start if none)."""
        async with self._pool.connection() as connection:
            return await visible_head(connection)

    async def cursor_at(self, moment: int | datetime) -> GlobalCursor:
        """The cursor of the log as it stood at ``moment``: a position or a recorded instant.

        A position stands for the log up to the event at it (or the last one before it); an
        instant for the log up to the last event recorded at or before it; either up to the
        end of that event's transaction. Neither goes past
        what a reader can see now, so the answer never changes later. The start of the log
        when nothing was recorded by then.
        """
        query = (
            statements.LAST_EVENT_RECORDED_BY
            if isinstance(moment, datetime)
            else statements.LAST_EVENT_AT_POSITION
        )
        async with self._pool.connection() as connection:
            cursor = await connection.execute(query, (moment,))
            row = await cursor.fetchone()
            head = await visible_head(connection)
        return START_OF_LOG if row is None else min(GlobalCursor(int(row[0]), row[1]), head)

    async def follow(  # noqa: PLR0913 - each keyword is one independent option
        self,
        after: GlobalCursor = START_OF_LOG,
        *,
        batch_size: int = 500,
        event_types: Collection[str] | None = None,
        categories: Collection[str] | None = None,
        idle_poll_seconds: float = 1.0,
        listener: LogListener | None = None,
    ) -> AsyncGenerator[RecordedEvent, None]:
        """Yield every event after ``after``, then each new one as it commits, forever.

        Woken by NOTIFY through ``listener`` (a private one when none is given); polls every
        ``idle_poll_seconds`` as well, for writers that bypass the store and for
        transactions that were holding earlier events back.
        """
        check_limit(batch_size)
        own_listener = listener is None
        if listener is None:
            listener = self.listener()
            await listener.start()
        try:
            cursor = after
            while True:
                seen = listener.count
                page = await self.read_all(
                    cursor, limit=batch_size, event_types=event_types, categories=categories
                )
                for event in page.events:
                    yield event
                cursor = page.next_cursor
                if len(page.events) < batch_size:
                    await listener.wait(seen, idle_poll_seconds)
        finally:
            if own_listener:
                await asyncio.shield(listener.stop())

    def listener(self) -> LogListener:
        """A new listener on this store's database (not started)."""
        conninfo, kwargs = self._pool.conninfo, self._pool.kwargs
        if not isinstance(conninfo, str) or not isinstance(kwargs, dict):
            raise TypeError("a listener needs a pool opened with a plain conninfo and kwargs")
        return LogListener(conninfo, **{k: v for k, v in kwargs.items() if k != "autocommit"})
