-- pgTAP: lgit.refusal, the refused attempts kept outside their transaction (Art 51), as the main
-- test cluster has it: lgit not preloaded, so refusals go to the server log (the fallback) and
-- lgit.refusal_log_status() says so.  The table is append-only for everyone, the owner included,
-- and read by the authority, audit and lgit_reader only.  Rows are put in in replica mode, as a
-- restore would; test/refusal_log.sh shows the worker writing them on a preloaded cluster.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(17);

SELECT results_eq($$SELECT mode, database, ring_size, queued, written, dropped FROM lgit.refusal_log_status()$$,
  $$VALUES ('log', NULL::text, 0, 0::bigint, 0::bigint, 0::bigint)$$,
  'not preloaded: refusals go to the server log, nothing is queued');

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('RF-A', '拒绝记录测试街道', 'street'), ('RF-D', '拒绝记录测试主管部门', 'authority');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('rf_unit', 'RF-A', 'unit'), ('rf_authority', 'RF-D', 'authority'),
             ('rf_audit', 'RF-D', 'audit'), ('rf_drc', 'RF-D', 'drc')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

SET LOCAL session_replication_role = replica;
INSERT INTO lgit.refusal (refused_at, database, session_user_name, actor, capacity, project_id,
                          from_stage, to_stage, code, message, backend_pid)
VALUES (now(), current_database(), 'app', 'rf_unit', 'unit', 1, 'draft', 'completed', 'LG000',
        'draft -> completed is not a change of stage the measures allow', 1),
       (now(), current_database(), 'app', 'rf_unit', 'unit', NULL, NULL, NULL, 'LG002',
        'rows of lgit.history cannot be deleted', 2);
SET LOCAL session_replication_role = origin;

-- Append-only, for the owner too.
SELECT throws_ok($$INSERT INTO lgit.refusal (refused_at, database, session_user_name, code, message, backend_pid)
                   VALUES (now(), 'x', 'x', 'LG000', 'forged', 0)$$,
  'LG002', 'rows of lgit.refusal are written only by lgit''s refusal-log worker',
  'nobody inserts a refusal, the owner included');
SELECT throws_ok($$UPDATE lgit.refusal SET actor = 'someone else'$$,
  'LG002', 'rows of lgit.refusal cannot be updated', 'nobody updates a refusal');
SELECT throws_ok($$DELETE FROM lgit.refusal$$,
  'LG002', 'rows of lgit.refusal cannot be deleted', 'nobody deletes a refusal');
SELECT throws_ok($$TRUNCATE lgit.refusal$$,
  'LG002', 'lgit.refusal cannot be truncated', 'nobody truncates lgit.refusal');
SELECT is((SELECT count(*) FROM lgit.refusal), 2::bigint, 'the rows are as they were');
SELECT is_empty($$
  SELECT r.rolname, p.priv FROM pg_roles r CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(priv)
  WHERE r.rolname LIKE 'lgit\_%' AND has_table_privilege(r.oid, 'lgit.refusal', p.priv) $$,
  'no role of lgit writes lgit.refusal');

-- Who reads it: the authority, audit and reporting; not a unit, not the DRC.
CREATE FUNCTION pg_temp.refusals_seen(actor text, role text DEFAULT 'lgit_app', view boolean DEFAULT false)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM set_config('role', role, true);
  EXECUTE format('SELECT count(*) FROM %s', CASE WHEN view THEN 'lgit.refused_attempts' ELSE 'lgit.refusal' END) INTO n;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN n;
END $$;
SELECT is(pg_temp.refusals_seen('rf_authority'), 2::bigint, 'the authority reads every refusal');
SELECT is(pg_temp.refusals_seen('rf_audit'), 2::bigint, 'audit reads every refusal');
SELECT is(pg_temp.refusals_seen('rf_audit', view => true), 2::bigint, 'audit reads them through lgit.refused_attempts');
SELECT is(pg_temp.refusals_seen('', 'lgit_reader'), 2::bigint, 'lgit_reader reads every refusal');
SELECT is(pg_temp.refusals_seen('rf_unit'), 0::bigint, 'a unit reads none, not even its own');
SELECT is(pg_temp.refusals_seen('rf_unit', view => true), 0::bigint, 'nor through the view');
SELECT is(pg_temp.refusals_seen('rf_drc'), 0::bigint, 'the DRC reads none');
SELECT is(pg_temp.refusals_seen('nobody_registered'), 0::bigint, 'a person missing from the registry reads none');

SELECT results_eq($$SELECT code, article IS NOT NULL FROM lgit.refused_attempts ORDER BY code$$,
  $$VALUES ('LG000', true), ('LG002', true)$$,
  'the view gives the article of each rule');
SELECT is((SELECT count(*) FROM pg_settings WHERE name LIKE 'lgit.refusal\_log\_%'), 0::bigint,
  'not preloaded: the refusal-log settings are not defined (they take effect only at server start)');

SELECT * FROM finish();
ROLLBACK;
