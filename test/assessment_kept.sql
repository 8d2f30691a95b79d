-- pgTAP: the kept assessment figures (schema/87_assessment_kept.sql).  lgit.annual_assessment
-- reads each project's kept share for projects no write marked and no move moved since and
-- whose share still holds on the day read, and counts the others live; whatever is kept,
-- marked, moved or expired, it
-- must give exactly what the assessment gave before anything was kept: the reference below is
-- that view's query (per unit and year, from each project's stage at every year's end and
-- lgit.unit_deadlines_on()), compared as multisets (EXCEPT ALL both ways) before any refresh,
-- after one, with projects marked, across the year's end and before the day kept.  Records are
-- put in place in replica mode, as a restore would, with days counted back from today.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(33);

CREATE TEMP TABLE today AS SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day;
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('AK-A', '考评留存甲街道', 'street'), ('AK-B', '考评留存乙街道', 'street');

SET LOCAL session_replication_role = replica;
-- AK-1 built and completed over two years, AK-2 in construction now with a contract not yet
-- filed, AK-3 suspended long ago
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage, created_at)
SELECT v.code, '考评留存' || v.code, u.unit_id, 'application', 'new', 1000000, v.stage::lgit.stage,
       ((t.day - v.created)::timestamp + time '10:00') AT TIME ZONE 'Asia/Shanghai'
FROM (VALUES ('AK-1', 'AK-A', 'completed', 500), ('AK-2', 'AK-A', 'construction', 120),
             ('AK-3', 'AK-B', 'suspended', 800)) AS v(code, unit_code, stage, created)
JOIN lgit.unit u ON u.code = v.unit_code CROSS JOIN today t;
INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id, project_unit_id,
                          changed_at, prev_hash, row_hash)
SELECT p.project_id, h.seq, h.from_stage::lgit.stage, h.to_stage::lgit.stage, 'ak', 'unit', p.unit_id, p.unit_id,
       ((t.day - h.days_ago)::timestamp + time '11:00') AT TIME ZONE 'Asia/Shanghai',
       CASE WHEN h.seq > 1 THEN sha256(''::bytea) END, sha256(''::bytea)
FROM (VALUES ('AK-1', 1, NULL, 'draft', 500), ('AK-1', 2, 'draft', 'established', 480),
             ('AK-1', 3, 'established', 'construction', 400), ('AK-1', 4, 'construction', 'completed', 100),
             ('AK-2', 1, NULL, 'draft', 120), ('AK-2', 2, 'draft', 'established', 110),
             ('AK-2', 3, 'established', 'construction', 70),
             ('AK-3', 1, NULL, 'draft', 800), ('AK-3', 2, 'draft', 'established', 780),
             ('AK-3', 3, 'established', 'suspended', 700)) AS h(code, seq, from_stage, to_stage, days_ago)
JOIN lgit.project p ON p.code = h.code CROSS JOIN today t;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT p.project_id, v.kind, v.doc_number, '测试', '考评留存', t.day - v.days_ago, sha256(v.doc_number::bytea)
FROM (VALUES ('AK-1', 'progress_report', 'AK-1-PR-1', 390), ('AK-1', 'progress_report', 'AK-1-PR-2', 330),
             ('AK-1', 'performance_report', 'AK-1-PF', 300), ('AK-2', 'progress_report', 'AK-2-PR-1', 40))
  AS v(code, kind, doc_number, days_ago)
JOIN lgit.project p ON p.code = v.code CROSS JOIN today t;
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, filed_on, warranty_months)
SELECT p.project_id, v.doc_number, '承建单位', 500000, t.day - v.signed, t.day - v.filed, 24
FROM (VALUES ('AK-1', 'AK-1-HT', 410, 380), ('AK-2', 'AK-2-HT', 2, NULL)) AS v(code, doc_number, signed, filed)
JOIN lgit.project p ON p.code = v.code CROSS JOIN today t;
INSERT INTO lgit.result (project_id, kind, title, registered_on)
SELECT project_id, 'software', '考评留存成果', t.day - 90 FROM lgit.project, today t WHERE code = 'AK-1';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'security', t.day - 30, '测试' FROM lgit.unit, today t WHERE code = 'AK-B';
SET LOCAL session_replication_role = origin;

-- The assessment's query before its figures were kept, as of a day.
CREATE FUNCTION pg_temp.reference(as_of date) RETURNS TABLE (year int, unit_id int, projects int, preparing int,
  in_delivery int, completed int, suspended int, terminated int, due int, met int, met_late int, missed int,
  share numeric, progress int, performance int, sanctions int, results int)
