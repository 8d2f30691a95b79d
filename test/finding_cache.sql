-- pgTAP: the kept findings (72_finding_cache.sql, 94_finding_marks.sql) never make
-- lgit.violations differ from lgit.check_project() judged live.  Every kind of write marks the
-- projects it bears on, in its own transaction - a project's own rows, a contract's, a unit's
-- sanction, the calendar - and nothing else; a marked project is judged live until
-- lgit.refresh_findings() keeps it again; a write undone with its savepoint leaves the next
-- one marking; nobody but lgit writes what is kept; every table of lgit is either marked or
-- named here as read by no check.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(56);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('FC-A', '留存测试甲街道', 'street'), ('FC-B', '留存测试乙街道', 'street'),
  ('FC-AUTH', '留存测试主管部门', 'authority'), ('FC-DRC', '留存测试发改', 'drc'),
  ('FC-GOV', '留存测试区政府', 'government'), ('FC-FIN', '留存测试财政', 'finance'), ('FC-AUD', '留存测试审计', 'audit');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('fc_a', 'FC-A', 'unit'), ('fc_b', 'FC-B', 'unit'), ('fc_authority', 'FC-AUTH', 'authority'),
             ('fc_drc', 'FC-DRC', 'drc'), ('fc_leader', 'FC-GOV', 'leader'), ('fc_finance', 'FC-FIN', 'finance'),
             ('fc_audit', 'FC-AUD', 'audit')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

CREATE FUNCTION pg_temp.project(code text, unit_code text, walk lgit.stage) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE p bigint;
BEGIN
  PERFORM lgit_test.act_as('unit', (SELECT unit_id FROM lgit.unit u WHERE u.code = unit_code));
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
  SELECT project.code, '留存测试', unit_id, 'application', 'new', 3000000 FROM lgit.unit u WHERE u.code = unit_code
  RETURNING project_id INTO p;
  PERFORM lgit_test.file_complete_evidence(p);
  PERFORM lgit_test.walk_to(p, walk);
  RETURN p;
END $$;
SELECT pg_temp.project('FC-1', 'FC-A', 'completed'), pg_temp.project('FC-2', 'FC-A', 'completed'),
       pg_temp.project('FC-3', 'FC-B', 'construction');
CREATE TEMP TABLE fc AS SELECT code, project_id FROM lgit.project WHERE code LIKE 'FC-_';
GRANT SELECT ON fc TO PUBLIC;

-- The security test of a system already completed, registered again as failed (Art 29): the
-- latest conclusion decides, so its completion no longer stands.
CREATE FUNCTION pg_temp.fail_security_test(p bigint, issued date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lgit_test.act_as('authority');
  INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts, conclusion)
  VALUES (p, 'security_test_report', format('FC-SEC-%s-%s', p, issued), '安全测评报告（复测）', '留存测试测评机构', true, issued,
          sha256(convert_to(format('fc/%s/%s', p, issued), 'UTF8')),
          ARRAY(SELECT part FROM lgit.document_part d WHERE d.kind = 'security_test_report' ORDER BY ordinal), 'rejected');
END $$;

-- lgit.violations against every project judged live, row for row, both ways.
CREATE FUNCTION pg_temp.differences() RETURNS bigint LANGUAGE sql AS $$
  WITH kept AS (SELECT project_id, code, message, facts FROM lgit.violations),
       live AS (SELECT p.project_id, c.code, c.message, c.facts FROM lgit.project p, lgit.check_project(p.project_id) c)
  SELECT (SELECT count(*) FROM (TABLE kept EXCEPT ALL TABLE live) a) + (SELECT count(*) FROM (TABLE live EXCEPT ALL TABLE kept) b)
$$;
CREATE FUNCTION pg_temp.marked(code text) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM lgit.finding_dirty d JOIN lgit.project p USING (project_id) WHERE p.code = marked.code
$$;
CREATE FUNCTION pg_temp.marked_projects() RETURNS text LANGUAGE sql AS $$
  SELECT coalesce(string_agg(DISTINCT p.code, ',' ORDER BY p.code), '') FROM lgit.finding_dirty d JOIN lgit.project p USING (project_id)
  WHERE p.code LIKE 'FC-%'
$$;
CREATE FUNCTION pg_temp.kept(code text) RETURNS boolean LANGUAGE sql AS $$
  SELECT EXISTS (SELECT FROM lgit.finding_state s JOIN lgit.project p USING (project_id)
                 WHERE p.code = kept.code
                   AND NOT EXISTS (SELECT FROM lgit.history_head h
                                   WHERE h.project_id = s.project_id AND h.seq IS DISTINCT FROM s.judged_seq))
     AND NOT EXISTS (SELECT FROM lgit.finding_dirty d JOIN lgit.project p USING (project_id) WHERE p.code = kept.code)
