-- Who acts (doc/lgit.md §2).  The sample registers the district bodies, three streets, two
-- departments and the people acting for them, and each unit files its own project.
\i demo/sample.sql
-- Test support used by the scripts that follow: lgit_test.file_complete_evidence(project_id)
-- registers, as the people entitled to, every document the gates read (see 08-11 for the
-- gates themselves).
\set ECHO none
\i test/support/evidence.sql
\set ECHO all

SELECT a.actor_name, a.capacity, u.name_zh AS unit, u.kind
FROM lgit.actor a JOIN lgit.unit u USING (unit_id) ORDER BY a.capacity, a.actor_name;

-- Every project starts at draft, and its history starts with the row recording its creation.
SELECT p.code, u.name_zh AS unit, p.category, p.district_funds, p.total_investment, p.stage
FROM lgit.project p JOIN lgit.unit u USING (unit_id) ORDER BY p.code;
SELECT p.code, h.seq, h.from_stage, h.to_stage, h.actor, h.capacity
FROM lgit.history h JOIN lgit.project p USING (project_id) ORDER BY p.code, h.seq;

-- Without lgit.actor, the actor is the session's own role.  The superuser running these
-- tests is not registered, so lgit knows its name but no capacity.
SELECT * FROM lgit.current_actor();

-- A role that authenticates people itself (member of lgit_app) names them in lgit.actor.
CREATE ROLE regress_district_system LOGIN IN ROLE lgit_app;
SET SESSION AUTHORIZATION regress_district_system;
SET lgit.actor = 'lc_wang';
SELECT * FROM lgit.current_actor();
RESET lgit.actor;
SELECT * FROM lgit.current_actor();
RESET SESSION AUTHORIZATION;

-- Any other role asserting lgit.actor is refused (LG001), whatever it then tries.
CREATE ROLE regress_someone LOGIN;
GRANT USAGE ON SCHEMA lgit TO regress_someone;
SET SESSION AUTHORIZATION regress_someone;
SET lgit.actor = 'zsj_chen';
SELECT * FROM lgit.current_actor();
RESET lgit.actor;
RESET SESSION AUTHORIZATION;

-- A person missing from the registry can create nothing (LG001).
SET lgit.actor = 'nobody_known';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-X-001', '未登记人员的项目', unit_id, 'application', 'new', 1000000
FROM lgit.unit WHERE code = 'LCJD';

-- Projects are created by their own unit: not by another unit (LG001) ...
SET lgit.actor = 'bj_li';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-X-002', '替龙城街道申报的项目', unit_id, 'application', 'new', 1000000
FROM lgit.unit WHERE code = 'LCJD';
-- ... nor by the authority (creation is the unit's act) ...
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-X-003', '主管部门代建项目', unit_id, 'application', 'new', 1000000
FROM lgit.unit WHERE code = 'LCJD';
-- ... and never past draft (LG000), except Art 14 filing into established (see 04).
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT 'LG-X-004', '直接立项的项目', unit_id, 'application', 'new', 1000000, 'established'
FROM lgit.unit WHERE code = 'LCJD';

-- A unit edits its own project, but not another unit's, and cannot hand it to another unit.
UPDATE lgit.project SET responsible_person = '王主任', implementing_body = '龙城街道党政综合办'
WHERE code = 'LG-2027-001';
SET lgit.actor = 'bj_li';
UPDATE lgit.project SET name = '改名' WHERE code = 'LG-2027-001';
UPDATE lgit.project SET unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD')
WHERE code = 'LG-2027-004';
-- Finance, the leader, audit and experts do not edit projects.
SET lgit.actor = 'czj_sun';
UPDATE lgit.project SET name = '改名' WHERE code = 'LG-2027-001';
RESET lgit.actor;
SELECT code, name, responsible_person, implementing_body FROM lgit.project ORDER BY code;

DROP OWNED BY regress_district_system, regress_someone;
DROP ROLE regress_district_system, regress_someone;
