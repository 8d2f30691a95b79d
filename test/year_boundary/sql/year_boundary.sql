-- The year boundary.  The shipped calendar ends on 31 December 2026; the State
-- Council publishes 2027's arrangement in the last weeks of 2026 and a district may load it
-- late.  Nothing district-wide stops because of that: a deadline that counts days of a year
-- not loaded is computed on Monday–Friday only and marked provisional (with the day it was
-- computed on), check_project() reports what it cannot judge yet (LG009), and all of it is
-- judged again, exactly, once the year is loaded.  "Today" is passed in: overdue_on(),
-- unit_scorecard_on() and calendar_status_on() take the day; lgit.overdue, lgit.unit_scorecard
-- and lgit.calendar_status are the same for today in Shenzhen.
--
-- The scenario registers contracts signed and filed in late December 2026 and on 6 January
-- 2027, and a date of record may not be after today in Shenzhen (LG008): this file runs on a
-- cluster of its own whose clock reads Wednesday 6 January 2027 (test/year_boundary.sh starts
-- it with libfaketime).  The reports that read today answer for that day.
SET datestyle = ISO;
SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS today_in_shenzhen,
       extract(isodow FROM now() AT TIME ZONE 'Asia/Shanghai') AS iso_weekday;

-- The sample district, and a project of 龙城街道 walked to design_approved with every document
-- the gates read (test/support/evidence.sql).  48,000,000: under the feasibility line, and room
-- under the total for the test contract the evidence brings (80 %) and contracts A-D below.
CREATE EXTENSION lgit CASCADE;
\set ECHO none
\i demo/sample.sql
\i test/support/evidence.sql
\set ECHO all
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget)
SELECT 'LG-PR-001', '龙城街道一网统管平台', unit_id, 'application', 'new', 2027, plan_id, 48000000
FROM lgit.special_plan WHERE doc_number = '深龙城办〔2026〕8号';
RESET lgit.actor;
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-001'')'
SELECT lgit_test.file_complete_evidence(:p);
SELECT lgit_test.walk_to(:p, 'design_approved') AS stage;

-- Everything the scenario writes is rolled back at its end.
BEGIN;

-- 1. The warning before the cliff: from calendar_warning_days (policy, 30) before the last
-- loaded day on, lgit says so.  The status on three days: outside the window, its first day,
-- and past the end.
SELECT key, value, in_force FROM lgit.policy WHERE key = 'calendar_warning_days';
SELECT s.as_of, s.loaded_years, s.last_loaded_day, s.days_left, s.warning_days, s.in_warning_window,
       s.as_of_year_loaded
FROM (VALUES (date '2026-11-30'), ('2026-12-01'), ('2027-01-04')) AS d(day),
     lgit.calendar_status_on(d.day) AS s;
-- The deadline report is silent outside the window, warns inside it and past the end.  (Only
-- that the report answers is shown here: the late rows follow in section 3.)
SELECT count(*) >= 0 AS answered FROM lgit.overdue_on('2026-11-30');
SELECT count(*) >= 0 AS answered FROM lgit.overdue_on('2026-12-01');
SELECT count(*) >= 0 AS answered FROM lgit.overdue_on('2027-01-04');

-- 2. Art 19 (LG191): filing the contract within 10 working days of signing is reported when
-- late, never a reason to refuse construction.  龙城街道 signs contract A on Monday
-- 21 December 2026 (its due date falls in 2027) and the authority files it on 28 December;
-- contract B, signed 2 November, was never filed (due 16 November); contract C, signed
-- 24 December, is not filed yet; contract D, signed 21 December, is filed on 6 January 2027.
-- Before 0.2.0 the move into construction failed with "no working-day calendar for 2027".
SET lgit.actor = 'lc_wang';
SELECT to_stage FROM lgit.advance(:p, 'procurement');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor,
                           supervisor_qualified, acceptance_clause, ownership_clause, warranty_months)
VALUES (:p, 'LCJD-HT-2026-031', '深圳市某智慧城市有限公司', 6000000, '2026-12-21', '深圳市某监理有限公司', true, true, true, 24),
       (:p, 'LCJD-HT-2026-032', '深圳市某网络技术有限公司', 1500000, '2026-11-02', '深圳市某监理有限公司', true, true, true, 24),
       (:p, 'LCJD-HT-2026-033', '深圳市某软件有限公司', 1000000, '2026-12-24', '深圳市某监理有限公司', true, true, true, 24),
       (:p, 'LCJD-HT-2026-034', '深圳市某数据有限公司', 1000000, '2026-12-21', '深圳市某监理有限公司', true, true, true, 24);
SELECT to_stage FROM lgit.advance(:p, 'contracted');
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-12-28' WHERE doc_number = 'LCJD-HT-2026-031';
UPDATE lgit.contract SET filed_on = '2027-01-06' WHERE doc_number = 'LCJD-HT-2026-034';
SET lgit.actor = 'lc_wang';
-- Nothing blocks construction: a filed contract needs no deadline, a late one is reported.
SELECT code, message FROM lgit.blockers(:p, 'construction');
SELECT to_stage FROM lgit.advance(:p, 'construction');
RESET lgit.actor;

