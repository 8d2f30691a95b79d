-- pgTAP: every gate reads what its documents conclude (Art 9-11, 21, 26-30, 34).  For each
-- kind that records an outcome: with the latest document rejected the move is blocked by its
-- rule; a later approving document (a re-test, a second meeting) lets it through; a
-- rejection after an approval blocks again; on the same day, registration order decides.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(61);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('SC-A', '结论测试街道', 'street'), ('SC-AUTH', '结论测试主管部门', 'authority'), ('SC-DRC', '结论测试发改', 'drc'),
  ('SC-GOV', '结论测试区政府', 'government'), ('SC-FIN', '结论测试财政', 'finance'), ('SC-AUD', '结论测试审计', 'audit');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('sc_unit', 'SC-A', 'unit'), ('sc_authority', 'SC-AUTH', 'authority'), ('sc_drc', 'SC-DRC', 'drc'),
             ('sc_leader', 'SC-GOV', 'leader'), ('sc_finance', 'SC-FIN', 'finance'), ('sc_audit', 'SC-AUD', 'audit'))
     AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

CREATE FUNCTION pg_temp.project(code text, budget numeric) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE p bigint;
BEGIN
  PERFORM set_config('lgit.actor', 'sc_unit', true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
  SELECT project.code, '结论测试', unit_id, 'application', 'new', budget FROM lgit.unit WHERE unit.code = 'SC-A'
  RETURNING project_id INTO p;
  PERFORM lgit_test.file_complete_evidence(p);
  RETURN p;
END $$;

-- Registers a document of the kind, as the first capacity allowed to, with a conclusion.
CREATE FUNCTION pg_temp.conclude(p bigint, k text, verdict text, issued date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE cap lgit.capacity;
BEGIN
  SELECT registered_by[1] INTO cap FROM lgit.document_kind WHERE kind = k;
  PERFORM lgit_test.act_as(cap, CASE WHEN cap = 'unit' THEN (SELECT unit_id FROM lgit.project WHERE project_id = p) END);
  INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts, conclusion)
  VALUES (p, k, format('SC-%s-%s-%s-%s', p, k, verdict, issued), k, '结论测试出具单位', true, issued,
          sha256(convert_to(format('%s/%s/%s/%s', p, k, verdict, issued), 'UTF8')),
          ARRAY(SELECT part FROM lgit.document_part d WHERE d.kind = k ORDER BY ordinal), verdict);
END $$;

CREATE FUNCTION pg_temp.blocked(p bigint, target lgit.stage, code text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE cap lgit.capacity;
BEGIN
  SELECT e.capacities[1] INTO cap FROM lgit.stage_edge e JOIN lgit.project x ON x.stage = e.from_stage
  WHERE x.project_id = p AND e.to_stage = target;
  PERFORM lgit_test.act_as(cap, CASE WHEN cap = 'unit' THEN (SELECT unit_id FROM lgit.project WHERE project_id = p) END);
  RETURN EXISTS (SELECT FROM lgit.blockers(p, target) b WHERE b.code = blocked.code);
END $$;

-- One kind on both sides: rejected alone blocks; approved later passes; rejected later blocks again.
CREATE FUNCTION pg_temp.both_sides(label text, budget numeric, walk lgit.stage, target lgit.stage, k text, code text)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE p bigint := pg_temp.project('SC-' || left(md5(label), 10), budget);
BEGIN
  PERFORM lgit_test.walk_to(p, walk);
  PERFORM pg_temp.conclude(p, k, 'rejected', date '2026-03-01');
  RETURN NEXT ok(pg_temp.blocked(p, target, code), format('%s: the latest %s rejected blocks %s (%s)', label, k, target, code));
  PERFORM pg_temp.conclude(p, k, 'approved', date '2026-03-10');
  RETURN NEXT ok(NOT pg_temp.blocked(p, target, code), format('%s: an approving %s after the rejection passes', label, k));
  PERFORM pg_temp.conclude(p, k, 'rejected', date '2026-03-20');
  RETURN NEXT ok(pg_temp.blocked(p, target, code), format('%s: a rejection after the approval blocks again', label));
END $$;

SELECT pg_temp.both_sides('Art 10 审议通过', 8000000, 'draft', 'proposed', 'unit_leadership_minutes', 'LG100');
SELECT pg_temp.both_sides('Art 10 专题会议审议通过', 12000000, 'draft', 'proposed', 'leader_special_meeting_minutes', 'LG101');
SELECT pg_temp.both_sides('Art 10, 13 审核意见', 8000000, 'proposal_approved', 'established', 'authority_proposal_opinion', 'LG102');
SELECT pg_temp.both_sides('Art 11 审核', 60000000, 'feasibility_submitted', 'feasibility_approved', 'authority_feasibility_opinion', 'LG111');
SELECT pg_temp.both_sides('Art 11 评审结论', 60000000, 'feasibility_submitted', 'feasibility_approved', 'feasibility_expert_review', 'LG111');
SELECT pg_temp.both_sides('Art 13 专家评审', 8000000, 'design_reviewed', 'design_approved', 'expert_review_conclusion', 'LG130');
SELECT pg_temp.both_sides('Art 13 审核意见', 8000000, 'design_reviewed', 'design_approved', 'authority_design_opinion', 'LG130');
SELECT pg_temp.both_sides('Art 26 自行检测通过', 8000000, 'self_tested', 'trial_operation', 'self_test_report', 'LG260');
SELECT pg_temp.both_sides('Art 26 专家初步验收', 15000000, 'self_tested', 'trial_operation', 'expert_preliminary_acceptance_minutes', 'LG260');
SELECT pg_temp.both_sides('Art 27 第三方测评', 8000000, 'trial_operation', 'final_accepted', 'third_party_test_report', 'LG270');
SELECT pg_temp.both_sides('Art 21 档案验收', 8000000, 'trial_operation', 'final_accepted', 'archive_acceptance', 'LG210');
SELECT pg_temp.both_sides('Art 28 安全测试', 8000000, 'final_accepted', 'security_tested', 'security_test_report', 'LG280');
SELECT pg_temp.both_sides('Art 29 移交审核', 8000000, 'security_tested', 'handover_verified', 'handover_audit', 'LG290');
SELECT pg_temp.both_sides('Art 30 竣工验收', 8000000, 'handover_verified', 'completed', 'expert_completion_minutes', 'LG300');
SELECT pg_temp.both_sides('Art 30 after a failed security test', 8000000, 'handover_verified', 'completed', 'security_test_report', 'LG300');

-- Art 9: 经区政府有关会议审议通过 - outside the plan, only approving minutes admit the project.
SELECT pg_temp.project('SC-GOV-1', 8000000);
SET LOCAL lgit.actor = 'sc_unit';
UPDATE lgit.project SET special_plan_id = NULL WHERE code = 'SC-GOV-1';
SELECT pg_temp.conclude(project_id, 'government_meeting_minutes', 'rejected', '2026-03-01') FROM lgit.project WHERE code = 'SC-GOV-1';
SELECT ok(pg_temp.blocked(project_id, 'proposed', 'LG090'), 'Art 9: minutes that did not admit the project do not replace the plan')
FROM lgit.project WHERE code = 'SC-GOV-1';
SELECT pg_temp.conclude(project_id, 'government_meeting_minutes', 'approved', '2026-03-10') FROM lgit.project WHERE code = 'SC-GOV-1';
SELECT ok(NOT pg_temp.blocked(project_id, 'proposed', 'LG090'), 'Art 9: approving minutes admit it')
FROM lgit.project WHERE code = 'SC-GOV-1';

-- Art 34: the industry department's review must approve the termination.
SELECT pg_temp.project('SC-TERM-1', 8000000);
SELECT lgit_test.walk_to(project_id, 'established') FROM lgit.project WHERE code = 'SC-TERM-1';
SELECT pg_temp.conclude(project_id, 'industry_review', 'rejected', '2026-03-01') FROM lgit.project WHERE code = 'SC-TERM-1';
SELECT ok(pg_temp.blocked(project_id, 'terminated', 'LG340'), 'Art 34: a rejecting industry review blocks the termination')
FROM lgit.project WHERE code = 'SC-TERM-1';
SELECT pg_temp.conclude(project_id, 'industry_review', 'approved', '2026-03-10') FROM lgit.project WHERE code = 'SC-TERM-1';
SELECT ok(NOT pg_temp.blocked(project_id, 'terminated', 'LG340'), 'Art 34: an approving one allows it')
FROM lgit.project WHERE code = 'SC-TERM-1';

-- Latest: by issued_on, then by registration order on the same day.
SELECT pg_temp.project('SC-ORDER-1', 8000000);
SELECT pg_temp.conclude(project_id, 'unit_leadership_minutes', 'approved', '2026-04-01') FROM lgit.project WHERE code = 'SC-ORDER-1';
SELECT pg_temp.conclude(project_id, 'unit_leadership_minutes', 'rejected', '2026-03-01') FROM lgit.project WHERE code = 'SC-ORDER-1';
SELECT ok(NOT pg_temp.blocked(project_id, 'proposed', 'LG100'), 'an older rejection registered later does not count: issued_on decides')
FROM lgit.project WHERE code = 'SC-ORDER-1';
SELECT pg_temp.conclude(project_id, 'unit_leadership_minutes', 'rejected', '2026-04-01') FROM lgit.project WHERE code = 'SC-ORDER-1';
SELECT ok(pg_temp.blocked(project_id, 'proposed', 'LG100'), 'on the same day the one registered last decides')
FROM lgit.project WHERE code = 'SC-ORDER-1';

-- The conclusion is required of the kinds that record an outcome, and only of them.
SET LOCAL lgit.actor = 'sc_unit';
SELECT throws_ok(format($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
                          VALUES (%s, 'self_test_report', 'SC-NO-CONCLUSION', '自测报告', '出具单位', '2026-03-01', sha256('n'::bytea))$$,
                        (SELECT project_id FROM lgit.project WHERE code = 'SC-ORDER-1')),
                 '23502', 'a document of kind self_test_report records an outcome: its conclusion must be stated',
                 'a self-test report without its conclusion is refused');
SELECT lives_ok(format($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
                         VALUES (%s, 'progress_report', 'SC-PROGRESS', '月报', '出具单位', '2026-03-01', sha256('pr'::bytea))$$,
                       (SELECT project_id FROM lgit.project WHERE code = 'SC-ORDER-1')),
                'a progress report records no outcome and needs none');
SELECT throws_ok(format($$UPDATE lgit.document SET conclusion = NULL WHERE doc_number = %L$$,
                        'SC-' || (SELECT project_id FROM lgit.project WHERE code = 'SC-ORDER-1') || '-unit_leadership_minutes-approved-2026-04-01'),
                 '23502', NULL, 'a conclusion cannot be taken back to "not stated"');
SELECT is(array_agg(kind ORDER BY kind),
          '{archive_acceptance,authority_design_opinion,authority_feasibility_opinion,authority_proposal_opinion,expert_completion_minutes,expert_preliminary_acceptance_minutes,expert_review_conclusion,feasibility_expert_review,government_meeting_minutes,handover_audit,industry_review,leader_special_meeting_minutes,security_test_report,self_test_report,third_party_test_report,unit_leadership_minutes}',
          'the kinds that record an outcome')
FROM lgit.document_kind WHERE records_outcome;

-- The worst case in every path: advance, a plain UPDATE, and check_project()'s replay.
SELECT pg_temp.project('SC-WORST', 8000000);
SELECT lgit_test.walk_to(project_id, 'final_accepted') FROM lgit.project WHERE code = 'SC-WORST';
SELECT pg_temp.conclude(project_id, 'security_test_report', 'rejected', '2026-03-01') FROM lgit.project WHERE code = 'SC-WORST';
SET LOCAL lgit.actor = 'sc_authority';
SELECT throws_ok($$SELECT lgit.advance(project_id, 'security_tested') FROM lgit.project WHERE code = 'SC-WORST'$$,
                 'LG280', NULL, 'Art 28: a failed security test refuses lgit.advance()');
SELECT throws_ok($$UPDATE lgit.project SET stage = 'security_tested' WHERE code = 'SC-WORST'$$,
                 'LG280', NULL, 'Art 28: ... and a plain UPDATE');
SELECT pg_temp.conclude(project_id, 'security_test_report', 'approved', '2026-03-10') FROM lgit.project WHERE code = 'SC-WORST';
SELECT lgit_test.walk_to(project_id, 'completed') FROM lgit.project WHERE code = 'SC-WORST';
SELECT is((SELECT count(*) FROM lgit.check_project(project_id)), 0::bigint, 'the re-tested system completes with nothing to report')
FROM lgit.project WHERE code = 'SC-WORST';
-- a completion 0.1.0 let through on a meeting that stated no conclusion
SET LOCAL session_replication_role = replica;
UPDATE lgit.document d SET conclusion = NULL FROM lgit.project p
WHERE p.project_id = d.project_id AND p.code = 'SC-WORST' AND d.kind = 'expert_completion_minutes';
SET LOCAL session_replication_role = origin;
SELECT is((SELECT array_agg(code) FROM lgit.check_project(project_id)), '{LG300}', 'check_project() replays the completion with today''s rules')
FROM lgit.project WHERE code = 'SC-WORST';
SELECT is((SELECT count(*) FROM lgit.om_eligible e WHERE e.project_id = p.project_id), 1::bigint,
          'Art 32: not stated, the filed completion still draws O&M money (reported, not cut)')
FROM lgit.project p WHERE code = 'SC-WORST';
SET LOCAL session_replication_role = replica;
UPDATE lgit.document d SET conclusion = 'rejected' FROM lgit.project p
WHERE p.project_id = d.project_id AND p.code = 'SC-WORST' AND d.kind = 'expert_completion_minutes';
SET LOCAL session_replication_role = origin;
SELECT is((SELECT count(*) FROM lgit.om_eligible e WHERE e.project_id = p.project_id), 0::bigint,
          'Art 30: a system whose completion meeting rejected it is not on the O&M list, however it got to completed')
FROM lgit.project p WHERE code = 'SC-WORST';

SELECT * FROM finish();
ROLLBACK;
