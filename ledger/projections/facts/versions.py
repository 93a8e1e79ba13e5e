"""Counted rows' new versions (losses, equipment items), worked out in memory over a run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import psycopg
from psycopg import sql

from ledger.projections.bulk import as_columns, can_copy, copy_rows, insert_json_rows
from ledger.store import GlobalCursor

Key = tuple[Any, ...]
Figures = tuple[Any, ...]


class CountedVersions:
    """The new versions of a table of counted rows, over a run of transactions.

    Each row belongs to one or more roots (``roots_of``). Starts from the stored current
    rows of the roots read; each count replaces the rows of the roots it names. Only rows
    whose figures changed get a new version. ``write`` then ends the stored rows that
    changed and inserts the new versions, those already ended within the run with their end.
    """

    def __init__(
        self,
        table: str,
        row_types: Mapping[str, str],
        key_columns: int,
        standing: Mapping[Key, Figures],
        roots_of: Callable[[Key, Figures], Iterable[str]],
    ) -> None:
        """``row_types``: the table's columns, key first, each with its type as COPY sends it."""
        self._table = table
        self._row_types = row_types
        self._key_columns = list(row_types)[:key_columns]
        self._roots_of = roots_of
        self._current: dict[Key, tuple[Figures, int | None]] = {}
        self._by_root: dict[str, set[Key]] = {}
        for key, figures in standing.items():
            self._stand(key, figures, None)
        self._stored_ended: list[tuple[Key, GlobalCursor]] = []
        self._new: list[list[Any]] = []  # key, figures, made at, ended at (or None)

    def _stand(self, key: Key, figures: Figures, new_index: int | None) -> None:
        self._current[key] = (figures, new_index)
        for root in self._roots_of(key, figures):
            self._by_root.setdefault(root, set()).add(key)

    def _fall(self, key: Key) -> None:
        figures, _ = self._current.pop(key)
        for root in self._roots_of(key, figures):
            self._by_root[root].discard(key)

    def count(self, roots: Iterable[str], counts: Mapping[Key, Figures], at: GlobalCursor) -> None:
        """Make ``counts`` the rows of ``roots`` from ``at`` on."""
        keys = set(counts).union(*(self._by_root.get(root, ()) for root in roots))
        for key in sorted(keys):
            figures = counts.get(key)
            current = self._current.get(key)
            if current is not None and current[0] == figures:
                continue
            if current is not None:
                _, new_index = current
                if new_index is None:
                    self._stored_ended.append((key, at))
                else:
                    self._new[new_index][3] = at
                self._fall(key)
            if figures is not None:
                self._new.append([key, figures, at, None])
                self._stand(key, figures, len(self._new) - 1)

    async def write(self, connection: psycopg.AsyncConnection[Any], copy_at_least: int) -> None:
        """End the stored versions that changed, then insert the new ones."""
        # One statement each for the ended and the new versions: a statement per row cost
        # the live runner more than counting the losses did (docs/performance.md).
        if self._stored_ended:
            key_types = [self._row_types[column] for column in self._key_columns]
            await connection.execute(
                sql.SQL(
                    "UPDATE {table} AS t SET to_tx = e.to_tx, to_pos = e.to_pos"
                    " FROM unnest({arrays}, %b::int8[], %b::int8[]) AS e ({keys}, to_tx, to_pos)"
                    " WHERE ({own}) = ({given}) AND t.to_pos IS NULL"
                ).format(
                    table=sql.Identifier(self._table),
                    arrays=sql.SQL(", ").join(
                        sql.SQL("%b::{}[]").format(sql.SQL(kind)) for kind in key_types
                    ),
                    keys=sql.SQL(", ").join(map(sql.Identifier, self._key_columns)),
                    own=sql.SQL(", ").join(sql.Identifier("t", c) for c in self._key_columns),
                    given=sql.SQL(", ").join(sql.Identifier("e", c) for c in self._key_columns),
                ),
                as_columns(
                    (*key, at.transaction_id, at.position) for key, at in self._stored_ended
                ),
            )
        rows = [
            (
                *key,
                *figures,
                made.transaction_id,
                made.position,
                None if ended is None else ended.transaction_id,
                None if ended is None else ended.position,
            )
            for key, figures, made, ended in self._new
        ]
        if can_copy(connection, len(rows), copy_at_least):
            await copy_rows(connection, self._table, self._row_types, rows)
        elif rows:
            documents = [dict(zip(self._row_types, row, strict=True)) for row in rows]
            await insert_json_rows(connection, self._table, self._row_types, documents)
