-- Art 11: total investment of 50,000,000 or more (以上, 含) must pass the feasibility study
-- before the preliminary design; under it the project may not enter that path (LG110).
-- Art 14: a project arranged and funded by a higher level is filed straight into established.
\set today '(now() AT TIME ZONE ''Asia/Shanghai'')::date'

-- Two health projects either side of the line, walked to established.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT v.code, v.name, u.unit_id, 'application', 'new', v.amount
FROM lgit.unit u,
     (VALUES ('LG-F-UNDER', '医疗影像云（差一分五千万）', 49999999.99),
             ('LG-F-AT',    '医疗影像云（恰好五千万）',   50000000.00)) AS v(code, name, amount)
WHERE u.code = 'LGWJJ';
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code LIKE 'LG-F-%';
SELECT count(*) FROM (
  SELECT lgit.advance(project_id, 'proposed') FROM lgit.project WHERE code LIKE 'LG-F-%'
) AS moved;
SET lgit.actor = 'zsj_chen';
SELECT count(*) FROM (
  SELECT lgit.advance(project_id, 'proposal_approved') FROM lgit.project WHERE code LIKE 'LG-F-%'
) AS moved;
SET lgit.actor = 'fgj_zhao';
SELECT count(*) FROM (
  SELECT lgit.advance(project_id, 'established') FROM lgit.project WHERE code LIKE 'LG-F-%'
) AS moved;
SET lgit.actor = 'wjj_huang';

-- 49,999,999.99: no feasibility study; straight to design.  (Errors whose facts carry
-- today's date are shown tersely here; blockers() below shows their facts.)
\set VERBOSITY terse
UPDATE lgit.project SET stage = 'feasibility_submitted' WHERE code = 'LG-F-UNDER';
UPDATE lgit.project SET stage = 'design_submitted' WHERE code = 'LG-F-UNDER';

-- 50,000,000.00: the feasibility study may not be skipped ...
UPDATE lgit.project SET stage = 'design_submitted' WHERE code = 'LG-F-AT';
\set VERBOSITY default
SELECT code, message, facts->>'total_investment' AS total,
       facts->>'feasibility_min_investment' AS threshold, facts->>'policy_in_force_from' AS in_force_from,
       facts->>'judged_on' = :today::text AS judged_today, hint
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-F-AT'), 'design_submitted');
-- ... and is taken: submitted, returned once for rework (with a reason), resubmitted, approved.
UPDATE lgit.project SET stage = 'feasibility_submitted' WHERE code = 'LG-F-AT';
SET lgit.actor = 'zsj_chen';
BEGIN;
SET LOCAL lgit.reason = '缺少信息资源共享分析章节';
UPDATE lgit.project SET stage = 'established' WHERE code = 'LG-F-AT';
COMMIT;
SET lgit.actor = 'wjj_huang';
UPDATE lgit.project SET stage = 'feasibility_submitted' WHERE code = 'LG-F-AT';
SET lgit.actor = 'fgj_zhao';
UPDATE lgit.project SET stage = 'feasibility_approved' WHERE code = 'LG-F-AT';
SET lgit.actor = 'wjj_huang';
UPDATE lgit.project SET stage = 'design_submitted' WHERE code = 'LG-F-AT';
SELECT p.code, h.seq, h.from_stage, h.to_stage, h.actor, h.reason
FROM lgit.history h JOIN lgit.project p USING (project_id)
WHERE p.code LIKE 'LG-F-%' AND h.seq > 4 ORDER BY p.code, h.seq;

-- The threshold is policy, judged on the date the project was proposed.  Ranges of one key
-- never overlap.
INSERT INTO lgit.policy (key, value, in_force)
VALUES ('feasibility_min_investment', 1, daterange('2021-01-01', '2022-01-01'));
-- The authority lowers it to 40,000,000 from tomorrow: a 45,000,000 project proposed today
-- keeps today's rule.
UPDATE lgit.policy SET in_force = daterange('2020-01-01', :today + 1)
WHERE key = 'feasibility_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('feasibility_min_investment', 40000000, daterange(:today + 1, NULL), 'lowered (test)');
SELECT lgit.policy_in_force('feasibility_min_investment', :today) AS today,
       lgit.policy_in_force('feasibility_min_investment', :today + 1) AS tomorrow;
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-F-45M', '互联网医院平台', unit_id, 'application', 'new', 45000000 FROM lgit.unit WHERE code = 'LGWJJ';
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code = 'LG-F-45M';
UPDATE lgit.project SET stage = 'proposed' WHERE code = 'LG-F-45M';
SET lgit.actor = 'zsj_chen';
UPDATE lgit.project SET stage = 'proposal_approved' WHERE code = 'LG-F-45M';
SET lgit.actor = 'fgj_zhao';
UPDATE lgit.project SET stage = 'established' WHERE code = 'LG-F-45M';
SET lgit.actor = 'wjj_huang';
SELECT code, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-F-45M'), 'feasibility_submitted');
SELECT code, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-F-45M'), 'design_submitted');
-- Restore the seeded policy for the scripts that follow.
DELETE FROM lgit.policy WHERE key = 'feasibility_min_investment' AND note = 'lowered (test)';
UPDATE lgit.policy SET in_force = daterange('2020-01-01', NULL) WHERE key = 'feasibility_min_investment';

-- Art 14: a provincial project (省统筹) is filed into established by the authority.
SET lgit.actor = 'bt_he';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, superior_funded, fund_superior, fund_general_budget)
SELECT 'LG-S-001', '“粤省事”坂田服务专区对接', unit_id, 'integration', 'new', true, 3000000, 1000000
FROM lgit.unit WHERE code = 'BTJD';
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code = 'LG-S-001';
-- The unit cannot file it itself ...
SELECT lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-S-001'), 'established');
-- ... the authority does.
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity
FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-S-001'), 'established');
-- A superior_funded project must carry superior funds.
\set VERBOSITY terse
INSERT INTO lgit.project (code, name, unit_id, category, build_type, superior_funded, fund_general_budget)
SELECT 'LG-S-002', '无上级资金的上级项目', unit_id, 'integration', 'new', true, 1000000
FROM lgit.unit WHERE code = 'BTJD';
\set VERBOSITY default
RESET lgit.actor;
