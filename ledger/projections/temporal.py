"""Rows valid over a range of the global order: how a view answers "as the ledger stood then".

A versioned table keeps every version of a row. Each version carries the cursor of the event
that made it (``from_tx``, ``from_pos``) and of the event that ended it (``to_tx``,
``to_pos``; null while it is current). The view at a cursor is every version made at or
before it and not ended by then; the current view is every version not ended.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

import psycopg

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
_AT: Final = "(%(as_of_tx)s::bigint, %(as_of_pos)s::bigint)"


def made_at(record: EventRecord) -> GlobalCursor:
    """The cursor of the event ``record``: where the versions it makes begin."""
    return GlobalCursor(record.transaction_id, record.position)


def visible(alias: str, as_of: GlobalCursor | None) -> str:
    """The condition for a version of ``alias`` to be in the view at ``as_of`` (or now).

    Its parameters are those of ``as_of_parameters``.
    """
    if as_of is None:
        return f"{alias}.to_pos IS NULL"
    return (
        f"({alias}.from_tx, {alias}.from_pos) <= {_AT}"
        f" AND ({alias}.to_pos IS NULL OR ({alias}.to_tx, {alias}.to_pos) > {_AT})"
    )


def moment_parameters(moment: Moment) -> dict[str, Any]:
    """The query parameters ``visible`` and ``seen`` refer to, for ``moment``."""
    return {**as_of_parameters(moment.as_of), "reported_by": moment.reported_by}


def as_of_parameters(as_of: GlobalCursor | None) -> dict[str, Any]:
    """The query parameters ``visible`` refers to."""
    if as_of is None:
        return {}
    return {"as_of_tx": as_of.transaction_id, "as_of_pos": as_of.position}


def recorded_by(alias: str, as_of: GlobalCursor | None) -> str:
    """The condition for a version of ``alias`` to have been made by ``as_of`` (or now)."""
    return "TRUE" if as_of is None else f"({alias}.from_tx, {alias}.from_pos) <= {_AT}"


def ended_by(alias: str, as_of: GlobalCursor | None) -> str:
    """The condition for a version of ``alias`` to have been ended by ``as_of`` (or now)."""
    if as_of is None:
        return f"{alias}.to_pos IS NOT NULL"
    return f"{alias}.to_pos IS NOT NULL AND ({alias}.to_tx, {alias}.to_pos) <= {_AT}"


def current(alias: str, as_of: GlobalCursor | None) -> str:
    """The condition for a version of ``alias`` to stand at ``as_of``, once made by then."""
    return f"({alias}.to_pos IS NULL OR NOT ({ended_by(alias, as_of)}))"


def seen(alias: str, table: str, key: str, moment: Moment, *, ends: bool = False) -> str:
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
    # A version still current at ``as_of`` has no later version and no end recorded by
    # then: most rows have one version, so the subqueries are rarely run.
    standing = current(alias, as_of)
    latest = f"""{recorded_by(alias, as_of)} AND {alias}.said_from <= %(reported_by)s
        AND ({standing} OR NOT EXISTS (
            SELECT FROM "{table}" n WHERE n.{key} = {alias}.{key}
              AND (n.from_tx, n.from_pos) > ({alias}.from_tx, {alias}.from_pos)
              AND {recorded_by("n", as_of)} AND n.said_from <= %(reported_by)s))"""
    if not ends:
        return latest
    return f"""{latest}
        AND ({standing} OR NOT EXISTS (
            SELECT FROM "{table}" x WHERE x.{key} = {alias}.{key}
              AND x.said_to <= %(reported_by)s AND {ended_by("x", as_of)}))"""


def _key_condition(key: Sequence[str]) -> str:
    return " AND ".join(f"{column} = %({column})s" for column in key)


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
    assignments = ", ".join(f"{column} = EXCLUDED.{column}" for column in values)
    async with connection.cursor() as cursor:
        await cursor.executemany(
            f"""
            WITH ended AS (
                UPDATE "{table}" SET to_tx = %(at_tx)s, to_pos = %(at_pos)s
                WHERE {_key_condition(list(key))} AND to_pos IS NULL
                  AND (from_tx, from_pos) < (%(at_tx)s, %(at_pos)s)
            )
            INSERT INTO "{table}" ({", ".join(columns)}, from_tx, from_pos)
            VALUES ({", ".join(f"%({column})s" for column in columns)}, %(at_tx)s, %(at_pos)s)
            ON CONFLICT ({", ".join(key)}, from_tx, from_pos) DO UPDATE SET {assignments}
            """,  # noqa: S608 - our table and column names
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
    where: str,
    parameters: Mapping[str, Any],
    changes: Mapping[str, str],
    at: GlobalCursor,
) -> None:
    """New versions from ``at`` of the current rows ``where`` selects, with ``changes``.

    ``changes`` maps a column to the SQL expression of its new value (over the old row's
    columns and ``parameters``); the other ``columns`` are carried over unchanged.
    """
    await connection.execute(
        f"""
        WITH ended AS (
            UPDATE "{table}" SET to_tx = %(at_tx)s, to_pos = %(at_pos)s
            WHERE {where} AND to_pos IS NULL AND (from_tx, from_pos) < (%(at_tx)s, %(at_pos)s)
            RETURNING {", ".join(columns)}
        )
        INSERT INTO "{table}" ({", ".join(columns)}, from_tx, from_pos)
        SELECT {", ".join(changes.get(column, column) for column in columns)},
               %(at_tx)s, %(at_pos)s
        FROM ended
        """,  # noqa: S608 - our table, columns and fixed expressions
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
    await connection.execute(
        f'DELETE FROM "{table}" WHERE {_key_condition(list(key))}'  # noqa: S608 - our names
        " AND from_tx = %(at_tx)s AND from_pos = %(at_pos)s",
        {**key, "at_tx": at.transaction_id, "at_pos": at.position},
    )
    said_to = "" if said is None else ", said_to = %(said)s"
    await connection.execute(
        f'UPDATE "{table}" SET to_tx = %(at_tx)s, to_pos = %(at_pos)s{said_to}'  # noqa: S608
        f" WHERE {_key_condition(list(key))} AND to_pos IS NULL",
        {**key, "at_tx": at.transaction_id, "at_pos": at.position, "said": said},
    )
