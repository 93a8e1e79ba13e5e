CREATE FUNCTION continue_positions_after_import() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT setval(pg_get_serial_sequence('events', 'position'),
                  greatest((SELECT max(position) FROM events), 1),
                  (SELECT max(position) FROM events) IS NOT NULL)
$$
