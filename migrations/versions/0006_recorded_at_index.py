"""Index events by recorded time, for as-of queries given as an instant.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # "As of 1 March 2020 12:00" resolves to the last event recorded by then.
    op.execute("CREATE INDEX events_recorded_at ON events (recorded_at, position)")


def downgrade() -> None:
    op.execute("DROP INDEX events_recorded_at")
