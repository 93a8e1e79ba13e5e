"""Rows valid over a range of the global order: how a view answers "as the ledger stood then".

A versioned table keeps every version of a row. Each version carries the cursor of the event
that made it (``from_tx``, ``from_pos``) and of the event that ended it (``to_tx``,
``to_pos``; null while it is current). The view at a cursor is every version made at or
before it and not ended by then; the current view is every version not ended.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

import psycopg
from psycopg import sql

from ledger.application.views import Moment
from ledger.domain.records import EventRecord
from ledger.store import GlobalCursor

VALIDITY_COLUMNS: Final = """
    from_tx   bigint NOT NULL,
    from_pos  bigint NOT NULL,
    to_tx     bigint,
    to_pos    bigint
"""
"""The columns every versioned table ends with."""
_AT: Final = sql.SQL("(%(as_of_tx)s::bigint, %(as_of_pos)s::bigint)")


def made_at(record: EventRecord) -> GlobalCursor:
    """The cursor of the event ``record``: where the versions it makes begin."""
    return GlobalCursor(record.transaction_id, record.position)


def visible(alias: str, as_of: GlobalCursor | None) -> sql.Composed:
    """The condition for a version of ``alias`` to be in the view at ``as_of`` (or now).

    Its parameters are those of ``as_of_parameters``.
    """
    if as_of is None:
        return sql.SQL("{a}.to_pos IS NULL").format(a=sql.Identifier(alias))
    return sql.SQL(
        "({a}.from_tx, {a}.from_pos) <= {at}"
        " AND ({a}.to_pos IS NULL OR ({a}.to_tx, {a}.to_pos) > {at})"
    ).format(a=sql.Identifier(alias), at=_AT)


def moment_parameters(moment: Moment) -> dict[str, Any]:
    """The query parameters ``visible`` and ``seen`` refer to, for ``moment``."""
    return {**as_of_parameters(moment.as_of), "reported_by": moment.reported_by}


def as_of_parameters(as_of: GlobalCursor | None) -> dict[str, Any]:
    """The query parameters ``visible`` refers to."""
    if as_of is None:
        return {}
    return {"as_of_tx": as_of.transaction_id, "as_of_pos": as_of.position}


def recorded_by(alias: str, as_of: GlobalCursor | None) -> sql.Composable:
    """The condition for a version of ``alias`` to have been made by ``as_of`` (or now)."""
    if as_of is None:
        return sql.SQL("TRUE")
    return sql.SQL("({a}.from_tx, {a}.from_pos) <= {at}").format(a=sql.Identifier(alias), at=_AT)


def ended_by(alias: str, as_of: GlobalCursor | None) -> sql.Composed:
    """The condition for a version of ``alias`` to have been ended by ``as_of`` (or now)."""
    if as_of is None:
        return sql.SQL("{a}.to_pos IS NOT NULL").format(a=sql.Identifier(alias))
    return sql.SQL("{a}.to_pos IS NOT NULL AND ({a}.to_tx, {a}.to_pos) <= {at}").format(
        a=sql.Identifier(alias), at=_AT
    )


def current(alias: str, as_of: GlobalCursor | None) -> sql.Composed:
    """The condition for a version of ``alias`` to stand at ``as_of``, once made by then."""
    return sql.SQL("({a}.to_pos IS NULL OR NOT ({ended}))").format(
        a=sql.Identifier(alias), ended=ended_by(alias, as_of)
    )


def seen(alias: str, table: str, key: str, moment: Moment, *, ends: bool = False) -> sql.Composed:
    """The condition for a version of ``alias``, a row of ``table``, to be in the view.

    Its parameters are ``moment_parameters(moment)``.

    Without ``reported_by`` this is ``visible``. With it, the table's versions carry
    ``said_from``: when the source said what made the version (``-infinity`` for the
    ledger's own acts). A row's version in the view is its latest one recorded by ``as_of``
    and said by ``reported_by``. With ``ends``, a source's statement may end a row (a
    retraction), and ``said_to`` says when: then no version is in the view once that
    statement was recorded and said.
    """
    if moment.reported_by is None:
        return visible(alias, moment.as_of)
    as_of = moment.as_of
    names = {"a": sql.Identifier(alias), "table": sql.Identifier(table), "key": sql.Identifier(key)}
    # A version still current at ``as_of`` has no later version and no end recorded by
    # then: most rows have one version, so the subqueries are rarely run.
    standing = current(alias, as_of)
    latest = sql.SQL("""{recorded} AND {a}.said_from <= %(reported_by)s
        AND ({standing} OR NOT EXISTS (
            SELECT FROM {table} n WHERE n.{key} = {a}.{key}
              AND (n.from_tx, n.from_pos) > ({a}.from_tx, {a}.from_pos)
              AND {later_recorded} AND n.said_from <= %(reported_by)s))""").format(
        recorded=recorded_by(alias, as_of),
        standing=standing,
        later_recorded=recorded_by("n", as_of),
        **names,
    )
    if not ends:
        return latest
    return sql.SQL("""{latest}
        AND ({standing} OR NOT EXISTS (
            SELECT FROM {table} x WHERE x.{key} = {a}.{key}
              AND x.said_to <= %(reported_by)s AND {ended}))""").format(
        latest=latest, standing=standing, ended=ended_by("x", as_of), **names
    )


def _key_condition(key: Sequence[str]) -> sql.Composed:
    return sql.SQL(" AND ").join(
        sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)) for column in key
    )


def _names(columns: Iterable[str]) -> sql.Composed:
    return sql.SQL(", ").join(map(sql.Identifier, columns))


async def supersede(
    connection: psycopg.AsyncConnection[Any],
    table: str,
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    at: GlobalCursor,
) -> None:
    """Make ``values`` the version of ``key``'s row from ``at`` on, ending the one before.

    A second write by the same event replaces the version that event made, so an event
    applied again leaves one version of its own. ``values`` names at least one column; the
    table's primary key must be the key's columns with ``from_tx`` and ``from_pos``.
    """
    await supersede_all(connection, table, [(key, values, at)])


async def supersede_all(
    connection: psycopg.AsyncConnection[Any],
    table: str,
    versions: Sequence[tuple[Mapping[str, Any], Mapping[str, Any], GlobalCursor]],
) -> None:
    """``supersede`` each (key, values, at) in order, in one round trip.

    Every version names the same key and value columns.
    """
    if not versions:
        return
    key, values, _ = versions[0]
    columns = [*key, *values]
    statement = sql.SQL("""
        WITH ended AS (
            UPDATE {table} SET to_tx = %(at_tx)s, to_pos = %(at_pos)s
            WHERE {key_condition} AND to_pos IS NULL
              AND (from_tx, from_pos) < (%(at_tx)s, %(at_pos)s)
        )
        INSERT INTO {table} ({columns}, from_tx, from_pos)
        VALUES ({values}, %(at_tx)s, %(at_pos)s)
        ON CONFLICT ({key}, from_tx, from_pos) DO UPDATE SET {assignments}
    """).format(
        table=sql.Identifier(table),
        key_condition=_key_condition(list(key)),
        columns=_names(columns),
        values=sql.SQL(", ").join(map(sql.Placeholder, columns)),
        key=_names(key),
        assignments=sql.SQL(", ").join(
            sql.SQL("{c} = EXCLUDED.{c}").format(c=sql.Identifier(column)) for column in values
        ),
    )
    async with connection.cursor() as cursor:
        await cursor.executemany(
            statement,
            [
                {**key, **values, "at_tx": at.transaction_id, "at_pos": at.position}
                for key, values, at in versions
            ],
        )


async def revise(  # noqa: PLR0913 - the revision's independent parts
    connection: psycopg.AsyncConnection[Any],
    table: str,
    *,
    columns: Sequence[str],
    where: sql.Composable,
    parameters: Mapping[str, Any],
    changes: Mapping[str, sql.Composable],
    at: GlobalCursor,
) -> None:
    """New versions from ``at`` of the current rows ``where`` selects, with ``changes``.

    ``changes`` maps a column to the SQL expression of its new value (over the old row's
    columns and ``parameters``); the other ``columns`` are carried over unchanged.
    """
    await connection.execute(
        sql.SQL("""
        WITH ended AS (
            UPDATE {table} SET to_tx = %(at_tx)s, to_pos = %(at_pos)s
            WHERE {where} AND to_pos IS NULL AND (from_tx, from_pos) < (%(at_tx)s, %(at_pos)s)
            RETURNING {columns}
        )
        INSERT INTO {table} ({columns}, from_tx, from_pos)
        SELECT {values}, %(at_tx)s, %(at_pos)s
        FROM ended
        """).format(
            table=sql.Identifier(table),
            where=where,
            columns=_names(columns),
            values=sql.SQL(", ").join(
                changes.get(column, sql.Identifier(column)) for column in columns
            ),
        ),
        {**parameters, "at_tx": at.transaction_id, "at_pos": at.position},
    )


async def end(
    connection: psycopg.AsyncConnection[Any],
    table: str,
    key: Mapping[str, Any],
    at: GlobalCursor,
    said: datetime | None = None,
) -> None:
    """End the current version of ``key``'s row at ``at``: from there the row is gone.

    ``said``: when the source said so, for a table whose rows carry ``said_to`` (``seen``).
    """
    names = {"table": sql.Identifier(table), "key_condition": _key_condition(list(key))}
    await connection.execute(
        sql.SQL(
            "DELETE FROM {table} WHERE {key_condition}"
            " AND from_tx = %(at_tx)s AND from_pos = %(at_pos)s"
        ).format(**names),
        {**key, "at_tx": at.transaction_id, "at_pos": at.position},
    )
    said_to = sql.SQL("" if said is None else ", said_to = %(said)s")
    await connection.execute(
        sql.SQL(
            "UPDATE {table} SET to_tx = %(at_tx)s, to_pos = %(at_pos)s{said_to}"
            " WHERE {key_condition} AND to_pos IS NULL"
        ).format(said_to=said_to, **names),
        {**key, "at_tx": at.transaction_id, "at_pos": at.position, "said": said},
    )
