"""The append-only event store on PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Collection, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, Literal

import msgspec
import psycopg
from psycopg.types.json import Jsonb

from ledger.domain.errors import UnreadableEventError
from ledger.domain.records import EventRecord
from ledger.domain.upcasting import decode_event_json
from ledger.store.errors import (
    EmptyAppendError,
    EventNotEncodableError,
    EventTooLargeError,
    IdempotencyKeyReusedError,
    InvalidReadError,
    UnknownEventTypeError,
    WrongExpectedVersionError,
)
from ledger.store.notifications import CommitNotifier, LogListener
from ledger.store.records import (
    START_OF_LOG,
    AppendResult,
    EventMetadata,
    ExpectedVersion,
    GlobalCursor,
    IdempotentAppend,
    LogPage,
    NewEvent,
    RecordedEvent,
    RecordPage,
    StreamState,
    UnreadableRecord,
)
from ledger.store.validation import (
    MAX_STREAM_VERSION,
    check_idempotency_key,
    check_stream_id,
    expected_version_parameter,
)

if TYPE_CHECKING:
    from datetime import datetime

    from psycopg_pool import AsyncConnectionPool

MAX_READ_LIMIT: Final = 10_000
DEFAULT_MAX_EVENT_BYTES: Final = 1024 * 1024

_WRONG_EXPECTED_VERSION: Final = "LD001"
_IDEMPOTENCY_KEY_REUSED: Final = "LD002"

# The batch travels as one jsonb array: adapting parallel arrays cost the client more than
# the server spent on the inserts (docs/performance.md).
_APPEND_SQL: Final = """
    SELECT positions, stream_version, transaction_id::text, recorded_at, deduplicated
    FROM append_events(%s, %s, %s, %s, %s)
"""

# xid8 leaves as text (psycopg has no loader for it) under another name: an output column
# called transaction_id would win over the table's column in ORDER BY and sort as text.
_EVENT_COLUMNS: Final = """
    position, transaction_id::text AS transaction_text, event_id, stream_id, stream_version,
    event_type, schema_version, data, metadata, recorded_at
"""
# What a fold needs, as text the driver loads without calling back into Python: the event
# id as the domain keeps it, the data for one decode straight into its class, and only the
# principal of the metadata (the whole of it cost the server its text and the client its
# decoding, for every event of a replay).
_RECORD_COLUMNS: Final = """
    position, transaction_id::text AS transaction_text, event_id::text, stream_id,
    stream_version, event_type, schema_version, data::text, metadata->>'principal', recorded_at
"""


def _read_sql(columns: str) -> str:
    # Rows become visible to readers only once every transaction that could still commit
    # an earlier row has ended: see docs/architecture.md, "Gap-free global order".
    return f"""
        SELECT {columns} FROM events
        WHERE (transaction_id, position) > (%(transaction_id)s::xid8, %(position)s)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (%(types)s::text[] IS NULL OR event_type = ANY(%(types)s::text[]))
          AND (%(categories)s::text[] IS NULL OR category = ANY(%(categories)s::text[]))
        ORDER BY events.transaction_id, events.position
        LIMIT %(limit)s
    """  # noqa: S608 - only a fixed column list is interpolated


_READ_ALL_SQL: Final = _read_sql(_EVENT_COLUMNS)
_READ_RECORDS_SQL: Final = _read_sql(_RECORD_COLUMNS)

# The text column is renamed: ORDER BY a name that is also an output column sorts by the
# output (text, "99" after "100") and cannot walk the index backwards.
_HEAD_SQL: Final = """
    SELECT transaction_id::text AS transaction_text, position FROM events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY transaction_id DESC, position DESC
    LIMIT 1
"""

_encoder: Final = msgspec.json.Encoder()

Direction = Literal["forward", "backward"]


class _EncodedEvent(msgspec.Struct, frozen=True):
    """One element of append_events()'s jsonb array; data and metadata already encoded."""

    event_id: uuid.UUID
    type: str
    schema_version: int
    data: msgspec.Raw
    metadata: msgspec.Raw


class _EncodedAppend(msgspec.Struct, frozen=True):
    stream_id: str
    expected_version: int | None
    events: tuple[_EncodedEvent, ...]
    idempotency_key: str | None
    request_hash: bytes | None

    def parameters(self) -> tuple[object, ...]:
        return (
            self.stream_id,
            self.expected_version,
            Jsonb(self.events, dumps=_encoder.encode),
            self.idempotency_key,
            self.request_hash,
        )


