-- pgTAP: the year boundary.  Reports count a year whose calendar is not loaded on
-- Monday–Friday and mark it provisional; the warning window opens calendar_warning_days before
-- the last loaded day; Art 19's filing deadline (LG191) is reported, never a refusal, and what
-- cannot be judged yet (LG009) is judged once the year is loaded.  Each on both sides of its
-- line.  The fixture is written with lgit's triggers disabled (superuser, rolled back at the
-- end) to pin its dates; the 2027 loaded here is TEST DATA, not the State Council's notice.
BEGIN;
SET LOCAL client_min_messages = error;
SELECT plan(39);

-- The provisional count: the calendar where it is loaded, Monday–Friday where it is not.
SELECT is(lgit.add_workdays_provisional('2026-09-30', 1), date '2026-10-08',
  'where the year is loaded the provisional count is the calendar (National Day 2026)');
SELECT is(lgit.add_workdays_provisional('2026-12-31', 1), date '2027-01-01',
  'in a year not loaded Friday 1 January 2027 counts as a working day');
SELECT is(lgit.add_workdays_provisional('2027-01-08', 1), date '2027-01-11',
  'in a year not loaded Saturday and Sunday do not count');
SELECT is(lgit.add_workdays_provisional('2020-01-02', -1), date '2019-12-31',
  'a year not loaded before the calendar counts Monday–Friday too');
SELECT is(lgit.workdays_between_provisional('2026-12-25', '2027-01-04'), 6,
  'workdays_between_provisional counts 28-31 December by the calendar, 1 and 4 January Monday–Friday');
SELECT setseed(0.1231);
SELECT is_empty($$
  SELECT a, n FROM (SELECT date '2020-01-01' + (random() * 2500)::int AS a, (random() * 80)::int - 40 AS n
                    FROM generate_series(1, 2000)) r
  WHERE lgit.calendar_covers(a, a + 60) AND lgit.calendar_covers(a, a - 60)
    AND lgit.add_workdays_provisional(a, n) IS DISTINCT FROM lgit.add_workdays(a, n)
$$, 'inside the loaded years the provisional count equals add_workdays on 2,000 random (day, n)');
SELECT is_empty($$
  SELECT d::date, n FROM generate_series(date '2026-10-01', date '2027-03-31', interval '1 day') AS d,
                         generate_series(0, 30) AS n
  WHERE lgit.workdays_between_provisional(d::date, lgit.add_workdays_provisional(d::date, n)) <> n
$$, 'across the boundary workdays_between_provisional(a, add_workdays_provisional(a, n)) = n');
SELECT ok(lgit.calendar_covers('2026-01-01', '2026-12-31'), 'calendar_covers: 2026 is loaded');
SELECT ok(NOT lgit.calendar_covers('2026-12-31', '2027-01-01'), 'calendar_covers: one day into 2027 is not');
SELECT ok(NOT lgit.calendar_covers('2020-01-01', '2019-12-31'), 'calendar_covers: nor one day into 2019');
SELECT is(lgit.add_workdays_provisional('infinity', 1), NULL, 'an infinite day has no deadline: NULL, not an error');
SELECT throws_ok($$ SELECT lgit.add_workdays('2026-12-31', 1) $$, '22008',
  'no working-day calendar for 2027; loaded years: 2020–2026', 'the exact function still never guesses');

-- The loader's checks accept every real notice: the seven shipped years, taken out (in replica
-- mode, as only a superuser can) and loaded again through it, give the same calendar.
CREATE TEMP TABLE shipped AS
  SELECT y.year, y.source,
         (SELECT jsonb_agg(jsonb_build_object('date', d.day, 'isOffDay', d.kind = 'holiday', 'name', d.name_zh))
          FROM lgit.calendar_day d WHERE d.year = y.year) AS days
  FROM lgit.calendar_year y WHERE y.seeded;
CREATE TEMP TABLE shipped_fingerprint AS
  SELECT string_agg(lgit.is_workday(d::date)::text, '' ORDER BY d) AS days
  FROM generate_series(date '2020-01-01', date '2026-12-31', interval '1 day') AS d;
SAVEPOINT reload;
SET LOCAL session_replication_role = replica;
DELETE FROM lgit.calendar_day;
DELETE FROM lgit.calendar_year;
SET LOCAL session_replication_role = origin;
SELECT is((SELECT sum(lgit.load_calendar_days(year, source, days)) FROM shipped), 254::bigint,
  'the loader accepts the State Council''s notices for 2020–2026 (254 days)');