LANGUAGE sql AS $$
WITH at_year_end AS (
  SELECT p.unit_id, y AS year, s.stage
  FROM lgit.project p
  CROSS JOIN LATERAL generate_series(extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int,
                                     extract(year FROM as_of)::int) AS y
  LEFT JOIN LATERAL (SELECT h.to_stage AS stage FROM lgit.history h
                     WHERE h.project_id = p.project_id
                       AND h.changed_at < make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')
                     ORDER BY h.seq DESC LIMIT 1) s ON true
),
facts AS (
  SELECT unit_id, year, count(*) FILTER (WHERE stage IS NOT NULL) AS projects,
         count(*) FILTER (WHERE stage < 'construction') AS preparing,
         count(*) FILTER (WHERE stage BETWEEN 'construction' AND 'handover_verified') AS in_delivery,
         count(*) FILTER (WHERE stage = 'completed') AS completed,
         count(*) FILTER (WHERE stage = 'suspended') AS suspended,
         count(*) FILTER (WHERE stage = 'terminated') AS terminated,
         0 AS due, 0 AS met, 0 AS met_late, 0 AS missed, 0 AS progress, 0 AS performance, 0 AS sanctions, 0 AS results
  FROM at_year_end GROUP BY unit_id, year
  UNION ALL
  SELECT unit_id, extract(year FROM due_on)::int, 0, 0, 0, 0, 0, 0,
         count(*) FILTER (WHERE status <> 'open'), count(*) FILTER (WHERE status = 'met'),
         count(*) FILTER (WHERE status = 'met_late'), count(*) FILTER (WHERE status = 'missed'), 0, 0, 0, 0
  FROM lgit.unit_deadlines_on(as_of) WHERE due_on IS NOT NULL GROUP BY 1, 2
  UNION ALL
  SELECT p.unit_id, extract(year FROM d.issued_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         count(*) FILTER (WHERE d.kind = 'progress_report'), count(*) FILTER (WHERE d.kind = 'performance_report'), 0, 0
  FROM lgit.document d JOIN lgit.project p USING (project_id)
  WHERE d.kind IN ('progress_report', 'performance_report') GROUP BY 1, 2
  UNION ALL
  SELECT unit_id, extract(year FROM imposed_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0
  FROM lgit.sanction GROUP BY 1, 2
  UNION ALL
  SELECT p.unit_id, extract(year FROM r.registered_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*)
  FROM lgit.result r JOIN lgit.project p USING (project_id) GROUP BY 1, 2
)
SELECT f.year, f.unit_id, sum(f.projects)::int, sum(f.preparing)::int, sum(f.in_delivery)::int, sum(f.completed)::int,
       sum(f.suspended)::int, sum(f.terminated)::int, sum(f.due)::int, sum(f.met)::int, sum(f.met_late)::int,
       sum(f.missed)::int, CASE WHEN sum(f.due) > 0 THEN round(sum(f.met) / sum(f.due), 4) END,
       sum(f.progress)::int, sum(f.performance)::int, sum(f.sanctions)::int, sum(f.results)::int
FROM facts f JOIN lgit.unit u USING (unit_id)
WHERE u.kind IN ('street', 'department')
GROUP BY f.year, f.unit_id
$$;
-- The same columns of lgit.annual_assessment_on().
CREATE FUNCTION pg_temp.assessed(as_of date) RETURNS TABLE (year int, unit_id int, projects int, preparing int,
  in_delivery int, completed int, suspended int, terminated int, due int, met int, met_late int, missed int,
  share numeric, progress int, performance int, sanctions int, results int)
LANGUAGE sql AS $$
SELECT year, unit_id, projects, projects_preparing, projects_in_delivery, projects_completed, projects_suspended,
       projects_terminated, deadlines_due, deadlines_met, deadlines_met_late, deadlines_missed, deadlines_met_share,
       progress_reports_filed, performance_reports_filed, sanctions_imposed, results_registered
FROM lgit.annual_assessment_on(as_of)
$$;
CREATE FUNCTION pg_temp.ak(code text) RETURNS bigint LANGUAGE sql AS $$ SELECT project_id FROM lgit.project WHERE code = $1 $$;
CREATE FUNCTION pg_temp.kept(code text) RETURNS boolean LANGUAGE sql AS $$
  SELECT EXISTS (SELECT FROM lgit.assessment_state s, today t
                 WHERE s.project_id = pg_temp.ak(code) AND t.day BETWEEN s.kept_on AND s.valid_until
                   AND NOT EXISTS (SELECT FROM lgit.history_head h
                                   WHERE h.project_id = s.project_id AND h.seq IS DISTINCT FROM s.kept_seq))
     AND NOT EXISTS (SELECT FROM lgit.finding_dirty d WHERE d.project_id = pg_temp.ak(code)) $$;

-- Nothing kept: every project counted live ----------------------------------------------------
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'before any refresh, every project counted live: the assessment as it was');
-- (each in the year it happened: 100 and 90 days ago may fall in last year early in a year)
SELECT ok((SELECT projects_completed = 1 FROM lgit.annual_assessment a, today t
           WHERE a.unit_zh = '考评留存甲街道' AND a.year = extract(year FROM t.day - 100))
          AND (SELECT results_registered = 1 FROM lgit.annual_assessment a, today t
               WHERE a.unit_zh = '考评留存甲街道' AND a.year = extract(year FROM t.day - 90)),
          '... with content (AK-1 completed, its result registered)');

-- Kept ------------------------------------------------------------------------------------------
SELECT ok(lgit.refresh_findings() >= 3, 'a refresh judges the new projects');
SELECT ok(pg_temp.kept('AK-1') AND pg_temp.kept('AK-2') AND pg_temp.kept('AK-3'), '... and keeps their figures');
SELECT is((SELECT s.valid_until FROM lgit.assessment_state s WHERE s.project_id = pg_temp.ak('AK-2')),
          (SELECT least(lgit.add_workdays_provisional(t.day - 2, (SELECT lgit.policy_in_force('contract_filing_workdays', t.day - 2))::int),
                        (date_trunc('month', t.day) + interval '1 month' - interval '1 day')::date) FROM today t),
          'AK-2''s figures hold until its open contract filing falls due or the month ends (its next progress report)');
SELECT is((SELECT s.valid_until FROM lgit.assessment_state s, today t WHERE s.project_id = pg_temp.ak('AK-3')),
          (SELECT make_date(extract(year FROM t.day)::int, 12, 31) FROM today t),
          'AK-3''s (nothing open) until the year''s end');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'every project kept: the same figures');
