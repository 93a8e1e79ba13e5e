-- p_events: [{"event_id": uuid, "type": text, "schema_version": int, "data": {..},
-- "metadata": {..}}, ...] in stream order. Errors keep the class 'LD' of the first version:
--   LD001 wrong expected version (DETAIL holds the actual version)
--   LD002 idempotency key reused for a different request
CREATE FUNCTION append_events(
    p_stream_id         text,
    p_expected_version  bigint,
    p_events            jsonb,
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
    v_count       integer;
    v_version     bigint;
    v_current     bigint;
    v_recorded_at timestamptz;
    v_positions   bigint[];
    v_key         idempotency_keys%ROWTYPE;
BEGIN
    IF jsonb_typeof(p_events) IS DISTINCT FROM 'array' OR jsonb_array_length(p_events) = 0 THEN
        RAISE EXCEPTION 'an append needs a non-empty array of events'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_count := jsonb_array_length(p_events);

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

    -- Creates the stream or locks its row and advances it in one statement. The row lock
    -- serialises appends to one stream only; a failed check below rolls the advance back
    -- with everything else this call wrote.
    INSERT INTO streams AS s (stream_id, version) VALUES (p_stream_id, v_count)
    ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_count
    RETURNING s.version INTO v_version;
    v_current := v_version - v_count;

    -- p_expected_version: NULL any, -1 no stream, -2 stream exists, >= 0 exact.
    IF (p_expected_version = -1 AND v_current <> 0)
       OR (p_expected_version = -2 AND v_current = 0)
       OR (p_expected_version >= 0 AND v_current <> p_expected_version) THEN
        RAISE EXCEPTION 'stream % is at version %, not the expected %',
            p_stream_id, v_current, p_expected_version
            USING ERRCODE = 'LD001', DETAIL = v_current::text;
    END IF;

    -- Taken after the stream lock, so recorded_at never decreases along a stream.
    v_recorded_at := clock_timestamp();
    WITH inserted AS (
        INSERT INTO events (event_id, stream_id, stream_version, event_type,
                            schema_version, data, metadata, recorded_at)
        SELECT (e.event->>'event_id')::uuid, p_stream_id, v_current + e.ordinal,
               e.event->>'type', (e.event->>'schema_version')::integer,
               e.event->'data', e.event->'metadata', v_recorded_at
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(event, ordinal)
        ORDER BY e.ordinal
        RETURNING events.position, events.stream_version
    )
    SELECT array_agg(i.position ORDER BY i.stream_version) INTO v_positions
    FROM inserted i;

    IF p_idempotency_key IS NOT NULL THEN
        UPDATE idempotency_keys k
        SET positions = v_positions, stream_version = v_version,
            transaction_id = pg_current_xact_id(), recorded_at = v_recorded_at
        WHERE k.idempotency_key = p_idempotency_key;
    END IF;

    RETURN QUERY SELECT v_positions, v_version, pg_current_xact_id(), v_recorded_at, false;
END
$$