-- 3. As if today were Monday 4 January 2027, 2027 not loaded.  The running clocks: contract C's
-- due date counts 1 January 2027 as a working day (a Friday), so it is provisional.
SELECT obligation, rule_code, started_on, workdays, due, due_provisional
FROM lgit.deadlines WHERE project_id = :p ORDER BY obligation;
-- Contract B is late; its working days late count days of 2027: provisional, computed on the day.
SELECT project_code, obligation, rule_code, due, workdays_late, provisional, computed_on
FROM lgit.overdue_on('2027-01-04')
WHERE project_code = 'LG-PR-001' AND rule_code = 'LG191' ORDER BY due, obligation;
-- check_project: what it cannot judge yet, said per row (LG009): contract C's due date, and
-- whether contract D was filed in time; and, the calendar having ended, that the project's
-- running deadlines are counted provisionally.  Contract A was filed in time: nothing to say.
-- (check_project(p) judges the warning for today; check_project(p, day) for the day given.)
SELECT code, severity, message, facts FROM lgit.check_project(:p, '2027-01-04') ORDER BY code, message;

-- Every view answers, and the reports that take a day answer for 4 January 2027.  (The views
-- that read today answer for Wednesday 6 January 2027, the cluster's clock, and warn as the
-- reports for that day do.)
SELECT format('SELECT %L AS view, count(*) >= 0 AS answers FROM lgit.%I', c.relname, c.relname)
FROM pg_catalog.pg_class c
WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'v'
ORDER BY c.relname \gexec
-- Today, 6 January 2027: six days past the calendar's end; contract B is late, contract C
-- (provisionally due 7 January) not yet.
SELECT as_of, days_left, in_warning_window, as_of_year_loaded FROM lgit.calendar_status;
SELECT project_code, obligation, rule_code, due, workdays_late, provisional, computed_on
FROM lgit.overdue WHERE project_code = 'LG-PR-001' ORDER BY due, obligation;
SELECT count(*) > 0 AS answers, bool_or(provisional) AS some_provisional, min(computed_on) AS computed_on
FROM lgit.overdue_on('2027-01-04');
SELECT count(*) AS units, sum(violations) >= 0 AS answers FROM lgit.unit_scorecard_on('2027-01-04');
SELECT count(*) >= 0 AS answers FROM lgit.violations;

-- 4. The authority loads 2027 with one command; the rows are judged again at once.  TEST
-- FIXTURE, not the State Council's notice for 2027: 1-3 January and 6-12 February off,
-- Saturday 13 February worked.  It is given here in the per-day JSON form many sites publish.
SET lgit.actor = 'zsj_chen';
SELECT lgit.load_calendar_json($${
  "year": 2027,
  "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
    {"name": "春节", "date": "2027-02-06", "isOffDay": true},
    {"name": "春节", "date": "2027-02-07", "isOffDay": true},
    {"name": "春节", "date": "2027-02-08", "isOffDay": true},
    {"name": "春节", "date": "2027-02-09", "isOffDay": true},
    {"name": "春节", "date": "2027-02-10", "isOffDay": true},
    {"name": "春节", "date": "2027-02-11", "isOffDay": true},
    {"name": "春节", "date": "2027-02-12", "isOffDay": true},
    {"name": "春节", "date": "2027-02-13", "isOffDay": false}
  ]}$$, 'TEST FIXTURE (not an official notice) 国办发明电〔2026〕0号') AS days_loaded;
RESET lgit.actor;
SELECT year, source, seeded, loaded_by, loaded_at IS NOT NULL AS loaded_at_recorded
FROM lgit.calendar_year WHERE year = 2027;
SELECT as_of, loaded_years, last_loaded_day, days_left, in_warning_window, as_of_year_loaded
FROM lgit.calendar_status_on('2027-01-04');
-- Contract C is due on 8 January now (1 January is a holiday), no longer provisional.
SELECT obligation, due, due_provisional FROM lgit.deadlines WHERE project_id = :p ORDER BY obligation;
SELECT project_code, obligation, rule_code, due, workdays_late, provisional
FROM lgit.overdue_on('2027-01-04')
WHERE project_code = 'LG-PR-001' AND rule_code = 'LG191' ORDER BY due, obligation;
-- Contract D was filed after its due date (11 working days after signing): now a late filing;
-- and the calendar runs to 31 December 2027: no warning.
SELECT code, severity, message, facts FROM lgit.check_project(:p, '2027-01-04') ORDER BY code, message;
-- The exact functions answer for 2027 now, and no warning until December 2027.
SELECT lgit.add_workdays('2026-12-31', 1) AS "after 31 Dec 2026",
       lgit.is_workday('2027-02-13') AS "Sat 13 Feb 2027 worked (fixture)";
SELECT count(*) >= 0 AS answered FROM lgit.overdue_on('2027-01-04');

ROLLBACK;
