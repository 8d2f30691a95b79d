# Working days (doc/lgit.md §5): lgit's C functions against the usual SQL way of computing them
# (a SQL function over generate_series of days joined to lgit.calendar_day), side by side
# on the same random inputs in one session, and whether both gave the same answers.
#
# Sourced by bench/run.sh, with PGHOST, PGPORT and PGUSER exported and $LGIT_BENCH_DB naming
# a database where lgit is installed.  Creates only temporary objects.  About 25 s in all;
# LGIT_BENCH_WORKDAY_CALLS (default 100000) sets the number of calls of each function.

lgit_bench_workdays() {
	local calls=${LGIT_BENCH_WORKDAY_CALLS:-100000}

	# the SQL way: test/support/workdays_reference.sql, then the measurement, in one session
	psql -X -q -At -v ON_ERROR_STOP=1 -v calls="$calls" -d "$LGIT_BENCH_DB" \
		-f "$LGIT_ROOT/test/support/workdays_reference.sql" -f - <<'SQL'
-- Deadline-sized inputs inside the shipped calendar: a day from April 2020 to September 2026,
-- n from -30 to 30 working days, b up to 60 days either side of a.
SELECT setseed(0.2026) \g /dev/null
CREATE TEMP TABLE bench_input AS
  SELECT a, n, a + span AS b
  FROM (SELECT date '2020-04-01' + (random() * (date '2026-09-30' - date '2020-04-01'))::int AS a,
               (random() * 60)::int - 30 AS n,
               (random() * 120)::int - 60 AS span
        FROM generate_series(1, :calls)) AS r;
ANALYZE bench_input;

-- Warm up both: library, calendar cache, plans.
SELECT lgit.add_workdays('2026-09-30', 1), pg_temp.ref_add_workdays('2026-09-30', 1),
       lgit.workdays_between('2026-09-30', '2026-10-10'),
       pg_temp.ref_workdays_between('2026-09-30', '2026-10-10') \g /dev/null

-- Each timed query sums the answers, so every call is made and both sides can be compared.
SELECT clock_timestamp() AS t0 \gset
SELECT sum(lgit.add_workdays(a, n) - date '2020-01-01') AS c_add_sum FROM bench_input \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS c_add_s, clock_timestamp() AS t0 \gset
SELECT sum(pg_temp.ref_add_workdays(a, n) - date '2020-01-01') AS sql_add_sum FROM bench_input \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS sql_add_s, clock_timestamp() AS t0 \gset
SELECT sum(lgit.workdays_between(a, b)) AS c_between_sum FROM bench_input \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS c_between_s, clock_timestamp() AS t0 \gset
SELECT sum(pg_temp.ref_workdays_between(a, b)) AS sql_between_sum FROM bench_input \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS sql_between_s \gset

SELECT format('%s: C %s s, SQL %s s, ratio %sx (%s calls each, %s)',
              name, round(c_s, 3), round(sql_s, 3), round(sql_s / greatest(c_s, 0.001)),
              :calls, CASE WHEN c_sum = sql_sum THEN 'same answers' ELSE 'ANSWERS DIFFER' END)
FROM (VALUES ('add_workdays', :c_add_s::numeric, :sql_add_s::numeric,
              :c_add_sum::bigint, :sql_add_sum::bigint),
             ('workdays_between', :c_between_s, :sql_between_s,
              :c_between_sum, :sql_between_sum)) AS t(name, c_s, sql_s, c_sum, sql_sum);
SQL
}

lgit_bench_workdays