$$;
RESET lgit.actor;

-- Before any refresh: nothing kept, everything judged live ----------------------------------------
SELECT ok(NOT pg_temp.kept('FC-1'), 'a project never judged is not kept');
SELECT is(pg_temp.differences(), 0::bigint, 'never refreshed: lgit.violations is every project judged live');

SELECT cmp_ok(lgit.refresh_findings(), '>=', 3::bigint, 'lgit.refresh_findings() judges every project not kept');
SELECT is(lgit.refresh_findings(), 0::bigint, 'a second refresh has nothing to judge');
SELECT ok(pg_temp.kept('FC-1') AND pg_temp.kept('FC-2') AND pg_temp.kept('FC-3'), 'after it, every project is kept');
SELECT is(pg_temp.differences(), 0::bigint, 'kept: lgit.violations is still every project judged live');
SELECT is((SELECT count(*) FROM lgit.violations WHERE project_code LIKE 'FC-%'), 0::bigint,
          'the three projects of this test break no rule');

-- A write of a project's own record marks that project alone ------------------------------------------
SELECT pg_temp.fail_security_test((SELECT project_id FROM fc WHERE code = 'FC-1'), '2026-06-01');
RESET lgit.actor;
SELECT is(pg_temp.marked_projects(), 'FC-1', 'a document of FC-1 marks FC-1, and no other project');
SELECT ok((SELECT count(*) > 0 FROM lgit.violations WHERE project_code = 'FC-1'),
          'marked: the failed security test shows in lgit.violations at once, before any refresh');
SELECT is(pg_temp.differences(), 0::bigint, 'marked: lgit.violations is every project judged live');
SELECT is(lgit.refresh_findings(), 1::bigint, 'the refresh judges the one marked project');
SELECT ok(pg_temp.kept('FC-1'), 'and keeps it');
SELECT is(ARRAY(SELECT f.code || ' ' || f.message FROM lgit.finding f JOIN fc USING (project_id) WHERE fc.code = 'FC-1' ORDER BY f.ord),
          ARRAY(SELECT code || ' ' || message FROM lgit.check_project((SELECT project_id FROM fc WHERE code = 'FC-1'))),
          'what is kept for FC-1 is what lgit.check_project() finds, in its order');
SELECT is(pg_temp.differences(), 0::bigint, 'kept again: lgit.violations is every project judged live');

-- Once per transaction, and again after a savepoint is rolled back --------------------------------------
SELECT pg_temp.fail_security_test((SELECT project_id FROM fc WHERE code = 'FC-2'), '2026-06-02');
SELECT pg_temp.fail_security_test((SELECT project_id FROM fc WHERE code = 'FC-2'), '2026-06-03');
RESET lgit.actor;
SELECT is(pg_temp.marked('FC-2'), 1::bigint, 'two writes of FC-2 in one transaction mark it once');
SELECT lgit.refresh_findings();
SAVEPOINT undone;
SELECT pg_temp.fail_security_test((SELECT project_id FROM fc WHERE code = 'FC-2'), '2026-06-04');
ROLLBACK TO SAVEPOINT undone;
SELECT is(pg_temp.marked('FC-2'), 0::bigint, 'a write rolled back to its savepoint leaves no mark');
SELECT pg_temp.fail_security_test((SELECT project_id FROM fc WHERE code = 'FC-2'), '2026-06-05');
RESET lgit.actor;
SELECT is(pg_temp.marked('FC-2'), 1::bigint, 'the next write of the project marks it again');
SELECT is(pg_temp.differences(), 0::bigint, 'lgit.violations is every project judged live');
SELECT lgit.refresh_findings();

