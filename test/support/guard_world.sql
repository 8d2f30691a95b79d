-- Test support for the registry guard's suites (test/guard_*.sql): two streets, a department
-- and one person per district body, each street with a project carrying complete evidence.
--
--   SELECT lgit_test.guard_world();               -- units GW-A, GW-B, GW-H and their people
--   SELECT lgit_test.walk_to(project_id, stage);  -- (test/support/evidence.sql) moves a project forward
--   SELECT lgit_test.attempt(actor, statement);   -- 'ok' (undone) or the SQLSTATE it raised
--
-- Needs test/support/evidence.sql.  Never part of the extension.
CREATE SCHEMA IF NOT EXISTS lgit_test;

CREATE OR REPLACE FUNCTION lgit_test.guard_world() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lgit.unit (code, name_zh, kind) VALUES
    ('GW-A', '守卫测试甲街道', 'street'), ('GW-B', '守卫测试乙街道', 'street'),
    ('GW-H', '守卫测试卫生健康局', 'department'),
    ('GW-AUTH', '守卫测试主管部门', 'authority'), ('GW-DRC', '守卫测试发改', 'drc'),
    ('GW-FIN', '守卫测试财政', 'finance'), ('GW-AUD', '守卫测试审计', 'audit'),
    ('GW-GOV', '守卫测试区政府', 'government');
  INSERT INTO lgit.actor (actor_name, unit_id, capacity)
  SELECT a.name, u.unit_id, a.capacity::lgit.capacity
  FROM (VALUES ('gw_a', 'GW-A', 'unit'), ('gw_b', 'GW-B', 'unit'), ('gw_h', 'GW-H', 'unit'),
               ('gw_authority', 'GW-AUTH', 'authority'), ('gw_drc', 'GW-DRC', 'drc'),
               ('gw_finance', 'GW-FIN', 'finance'), ('gw_audit', 'GW-AUD', 'audit'),
               ('gw_leader', 'GW-GOV', 'leader'), ('gw_expert', 'GW-AUTH', 'expert'))
       AS a(name, unit_code, capacity)
  JOIN lgit.unit u ON u.code = a.unit_code;
  PERFORM set_config('lgit.actor', 'gw_a', true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
  SELECT 'GW-PA', '守卫测试甲项目', unit_id, 'application', 'new', 8000000 FROM lgit.unit WHERE code = 'GW-A';
  PERFORM set_config('lgit.actor', 'gw_b', true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
  SELECT 'GW-PB', '守卫测试乙项目', unit_id, 'application', 'new', 8000000 FROM lgit.unit WHERE code = 'GW-B';
  PERFORM lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code IN ('GW-PA', 'GW-PB');
END $$;

-- Runs a statement as an actor and undoes it: 'ok' when it succeeded, else the SQLSTATE.
CREATE OR REPLACE FUNCTION lgit_test.attempt(actor text, statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    PERFORM set_config('lgit.actor', actor, true);
    EXECUTE statement;
    RAISE EXCEPTION USING ERRCODE = 'P0LGT';
  EXCEPTION WHEN OTHERS THEN
    RETURN CASE WHEN SQLSTATE = 'P0LGT' THEN 'ok' ELSE SQLSTATE END;
  END;
END $$;

-- The same, returning the error message instead ('ok' when it succeeded).
CREATE OR REPLACE FUNCTION lgit_test.attempt_message(actor text, statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    PERFORM set_config('lgit.actor', actor, true);
    EXECUTE statement;
    RAISE EXCEPTION USING ERRCODE = 'P0LGT';
  EXCEPTION WHEN OTHERS THEN
    RETURN CASE WHEN SQLSTATE = 'P0LGT' THEN 'ok' ELSE SQLERRM END;
  END;
END $$;