SELECT bag_eq($$SELECT * FROM lgit.annual_assessment$$, $$SELECT * FROM lgit.annual_assessment_on((SELECT day FROM today))$$,
              'lgit.annual_assessment is lgit.annual_assessment_on(today)');
-- a person of AK-A, through the application, reads the kept figures of AK-A's projects only
CREATE ROLE regress_ak_app IN ROLE lgit_app;
INSERT INTO lgit.actor (actor_name, unit_id, capacity) SELECT 'ak_a', unit_id, 'unit' FROM lgit.unit WHERE code = 'AK-A';
CREATE FUNCTION pg_temp.as_ak_a(query text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  v text;
BEGIN
  PERFORM set_config('lgit.actor', 'ak_a', true);
  PERFORM set_config('role', 'regress_ak_app', true);
  EXECUTE query INTO v;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN v;
END $f$;
SELECT is(pg_temp.as_ak_a($$SELECT string_agg(a::text, ' ' ORDER BY a::text) FROM lgit.annual_assessment a$$),
          (SELECT string_agg(a::text, ' ' ORDER BY a::text) FROM lgit.annual_assessment a WHERE a.unit_zh = '考评留存甲街道'),
          'a unit person sees its own unit''s figures, the same, and no other unit''s');

-- Marked: a write shows at once, without a refresh -------------------------------------------------
CREATE TEMP TABLE before AS SELECT * FROM lgit.annual_assessment WHERE unit_zh = '考评留存甲街道';
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT pg_temp.ak('AK-2'), 'progress_report', 'AK-2-PR-2', '测试', '考评留存', t.day, sha256('AK-2-PR-2'::bytea) FROM today t;
SET LOCAL session_replication_role = origin;
SELECT ok(NOT pg_temp.kept('AK-2') AND pg_temp.kept('AK-1'), 'the report marks AK-2 (in replica mode too), not AK-1');
SELECT is((SELECT a.progress_reports_filed - b.progress_reports_filed FROM lgit.annual_assessment a
           JOIN before b USING (year, unit_id), today t WHERE a.unit_zh = '考评留存甲街道' AND a.year = extract(year FROM t.day)),
          1, '... and the assessment counts it at once');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'one project marked, two kept: the same figures');