-- Through a contract, a unit, every project ---------------------------------------------------------------
-- (the filed contract's schedule is frozen: the milestone arrives as a restore would bring it)
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.payment_milestone (contract_id, stage, amount)
SELECT contract_id, 'construction', 1000 FROM lgit.contract JOIN fc USING (project_id) WHERE fc.code = 'FC-3';
SET LOCAL session_replication_role = origin;
SELECT is(pg_temp.marked_projects(), 'FC-3', 'a payment milestone marks its contract''s project');
SELECT lgit.refresh_findings();

SELECT lgit_test.act_as('authority');
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'security', '2026-07-01', '留存测试通报' FROM lgit.unit WHERE code = 'FC-A';
RESET lgit.actor;
SELECT is(pg_temp.marked_projects(), 'FC-1,FC-2', 'a sanction on a unit marks every project of that unit, and only those');
SELECT is(pg_temp.differences(), 0::bigint, 'lgit.violations is every project judged live');
SELECT lgit.refresh_findings();

SELECT lgit_test.act_as('authority');
SELECT lgit.load_calendar_year(2031, 'pgTAP test fixture, not an official notice', ARRAY['2031-01-01']::date[], NULL);
RESET lgit.actor;
SELECT is(pg_temp.marked_projects(), 'FC-1,FC-2,FC-3', 'loading a calendar year marks every project');
SELECT is((SELECT count(DISTINCT project_id) FROM lgit.finding_dirty), (SELECT count(*) FROM lgit.project),
          'every project of the database, once');
SELECT lgit.refresh_findings();

-- A project's next phase reads its stage (Art 16): moving the project marks the next phase too
SELECT lgit_test.act_as('unit', (SELECT unit_id FROM lgit.unit WHERE code = 'FC-B'));
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, previous_phase_id)
SELECT 'FC-4', '留存测试二期', unit_id, 'application', 'new', 3000000, (SELECT project_id FROM fc WHERE code = 'FC-3')
FROM lgit.unit WHERE code = 'FC-B';
RESET lgit.actor;
SELECT lgit.refresh_findings();
SELECT lgit_test.act_as('authority');
UPDATE lgit.project SET stage = 'suspended' FROM (SELECT set_config('lgit.reason', '留存测试', true)) AS r
WHERE code = 'FC-3';
RESET lgit.actor;
SELECT is(pg_temp.marked_projects(), 'FC-4',
          'a move of a project marks the project naming it as its previous phase, and not the project itself');
SELECT ok(NOT pg_temp.kept('FC-3'), 'the moved project is not kept: its history row moved its head past the one judged');
SELECT is(pg_temp.differences(), 0::bigint, 'moved: lgit.violations is every project judged live');
SELECT is(lgit.refresh_findings(), 2::bigint, 'the refresh judges the moved project and its next phase again');
SELECT ok(pg_temp.kept('FC-3') AND pg_temp.kept('FC-4'), 'and keeps both, at their heads');

-- A move lgit appends no history row for marks like any write: applied in replica mode, or made
-- with the stage guard disabled (the head does not move)
SET LOCAL session_replication_role = replica;
UPDATE lgit.project SET stage = 'construction' WHERE code = 'FC-3';
SET LOCAL session_replication_role = origin;
SELECT is(pg_temp.marked_projects(), 'FC-3,FC-4', 'a move applied in replica mode marks the project and its next phase');
SELECT is(pg_temp.differences(), 0::bigint, 'lgit.violations is every project judged live');
SELECT lgit.refresh_findings();
ALTER TABLE lgit.project DISABLE TRIGGER project_guard;
UPDATE lgit.project SET stage = 'suspended' WHERE code = 'FC-3';
ALTER TABLE lgit.project ENABLE TRIGGER project_guard;
SELECT is(pg_temp.marked_projects(), 'FC-3,FC-4', 'so does a move made with lgit.project_guard disabled');
SELECT is(pg_temp.differences(), 0::bigint, 'lgit.violations is every project judged live');
SELECT lgit.refresh_findings();

-- A row applied in replica mode (a restore, a subscriber) marks too ----------------------------------------
SET LOCAL session_replication_role = replica;
UPDATE lgit.document SET conclusion = 'rejected'
WHERE kind = 'handover_audit' AND project_id = (SELECT project_id FROM fc WHERE code = 'FC-3');
SET LOCAL session_replication_role = origin;
SELECT is(pg_temp.marked_projects(), 'FC-3,FC-4', 'a row applied in replica mode marks its project (and its next phase)');
SELECT is(pg_temp.differences(), 0::bigint, 'lgit.violations is every project judged live');
SELECT is(lgit.refresh_findings(true), (SELECT count(*) FROM lgit.project), 'rebuild => true judges every project');
SELECT is(pg_temp.differences(), 0::bigint, 'after a rebuild, lgit.violations is every project judged live');

-- Nobody but lgit writes what is kept -------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO lgit.finding_dirty (project_id) VALUES (1)$$, 'LG002', NULL,
                 'a mark cannot be written by hand, by the owner either');
