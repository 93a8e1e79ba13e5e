"""Let the service refresh the planner's statistics on the log before it reads it whole.

A rebuild reads the log filtered by event type, page by page. Until the events table has
statistics the planner takes each page for a handful of rows and sorts every later row to
find it: a rebuild of 100,000 events spent half again as long in PostgreSQL (measured
2026-11-30). Autovacuum gathers them in time on most servers, but not right after an
import, nor where it is off. Only the table's owner may ANALYZE it, so the service role
calls this function, which does so only when the statistics are missing or stale by
autovacuum's own rule, and never waits for a lock.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from pathlib import Path

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _function(name: str) -> str:
    """A function's definition as this revision made it (migrations/sql)."""
    return (Path(__file__).parents[1] / "sql" / f"{name}.sql").read_text()


SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    # Stale as autovacuum's defaults judge it: more rows changed since the last ANALYZE
    # than 50 plus a tenth of the table. SKIP_LOCKED: a VACUUM or ANALYZE holding the table
    # is at it already.
    op.execute(_function("refresh_log_statistics.0008"))
    op.execute("REVOKE EXECUTE ON FUNCTION refresh_log_statistics() FROM PUBLIC")
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT EXECUTE ON FUNCTION refresh_log_statistics() TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION refresh_log_statistics()")
