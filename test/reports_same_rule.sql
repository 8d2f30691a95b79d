-- pgTAP: lgit.sharing_status and lgit.om_eligible judge every completed system at once in SQL
-- (schema/92_sharing_probe.sql) by the rule lgit.sharing_problem() and lgit.om_blockers() apply
-- to one project in C.  Systems on each side of every part of that rule - never probed, the
-- latest probe failed, too old, of an older handover, of no handover at all; a completion report
-- not filed; a latest security test or completion acceptance rejected, or rejected and then
-- passed; a data-sharing sanction on the unit, a security sanction on the system, on another
-- system of the unit, lifted - must get the same answer from both.  Records are put in place in
-- replica mode, as a restore would; days count back from today, as the views judge today.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(5);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('RSR-A', '规则对照甲街道', 'street'), ('RSR-B', '规则对照乙街道', 'street'), ('RSR-C', '规则对照丙街道', 'street');
CREATE TEMP TABLE today AS SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day;

SET LOCAL session_replication_role = replica;
-- code, unit, stage, what is special about it
CREATE TEMP TABLE sys (code text, unit_code text, stage lgit.stage, case_note text);
INSERT INTO sys VALUES
  ('RSR-01', 'RSR-A', 'completed', 'never probed'),
  ('RSR-02', 'RSR-A', 'completed', 'latest probe failed'),
  ('RSR-03', 'RSR-A', 'completed', 'latest probe passed 40 days ago'),
  ('RSR-04', 'RSR-A', 'completed', 'probe of an older handover'),
  ('RSR-05', 'RSR-A', 'completed', 'verified, filed: eligible'),
  ('RSR-06', 'RSR-A', 'completed', 'latest security test rejected'),
  ('RSR-07', 'RSR-A', 'completed', 'completion acceptance rejected, then passed: eligible'),
  ('RSR-08', 'RSR-A', 'completed', 'completion report not filed'),
  ('RSR-09', 'RSR-B', 'completed', 'data-sharing sanction on the whole unit'),
  ('RSR-11', 'RSR-C', 'completed', 'security sanction on this system'),
  ('RSR-12', 'RSR-C', 'completed', 'sanction on another system of the unit: eligible'),
  ('RSR-13', 'RSR-C', 'completed', 'sanction lifted today: eligible'),
  ('RSR-14', 'RSR-A', 'completed', 'probe of no handover, none registered: eligible'),
  ('RSR-15', 'RSR-A', 'construction', 'not completed'),
  ('RSR-16', 'RSR-A', 'completed', 'passed, then failed the same day'),
  ('RSR-17', 'RSR-A', 'completed', 'latest probe passed 30 days ago: eligible');
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT s.code, '规则对照系统' || s.code, u.unit_id, 'application', 'new', 1000000, s.stage
FROM sys s JOIN lgit.unit u ON u.code = s.unit_code;
-- documents: a handover 60 days ago (RSR-04 another 5 days ago), a filed completion report
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, filed_on, conclusion)
SELECT p.project_id, v.kind, p.code || v.suffix, '测试', '测试', t.day - v.days_ago, sha256((p.code || v.suffix)::bytea),
       CASE WHEN v.kind = 'completion_report' AND p.code <> 'RSR-08' THEN t.day - v.days_ago END, v.conclusion
FROM lgit.project p CROSS JOIN today t
JOIN (VALUES ('data_sharing_handover', '-H1', 60, NULL), ('completion_report', '-DONE', 50, NULL),
             ('security_test_report', '-SEC', 70, 'approved'), ('expert_completion_minutes', '-ACC', 55, 'approved'))
  AS v(kind, suffix, days_ago, conclusion) ON true