SELECT lgit_test.act_as('authority');
SELECT pg_temp.fail_security_test((SELECT project_id FROM fc WHERE code = 'FC-3'), '2026-06-06');
RESET lgit.actor;
SELECT throws_ok($$DELETE FROM lgit.finding_dirty$$, 'LG002', NULL, 'a mark cannot be removed by hand to hide a write');
SELECT throws_ok($$UPDATE lgit.finding SET message = 'nothing to see'$$, 'LG002', NULL, 'a kept finding cannot be rewritten');
SELECT throws_ok($$DELETE FROM lgit.finding$$, 'LG002', NULL, 'nor deleted');
SELECT throws_ok($$INSERT INTO lgit.finding_state (project_id, judged_at)
                   SELECT project_id, now() FROM fc WHERE code = 'FC-3'$$, 'LG002', NULL,
                 'a project cannot be declared judged by hand');
SELECT throws_ok($$DELETE FROM lgit.finding_state$$, 'LG002', NULL, 'nor forgotten row by row');
SELECT throws_ok($$TRUNCATE lgit.finding$$, 'LG002', NULL, 'the kept findings cannot be emptied');
SELECT throws_ok($$TRUNCATE lgit.finding_dirty$$, 'LG002', NULL, 'nor the marks');
TRUNCATE lgit.finding_state;
SELECT is(pg_temp.differences(), 0::bigint, 'the judged states emptied (TRUNCATE): every project is judged live again');
SELECT lgit.refresh_findings();

-- What a unit person reads --------------------------------------------------------------------------------------
SELECT lgit_test.act_as('unit', (SELECT unit_id FROM lgit.unit WHERE code = 'FC-B'));
SET LOCAL ROLE lgit_unit;
SELECT is((SELECT string_agg(DISTINCT p.code, ',' ORDER BY p.code) FROM lgit.finding_state s JOIN lgit.project p USING (project_id)
           WHERE p.code LIKE 'FC-%'), 'FC-3,FC-4', 'a unit person sees the kept state of its own projects only');
SELECT is((SELECT count(*) FROM lgit.finding f WHERE f.project_id IN (SELECT project_id FROM fc WHERE code IN ('FC-1', 'FC-2'))),
          0::bigint, 'and no kept finding of another unit''s project');
SELECT is((SELECT count(*) FROM lgit.violations WHERE project_code IN ('FC-1', 'FC-2')), 0::bigint,
          'lgit.violations shows it none of the other unit''s kept findings');
RESET ROLE;
RESET lgit.actor;

-- The warning before the calendar's end, for every project at once -----------------------------------------------
SELECT is((SELECT count(*) FROM lgit.calendar_window_findings('2026-06-01')), 0::bigint,
          'outside the warning window: no LG009 line');
SELECT set_eq($$SELECT w.project_id, w.code, w.message, w.facts FROM lgit.calendar_window_findings('2026-12-20') w
                JOIN fc USING (project_id)$$,
              $$SELECT fc.project_id, c.code, c.message, c.facts FROM fc, lgit.check_project(fc.project_id, '2026-12-20') c
                WHERE c.facts ? 'warning_days'$$,
              'inside it: the same LG009 line lgit.check_project() gives for that day, for each project with running deadlines');
SELECT throws_ok($$SELECT * FROM lgit.calendar_window_findings(NULL)$$, '22004', NULL, 'as_of must not be NULL');
SELECT throws_ok($$SELECT * FROM lgit.standing_findings(NULL)$$, '22004', NULL, 'project_id must not be NULL');
SELECT throws_ok($$SELECT * FROM lgit.standing_findings(-1)$$, 'P0002', NULL, 'a project that does not exist');

-- Every table is marked, or read by no check --------------------------------------------------------------------
SELECT is_empty($$
  SELECT c.relname FROM pg_class c
  WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r'
    AND NOT EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'finding_mark')
    -- read by no check: the people (lgit.verify() judges actors), the history's heads (written
    -- with each history row, which marks), the refusal log, the reports' own tables, the cache
    -- and the assessment figures kept with it
    AND c.relname NOT IN ('actor', 'history_head', 'refusal', 'om_list_sent', 'assessment_target',
                          'rectification_order', 'finding', 'finding_state', 'finding_dirty',
                          'assessment_state', 'assessment_fact')$$,
  'every table of lgit marks the projects its rows bear on, or is one no check reads');
SELECT is_empty($$SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = 'finding_mark' AND tgenabled <> 'A'$$,
                'every mark fires in replica mode too (ENABLE ALWAYS)');
SELECT is_empty($$SELECT c.relname FROM pg_class c JOIN pg_extension e ON e.extname = 'lgit'
                  WHERE c.oid = ANY (e.extconfig) AND c.relname LIKE 'finding%'$$,
                'the kept findings are derived: pg_dump does not keep them');

SELECT * FROM finish();
ROLLBACK;
