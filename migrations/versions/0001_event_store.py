"""Event store: the append-only events table, streams, idempotency keys and the append function.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The role the service switches to after connecting. It may read and insert events, never
# rewrite them. The name is repeated in ledger/store/database.py, which must agree.
SERVICE_ROLE = "ledger_app"


# One round trip per append: the version check, the idempotency record and the inserts
# run server-side in the caller's transaction. Errors use the class 'LD' so the store can
# translate them without parsing messages:
#   LD001 wrong expected version (DETAIL holds the actual version)
#   LD002 idempotency key reused for a different request
# Migration 0007 replaced it and restores it on downgrade.
APPEND_EVENTS_FUNCTION = """
CREATE FUNCTION append_events(
    p_stream_id         text,
    p_expected_version  bigint,
    p_event_ids         uuid[],
    p_event_types       text[],
    p_schema_versions   integer[],
    p_data              jsonb[],
    p_metadata          jsonb[],
    p_idempotency_key   text,
    p_request_hash      bytea
) RETURNS TABLE (
    positions       bigint[],
    stream_version  bigint,
    transaction_id  xid8,
    recorded_at     timestamptz,
    deduplicated    boolean
)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
    v_count       integer := cardinality(p_event_ids);
    v_current     bigint;
    v_new_stream  boolean := false;
    v_recorded_at timestamptz;
    v_positions   bigint[];
    v_key         idempotency_keys%ROWTYPE;
BEGIN
    IF v_count IS NULL OR v_count = 0 THEN
        RAISE EXCEPTION 'an append needs at least one event'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    IF p_idempotency_key IS NOT NULL THEN
        -- A concurrent twin blocks here until the first commits or rolls back.
        INSERT INTO idempotency_keys (idempotency_key, request_hash, stream_id)
        VALUES (p_idempotency_key, p_request_hash, p_stream_id)
        ON CONFLICT (idempotency_key) DO NOTHING;
        IF NOT FOUND THEN
            SELECT * INTO v_key FROM idempotency_keys k
            WHERE k.idempotency_key = p_idempotency_key;
            IF v_key.request_hash <> p_request_hash THEN
                RAISE EXCEPTION 'idempotency key % was used for a different request',
                    p_idempotency_key
                    USING ERRCODE = 'LD002';
            END IF;
            RETURN QUERY SELECT v_key.positions, v_key.stream_version,
                v_key.transaction_id, v_key.recorded_at, true;
            RETURN;
        END IF;
    END IF;

    -- The row lock on the stream serialises appends to one stream only.
    LOOP
        SELECT s.version INTO v_current FROM streams s
        WHERE s.stream_id = p_stream_id FOR UPDATE;
        EXIT WHEN FOUND;
        INSERT INTO streams (stream_id, version) VALUES (p_stream_id, v_count)
        ON CONFLICT (stream_id) DO NOTHING;
        IF FOUND THEN
            v_current := 0;
            v_new_stream := true;
            EXIT;
        END IF;
    END LOOP;

    -- p_expected_version: NULL any, -1 no stream, -2 stream exists, >= 0 exact.
    IF (p_expected_version = -1 AND v_current <> 0)
       OR (p_expected_version = -2 AND v_current = 0)
       OR (p_expected_version >= 0 AND v_current <> p_expected_version) THEN
        RAISE EXCEPTION 'stream % is at version %, not the expected %',
            p_stream_id, v_current, p_expected_version
            USING ERRCODE = 'LD001', DETAIL = v_current::text;
    END IF;

    IF NOT v_new_stream THEN
        UPDATE streams SET version = v_current + v_count WHERE stream_id = p_stream_id;
    END IF;

    -- Taken after the stream lock, so recorded_at never decreases along a stream.
    v_recorded_at := clock_timestamp();
    WITH inserted AS (
        INSERT INTO events (event_id, stream_id, stream_version, event_type,
                            schema_version, data, metadata, recorded_at)
        SELECT e.event_id, p_stream_id, v_current + e.ordinal, e.event_type,
               e.schema_version, e.data, e.metadata, v_recorded_at
        FROM unnest(p_event_ids, p_event_types, p_schema_versions, p_data, p_metadata)
             WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata,
                                  ordinal)
        ORDER BY e.ordinal
        RETURNING events.position, events.stream_version
    )
    SELECT array_agg(i.position ORDER BY i.stream_version) INTO v_positions
    FROM inserted i;

    IF p_idempotency_key IS NOT NULL THEN
        UPDATE idempotency_keys k
        SET positions = v_positions, stream_version = v_current + v_count,
            transaction_id = pg_current_xact_id(), recorded_at = v_recorded_at
        WHERE k.idempotency_key = p_idempotency_key;
    END IF;

    RETURN QUERY SELECT v_positions, v_current + v_count, pg_current_xact_id(),
        v_recorded_at, false;
END
$$
"""


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
    op.execute(
        """
        CREATE FUNCTION reject_event_rewrite() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'events are immutable: % is not allowed on %', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'append a correction or retraction event instead';
        END
        $$
        """
    )
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
    op.execute(APPEND_EVENTS_FUNCTION)
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
