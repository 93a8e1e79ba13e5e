"""Let the service see how long the oldest transaction on its server has been open.

Readers of the log see no commit made after the oldest transaction still open, so the
service watches for long ones. pg_stat_activity shows when another login's transaction
began only to roles that may read all statistics; the service role switched to by
``SET ROLE`` sees nothing of its own login's sessions either. This function runs with the
rights of the user who migrated (SECURITY DEFINER) and returns the oldest transaction that
holds an id, and nothing of its query.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from pathlib import Path

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _function(name: str) -> str:
    """A function's definition as this revision made it (migrations/sql)."""
    return (Path(__file__).parents[1] / "sql" / f"{name}.sql").read_text()


SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    op.execute(_function("oldest_transaction.0010"))
    op.execute("REVOKE EXECUTE ON FUNCTION oldest_transaction() FROM PUBLIC")
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT EXECUTE ON FUNCTION oldest_transaction() TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION oldest_transaction()")
