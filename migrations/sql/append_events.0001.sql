-- One round trip per append: the version check, the idempotency record and the inserts
-- run server-side in the caller's transaction. Errors use the class 'LD' so the store can
-- translate them without parsing messages:
--   LD001 wrong expected version (DETAIL holds the actual version)
--   LD002 idempotency key reused for a different request
-- Migration 0007 replaced it and restores it on downgrade.
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
