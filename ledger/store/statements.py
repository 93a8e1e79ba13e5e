"""The event store's statements: column lists and queries, composed once at import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from psycopg import sql


def integers(values: Iterable[int]) -> str:
    """Integers as one array literal, for a parameter cast to an integer array.

    psycopg dumps a list one value at a time in Python: for the thousand positions and
    nodes of a figure's proofs, a noticeable share of the page's time.
    """
    return "{" + ",".join(map(str, values)) + "}"


APPEND: Final = sql.SQL("""
    SELECT positions, stream_version, transaction_id::text, recorded_at, deduplicated
    FROM append_events(%s, %s, %s, %s, %s)
""")

# xid8 leaves as text (psycopg has no loader for it) under another name: an output column
# called transaction_id would win over the table's column in ORDER BY and sort as text.
EVENT_COLUMNS: Final = sql.SQL("""
    position, transaction_id::text AS transaction_text, event_id, stream_id, stream_version,
    event_type, schema_version, data, metadata, recorded_at
""")
# What a fold needs (``StoredRow``), as text the driver loads without calling back into
# Python: the event id as text, the data for one decode straight into its class, and only
# the principal of the metadata, not the whole of it for every event of a replay.
ROW_COLUMNS: Final = sql.SQL("""
    position, transaction_id::text AS transaction_text, event_id::text, stream_id,
    stream_version, event_type, schema_version, data::text, metadata->>'principal', recorded_at
""")


def _log_page(columns: sql.SQL) -> sql.Composed:
    # Rows become visible to readers only once every transaction that could still commit
    # an earlier row has ended: see docs/architecture.md, "Gap-free global order".
    return sql.SQL("""
        SELECT {columns} FROM events
        WHERE (transaction_id, position) > (%(transaction_id)s::xid8, %(position)s)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (%(types)s::text[] IS NULL OR event_type = ANY(%(types)s::text[]))
          AND (%(categories)s::text[] IS NULL OR category = ANY(%(categories)s::text[]))
        ORDER BY events.transaction_id, events.position
        LIMIT %(limit)s
    """).format(columns=columns)


LOG_PAGE: Final = _log_page(EVENT_COLUMNS)
ROW_PAGE: Final = _log_page(ROW_COLUMNS)

# The text column is renamed: ORDER BY a name that is also an output column sorts by the
# output (text, "99" after "100") and cannot walk the index backwards.
HEAD: Final = sql.SQL("""
    SELECT transaction_id::text AS transaction_text, position FROM events
    WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY transaction_id DESC, position DESC
    LIMIT 1
""")

EVENTS_BY_ID: Final = sql.SQL("""
    SELECT {columns} FROM events WHERE event_id = ANY(%s)
    ORDER BY events.transaction_id, events.position
""").format(columns=EVENT_COLUMNS)


def _stream_page(comparison: str, order: str) -> sql.Composed:
    return sql.SQL("""
        SELECT {columns} FROM events
        WHERE stream_id = %(stream_id)s AND stream_version {comparison} %(from_version)s
          AND (%(up_to_position)s::bigint IS NULL OR position <= %(up_to_position)s::bigint)
          AND (%(recorded_until)s::timestamptz IS NULL
               OR recorded_at <= %(recorded_until)s::timestamptz)
        ORDER BY stream_version {order}
        LIMIT %(limit)s
    """).format(columns=EVENT_COLUMNS, comparison=sql.SQL(comparison), order=sql.SQL(order))


STREAM_PAGE: Final = {"forward": _stream_page(">=", "ASC"), "backward": _stream_page("<=", "DESC")}


def _last_event(condition: str) -> sql.Composed:
    # A transaction is all or nothing: the log never stood in the middle of one.
    return sql.SQL("""
        SELECT e.transaction_id::text,
               (SELECT max(t.position) FROM events t WHERE t.transaction_id = e.transaction_id)
        FROM events e WHERE {condition} LIMIT 1
    """).format(condition=sql.SQL(condition))


LAST_EVENT_RECORDED_BY: Final = _last_event(
    "recorded_at <= %s ORDER BY recorded_at DESC, position DESC"
)
LAST_EVENT_AT_POSITION: Final = _last_event("position <= %s ORDER BY position DESC")

STREAM_VERSION: Final = sql.SQL("SELECT version FROM streams WHERE stream_id = %s")
EXISTING_STREAMS: Final = sql.SQL(
    "SELECT stream_id FROM streams WHERE stream_id = ANY(%s) AND version > 0"
)
REFRESH_STATISTICS: Final = sql.SQL("SELECT refresh_log_statistics()")
IDEMPOTENT_APPEND: Final = sql.SQL("""
    SELECT request_hash, stream_id, positions, stream_version, transaction_id::text, recorded_at
    FROM idempotency_keys
    WHERE idempotency_key = %s AND positions IS NOT NULL
""")