SELECT is((SELECT string_agg(lgit.is_workday(d::date)::text, '' ORDER BY d)
           FROM generate_series(date '2020-01-01', date '2026-12-31', interval '1 day') AS d),
          (SELECT days FROM shipped_fingerprint), 'reloaded through the loader, every day of 2020–2026 is as shipped');
ROLLBACK TO reload;

-- The warning window: 30 days (policy) before 31 December 2026, both sides; then 10 days.
SELECT is((SELECT in_warning_window FROM lgit.calendar_status_on('2026-11-30')), false, '31 days before the end: outside the window');
SELECT is((SELECT in_warning_window FROM lgit.calendar_status_on('2026-12-01')), true, '30 days before the end: inside the window');
SELECT is((SELECT in_warning_window FROM lgit.calendar_status_on('2027-01-04')), true, 'past the end: still warned');
UPDATE lgit.policy SET in_force = daterange('2020-01-01', '2026-06-01')
WHERE key = 'calendar_warning_days' AND upper_inf(in_force);
INSERT INTO lgit.policy (key, value, in_force, note) VALUES ('calendar_warning_days', 10, daterange('2026-06-01', NULL), 'pgTAP');
SELECT is((SELECT in_warning_window FROM lgit.calendar_status_on('2026-12-20')), false, 'a 10-day window: 11 days before, outside');
SELECT is((SELECT in_warning_window FROM lgit.calendar_status_on('2026-12-21')), true, 'a 10-day window: 10 days before, inside');

-- Art 19 fixture: a project of unit YB-A at contracted, its contracts as each case needs.
ALTER TABLE lgit.project DISABLE TRIGGER USER;
ALTER TABLE lgit.contract DISABLE TRIGGER USER;
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('YB-A', '跨年测试街道', 'street');
INSERT INTO lgit.actor (actor_name, unit_id, capacity) SELECT 'yb_unit', unit_id, 'unit' FROM lgit.unit WHERE code = 'YB-A';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage,
                          responsible_person, implementing_body)
SELECT 'YB-1', '跨年测试', unit_id, 'application', 'new', 9000000, 'contracted', '测试负责人', '测试实施机构'
FROM lgit.unit WHERE code = 'YB-A';
CREATE FUNCTION pg_temp.contract(label text, signed date, filed date) RETURNS void LANGUAGE sql AS $$
  INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, filed_on, supervisor,
                             supervisor_qualified, acceptance_clause, ownership_clause, warranty_months)
  SELECT project_id, label, '测试承建单位', 100000, signed, filed, '测试监理', true, true, true, 24
  FROM lgit.project WHERE code = 'YB-1'
$$;
CREATE FUNCTION pg_temp.codes(what text) RETURNS text[] LANGUAGE sql AS $$
  SELECT coalesce(array_agg(code ORDER BY code), '{}')
  FROM lgit.check_project((SELECT project_id FROM lgit.project WHERE code = 'YB-1'), '2026-11-30')
  WHERE message LIKE '%' || what || '%'
$$;
CREATE FUNCTION pg_temp.construction_blockers() RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE codes text[];
BEGIN
  PERFORM set_config('lgit.actor', 'yb_unit', true);
  SELECT coalesce(array_agg(code ORDER BY code), '{}') INTO codes
  FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'YB-1'), 'construction');
  PERFORM set_config('lgit.actor', '', true);
  RETURN codes;
END $$;

-- The case of the issue: a contract signed Monday 21 December 2026, filed 28 December; its due
-- date falls in 2027, which is not loaded.
SELECT pg_temp.contract('YB-A-filed', '2026-12-21', '2026-12-28');
SELECT is(pg_temp.construction_blockers(), '{}', 'a filed contract signed after mid-December 2026 does not block construction');
SELECT is(pg_temp.codes('YB-A-filed'), '{}', 'filed 5 working days after signing: in time, decided without 2027');
-- An unfiled contract past its due date (signed Mon 28 Sep, due Fri 16 Oct) does not either.
SELECT pg_temp.contract('YB-B-unfiled', '2026-09-28', NULL);
SELECT is(pg_temp.construction_blockers(), '{}', 'an unfiled contract past its due date does not block construction');
SELECT is((SELECT workdays_late FROM lgit.overdue_on('2026-10-16') WHERE obligation = 'contract filing YB-B-unfiled'), NULL,
  'unfiled, it is not overdue on its due date');
