"""API keys: stored hashed, revocable, each with one role.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The service's role, created by 0001.
SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE api_keys (
            key_id       text        PRIMARY KEY,
            name         text        NOT NULL UNIQUE,
            role         text        NOT NULL CHECK (role IN ('reader', 'reporter', 'admin')),
            secret_hash  bytea       NOT NULL,
            created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
            created_by   text,
            revoked_at   timestamptz
        )
        """
    )
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT SELECT, INSERT, UPDATE ON api_keys TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE api_keys")
