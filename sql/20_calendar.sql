-- Chinese working days (工作日, SPEC §5).  A working day is Monday–Friday unless the State
-- Council lists it as a holiday, or a Saturday/Sunday it lists as an adjusted working day
-- (调休上班).  Deadlines of the measures count these days: "within N working days of X" means
-- on or before lgit.add_workdays(X, N).
SET datestyle = ISO;

-- The calendar as shipped: one notice per year, 2020–2026.
SELECT year, source FROM lgit.calendar_year ORDER BY year;
SELECT year,
       count(*) FILTER (WHERE kind = 'holiday') AS holidays,
       count(*) FILTER (WHERE kind = 'workday') AS adjusted_working_days
FROM lgit.calendar_day GROUP BY year ORDER BY year;

-- The functions read a calendar that changes every year: STABLE (never IMMUTABLE), STRICT,
-- and safe in parallel workers.
SELECT proname, provolatile, proisstrict, proparallel
FROM pg_proc
WHERE pronamespace = 'lgit'::regnamespace
  AND proname IN ('is_workday', 'add_workdays', 'workdays_between')
ORDER BY proname;

-- The examples of SPEC §5.
SELECT lgit.add_workdays('2026-09-30', 1) AS "after 30 Sep: 8 Oct",
       lgit.add_workdays('2026-10-09', 1) AS "after 9 Oct: Saturday 10 Oct";

-- National Day and Mid-Autumn 2026 day by day: 25–27 Sep and 1–7 Oct off, Sunday 20 Sep and
-- Saturday 10 Oct worked.
SELECT d::date AS day, to_char(d, 'Dy') AS dow, c.kind, c.name_zh,
       lgit.is_workday(d::date) AS is_workday
FROM generate_series('2026-09-18'::date, '2026-10-12', '1 day') AS d
LEFT JOIN lgit.calendar_day c ON c.day = d::date
ORDER BY d;

-- Spring Festival 2026: 15–23 Feb off, Saturdays 14 and 28 Feb worked.
SELECT d::date AS day, to_char(d, 'Dy') AS dow, c.kind, c.name_zh,
       lgit.is_workday(d::date) AS is_workday
FROM generate_series('2026-02-12'::date, '2026-03-02', '1 day') AS d
LEFT JOIN lgit.calendar_day c ON c.day = d::date
ORDER BY d;

-- Counting across Spring Festival from Friday 13 Feb 2026: forwards the holiday is skipped and
-- Saturday 14 Feb counts; backwards likewise.  n = 0 is the day itself; the day itself never
-- counts otherwise.
SELECT n, lgit.add_workdays('2026-02-13', n) AS from_fri_13_feb,
       lgit.add_workdays('2026-02-24', n) AS from_tue_24_feb
FROM generate_series(-3, 3) AS n
ORDER BY n;

-- Counting across National Day 2026 in both directions.
SELECT n, lgit.add_workdays('2026-09-24', n) AS from_thu_24_sep,
       lgit.add_workdays('2026-10-12', n) AS from_mon_12_oct
FROM generate_series(-4, 4) AS n
ORDER BY n;

-- From a day that is not itself a working day: the count starts at the next (or previous)
-- working day; n = 0 still returns the day.
SELECT lgit.add_workdays('2026-10-03', 1) AS "holiday +1",
       lgit.add_workdays('2026-10-03', -1) AS "holiday -1",
       lgit.add_workdays('2026-10-03', 0) AS "holiday +0",
       lgit.add_workdays('2026-10-11', 1) AS "Sunday +1",
       lgit.add_workdays('2026-10-11', -1) AS "Sunday -1";

-- A notice may list a day of the year before: the 2023 notice makes Saturday 31 Dec 2022 part
-- of New Year's Day; across the year end it changes nothing, as it is a Saturday anyway.
SELECT * FROM lgit.calendar_day WHERE day BETWEEN '2022-12-30' AND '2023-01-03';
SELECT lgit.add_workdays('2022-12-30', 1) AS "after Fri 30 Dec 2022",
       lgit.add_workdays('2023-01-03', -1) AS "before Tue 3 Jan 2023";

-- Across a whole year and across years: Spring Festival 2020 was extended to 2 Feb.
SELECT lgit.add_workdays('2020-01-23', 1) AS "after 23 Jan 2020",
       lgit.add_workdays('2026-12-31', -1744 + 1) AS "first working day of 2020",
       lgit.add_workdays('2020-01-02', 1744 - 1) AS "last working day of 2026";