def _record_from_row(row: Sequence[Any]) -> EventRecord:
    """A row read as records are (``_RECORD_COLUMNS``), decoded for the domain to fold."""
    return EventRecord(
        event_id=row[2],
        stream_id=row[3],
        stream_version=row[4],
        position=row[0],
        transaction_id=int(row[1]),
        recorded_at=row[9],
        principal=row[8],
        event=decode_event_json(row[5], row[6], row[7]),
    )


def _event_from_row(row: Sequence[Any]) -> RecordedEvent:
    return RecordedEvent(
        position=row[0],
        transaction_id=int(row[1]),
        event_id=row[2],
        stream_id=row[3],
        stream_version=row[4],
        type=row[5],
        schema_version=row[6],
        data=row[7],
        metadata=msgspec.convert(row[8], EventMetadata),
        recorded_at=row[9],
    )


async def _log_page(  # noqa: PLR0913 - the page, its filters and how to load it
    connection: psycopg.AsyncConnection[Any],
    after: GlobalCursor,
    limit: int,
    event_types: Collection[str] | None = None,
    categories: Collection[str] | None = None,
    *,
    as_records: bool = False,
) -> list[tuple[Any, ...]]:
    cursor = await connection.execute(
        _READ_RECORDS_SQL if as_records else _READ_ALL_SQL,
        {
            "transaction_id": str(after.transaction_id),
            "position": after.position,
            "types": None if event_types is None else list(event_types),
            "categories": None if categories is None else list(categories),
            "limit": limit,
        },
    )
    return await cursor.fetchall()


async def read_log_rows(
    connection: psycopg.AsyncConnection[Any], after: GlobalCursor, limit: int
) -> list[tuple[Any, ...]]:
    """The stored rows after ``after`` in the gap-free order, exactly as the database holds them.

    Each row is (position, transaction id as text, event_id, stream_id, stream_version, type,
    schema_version, data, metadata, recorded_at): the hash chain and exports need the data
    and metadata as stored, not as decoded.
    """
    return await _log_page(connection, after, limit)


async def _visible_head(connection: psycopg.AsyncConnection[Any]) -> GlobalCursor:
    cursor = await connection.execute(_HEAD_SQL)
    row = await cursor.fetchone()
    return START_OF_LOG if row is None else GlobalCursor(int(row[0]), row[1])


