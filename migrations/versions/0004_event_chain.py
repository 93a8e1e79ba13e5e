"""Tamper evidence: a SHA-256 chain over the events in the gap-free global order.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    # One row per sealed event, numbered without gaps in the global order. chain_hash is
    # SHA-256(previous chain_hash || event_hash); see docs/audit.md for the encoding.
    op.execute(
        """
        CREATE TABLE event_chain (
            seq             bigint      PRIMARY KEY CHECK (seq >= 1),
            position        bigint      NOT NULL UNIQUE,
            transaction_id  xid8        NOT NULL,
            event_hash      bytea       NOT NULL CHECK (length(event_hash) = 32),
            chain_hash      bytea       NOT NULL CHECK (length(chain_hash) = 32),
            sealed_at       timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    # The chain is as immutable as the events it vouches for.
    op.execute(
        """
        CREATE TRIGGER event_chain_immutable_rows BEFORE UPDATE OR DELETE ON event_chain
        FOR EACH ROW EXECUTE FUNCTION reject_event_rewrite()
        """
    )
    op.execute(
        """
        CREATE TRIGGER event_chain_immutable_table BEFORE TRUNCATE ON event_chain
        FOR EACH STATEMENT EXECUTE FUNCTION reject_event_rewrite()
        """
    )
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                GRANT SELECT, INSERT ON event_chain TO {SERVICE_ROLE};
            END IF;
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE event_chain")
