CREATE FUNCTION oldest_transaction()
RETURNS TABLE (pid integer, seconds double precision, usename text,
               application_name text, state text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
AS $$
    SELECT pid, extract(epoch FROM clock_timestamp() - xact_start)::double precision,
           usename::text, application_name, state
    FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL
    ORDER BY xact_start
    LIMIT 1
$$
