"""Poison events: what a projection could not apply, set aside so it goes on.

A projection that meets an event it cannot apply (a value its tables cannot hold, a stored
row this code cannot read) records it here, with the error, and moves past it: one bad event
never stops every view. An operator lists them (``GET /v1/admin/projections/poison``), and a
rebuild by code that can apply them brings them back into the figures.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE projection_poison (
            name            text        NOT NULL,
            generation      integer     NOT NULL,
            transaction_id  xid8        NOT NULL,
            position        bigint      NOT NULL,
            event_id        uuid        NOT NULL,
            event_type      text        NOT NULL,
            error           text        NOT NULL,
            recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (name, generation, position),
            FOREIGN KEY (name, generation) REFERENCES projection_generations (name, generation)
        )
        """
    )
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT SELECT, INSERT, DELETE ON projection_poison TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE projection_poison")
