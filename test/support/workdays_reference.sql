-- doc/lgit.md §5's working days written as plain SQL over lgit.calendar_day, no C: the reference the
-- pgTAP suite test/calendar.sql checks lgit's C functions against, and the "usual SQL way"
-- bench/workdays.bench.sh measures them against.  Session-temporary functions.
CREATE FUNCTION pg_temp.ref_is_workday(d date) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT c.kind = 'workday' FROM lgit.calendar_day c WHERE c.day = d),
                    extract(isodow FROM d) < 6)
  $$;

-- 2 |n| + 30 calendar days always hold |n| working days (the longest break is 10 days).
CREATE FUNCTION pg_temp.ref_add_workdays(d date, n int) RETURNS date
  LANGUAGE sql STABLE AS $$
    SELECT CASE
      WHEN n = 0 THEN d
      WHEN n > 0 THEN
        (SELECT g::date
         FROM generate_series(d + 1, d + 2 * n + 30, interval '1 day') AS g
         LEFT JOIN lgit.calendar_day c ON c.day = g::date
         WHERE coalesce(c.kind = 'workday', extract(isodow FROM g) < 6)
         ORDER BY g OFFSET n - 1 LIMIT 1)
      ELSE
        (SELECT g::date
         FROM generate_series(d - 1, d + 2 * n - 30, interval '-1 day') AS g
         LEFT JOIN lgit.calendar_day c ON c.day = g::date
         WHERE coalesce(c.kind = 'workday', extract(isodow FROM g) < 6)
         ORDER BY g DESC OFFSET -n - 1 LIMIT 1)
    END
  $$;

CREATE FUNCTION pg_temp.ref_workdays_between(a date, b date) RETURNS int
  LANGUAGE sql STABLE AS $$
    SELECT sign(b - a)::int * count(*)::int
    FROM generate_series(least(a, b) + 1, greatest(a, b), interval '1 day') AS g
    LEFT JOIN lgit.calendar_day c ON c.day = g::date
    WHERE coalesce(c.kind = 'workday', extract(isodow FROM g) < 6)
  $$;

