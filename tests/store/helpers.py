"""Small builders shared by the store tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.store import NewEvent

if TYPE_CHECKING:
    import psycopg


def happened(n: int, **extra: Any) -> NewEvent:
    """A registered test event carrying ``n``."""
    return NewEvent(type="test.happened", data={"n": n, **extra})


def count_rows(connection: psycopg.Connection[tuple[Any, ...]], table: str) -> int:
    """Rows in ``table`` of the test schema."""
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    assert row is not None
    return int(row[0])


def events_estimated(superuser: psycopg.Connection[tuple[object, ...]]) -> float:
    """The planner's estimate of the log's rows: negative if it was never analyzed."""
    row = superuser.execute("SELECT reltuples FROM pg_class WHERE oid = 'events'::regclass")
    found = row.fetchone()
    assert found is not None
    return float(str(found[0]))
