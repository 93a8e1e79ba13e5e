"""Import: let the service continue positions after events imported with their own.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from pathlib import Path

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _function(name: str) -> str:
    """A function's definition as this revision made it (migrations/sql)."""
    return (Path(__file__).parents[1] / "sql" / f"{name}.sql").read_text()


SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    # Imported events keep their positions (OVERRIDING SYSTEM VALUE); the identity sequence
    # must then move past them. The service's role may not set sequences itself.
    op.execute(_function("continue_positions_after_import.0005"))
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT EXECUTE ON FUNCTION continue_positions_after_import() TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION continue_positions_after_import()")
