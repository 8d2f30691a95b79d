-- pgTAP: the C working-day functions (SPEC §5) against the plain SQL way of computing them
-- (generate_series over days joined to lgit.calendar_day), over random dates and offsets
-- across 2020–2026, and into a year loaded inside the transaction.
BEGIN;
SELECT plan(30);

-- The reference: SPEC §5 written as a query, no C (shared with bench/workdays.bench.sh).
\ir support/workdays_reference.sql

-- Random inputs, the same on every run.  Offsets of up to 60 working days from a day between
-- April 2020 and September 2026 stay inside the calendar; so do offsets of up to 400 from 2022–2024.
SELECT setseed(0.2026);
CREATE TEMP TABLE offsets AS
  SELECT date '2020-04-01' + (random() * (date '2026-09-30' - date '2020-04-01'))::int AS a,
         (random() * 120)::int - 60 AS n
  FROM generate_series(1, 3000)
  UNION ALL
  SELECT date '2022-01-01' + (random() * 1095)::int, (random() * 800)::int - 400
  FROM generate_series(1, 300);
CREATE TEMP TABLE spans AS
  SELECT date '2020-01-01' + (random() * 2556)::int AS a,
         date '2020-01-01' + (random() * 2556)::int AS b
  FROM generate_series(1, 1000);

-- The interface: three STABLE STRICT functions.
SELECT has_function('lgit', 'is_workday', ARRAY['date'], 'lgit.is_workday(date) exists');
SELECT has_function('lgit', 'add_workdays', ARRAY['date', 'integer'], 'lgit.add_workdays(date, int) exists');
SELECT has_function('lgit', 'workdays_between', ARRAY['date', 'date'], 'lgit.workdays_between(date, date) exists');
SELECT volatility_is('lgit', 'is_workday', ARRAY['date'], 'stable', 'is_workday is STABLE: the calendar changes');
SELECT volatility_is('lgit', 'add_workdays', ARRAY['date', 'integer'], 'stable', 'add_workdays is STABLE: the calendar changes');
SELECT volatility_is('lgit', 'workdays_between', ARRAY['date', 'date'], 'stable', 'workdays_between is STABLE: the calendar changes');
SELECT is_strict('lgit', 'is_workday', ARRAY['date'], 'is_workday is STRICT');
SELECT is_strict('lgit', 'add_workdays', ARRAY['date', 'integer'], 'add_workdays is STRICT');
SELECT is_strict('lgit', 'workdays_between', ARRAY['date', 'date'], 'workdays_between is STRICT');

-- SPEC §5's examples.
SELECT is(lgit.add_workdays('2026-09-30', 1), date '2026-10-08', 'after 30 Sep 2026 comes 8 Oct (National Day)');
SELECT is(lgit.add_workdays('2026-10-09', 1), date '2026-10-10', 'after 9 Oct 2026 comes Saturday 10 Oct (调休上班)');

-- C against SQL, as shipped.
SELECT is_empty($$
  SELECT d::date FROM generate_series(date '2020-01-01', date '2026-12-31', interval '1 day') AS d
  WHERE lgit.is_workday(d::date) IS DISTINCT FROM pg_temp.ref_is_workday(d::date)
$$, 'is_workday agrees with SQL on every day of 2020–2026');
SELECT is_empty($$
  SELECT a, n FROM offsets WHERE lgit.add_workdays(a, n) IS DISTINCT FROM pg_temp.ref_add_workdays(a, n)
$$, 'add_workdays agrees with SQL on 3,300 random (day, n)');
SELECT is_empty($$
  SELECT a, b FROM spans WHERE lgit.workdays_between(a, b) IS DISTINCT FROM pg_temp.ref_workdays_between(a, b)
$$, 'workdays_between agrees with SQL on 1,000 random (a, b)');
SELECT is_empty($$
  SELECT a, b FROM spans WHERE lgit.workdays_between(a, b) <> -lgit.workdays_between(b, a)
$$, 'workdays_between(a, b) = -workdays_between(b, a)');
SELECT is_empty($$
  SELECT a, n FROM offsets WHERE n >= 0 AND lgit.workdays_between(a, lgit.add_workdays(a, n)) <> n
$$, 'workdays_between(a, add_workdays(a, n)) = n for n >= 0');
SELECT is_empty($$
  SELECT a, n FROM offsets WHERE n <> 0 AND NOT lgit.is_workday(lgit.add_workdays(a, n))
$$, 'add_workdays lands on a working day whenever n <> 0');

