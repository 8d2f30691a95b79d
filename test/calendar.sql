-- pgTAP: the C working-day functions (doc/lgit.md §5) against the plain SQL way of computing them
-- (generate_series over days joined to lgit.calendar_day), over random dates and offsets
-- across 2020–2026, before and after the calendar changes inside the transaction.
BEGIN;
SELECT plan(30);

-- The reference: doc/lgit.md §5 written as a query, no C (shared with bench/workdays.bench.sh).
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

-- doc/lgit.md §5's examples.
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

-- The calendar changes inside this transaction: the answers change at once, and still agree
-- with SQL.  A holiday on Thursday 8 Oct, an adjusted working Saturday 7 Nov, 10 Oct no
-- longer worked.
SAVEPOINT changes;
INSERT INTO lgit.calendar_day (day, kind, name_zh, year) VALUES
  ('2026-10-08', 'holiday', 'pgTAP', 2026),
  ('2026-11-07', 'workday', 'pgTAP', 2026);
DELETE FROM lgit.calendar_day WHERE day = '2026-10-10';
SELECT is(lgit.add_workdays('2026-09-30', 1), date '2026-10-09', 'a holiday added on 8 Oct moves the deadline to 9 Oct');
SELECT is(lgit.add_workdays('2026-10-09', 1), date '2026-10-12', '10 Oct removed as a working day: after 9 Oct comes 12 Oct');
SELECT ok(lgit.is_workday('2026-11-07'), 'an adjusted working Saturday added is a working day');
SELECT is(lgit.workdays_between('2026-09-30', '2026-11-09'), pg_temp.ref_workdays_between('2026-09-30', '2026-11-09'),
  'workdays_between follows the changed calendar');
SELECT is_empty($$
  SELECT a, n FROM offsets WHERE lgit.add_workdays(a, n) IS DISTINCT FROM pg_temp.ref_add_workdays(a, n)
$$, 'add_workdays still agrees with SQL after the change');

-- A new year loaded: answers extend into it (no 2027 holidays loaded: 1 Jan 2027 is a Friday).
INSERT INTO lgit.calendar_year (year, source) VALUES (2027, 'pgTAP');
SELECT is(lgit.add_workdays('2026-12-31', 1), date '2027-01-01', 'with 2027 loaded, add_workdays reaches into it');
SELECT ok(lgit.is_workday('2027-01-04'), 'with 2027 loaded, is_workday answers for it');
SELECT throws_ok($$ SELECT lgit.add_workdays('2027-12-31', 1) $$, '22008',
  'no working-day calendar for 2028; loaded years: 2020–2027', 'the error names the new span');

-- Rolled back: the shipped calendar again (the cache follows the rollback).
ROLLBACK TO changes;
SELECT is(lgit.add_workdays('2026-09-30', 1), date '2026-10-08', 'after the rollback, 8 Oct is a working day again');
SELECT throws_ok($$ SELECT lgit.is_workday('2027-01-04') $$, '22008',
  'no working-day calendar for 2027; loaded years: 2020–2026', 'after the rollback, 2027 is unknown again');

SELECT * FROM finish();
ROLLBACK;
