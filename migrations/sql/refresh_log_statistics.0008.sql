CREATE FUNCTION refresh_log_statistics() RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
DECLARE
    v_rows     real;
    v_changed  bigint;
BEGIN
    SELECT c.reltuples, s.n_mod_since_analyze INTO v_rows, v_changed
    FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
    WHERE c.oid = 'events'::regclass;
    IF v_rows >= 0 AND coalesce(v_changed, 0) <= 50 + 0.1 * v_rows THEN
        RETURN false;
    END IF;
    ANALYZE (SKIP_LOCKED) events;
    RETURN true;
END
$$