WHERE p.code LIKE 'RSR-%' AND NOT (p.code = 'RSR-14' AND v.kind = 'data_sharing_handover');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT p.project_id, v.kind, p.code || v.suffix, '测试', '测试', t.day - v.days_ago, sha256((p.code || v.suffix)::bytea), v.conclusion
FROM lgit.project p CROSS JOIN today t
JOIN (VALUES ('RSR-04', 'data_sharing_handover', '-H2', 5, NULL),
             ('RSR-06', 'security_test_report', '-SEC2', 52, 'rejected'),
             ('RSR-07', 'expert_completion_minutes', '-ACC0', 58, 'rejected'))
  AS v(code, kind, suffix, days_ago, conclusion) ON v.code = p.code;
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
SELECT project_id, 'reader', 'host=192.0.2.1 dbname=x', 'vault://rsr', t.day - 60 FROM lgit.project, today t
WHERE code LIKE 'RSR-%';
-- probes (at noon, Shenzhen) of the handover registered first, the one RSR-04's second replaced
INSERT INTO lgit.sharing_probe (project_id, credential_id, document_id, probed_at, probed_by, target_user, passed, findings, facts)
SELECT c.project_id, c.credential_id,
       (SELECT min(d.document_id) FROM lgit.document d WHERE d.project_id = c.project_id AND d.kind = 'data_sharing_handover'),
       (t.day - v.days_ago + time '12:00' - make_interval(mins => v.seq)) AT TIME ZONE 'Asia/Shanghai',
       'rsr', c.account, v.passed,
       CASE WHEN v.passed THEN '[]' ELSE '[{"check": "stale", "message": "test"}]' END::jsonb, '{}'
FROM lgit.data_access_credential c JOIN lgit.project p USING (project_id) CROSS JOIN today t
JOIN (VALUES ('RSR-02', 0, false, 1), ('RSR-03', 40, true, 1), ('RSR-04', 0, true, 1), ('RSR-05', 0, true, 1),
             ('RSR-06', 0, true, 1), ('RSR-07', 0, true, 1), ('RSR-08', 0, true, 1), ('RSR-09', 0, true, 1),
             ('RSR-11', 0, true, 1), ('RSR-12', 0, true, 1), ('RSR-13', 0, true, 1), ('RSR-14', 0, true, 1),
             ('RSR-15', 0, true, 1), ('RSR-16', 0, true, 2), ('RSR-16', 0, false, 1), ('RSR-17', 30, true, 1))
  AS v(code, days_ago, passed, seq) ON v.code = p.code;
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason, doc_number, project_id)
SELECT u.unit_id, v.kind, t.day - 10, CASE WHEN v.lifted THEN t.day END, '测试', v.doc_number, p.project_id
FROM (VALUES ('RSR-B', 'data_sharing', NULL, false, 'RSR-SAN-1'), ('RSR-C', 'security', 'RSR-11', false, 'RSR-SAN-2'),
             ('RSR-C', 'security', 'RSR-13', true, 'RSR-SAN-3'))
  AS v(unit_code, kind, project_code, lifted, doc_number)
JOIN lgit.unit u ON u.code = v.unit_code
LEFT JOIN lgit.project p ON p.code = v.project_code
CROSS JOIN today t;
SET LOCAL session_replication_role = origin;

SELECT set_eq(
  $$SELECT project_code, problem FROM lgit.sharing_status WHERE project_code LIKE 'RSR-%'$$,
  $$SELECT code, lgit.sharing_problem(project_id) FROM lgit.project WHERE code LIKE 'RSR-%' AND stage = 'completed'$$,
  'lgit.sharing_status: every completed system, with the problem lgit.sharing_problem() finds');
SELECT is((SELECT count(DISTINCT regexp_replace(problem, '[0-9-]', '', 'g')) FROM lgit.sharing_status
           WHERE project_code LIKE 'RSR-%'), 4::bigint,
          '... of each kind: never probed, failed, too old, an older handover');
SELECT set_eq(
  $$SELECT project_code FROM lgit.om_eligible WHERE project_code LIKE 'RSR-%'$$,
  $$SELECT p.code FROM lgit.project p WHERE p.code LIKE 'RSR-%' AND p.stage = 'completed'
      AND NOT EXISTS (SELECT FROM lgit.om_blockers(p.project_id))$$,
  'lgit.om_eligible: the completed projects lgit.om_blockers() finds nothing against');
SELECT set_eq(
  $$SELECT project_code FROM lgit.om_eligible WHERE project_code LIKE 'RSR-%'$$,
  $$VALUES ('RSR-05'), ('RSR-07'), ('RSR-12'), ('RSR-13'), ('RSR-14'), ('RSR-17')$$,
  '... which are the ones cleared on every count');
SELECT is((SELECT count(*) FROM lgit.sharing_status WHERE project_code = 'RSR-15'), 0::bigint,
          'a system not completed is not listed');

SELECT * FROM finish();
ROLLBACK;
