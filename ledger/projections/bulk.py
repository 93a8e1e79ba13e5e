"""Writing many new rows at once: COPY where it may run, an INSERT where it may not.

A projection's rebuild writes thousands of rows a batch. COPY in binary costs the server about
half of what one INSERT reading the rows from a JSON array does (docs/performance.md), but it
cannot run in pipeline mode and takes two round trips of its own, so a handful of rows is
cheaper to send inside the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import msgspec
import psycopg
from psycopg import pq, sql
from psycopg.types.json import Json

COPY_AT_LEAST: Final = 64
"""New rows from which a batch is written with COPY rather than an INSERT."""

_encoder: Final = msgspec.json.Encoder()
_NO_CONFLICT_CLAUSE: Final = sql.SQL("")


def can_copy(connection: psycopg.AsyncConnection[Any], rows: int, copy_at_least: int) -> bool:
    """Whether ``rows`` new rows are worth a COPY, and the connection can run one now."""
    return rows >= copy_at_least and connection.pgconn.pipeline_status == pq.PipelineStatus.OFF


async def copy_rows(
    connection: psycopg.AsyncConnection[Any],
    table: str,
    column_types: Mapping[str, str],
    rows: Iterable[Sequence[Any]],
) -> None:
    """COPY ``rows`` into ``table`` in binary; each row holds ``column_types``' columns in order.

    ``column_types`` names each column's type as sent: the type itself, or ``text`` for a
    ``json`` column (both go over the wire as the same bytes).
    """
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, column_types))
    )
    async with connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.set_types(list(column_types.values()))
        for row in rows:
            await copy.write_row(row)


async def insert_json_rows(
    connection: psycopg.AsyncConnection[Any],
    table: str,
    columns: Iterable[str],
    rows: Sequence[Mapping[str, Any]],
    on_conflict: sql.SQL = _NO_CONFLICT_CLAUSE,
) -> None:
    """INSERT ``rows`` into ``table`` in one statement, sent as one JSON array of its rows.

    Each row maps a column to its value; a JSON column's value may be ``msgspec.Raw``, and a
    text column given a JSON object stores its text. The array is ``json``, not ``jsonb``:
    read once, it need not be parsed into a tree first (about a quarter of the statement's
    time). A single statement costs the server a fraction of one INSERT per row.
    ``on_conflict`` is an ``ON CONFLICT`` clause, if any.
    """
    names = sql.SQL(", ").join(map(sql.Identifier, columns))
    await connection.execute(
        sql.SQL(
            "INSERT INTO {table} ({names})"
            " SELECT {names} FROM json_populate_recordset(NULL::{table}, %s) {on_conflict}"
        ).format(table=sql.Identifier(table), names=names, on_conflict=on_conflict),
        (Json(rows, dumps=_encoder.encode),),
    )


def as_columns(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """Rows of equal length as one list per column: the arrays an ``unnest(%b, …)`` takes."""
    return [list(column) for column in zip(*rows, strict=True)]
