"""Projection registry and checkpoints.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    # One row per projection: which generation of its tables the views point at.
    op.execute(
        """
        CREATE TABLE projections (
            name             text        PRIMARY KEY,
            live_generation  integer,
            live_version     integer,
            updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    # One row per generation being built or served. The checkpoint moves in the same
    # transaction as the generation's rows.
    op.execute(
        """
        CREATE TABLE projection_generations (
            name             text        NOT NULL REFERENCES projections (name),
            generation       integer     NOT NULL,
            version          integer     NOT NULL,
            state            text        NOT NULL
                             CHECK (state IN ('building', 'live', 'retired', 'failed')),
            transaction_id   xid8        NOT NULL DEFAULT '0',
            position         bigint      NOT NULL DEFAULT 0,
            events_applied   bigint      NOT NULL DEFAULT 0,
            events_per_second double precision NOT NULL DEFAULT 0,
            last_error       text,
            started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (name, generation)
        )
        """
    )
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT SELECT, INSERT, UPDATE ON projections, projection_generations
                    TO {SERVICE_ROLE};
                -- Projections create, swap and drop their own tables in this schema.
                EXECUTE format('GRANT CREATE ON SCHEMA %I TO {SERVICE_ROLE}', current_schema());
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE projection_generations")
    op.execute("DROP TABLE projections")
