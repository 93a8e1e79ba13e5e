"""Appends: the batch travels as one JSON array; the stream row is locked and advanced at once.

The first append function took the batch as five parallel arrays. The client spent more time
adapting those arrays than the server spent inserting the events (docs/performance.md), so
the batch now travels as one jsonb array the client encodes in a single call. The stream's
row is locked and advanced by one upsert instead of a lock, a check and an update. The
foreign key from events to streams is dropped: the append function creates or locks the
stream row before it inserts, the import writes the stream rows first, and checking the key
cost a query per inserted event (a fifth of the server's time on batched appends).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from pathlib import Path

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _function(name: str) -> str:
    """A function's definition as this revision made it (migrations/sql)."""
    return (Path(__file__).parents[1] / "sql" / f"{name}.sql").read_text()


SERVICE_ROLE = "ledger_app"

_ARRAY_SIGNATURE = "text, bigint, uuid[], text[], integer[], jsonb[], jsonb[], text, bytea"
_JSON_SIGNATURE = "text, bigint, jsonb, text, bytea"


def _grant_execute(signature: str) -> None:
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT EXECUTE ON FUNCTION append_events({signature}) TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def upgrade() -> None:
    op.execute(f"DROP FUNCTION append_events({_ARRAY_SIGNATURE})")
    op.execute(_function("append_events.0007"))
    _grant_execute(_JSON_SIGNATURE)
    op.execute("ALTER TABLE events DROP CONSTRAINT events_stream_id_fkey")


def downgrade() -> None:
    op.execute(
        "ALTER TABLE events ADD CONSTRAINT events_stream_id_fkey"
        " FOREIGN KEY (stream_id) REFERENCES streams (stream_id)"
    )
    op.execute(f"DROP FUNCTION append_events({_JSON_SIGNATURE})")
    op.execute(_function("append_events.0001"))
    _grant_execute(_ARRAY_SIGNATURE)
