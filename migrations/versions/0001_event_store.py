"""Event store: the append-only events table, streams, idempotency keys and the append function.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from pathlib import Path

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _function(name: str) -> str:
    """A function's definition as this revision made it (migrations/sql)."""
    return (Path(__file__).parents[1] / "sql" / f"{name}.sql").read_text()


# The role the service switches to after connecting. It may read and insert events, never
# rewrite them. The name is repeated in ledger/store/database.py, which must agree.
SERVICE_ROLE = "ledger_app"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE streams (
            stream_id   text        PRIMARY KEY,
            version     bigint      NOT NULL CHECK (version >= 1),
            created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE events (
            position        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
            event_id        uuid        NOT NULL UNIQUE,
            stream_id       text        NOT NULL REFERENCES streams (stream_id),
            stream_version  bigint      NOT NULL CHECK (stream_version >= 1),
            category        text        NOT NULL
                            GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
            event_type      text        NOT NULL,
            schema_version  integer     NOT NULL CHECK (schema_version >= 1),
            data            jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
            metadata        jsonb       NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
            recorded_at     timestamptz NOT NULL,
            CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
        )
        """
    )
    # Readers of the global log page by (transaction_id, position): see docs/architecture.md.
    op.execute("CREATE INDEX events_global_order ON events (transaction_id, position)")
    op.execute("CREATE INDEX events_type_order ON events (event_type, transaction_id, position)")
    op.execute("CREATE INDEX events_category_order ON events (category, transaction_id, position)")
    op.execute(
        """
        CREATE TABLE idempotency_keys (
            idempotency_key text        PRIMARY KEY,
            request_hash    bytea       NOT NULL,
            stream_id       text        NOT NULL,
            positions       bigint[],
            stream_version  bigint,
            transaction_id  xid8,
            recorded_at     timestamptz,
            created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """
    )
    op.execute(_function("reject_event_rewrite.0001"))
    op.execute(
        """
        CREATE TRIGGER events_immutable_rows BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION reject_event_rewrite()
        """
    )
    op.execute(
        """
        CREATE TRIGGER events_immutable_table BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION reject_event_rewrite()
        """
    )
    op.execute(
        """
        CREATE TRIGGER streams_immutable_table BEFORE TRUNCATE ON streams
        FOR EACH STATEMENT EXECUTE FUNCTION reject_event_rewrite()
        """
    )
    op.execute(_function("append_events.0001"))
    op.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
                IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles
                        WHERE rolname = current_user) THEN
                    RAISE WARNING 'cannot create role {SERVICE_ROLE}: the service will run '
                        'as %, protected by the immutability triggers alone', current_user;
                    RETURN;
                END IF;
                BEGIN
                    CREATE ROLE {SERVICE_ROLE} NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;  -- another migrator created it a moment ago
                END;
            END IF;
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO {SERVICE_ROLE}', current_schema());
            GRANT SELECT, INSERT ON events TO {SERVICE_ROLE};
            GRANT SELECT, INSERT, UPDATE ON streams, idempotency_keys TO {SERVICE_ROLE};
            GRANT EXECUTE ON FUNCTION append_events(text, bigint, uuid[], text[], integer[],
                jsonb[], jsonb[], text, bytea) TO {SERVICE_ROLE};
            IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
               AND NOT pg_has_role(current_user, '{SERVICE_ROLE}', 'MEMBER') THEN
                EXECUTE format('GRANT {SERVICE_ROLE} TO %I', current_user);
            END IF;
        END
        $$
        """  # noqa: S608 - interpolates the constant role name only
    )


def downgrade() -> None:
    # Dropping the events table would destroy the ledger; downgrading past the first
    # revision is refused rather than offered.
    raise RuntimeError("the event store's first revision cannot be downgraded")
