-- pgTAP: the data-sharing probe as evidence (Art 29, 47) - when a system counts as verified
-- sharing (both sides of sharing_probe_max_age_days, a failed or misplaced latest probe), what
-- lgit.sharing_status and lgit.om_blockers() make of it, and who may run the probe or write its
-- records.  Probe records are put in place in replica mode, as a restore would; the probe of
-- real databases is test/sharing_probe.sh.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(15);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('PRB-A', '核验测试甲街道', 'street'), ('PRB-B', '核验测试乙街道', 'street'), ('PRB-Z', '核验测试主管部门', 'authority');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('prb_a', 'PRB-A', 'unit'), ('prb_b', 'PRB-B', 'unit'), ('prb_authority', 'PRB-Z', 'authority')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT 'PRB-A-SYS', '核验测试系统', unit_id, 'application', 'new', 1000000, 'completed' FROM lgit.unit WHERE code = 'PRB-A';
CREATE TEMP TABLE prb AS SELECT project_id FROM lgit.project WHERE code = 'PRB-A-SYS';
GRANT SELECT ON prb TO PUBLIC;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, k, n, '测试', '测试', d, sha256(n::bytea) FROM prb,
  (VALUES ('data_sharing_handover', 'PRB-SHARE-1', date '2026-05-01'), ('completion_report', 'PRB-DONE', date '2026-05-20'))
  AS v(k, n, d);
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
SELECT project_id, 'reader', 'host=192.0.2.1 dbname=x', 'vault://prb', '2026-05-01' FROM prb;
SET LOCAL session_replication_role = origin;

-- probe(passed, at): a probe record of the latest handover, put in place as a restore would.
CREATE FUNCTION pg_temp.probe(passed boolean, at timestamptz) RETURNS void LANGUAGE sql AS $$
  SET LOCAL session_replication_role = replica;
  INSERT INTO lgit.sharing_probe (project_id, credential_id, document_id, probed_at, probed_by, target_user, passed, findings, facts)
  SELECT c.project_id, c.credential_id,
         (SELECT max(document_id) FROM lgit.document d WHERE d.project_id = c.project_id AND d.kind = 'data_sharing_handover'),
         at, 'prb_authority', c.account, passed,
         CASE WHEN passed THEN '[]' ELSE '[{"check": "stale", "message": "test"}]' END::jsonb, '{}'
  FROM lgit.data_access_credential c JOIN prb USING (project_id);
  SET LOCAL session_replication_role = origin;
$$;

SELECT is(lgit.sharing_problem(project_id, '2026-07-01'), '未经数据共享核验（lgit.probe_sharing()）',
          'never probed: not verified') FROM prb;
SELECT pg_temp.probe(true, '2026-06-01 09:00+08');
SELECT is(lgit.sharing_problem(project_id, '2026-05-31'), '未经数据共享核验（lgit.probe_sharing()）',
          'a probe after the day asked about does not count for it') FROM prb;
SELECT is(lgit.sharing_problem(project_id, '2026-07-01'), NULL,
          'a passing probe 30 days old (sharing_probe_max_age_days) still verifies') FROM prb;
SELECT matches(lgit.sharing_problem(project_id, '2026-07-02'), '已过31天，超过30天$',
               'at 31 days it is too old') FROM prb;
SELECT is((SELECT count(*) FROM lgit.om_blockers(project_id, '2026-07-01') WHERE code = 'LG471'), 0::bigint,
          'O&M money: no LG471 while verified') FROM prb;
SELECT is((SELECT count(*) FROM lgit.om_blockers(project_id, '2026-07-02') WHERE code = 'LG471'), 1::bigint,
          'O&M money: LG471 once the probe is too old (Art 47, this system)') FROM prb;
SELECT pg_temp.probe(false, '2026-06-10 09:00+08');
SELECT matches(lgit.sharing_problem(project_id, '2026-06-10'), '未通过$', 'the latest probe failed: not verified, ') FROM prb;
SELECT is(lgit.sharing_problem(project_id, '2026-06-09'), NULL, '... from the day it failed on') FROM prb;
SELECT pg_temp.probe(true, now());
SELECT is(sharing, true, 'lgit.sharing_status: a passing probe today') FROM lgit.sharing_status WHERE project_code = 'PRB-A-SYS';
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, 'data_sharing_handover', 'PRB-SHARE-2', '测试', '测试', '2026-06-20', sha256('2'::bytea) FROM prb;
SET LOCAL session_replication_role = origin;
SELECT matches(problem, '核验的不是最新的业务数据共享移交材料$',
               'a newer handover registered since: the probe checked another handover, not verified')
FROM lgit.sharing_status WHERE project_code = 'PRB-A-SYS';

-- Who may probe, and see or write probe records.
CREATE ROLE regress_probe_app IN ROLE lgit_app;
CREATE ROLE regress_probe_bi IN ROLE lgit_reader;
CREATE FUNCTION pg_temp.as_role(role text, actor text, stmt text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM set_config('role', role, true);
  EXECUTE stmt;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
EXCEPTION WHEN OTHERS THEN
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RAISE;
END $$;
SELECT throws_ok(format($$SELECT pg_temp.as_role('regress_probe_app', 'prb_a', 'SELECT lgit.probe_sharing(%s, ''pw'')')$$, project_id),
                 'LG001', NULL, 'the unit may not probe its own system') FROM prb;
SELECT throws_ok(format($$SELECT pg_temp.as_role('regress_probe_bi', '', 'SELECT lgit.probe_sharing(%s, ''pw'')')$$, project_id),
                 'LG001', NULL, 'a reporting tool may not probe') FROM prb;
SELECT throws_ok(format($$SELECT pg_temp.as_role('regress_probe_app', 'prb_b', 'SELECT lgit.sharing_problem(%s)')$$, project_id),
                 'P0002', NULL, 'another unit learns nothing of the system through lgit.sharing_problem()') FROM prb;
SELECT throws_ok(format($$SELECT pg_temp.as_role('regress_probe_app', 'prb_a',
                   'INSERT INTO lgit.sharing_probe (project_id, credential_id, probed_at, probed_by, target_user, passed, findings, facts)
                    SELECT project_id, credential_id, now(), ''x'', account, true, ''[]'', ''{}'' FROM lgit.data_access_credential
                    WHERE project_id = %s')$$, project_id),
                 '42501', NULL, 'nobody is granted a write on the probe records') FROM prb;
SELECT is((SELECT count(*)::int FROM lgit.sharing_probe WHERE project_id = (SELECT project_id FROM prb)), 3,
          'the probe records stay as written');

SELECT * FROM finish();
ROLLBACK;
