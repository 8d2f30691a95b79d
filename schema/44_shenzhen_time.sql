-- The month a moment falls in, in Shenzhen, whatever the session's zone (src/shenzhen_time.c).
-- The monthly series file each move under it: written in C, with the zone looked up once per
-- backend, because a report reads it for every history row.  Immutable as PostgreSQL's own
-- timezone(text, timestamptz) is: the zone's rules are the server's time zone data.
CREATE FUNCTION lgit.shenzhen_month(at timestamptz) RETURNS date
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_shenzhen_month';
COMMENT ON FUNCTION lgit.shenzhen_month(timestamptz) IS
  'The first day of the month in Shenzhen of a moment: date_trunc(''month'', at AT TIME ZONE ''Asia/Shanghai'')::date.';
