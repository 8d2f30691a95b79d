-- Compliance benchmark fixture, part 1: nine template projects built through lgit's real
-- triggers (units, people, complete evidence, every move made by the actor entitled to it), at
-- a spread of stages, four of them completed.  bench/fixture_replicate.sql then copies them.
-- Needs test/support/evidence.sql and test/support/guard_world.sql.
SET client_min_messages = warning;
SELECT lgit_test.guard_world();      -- GW-A, GW-B (streets), GW-H (department), GW-PA, GW-PB
SET lgit.actor = 'gw_a';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT t, '基准模板项目' || t, unit_id, 'application', 'new', 3000000
FROM lgit.unit, unnest(ARRAY['T3', 'T5', 'T8']) t WHERE code = 'GW-A';
SET lgit.actor = 'gw_b';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT t, '基准模板项目' || t, unit_id, 'application', 'new', 5000000
FROM lgit.unit, unnest(ARRAY['T4', 'T7']) t WHERE code = 'GW-B';
SET lgit.actor = 'gw_h';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT t, '基准模板项目' || t, unit_id, 'application', 'new', 7000000
FROM lgit.unit, unnest(ARRAY['T6', 'T9']) t WHERE code = 'GW-H';
SELECT count(lgit_test.file_complete_evidence(project_id)) FROM lgit.project WHERE code LIKE 'T_' \g /dev/null
SELECT count(lgit_test.walk_to(p.project_id, v.stage::lgit.stage))
FROM (VALUES ('GW-PA', 'completed'), ('GW-PB', 'completed'), ('T9', 'completed'), ('T3', 'completed'),
             ('T4', 'construction'), ('T5', 'design_approved'), ('T6', 'established'),
             ('T7', 'handover_verified'), ('T8', 'proposed')) v(code, stage)
JOIN lgit.project p ON p.code = v.code \g /dev/null
