-- pgTAP: deadlines and periodic obligations (doc/lgit.md §5) through lgit.overdue_on(as_of).  Each is
-- met on its last day and missed from the next working day.  The clocks that start at a stage
-- change read the project's history, which lgit writes with the current time; to pin dates,
-- this suite writes its fixture's history directly with the triggers disabled (superuser,
-- rolled back at the end).  Dates are those of the 2026 calendar (National Day 1-7 October
-- with Saturday 10 October worked, Labour Day 1-5 May, Spring Festival 15-23 February with
-- Saturdays 14 and 28 February worked).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(18);

ALTER TABLE lgit.project DISABLE TRIGGER USER;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
ALTER TABLE lgit.contract DISABLE TRIGGER USER;
ALTER TABLE lgit.final_accounts DISABLE TRIGGER USER;

INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('DL-A', '期限测试街道', 'street');
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT 'DL-' || s, '期限测试', unit_id, 'application', 'new', 1000000, s::lgit.stage
FROM lgit.unit, unnest(ARRAY['feasibility_submitted', 'design_submitted', 'design_prereviewed',
                             'final_accepted', 'construction', 'draft']) AS s
WHERE code = 'DL-A';

CREATE FUNCTION pg_temp.doc(proj text, kind text, issued date, accepted date) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, accepted_on, content_sha256)
  SELECT project_id, kind, kind, '测试', issued, accepted, sha256(convert_to(proj || kind || issued, 'UTF8'))
  FROM lgit.project WHERE code = proj
$$;
CREATE FUNCTION pg_temp.entered(proj text, stage lgit.stage, day date) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id,
                            project_unit_id, changed_at, prev_hash, row_hash)
  SELECT project_id, coalesce((SELECT max(seq) FROM lgit.history h WHERE h.project_id = p.project_id), 0) + 1,
         NULL, stage, 'fixture', 'unit', unit_id, unit_id, (day + time '10:00') AT TIME ZONE 'Asia/Shanghai',
         CASE WHEN EXISTS (SELECT FROM lgit.history h WHERE h.project_id = p.project_id) THEN '\x00'::bytea END, '\x00'
  FROM lgit.project p WHERE code = proj
$$;
CREATE FUNCTION pg_temp.late(as_of date, proj text, what text) RETURNS int
LANGUAGE sql AS $$
  SELECT workdays_late FROM lgit.overdue_on(as_of) o
  WHERE o.project_code = proj AND o.obligation LIKE what || '%'
$$;

-- Art 11: feasibility review, 5 working days from formal acceptance on Tue 29 Sep -> Mon 12 Oct.
SELECT pg_temp.doc('DL-feasibility_submitted', 'feasibility_report', '2026-09-25', '2026-09-29');
SELECT is(lgit.add_workdays('2026-09-29', 5), '2026-10-12', 'feasibility review due 12 October');
SELECT is(pg_temp.late('2026-10-12', 'DL-feasibility_submitted', 'feasibility report review'), NULL, 'met on its last day');
SELECT is(pg_temp.late('2026-10-13', 'DL-feasibility_submitted', 'feasibility report review'), 1, 'missed the day after');

-- Art 12: design pre-review, 5 working days from Thu 12 Feb across Spring Festival -> Thu 26 Feb.
SELECT pg_temp.doc('DL-design_submitted', 'preliminary_design', '2026-02-10', '2026-02-12');
SELECT is(pg_temp.late('2026-02-26', 'DL-design_submitted', 'preliminary design pre-review'), NULL, 'pre-review met on 26 February');
SELECT is(pg_temp.late('2026-02-27', 'DL-design_submitted', 'preliminary design pre-review'), 1, 'pre-review missed on 27 February');

-- Art 12: expert review within 5 working days of the pre-review (entered Wed 30 Sep; 8, 9,
-- Saturday 10, 12, 13 October -> Tue 13 Oct).
SELECT pg_temp.entered('DL-design_prereviewed', 'design_prereviewed', '2026-09-30');
SELECT is(pg_temp.late('2026-10-13', 'DL-design_prereviewed', 'preliminary design expert review'), NULL, 'expert review met on 13 October');
SELECT is(pg_temp.late('2026-10-14', 'DL-design_prereviewed', 'preliminary design expert review'), 1, 'expert review missed on 14 October');

-- Art 19 (LG191): contract filing, 10 working days from signing on Mon 28 Sep -> Fri 16 Oct.
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
SELECT project_id, 'DL-HT-1', '测试承建', 500000, '2026-09-28', 24 FROM lgit.project WHERE code = 'DL-draft';
SELECT is(pg_temp.late('2026-10-16', 'DL-draft', 'contract filing'), NULL, 'contract filing met on 16 October');
SELECT is(pg_temp.late('2026-10-17', 'DL-draft', 'contract filing'), NULL, 'a Saturday adds no working day late');
SELECT is(pg_temp.late('2026-10-19', 'DL-draft', 'contract filing'), 1, 'contract filing missed by Monday 19 October');
SELECT is((SELECT rule_code || ' ' || responsible FROM lgit.overdue_on('2026-10-19') WHERE project_code = 'DL-draft'),
          'LG191 unit', 'the unit answers for the filing under LG191');

-- Art 28: security test report within 3 working days of the application on Wed 29 Apr -> Thu 7 May.
SELECT pg_temp.doc('DL-final_accepted', 'security_test_application', '2026-04-29', NULL);
SELECT is(pg_temp.late('2026-05-07', 'DL-final_accepted', 'security test report'), NULL, 'security report met on 7 May');
SELECT is(pg_temp.late('2026-05-08', 'DL-final_accepted', 'security test report'), 1, 'security report missed on 8 May');

-- Art 20, 22 (LG200, LG220): construction from 14 Oct 2025; reports for October and December 2025 only.
SELECT pg_temp.entered('DL-construction', 'construction', '2025-10-14');
SELECT pg_temp.doc('DL-construction', 'progress_report', m, NULL)
FROM unnest(ARRAY['2025-10-30', '2025-12-29']::date[]) AS m;
SELECT is(ARRAY(SELECT obligation FROM lgit.overdue_on('2026-01-05') WHERE project_code = 'DL-construction' ORDER BY due),
          ARRAY['progress report 2025-11', 'performance report 2025'],
          'a month and a year of construction without their reports are overdue');
SELECT is(pg_temp.late('2026-01-05', 'DL-construction', 'performance report 2025'), 2,
          'the 2025 performance report is 2 working days late on 5 January (1 January a holiday)');
SELECT pg_temp.doc('DL-construction', 'performance_report', '2025-12-30', NULL);
SELECT is(ARRAY(SELECT obligation FROM lgit.overdue_on('2026-01-05') WHERE project_code = 'DL-construction'),
          ARRAY['progress report 2025-11'], 'the performance report filed in 2025 discharges 2025');

-- Art 36 (LG360): surplus returned within 30 working days of the audit conclusion.
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant, audit_concluded_on, surplus)
SELECT project_id, 'DL-JS-1', '测试造价咨询', '2026-03-02', 120000 FROM lgit.project WHERE code = 'DL-construction';
SELECT is(pg_temp.late(lgit.add_workdays('2026-03-02', 30), 'DL-construction', 'surplus return'), NULL, 'surplus met on its last day');
SELECT is(pg_temp.late(lgit.add_workdays('2026-03-02', 31), 'DL-construction', 'surplus return'), 1, 'surplus missed the next working day');

SELECT * FROM finish();
ROLLBACK;
