-- Bad input of any kind gets a clear error and changes nothing.
SET lgit.actor = 'lc_wang';
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-004'')'

-- lgit.advance() and lgit.blockers(): NULLs, unknown projects, unknown stages.
SELECT lgit.advance(NULL, 'proposed');
SELECT lgit.advance(:p, NULL);
SELECT lgit.advance(987654321, 'proposed');
SELECT lgit.advance(:p, 'approved');
SELECT * FROM lgit.blockers(NULL, 'proposed');
SELECT * FROM lgit.blockers(:p, NULL);
SELECT * FROM lgit.blockers(987654321, 'proposed');

-- Projects: a NULL or unknown stage, negative money, an unknown unit, a duplicate code.
-- (Terse where PostgreSQL's detail would print the whole row, with its creation time.)
\set VERBOSITY terse
INSERT INTO lgit.project (code, name, unit_id, category, build_type, stage)
SELECT 'LG-B-001', '无阶段', unit_id, 'application', 'new', NULL FROM lgit.unit WHERE code = 'LCJD';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, stage)
SELECT 'LG-B-002', '未知阶段', unit_id, 'application', 'new', 'started' FROM lgit.unit WHERE code = 'LCJD';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-B-003', '负数金额', unit_id, 'application', 'new', -1 FROM lgit.unit WHERE code = 'LCJD';
INSERT INTO lgit.project (code, name, unit_id, category, build_type)
VALUES ('LG-B-004', '不存在的单位', 424242, 'application', 'new');
INSERT INTO lgit.project (code, name, unit_id, category, build_type)
SELECT 'LG-2027-001', '重复编号', unit_id, 'application', 'new' FROM lgit.unit WHERE code = 'LCJD';
UPDATE lgit.project SET stage = NULL WHERE project_id = :p;
\set VERBOSITY default
-- Generated totals cannot be typed in.
UPDATE lgit.project SET total_investment = 1 WHERE project_id = :p;

-- Policy: a key nobody defined, and a date before any value was in force.
SELECT lgit.policy_in_force('no_such_key', '2026-01-01');
SELECT lgit.policy_in_force('feasibility_min_investment', '2019-12-31');
SELECT lgit.policy_in_force(NULL, '2026-01-01');

-- The trigger functions refuse to be called any other way.
SELECT lgit.project_guard();
RESET lgit.actor;

-- Nothing above changed anything.
SELECT count(*) AS projects FROM lgit.project WHERE code LIKE 'LG-B-%';
SELECT * FROM lgit.verify();
