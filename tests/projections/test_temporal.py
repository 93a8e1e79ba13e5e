"""Versioned rows: superseding many versions at once, keys repeated or not."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
from psycopg_pool import AsyncConnectionPool

from ledger.projections.temporal import VALIDITY_COLUMNS, supersede, supersede_all
from ledger.store import GlobalCursor

FILED = datetime(2020, 2, 27, 18, 30, tzinfo=UTC)


def _version(
    place: str, note: str, killed: int, at: GlobalCursor
) -> tuple[dict[str, str], dict[str, object], GlobalCursor]:
    report = msgspec.json.encode({"killed": killed}).decode()
    return {"place": place}, {"note": note, "filed": FILED, "report": report}, at


async def test_one_call_ends_each_version_with_the_next_of_its_key(
    pool: AsyncConnectionPool,
) -> None:
    async with pool.connection() as connection:
        await connection.execute(
            f"""CREATE TABLE places (place text NOT NULL, note text, filed timestamptz,
                report json, {VALIDITY_COLUMNS}, PRIMARY KEY (place, from_tx, from_pos))"""
        )
        await supersede(connection, "places", *_version("saraqib", "first", 22, GlobalCursor(5, 1)))
        # The same key three times, another once, and the first event written again.
        await supersede_all(
            connection,
            "places",
            [
                _version("saraqib", "second", 33, GlobalCursor(6, 2)),
                _version("idlib", "only", 1, GlobalCursor(6, 3)),
                _version("saraqib", "third", 34, GlobalCursor(7, 4)),
                _version("saraqib", "third, again", 36, GlobalCursor(7, 4)),
            ],
        )
        cursor = await connection.execute(
            "SELECT place, note, filed, report::text, from_tx, from_pos, to_tx, to_pos"
            " FROM places ORDER BY place, from_pos"
        )
        rows = await cursor.fetchall()
    assert rows == [
        ("idlib", "only", FILED, '{"killed":1}', 6, 3, None, None),
        ("saraqib", "first", FILED, '{"killed":22}', 5, 1, 6, 2),
        ("saraqib", "second", FILED, '{"killed":33}', 6, 2, 7, 4),
        ("saraqib", "third, again", FILED, '{"killed":36}', 7, 4, None, None),
    ]