-- Outside the loaded years: an error, SQLSTATE 22008, naming the years.
SELECT throws_ok($$ SELECT lgit.is_workday('2027-01-04') $$, '22008',
  'no working-day calendar for 2027; loaded years: 2020–2026', 'is_workday in 2027 is an error');
SELECT throws_ok($$ SELECT lgit.add_workdays('2026-12-31', 1) $$, '22008',
  'no working-day calendar for 2027; loaded years: 2020–2026', 'add_workdays into 2027 is an error');
SELECT throws_ok($$ SELECT lgit.workdays_between('2019-12-31', '2020-01-02') $$, '22008',
  'no working-day calendar for 2019; loaded years: 2020–2026', 'workdays_between from 2019 is an error');

-- A loaded year is immutable, the shipped ones included, for the owner too (LG002): a holiday
-- added to 2026, an adjusted working day removed, a holiday renamed.
SELECT throws_ok($$ INSERT INTO lgit.calendar_day (day, kind, name_zh, year) VALUES ('2026-10-08', 'holiday', 'pgTAP', 2026) $$,
  'LG002', NULL, 'no day is added to a loaded year');
SELECT throws_ok($$ DELETE FROM lgit.calendar_day WHERE day = '2026-10-10' $$,
  'LG002', 'a loaded year of the working-day calendar is immutable', 'no day is removed from a loaded year');
SELECT throws_ok($$ UPDATE lgit.calendar_day SET name_zh = 'pgTAP' WHERE day = '2026-10-01' $$,
  'LG002', 'a loaded year of the working-day calendar is immutable', 'no day of a loaded year is changed');

-- A new year loaded with the loader, inside this transaction: the answers extend into it at
-- once and agree with SQL.  TEST DATA, not the State Council's notice for 2027: 1-3 Jan and
-- 10-14 Feb off, Sunday 7 and Saturday 20 Feb worked.
SAVEPOINT changes;
SELECT is(lgit.load_calendar_year(2027, 'pgTAP test fixture, not an official notice',
          ARRAY['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-10', '2027-02-11', '2027-02-12',
                '2027-02-13', '2027-02-14']::date[],
          ARRAY['2027-02-07', '2027-02-20']::date[]),
          10, 'the loader loads the 10 days of the notice');
SELECT is(lgit.add_workdays('2026-12-31', 1), date '2027-01-04', 'with 2027 loaded, add_workdays reaches into it past 1-3 Jan');
SELECT ok(lgit.is_workday('2027-02-07'), 'an adjusted working Sunday loaded is a working day');
SELECT is(lgit.add_workdays('2027-02-09', 1), date '2027-02-15', 'after 9 Feb 2027 comes 15 Feb (10-14 Feb off)');
SELECT is_empty($$
  SELECT d::date FROM generate_series(date '2026-12-01', date '2027-12-31', interval '1 day') AS d
  WHERE lgit.is_workday(d::date) IS DISTINCT FROM pg_temp.ref_is_workday(d::date)
$$, 'is_workday agrees with SQL on every day of the loaded 2027');
SELECT throws_ok($$ SELECT lgit.add_workdays('2027-12-31', 1) $$, '22008',
  'no working-day calendar for 2028; loaded years: 2020–2027', 'the error names the new span');

-- Rolled back: the shipped calendar again (the cache follows the rollback).
ROLLBACK TO changes;
SELECT throws_ok($$ SELECT lgit.is_workday('2027-01-04') $$, '22008',
  'no working-day calendar for 2027; loaded years: 2020–2026', 'after the rollback, 2027 is unknown again');

SELECT * FROM finish();
ROLLBACK;