def _check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_READ_LIMIT:
        raise InvalidReadError(f"limit must be an integer in 1..{MAX_READ_LIMIT}, not {limit!r}")


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
        encoded = self._store.encode_append(
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
        self._schema_versions = dict(event_schema_versions)
        self._max_event_bytes = max_event_bytes
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
        encoded = self.encode_append(
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

    def encode_append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: ExpectedVersion,
        idempotency_key: str | None,
        request_fingerprint: bytes | None = None,
    ) -> _EncodedAppend:
        """Validate and encode an append; raise an ``InvalidAppendError`` on bad input."""
        check_stream_id(stream_id)
        expected = expected_version_parameter(expected_version)
        if idempotency_key is not None:
            check_idempotency_key(idempotency_key)
        if not events:
            raise EmptyAppendError("an append needs at least one event", field="events")
        # An append's events usually share their metadata: each distinct one is encoded once.
        metadata_encodings: dict[EventMetadata, bytes] = {}
        encoded = tuple(
            self._encode_event(index, event, idempotency_key, metadata_encodings)
            for index, event in enumerate(events)
        )
        if idempotency_key is not None and request_fingerprint is None:
            digest = hashlib.sha256()
            digest.update(_encoder.encode([stream_id, expected]))
            for event in encoded:
                # The data as a JSON string, as fingerprints stored before 0007 were made.
                digest.update(_encoder.encode([event.type, bytes(event.data).decode()]))
            request_fingerprint = digest.digest()
        return _EncodedAppend(
            stream_id=stream_id,
            expected_version=expected,
            events=encoded,
            idempotency_key=idempotency_key,
            request_hash=request_fingerprint,
        )

    def _encode_event(
        self,
        index: int,
        event: NewEvent,
        idempotency_key: str | None,
        metadata_encodings: dict[EventMetadata, bytes],
    ) -> _EncodedEvent:
        # Field names are formatted only for an error: this runs for every event appended.
        schema_version = self._schema_versions.get(event.type)
        if schema_version is None:
            raise UnknownEventTypeError(
                f"event type {event.type!r} is not registered", field=f"events[{index}].type"
            )
        if type(event.data) is not dict and not isinstance(event.data, Mapping):
            raise EventNotEncodableError(
                "event data must be a JSON object", field=f"events[{index}].data"
            )
        metadata = event.metadata
        if idempotency_key is not None:
            metadata = msgspec.structs.replace(metadata, idempotency_key=idempotency_key)
        try:
            data = _encoder.encode(event.data)
            encoded_metadata = metadata_encodings.get(metadata)
            if encoded_metadata is None:
                encoded_metadata = metadata_encodings[metadata] = _encoder.encode(metadata)
        except (TypeError, ValueError, msgspec.EncodeError) as exc:
            raise EventNotEncodableError(
                f"event data is not JSON-encodable: {exc}", field=f"events[{index}].data"
            ) from None
        if b"\\u0000" in data or b"\\u0000" in encoded_metadata:
            raise EventNotEncodableError(
                "event data may not hold NUL characters (PostgreSQL jsonb refuses them)",
                field=f"events[{index}].data",
            )
        size = len(data) + len(encoded_metadata)
        if size > self._max_event_bytes:
            raise EventTooLargeError(
                f"event is {size} bytes encoded, over the limit of {self._max_event_bytes}",
                field=f"events[{index}]",
                size=size,
                limit=self._max_event_bytes,
            )
        return _EncodedEvent(
            event_id=event.event_id,
            type=event.type,
            schema_version=schema_version,
            data=msgspec.Raw(data),
            metadata=msgspec.Raw(encoded_metadata),
        )

    async def execute_append(
        self,
        connection: psycopg.AsyncConnection[Any],
        encoded: _EncodedAppend,
        expected_version: ExpectedVersion,
    ) -> AppendResult:
        """Run an encoded append on ``connection`` and translate the database's verdict."""
        try:
            cursor = await connection.execute(_APPEND_SQL, encoded.parameters())
        except psycopg.Error as exc:
            raise _translate_append_error(exc, encoded, expected_version) from exc
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
            cursor = await connection.execute(
                """
                SELECT request_hash, stream_id, positions, stream_version,
                       transaction_id::text, recorded_at
                FROM idempotency_keys
                WHERE idempotency_key = %s AND positions IS NOT NULL
                """,
                (idempotency_key,),
            )
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
            cursor = await connection.execute(
                "SELECT version FROM streams WHERE stream_id = %s", (stream_id,)
            )
            row = await cursor.fetchone()
        return 0 if row is None else int(row[0])

    async def stream_exists(self, stream_id: str) -> bool:
        """Whether the stream has at least one event."""
        return await self.stream_version(stream_id) > 0

    async def read_events(self, event_ids: Collection[uuid.UUID]) -> list[RecordedEvent]:
        """The stored events with these ids, in log order; ids not found are left out."""
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE event_id = ANY(%s)"  # noqa: S608
                " ORDER BY events.transaction_id, events.position",
                (list(event_ids),),
            )
            return [_event_from_row(row) for row in await cursor.fetchall()]

    async def existing_streams(self, stream_ids: Collection[str]) -> set[str]:
        """Which of ``stream_ids`` have at least one event, in one query."""
        for stream_id in stream_ids:
            check_stream_id(stream_id)
        async with self._pool.connection() as connection:
            cursor = await connection.execute(
                "SELECT stream_id FROM streams WHERE stream_id = ANY(%s) AND version > 0",
                (list(stream_ids),),
            )
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
        _check_limit(limit)
        if direction not in ("forward", "backward"):
            raise InvalidReadError(f"direction must be 'forward' or 'backward', not {direction!r}")
        if from_version is not None and (
            isinstance(from_version, bool) or not 0 <= from_version <= MAX_STREAM_VERSION
        ):
            raise InvalidReadError(f"from_version {from_version!r} is not a stream version")
        if from_version is None:
            from_version = 1 if direction == "forward" else MAX_STREAM_VERSION
        comparison, order = (">=", "ASC") if direction == "forward" else ("<=", "DESC")
        query = f"""
            SELECT {_EVENT_COLUMNS} FROM events
            WHERE stream_id = %(stream_id)s AND stream_version {comparison} %(from_version)s
              AND (%(up_to_position)s::bigint IS NULL OR position <= %(up_to_position)s::bigint)
              AND (%(recorded_until)s::timestamptz IS NULL
                   OR recorded_at <= %(recorded_until)s::timestamptz)
            ORDER BY stream_version {order}
            LIMIT %(limit)s
        """  # noqa: S608 - only the two fixed fragments above are interpolated
        async with self._connection(connection) as reader:
            cursor = await reader.execute(
                query,
                {
                    "stream_id": stream_id,
                    "from_version": from_version,
                    "up_to_position": up_to_position,
                    "recorded_until": recorded_until,
                    "limit": limit,
                },
            )
            rows = await cursor.fetchall()
        return [_event_from_row(row) for row in rows]

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
        return LogPage(events=tuple(map(_event_from_row, rows)), next_cursor=next_cursor)

    async def read_records(
        self,
        after: GlobalCursor = START_OF_LOG,
        *,
        limit: int = 1000,
        event_types: Collection[str] | None = None,
    ) -> RecordPage:
        """``read_all`` decoded for folding: each event straight from its JSON to its class."""
        rows, next_cursor = await self._read_page(after, limit, event_types, None, as_records=True)
        records: list[EventRecord] = []
        unreadable: list[UnreadableRecord] = []
        for row in rows:
            # One undecodable event (a row older code accepted, a row from a newer ledger)
            # must not stop every page after it: the folder decides what to do with it.
            try:
                records.append(_record_from_row(row))
            except UnreadableEventError as exc:
                unreadable.append(
                    UnreadableRecord(
                        cursor=GlobalCursor(int(row[1]), row[0]),
                        event_id=row[2],
                        event_type=row[5],
                        error=str(exc),
                    )
                )
        return RecordPage(
            after=after,
            records=tuple(records),
            next_cursor=next_cursor,
            full=len(rows) == limit,
            unreadable=tuple(unreadable),
        )

    async def _read_page(
        self,
        after: GlobalCursor,
        limit: int,
        event_types: Collection[str] | None,
        categories: Collection[str] | None,
        *,
        as_records: bool = False,
    ) -> tuple[list[tuple[Any, ...]], GlobalCursor]:
        """One page's rows and the cursor the next page starts after."""
        _check_limit(limit)
        filtered = event_types is not None or categories is not None
        async with self._pool.connection() as connection:
            # Taken before the page: everything up to this head is visible to the page's
            # later snapshot, so a page that is not full has seen all of it.
            head = await _visible_head(connection) if filtered else None
            rows = await _log_page(
                connection, after, limit, event_types, categories, as_records=as_records
            )
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
            cursor = await connection.execute("SELECT refresh_log_statistics()")
            row = await cursor.fetchone()
        return bool(row and row[0])

    async def head(self) -> GlobalCursor:
        """The cursor of the last event a reader can see now (the start if none)."""
        async with self._pool.connection() as connection:
            return await _visible_head(connection)

    async def cursor_at(self, moment: int | datetime) -> GlobalCursor:
        """The cursor of the log as it stood at ``moment``: a position or a recorded instant.

        A position stands for the log up to the event at it (or the last one before it); an
        instant for the log up to the last event recorded at or before it; either up to the
        end of that event's transaction. Neither goes past
        what a reader can see now, so the answer never changes later. The start of the log
        when nothing was recorded by then.
        """
        last = (
            "recorded_at <= %s ORDER BY recorded_at DESC, position DESC"
            if isinstance(moment, datetime)
            else "position <= %s ORDER BY position DESC"
        )
        # A transaction is all or nothing: the log never stood in the middle of one.
        query = f"""
            SELECT e.transaction_id::text,
                   (SELECT max(t.position) FROM events t WHERE t.transaction_id = e.transaction_id)
            FROM events e WHERE {last} LIMIT 1
        """  # noqa: S608 - fixed fragments only
        async with self._pool.connection() as connection:
            cursor = await connection.execute(query, (moment,))
            row = await cursor.fetchone()
            head = await _visible_head(connection)
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
        _check_limit(batch_size)
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


def _translate_append_error(
    exc: psycopg.Error, encoded: _EncodedAppend, expected_version: ExpectedVersion
) -> Exception:
    if exc.sqlstate == _WRONG_EXPECTED_VERSION:
        actual = int(exc.diag.message_detail or 0)
        return WrongExpectedVersionError(encoded.stream_id, expected_version, actual)
    if exc.sqlstate == _IDEMPOTENCY_KEY_REUSED:
        return IdempotencyKeyReusedError(encoded.idempotency_key or "")
    return exc