SELECT is((SELECT workdays_late FROM lgit.overdue_on('2026-10-19') WHERE obligation = 'contract filing YB-B-unfiled'), 1,
  'unfiled, it is overdue by 1 working day the next working day');
-- Filed late, it stays on record (LG191); filed on its due date, nothing.
SELECT pg_temp.contract('YB-C-ontime', '2026-09-28', '2026-10-16');
SELECT pg_temp.contract('YB-D-late', '2026-09-28', '2026-10-19');
SELECT is(pg_temp.codes('YB-C-ontime'), '{}', 'filed on its due date: no finding');
SELECT is(pg_temp.codes('YB-D-late'), '{LG191}', 'filed the next working day: a late filing (LG191)');
SELECT is((SELECT (facts->>'workdays_late')::int FROM lgit.check_project((SELECT project_id FROM lgit.project WHERE code = 'YB-1'), '2026-11-30')
           WHERE message LIKE '%YB-D-late%'), 1, 'the late filing says by how many working days');

-- The warning in check_project: a project with running deadlines gets a line from the window's
-- first day (10 days, as set above), not the day before.
CREATE FUNCTION pg_temp.window_lines(as_of date) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM lgit.check_project((SELECT project_id FROM lgit.project WHERE code = 'YB-1'), as_of)
  WHERE code = 'LG009' AND message LIKE 'the working-day calendar ends on 2026-12-31%'
$$;
SELECT is(pg_temp.window_lines('2026-12-20'), 0::bigint, 'check_project: no calendar warning 11 days before the end');
SELECT is(pg_temp.window_lines('2026-12-21'), 1::bigint, 'check_project: the calendar warning 10 days before the end');

-- What 2027 decides: an unfiled contract whose due date falls in 2027, and one filed in 2027.
SELECT pg_temp.contract('YB-E-open', '2026-12-24', NULL);
SELECT pg_temp.contract('YB-F-filed-2027', '2026-12-21', '2027-01-06');
SELECT is(pg_temp.codes('YB-E-open'), '{LG009}', 'a running deadline in 2027 is reported as provisional (LG009)');
SELECT is(pg_temp.codes('YB-F-filed-2027'), '{LG009}', 'a filing in 2027 is reported as not yet decidable (LG009)');
SELECT is((SELECT provisional FROM lgit.overdue_on('2027-01-04') WHERE obligation = 'contract filing YB-B-unfiled'), true,
  'a late row counting days of 2027 is provisional');
SELECT is((SELECT violations FROM lgit.unit_scorecard_on('2027-01-04') WHERE unit_zh = '跨年测试街道'), 1::bigint,
  'the scorecard counts the late filing (LG191), not LG009');

-- Dates no calendar can judge never stop a report: said per row, not an error for all.
SELECT pg_temp.contract('YB-G-infinite', '-infinity', '2026-01-01');
SELECT is(pg_temp.codes('YB-G-infinite'), '{LG009}', 'a contract signed on -infinity: not judgeable (LG009), no error');
SELECT is(lgit.add_workdays_provisional('5874897-12-20', 10), date 'infinity',
  'a due date past the end of the date type is infinity, not an error');
DELETE FROM lgit.contract WHERE doc_number = 'YB-G-infinite';

-- 2027 loaded (TEST DATA: 1-3 January off): everything judged again, exactly.
SELECT lgit.load_calendar_year(2027, 'pgTAP test fixture, not an official notice',
                               ARRAY['2027-01-01', '2027-01-02', '2027-01-03']::date[], NULL);
SELECT is(pg_temp.codes('YB-E-open'), '{}', 'loaded, the running deadline is exact: no LG009');
SELECT is(pg_temp.codes('YB-F-filed-2027'), '{LG191}', 'loaded, the 2027 filing is judged: late (due 5 January)');
SELECT is((SELECT due FROM lgit.deadlines WHERE obligation = 'contract filing YB-E-open'), date '2027-01-08',
  'loaded, the due date moves past the 1 January holiday');
SELECT is((SELECT provisional FROM lgit.overdue_on('2027-01-04') WHERE obligation = 'contract filing YB-B-unfiled'), false,
  'loaded, the late row is no longer provisional');

SELECT * FROM finish();
ROLLBACK;
