"""Statements over a projection's tables, composed with ``psycopg.sql``.

A generation's tables have names of their own (``facts_7_claims``): they enter a statement
as quoted identifiers, never as text pasted into it.
"""

from __future__ import annotations

from collections.abc import Mapping

from psycopg import sql


def over_tables(text: str, tables: Mapping[str, str], **fragments: sql.Composable) -> sql.Composed:
    """``text`` with ``{name}`` for each table of ``tables``, quoted, and each fragment.

    Braces in ``text`` are placeholders: a literal one is written twice.
    """
    names = {role: sql.Identifier(table) for role, table in tables.items()}
    return sql.SQL(text).format(**names, **fragments)


def over_table(text: str, table: str, **fragments: sql.Composable) -> sql.Composed:
    """``text`` with ``{table}`` for ``table``, quoted, and each fragment."""
    return over_tables(text, {"table": table}, **fragments)
