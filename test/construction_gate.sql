-- pgTAP: Art 18, construction is supervised.  A project that reached contracted without a
-- contract on record (0.1.0 required none, or a superuser removed it going around the
-- triggers) is not let into construction: no contract means no supervisor (LG180).
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(3);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('CG-A', '施工门测试街道', 'street'), ('CG-AUTH', '施工门测试主管部门', 'authority'), ('CG-DRC', '施工门测试发改', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('cg_unit', 'CG-A', 'unit'), ('cg_authority', 'CG-AUTH', 'authority'), ('cg_drc', 'CG-DRC', 'drc')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
SELECT set_config('lgit.actor', 'cg_unit', true);
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'CG-1', '施工门测试项目', unit_id, 'application', 'new', 6000000 FROM lgit.unit WHERE code = 'CG-A';
SELECT lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code = 'CG-1';
SELECT lgit_test.walk_to(project_id, 'contracted') FROM lgit.project WHERE code = 'CG-1';

CREATE FUNCTION pg_temp.construction_blockers() RETURNS text[] LANGUAGE sql AS $$
  SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM lgit.blockers(
    (SELECT project_id FROM lgit.project WHERE code = 'CG-1'), 'construction')
$$;
SELECT set_config('lgit.actor', 'cg_unit', true);
SELECT ok(NOT 'LG180' = ANY (pg_temp.construction_blockers()), 'with its supervised contract, construction may start');

-- the contract removed as a superuser going around the triggers would
SET LOCAL session_replication_role = replica;
DELETE FROM lgit.payment_milestone WHERE contract_id IN
  (SELECT contract_id FROM lgit.contract WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'CG-1'));
DELETE FROM lgit.contract WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'CG-1');
SET LOCAL session_replication_role = origin;
SELECT ok('LG180' = ANY (pg_temp.construction_blockers()), 'without any contract, no supervisor is on record: LG180');
SELECT throws_ok($$UPDATE lgit.project SET stage = 'construction' WHERE code = 'CG-1'$$, 'LG180', NULL,
                 'and the move itself is refused');

SELECT * FROM finish();
ROLLBACK;
