-- Issue 9, class 6: every UPDATE of a project is judged as an edit, a move included.  A move
-- does not carry an edit its actor could not make alone (Art 4: who edits a project).

SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
SELECT 'LG-ME-001', '龙城街道社区服务一网通办', unit_id, 'application', 'new', 2027, 3000000
FROM lgit.unit WHERE code = 'LCJD';
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-ME-001'')'
SELECT lgit_test.file_complete_evidence(:p);

-- A unit that proposes its project and hands it to another unit in one statement is refused.
UPDATE lgit.project SET stage = 'proposed', unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'BJJD')
WHERE project_id = :p;
SELECT to_stage FROM lgit.advance(:p, 'proposed');

-- The leader terminates; in the same statement it renames the project, hands it to another unit
-- and cuts its money.  The edit alone is refused, and so is the move that carries it.
SET lgit.actor = 'qzf_lin';
BEGIN;
SET LOCAL lgit.reason = '项目合并';
UPDATE lgit.project SET name = '改名', unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'BJJD'),
                        fund_general_budget = 1
WHERE project_id = :p;
ROLLBACK;
BEGIN;
SET LOCAL lgit.reason = '项目合并';
UPDATE lgit.project SET stage = 'terminated', name = '改名',
                        unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'BJJD'), fund_general_budget = 1
WHERE project_id = :p;
ROLLBACK;
SELECT stage, name, fund_general_budget FROM lgit.project WHERE project_id = :p;

-- What each may do still works: the authority, who may edit, moves and edits in one statement ...
SET lgit.actor = 'zsj_chen';
UPDATE lgit.project SET stage = 'proposal_approved', name = '龙城街道社区服务一网通办平台' WHERE project_id = :p;
-- ... and the leader's bare termination.
SET lgit.actor = 'qzf_lin';
BEGIN;
SET LOCAL lgit.reason = '项目合并';
UPDATE lgit.project SET stage = 'terminated' WHERE project_id = :p;
COMMIT;
SELECT stage, name, fund_general_budget FROM lgit.project WHERE project_id = :p;
SELECT seq, from_stage, to_stage, capacity FROM lgit.history WHERE project_id = :p ORDER BY seq;