-- workdays_between counts (a, b]: a never counts, b does; negative when b < a, and
-- symmetric: between(a, b) = -between(b, a).
SELECT a, b, lgit.workdays_between(a, b) AS ab, lgit.workdays_between(b, a) AS ba
FROM (VALUES ('2026-09-30'::date, '2026-10-08'::date),
             ('2026-09-30', '2026-10-10'),
             ('2026-09-24', '2026-10-12'),
             ('2026-02-13', '2026-02-24'),
             ('2026-02-13', '2026-03-02'),
             ('2026-10-01', '2026-10-07'),
             ('2026-10-08', '2026-10-08'),
             ('2026-01-01', '2026-12-31'),
             ('2025-12-31', '2026-12-31'),
             ('2020-01-01', '2026-12-31')) AS t(a, b)
ORDER BY a, b;

-- The working days of each year (the first of January is a holiday every year).
SELECT y AS year, lgit.workdays_between(make_date(y, 1, 1), make_date(y, 12, 31)) AS working_days
FROM generate_series(2020, 2026) AS y;

-- add_workdays and workdays_between agree: n working days after a day are n working days away.
SELECT count(*) AS disagreements
FROM generate_series('2020-01-01'::date, '2026-11-30', '1 day') AS d,
     generate_series(0, 20) AS n
WHERE lgit.workdays_between(d::date, lgit.add_workdays(d::date, n)) <> n;

-- NULL in, NULL out (STRICT).
SELECT lgit.is_workday(NULL) IS NULL AS is_workday_null,
       lgit.add_workdays(NULL, 1) IS NULL AS add_null_day,
       lgit.add_workdays('2026-10-08', NULL) IS NULL AS add_null_n,
       lgit.workdays_between(NULL, '2026-10-08') IS NULL AS between_null_from,
       lgit.workdays_between('2026-10-08', NULL) IS NULL AS between_null_to;

-- Outside the loaded years the answer is an error naming them, never a guess.
SELECT lgit.is_workday('2027-01-04');
SELECT lgit.is_workday('2019-12-31');
SELECT lgit.add_workdays('2027-01-04', 0);
SELECT lgit.add_workdays('2026-12-31', 1);
SELECT lgit.add_workdays('2026-12-24', 5) AS "last working day of 2026";
SELECT lgit.add_workdays('2026-12-24', 6);
SELECT lgit.add_workdays('2020-01-02', -1);
SELECT lgit.workdays_between('2026-06-01', '2027-06-01');
SELECT lgit.workdays_between('2027-06-01', '2026-06-01');
SELECT lgit.workdays_between('2018-06-01', '2026-06-01');
SELECT lgit.is_workday('infinity');
SELECT lgit.workdays_between('-infinity', '2026-06-01');
-- However large n is: no overflow, the same error.
SELECT lgit.add_workdays('2026-01-05', 2147483647);
SELECT lgit.add_workdays('2026-01-05', -2147483648);

-- The authority loads a new year with the loader (sql/22_calendar_loader.sql): the answers
-- extend to it, within the same transaction.  A gap between loaded years is never skipped:
-- 2027 missing while 2028 is loaded is still an error.  TEST DATA, not the State Council's
-- notices: one holiday each.
BEGIN;
SELECT lgit.load_calendar_year(2028, 'test notice for 2028', ARRAY['2028-01-03']::date[], NULL);
SELECT lgit.is_workday('2028-01-03') AS "Mon 3 Jan 2028 (test holiday)", lgit.is_workday('2028-01-04') AS "Tue 4 Jan 2028";
SAVEPOINT gap;
SELECT lgit.add_workdays('2026-12-31', 1);
ROLLBACK TO gap;
SELECT lgit.load_calendar_year(2027, 'test notice for 2027', ARRAY['2027-01-01']::date[], NULL);
SELECT lgit.add_workdays('2026-12-31', 1) AS "after 31 Dec 2026",
       lgit.workdays_between('2026-12-31', '2028-01-03') AS "to 3 Jan 2028";
ROLLBACK;
SELECT lgit.add_workdays('2026-12-31', 1);

-- A loaded year is immutable for everyone, the owner too (as here): no day is added to it,
-- removed or changed, and no year is dropped (LG002).  Deadlines were counted by it.
INSERT INTO lgit.calendar_day (day, kind, name_zh, year) VALUES ('2026-10-08', 'holiday', '测试', 2026);
DELETE FROM lgit.calendar_day WHERE day = '2026-10-10';
UPDATE lgit.calendar_year SET source = '测试' WHERE year = 2026;
DELETE FROM lgit.calendar_year WHERE year = 2020;
TRUNCATE lgit.calendar_day;
SELECT lgit.add_workdays('2026-09-30', 1) AS "8 Oct still",
       lgit.add_workdays('2026-10-09', 1) AS "10 Oct still";