-- a normal write marks as well: the authority records AK-2's contract as filed
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('AK-Z', '考评留存主管部门', 'authority');
INSERT INTO lgit.actor (actor_name, unit_id, capacity) SELECT current_user, unit_id, 'authority' FROM lgit.unit WHERE code = 'AK-Z';
UPDATE lgit.contract SET filed_on = (SELECT day FROM today) WHERE doc_number = 'AK-2-HT';
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'a contract filed: the same figures, counted live');
-- a unit's projects all marked by one row (a sanction) and the others kept
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'data_sharing', t.day, '测试' FROM lgit.unit, today t WHERE code = 'AK-A';
SET LOCAL session_replication_role = origin;
SELECT ok(NOT pg_temp.kept('AK-1') AND pg_temp.kept('AK-3'), 'a sanction marks every project of its unit');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              '... and the figures stay the same');

-- Other days: across the year's end and before the day kept, every kept share is set aside ----------
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT make_date(extract(year FROM day)::int + 1, 1, 4) FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT make_date(extract(year FROM day)::int + 1, 1, 4) FROM today))$$,
              'as of the first working days of next year (a new year''s stages, deadlines missed since): the same figures');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day - 45 FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day - 45 FROM today))$$,
              'as of a day before the figures were kept: the same');

-- Refreshed again --------------------------------------------------------------------------------
SELECT ok(lgit.refresh_findings() >= 2, 'a refresh judges the marked projects again');
SELECT ok(pg_temp.kept('AK-1') AND pg_temp.kept('AK-2') AND pg_temp.kept('AK-3'), '... and keeps their figures again');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'after the refresh: the same figures');
-- a kept share past its day is counted live, and the next refresh keeps it again
SET LOCAL session_replication_role = replica;
UPDATE lgit.assessment_state s SET valid_until = t.day - 1 FROM today t WHERE s.project_id = pg_temp.ak('AK-3');
SET LOCAL session_replication_role = origin;
SELECT ok(NOT pg_temp.kept('AK-3'), 'a share that held until yesterday is not read');
SELECT lives_ok($$SELECT lgit.refresh_findings()$$, 'a refresh');
SELECT ok(pg_temp.kept('AK-3'), '... keeps it again, though no write marked it');
-- a move marks nothing: the history row lgit appends for it gives AK-2 a head past the one kept
SELECT set_config('lgit.reason', '考评留存测试：暂停', true);
UPDATE lgit.project SET stage = 'suspended' WHERE code = 'AK-2';
SELECT ok(NOT EXISTS (SELECT FROM lgit.finding_dirty WHERE project_id = pg_temp.ak('AK-2')) AND NOT pg_temp.kept('AK-2'),
          'the authority suspends AK-2: no mark, and its kept share is no longer read (its head moved)');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              '... the suspension counted at once: the same figures');
SELECT lives_ok($$SELECT lgit.refresh_findings()$$, 'a refresh');
SELECT ok(pg_temp.kept('AK-2'), '... keeps AK-2 again, at its new head');
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'kept at the new head: the same figures');

-- Only lgit writes them --------------------------------------------------------------------------
SELECT throws_ok($$UPDATE lgit.assessment_fact SET met = met + 1$$, 'LG002', NULL,
                 'a kept figure cannot be changed by hand, the owner''s included');
SELECT throws_ok($$INSERT INTO lgit.assessment_state (project_id, kept_on, valid_until)
                   SELECT pg_temp.ak('AK-2'), day, day FROM today
                   ON CONFLICT (project_id) DO UPDATE SET valid_until = excluded.valid_until + 365$$,
                 'LG002', NULL, 'nor a share made to hold longer');
SELECT throws_ok($$TRUNCATE lgit.assessment_fact$$, 'LG002', NULL, 'nor the figures emptied');
TRUNCATE lgit.assessment_state;
SELECT bag_eq($$SELECT * FROM pg_temp.assessed((SELECT day FROM today))$$,
              $$SELECT * FROM pg_temp.reference((SELECT day FROM today))$$,
              'emptying the states only makes every project counted live: the same figures');
SELECT is_empty($$SELECT c.relname FROM pg_class c JOIN pg_extension e ON e.extname = 'lgit'
                  WHERE c.oid = ANY (e.extconfig) AND c.relname LIKE 'assessment\_%' AND c.relname <> 'assessment_target'$$,
                'the kept figures are derived: pg_dump does not keep them');

SELECT * FROM finish();
ROLLBACK;
