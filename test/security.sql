-- pgTAP: nobody goes around it (doc/lgit.md §2, §8).  Privileges, row-level security for every table
-- with two units (and a third with nothing), what each capacity sees, writes a unit may not
-- make, and look-alikes in search_path.  Fixture rows are put in every row-secured table in
-- replica mode (as a restore would), so that the checks below cover each table, including
-- the ones a later file adds: a table with no fixture rows fails the counts.
BEGIN;
SET LOCAL client_min_messages = warning;

-- The tables a unit reads through row-level security, and who reads them.
CREATE TEMP TABLE scoped AS
  SELECT c.oid::regclass AS tbl FROM pg_class c
  JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'unit_scope'
  WHERE c.relnamespace = 'lgit'::regnamespace ORDER BY c.relname;
CREATE TEMP TABLE readers (actor text, role text, sees int);
GRANT SELECT ON scoped, readers TO PUBLIC;

SELECT plan(31 + 10 * (SELECT count(*)::int FROM scoped));

-- Privileges ------------------------------------------------------------------------------
SELECT is_empty($$
  SELECT c.oid::regclass FROM pg_class c, aclexplode(c.relacl) a
  WHERE c.relnamespace = 'lgit'::regnamespace AND a.grantee = 0 $$,
  'PUBLIC holds no privilege on any table, view or sequence of lgit');
SELECT is_empty($$
  SELECT n.nspname FROM pg_namespace n, aclexplode(n.nspacl) a
  WHERE n.nspname = 'lgit' AND a.grantee = 0 $$,
  'PUBLIC may not use schema lgit');
SELECT results_eq($$
  SELECT p.oid::regprocedure::text FROM pg_proc p, aclexplode(p.proacl) a
  WHERE p.pronamespace = 'lgit'::regnamespace AND a.grantee = 0 ORDER BY 1 $$,
  $$VALUES ('lgit.current_actor()'), ('lgit.is_reporting_tool()'), ('lgit.scoped_unit()'), ('lgit.sees_all_units()')$$,
  'PUBLIC may call four functions of lgit: current_actor(), is_reporting_tool(), scoped_unit() and sees_all_units(), which the row-level security policies call');
SELECT is_empty($$
  SELECT c.oid::regclass, r.rolname, p.priv FROM pg_class c
  CROSS JOIN pg_roles r
  CROSS JOIN unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(priv)
  WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r'
    AND (r.rolname LIKE 'lgit\_%') AND has_table_privilege(r.oid, c.oid, p.priv) $$,
  'no role of lgit may truncate, reference or put triggers on a table of lgit');
SELECT is_empty($$
  SELECT c.oid::regclass, r.rolname FROM pg_class c CROSS JOIN pg_roles r
  WHERE c.relnamespace = 'lgit'::regnamespace AND r.rolname LIKE 'lgit\_%'
    AND c.oid IN ('lgit.history'::regclass, 'lgit.policy'::regclass, 'lgit.policy_key'::regclass,
                  'lgit.rule'::regclass, 'lgit.stage_edge'::regclass, 'lgit.stage_info'::regclass,
                  'lgit.article'::regclass, 'lgit.document_kind'::regclass, 'lgit.document_part'::regclass,
                  'lgit.actor'::regclass, 'lgit.unit'::regclass)
    AND (has_table_privilege(r.oid, c.oid, 'INSERT') OR has_table_privilege(r.oid, c.oid, 'UPDATE')
         OR has_table_privilege(r.oid, c.oid, 'DELETE')) $$,
  'history, policy, rules, the stage graph, articles, document kinds and the actor registry: no role of lgit writes them');
SELECT is_empty($$
  SELECT rolname FROM pg_roles
  WHERE rolname LIKE 'lgit\_%' AND (rolcanlogin OR rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb) $$,
  'the roles of lgit are groups: none logs in, none is superuser, bypasses row-level security or creates roles');
SELECT is_empty($$
  SELECT rolname FROM pg_roles
  WHERE rolname LIKE 'lgit\_%' AND has_parameter_privilege(oid, 'session_replication_role', 'SET') $$,
  'no role of lgit may set session_replication_role');
SELECT is_empty($$
  SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
  WHERE p.pronamespace = 'lgit'::regnamespace
    AND (p.prosecdef OR l.lanname <> 'c' AND p.prosqlbody IS NULL
                        AND NOT EXISTS (SELECT FROM unnest(p.proconfig) s
                                        WHERE s LIKE 'search\_path=pg\_catalog%')) $$,
  'no function of lgit is SECURITY DEFINER; every one not written in C, but those whose body is stored parsed, runs with search_path pinned to pg_catalog');
SELECT is_empty($$
  SELECT c.oid::regclass FROM pg_class c
  WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'v'
    AND NOT coalesce(c.reloptions @> '{security_invoker=true}', false) $$,
  'every view of lgit applies the reader''s own row-level security');
SELECT is_empty($$
  SELECT c.oid::regclass FROM pg_class c
  WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r' AND NOT c.relrowsecurity
    AND c.relname NOT IN ('article', 'rule', 'policy_key', 'policy', 'stage_info', 'stage_edge',
                          'document_kind', 'document_part', 'registry', 'registry_column', 'unit', 'actor') $$,
  'row-level security on every table but the catalogs and the registry of units and people');
SELECT is_empty($$
  SELECT c.oid::regclass FROM pg_class c
  WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r' AND c.relforcerowsecurity $$,
  'row-level security is not forced on the owner, whose role lgit''s own reads and writes take');

-- Fixtures: units A and B with one row each in every row-secured table, unit C with none,
-- and a person of each capacity.  Replica mode: no guard judges these rows.
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('SEC-A', '安全测试甲街道', 'street'), ('SEC-B', '安全测试乙街道', 'street'),
  ('SEC-C', '安全测试丙部门', 'department'), ('SEC-D', '安全测试区直机关', 'authority');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('sec_a', 'SEC-A', 'unit'), ('sec_b', 'SEC-B', 'unit'), ('sec_c', 'SEC-C', 'unit'),
             ('sec_authority', 'SEC-D', 'authority'), ('sec_drc', 'SEC-D', 'drc'),
             ('sec_finance', 'SEC-D', 'finance'), ('sec_leader', 'SEC-D', 'leader'),
             ('sec_audit', 'SEC-D', 'audit'), ('sec_expert', 'SEC-D', 'expert')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.special_plan (unit_id, title, years, filed_on)
SELECT unit_id, code || ' 专项规划', int4range(2026, 2031), '2026-01-05' FROM lgit.unit WHERE code IN ('SEC-A', 'SEC-B');
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'security', '2025-01-01', '2025-06-01', '测试' FROM lgit.unit WHERE code IN ('SEC-A', 'SEC-B');
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT code || '-P', code || ' 项目', unit_id, 'application', 'new', 1000000, 'construction'
FROM lgit.unit WHERE code IN ('SEC-A', 'SEC-B');
CREATE TEMP TABLE fixture AS
  SELECT u.code AS unit_code, u.unit_id, p.project_id FROM lgit.unit u JOIN lgit.project p USING (unit_id)
  WHERE u.code IN ('SEC-A', 'SEC-B');
GRANT SELECT ON fixture TO PUBLIC;
INSERT INTO lgit.history (project_id, seq, to_stage, actor, capacity, actor_unit_id, project_unit_id, changed_at, row_hash)
SELECT project_id, 1, 'draft', 'sec', 'unit', unit_id, unit_id, now(), '\x00' FROM fixture;
INSERT INTO lgit.history_head (project_id, seq, row_hash, changed_at)
SELECT project_id, 1, '\x00', now() FROM fixture;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, 'proposal', unit_code || '-DOC', '建议书', unit_code, '2026-01-05', sha256(unit_code::bytea) FROM fixture;
INSERT INTO lgit.contract (project_id, contractor, amount, signed_on, warranty_months)
SELECT project_id, '承建单位', 900000, '2026-03-01', 24 FROM fixture;
INSERT INTO lgit.payment_milestone (contract_id, stage, amount)
SELECT contract_id, 'contracted', 300000 FROM lgit.contract c JOIN fixture USING (project_id);
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 300000, '2026-03-10' FROM lgit.contract c JOIN fixture USING (project_id);
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on)
SELECT contract_id, 'business_adjustment', '变更', 10000, '2026-04-01' FROM lgit.contract c JOIN fixture USING (project_id);
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) SELECT project_id, 2027, 50000, '2026-11-01' FROM fixture;
INSERT INTO lgit.result (project_id, kind, title, registered_on) SELECT project_id, 'software', '系统', '2026-11-01' FROM fixture;
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant, audit_concluded_on)
SELECT project_id, unit_code || '-FA', '造价咨询公司', '2026-11-01' FROM fixture;
INSERT INTO lgit.platform_connection (project_id, platform, connected_on) SELECT project_id, 'gov_network', '2026-10-01' FROM fixture;
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount) SELECT project_id, 'other', '终端', 1000 FROM fixture;
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
SELECT project_id, 'readonly', 'postgresql://db/' || unit_code, 'vault://' || unit_code, '2026-11-01' FROM fixture;
INSERT INTO lgit.om_list_sent (sent_on, project_id, project_code, project_name, unit_zh)
SELECT '2026-12-01', project_id, unit_code || '-P', unit_code || ' 项目', unit_code FROM fixture;
INSERT INTO lgit.rectification_order (unit_id, year, requirement, issued_on, due_on)
SELECT unit_id, 2026, '限期整改', '2026-11-02', '2026-11-30' FROM fixture;
INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type)
SELECT document_id, 'public', 'records', 'id', 'bigint' FROM lgit.document JOIN fixture USING (project_id);
INSERT INTO lgit.sharing_probe (project_id, credential_id, probed_at, probed_by, target_user, passed, findings, facts)
SELECT project_id, credential_id, now(), 'sec', account, true, '[]', '{}' FROM lgit.data_access_credential JOIN fixture USING (project_id);
-- the kept findings: one mark (the writes above made theirs), one judged state, one finding each
DELETE FROM lgit.finding_dirty;
INSERT INTO lgit.finding_dirty (project_id) SELECT project_id FROM fixture;
INSERT INTO lgit.finding_state (project_id, judged_at) SELECT project_id, now() FROM fixture;
INSERT INTO lgit.finding (project_id, ord, code, article, severity, message, facts)
SELECT project_id, 1, 'LG191', '19', 'warning', '测试', '{}' FROM fixture;
-- the kept assessment figures: one state and one year each
INSERT INTO lgit.assessment_state (project_id, kept_on, valid_until) SELECT project_id, '2026-12-01', '2026-12-31' FROM fixture;
INSERT INTO lgit.assessment_fact (project_id, year, projects, preparing, in_delivery, completed, suspended, terminated,
                                  due, met, met_late, missed, progress, performance, results)
SELECT project_id, 2026, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 FROM fixture;
SET LOCAL session_replication_role = origin;

-- An application (member of lgit_app) that names each person, and a reporting tool.
CREATE ROLE regress_tap_system IN ROLE lgit_app;
CREATE ROLE regress_tap_bi IN ROLE lgit_reader;

-- Counts rows of a table as an actor named by the application (or, with role, as that role
-- naming nobody); then back to the superuser.
CREATE FUNCTION pg_temp.visible(tbl regclass, actor text, role text DEFAULT 'regress_tap_system')
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM set_config('role', role, true);
  EXECUTE format('SELECT count(*) FROM %s', tbl) INTO n;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN n;
END $$;
-- The first value a query returns as an actor named by the application.
CREATE FUNCTION pg_temp.value_as(actor text, query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v text;
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM set_config('role', 'regress_tap_system', true);
  EXECUTE query INTO v;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN v;
END $$;
-- Runs a statement as an actor named by the application; returns the rows it affected.
CREATE FUNCTION pg_temp.as_actor(actor text, stmt text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM set_config('role', 'regress_tap_system', true);
  EXECUTE stmt;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN n;
EXCEPTION WHEN OTHERS THEN
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RAISE;
END $$;

-- Row-level security, table by table ---------------------------------------------------------
INSERT INTO readers VALUES
  ('sec_a', 'regress_tap_system', 1), ('sec_b', 'regress_tap_system', 1), ('sec_c', 'regress_tap_system', 0),
  ('sec_authority', 'regress_tap_system', 2), ('sec_drc', 'regress_tap_system', 2),
  ('sec_finance', 'regress_tap_system', 2), ('sec_leader', 'regress_tap_system', 2),
  ('sec_audit', 'regress_tap_system', 2), ('sec_expert', 'regress_tap_system', 2),
  ('', 'regress_tap_bi', 2);
SELECT is(pg_temp.visible(s.tbl, r.actor, r.role), r.sees::bigint,
          format('%s: %s sees %s of the 2 rows of units A and B', s.tbl,
                 CASE WHEN r.actor = '' THEN 'lgit_reader' ELSE r.actor END, r.sees))
FROM scoped s CROSS JOIN readers r
-- lgit_reader does not read the Art 29 credentials at all (test/reports_roles.sql)
WHERE NOT (s.tbl = 'lgit.data_access_credential'::regclass AND r.role = 'regress_tap_bi')
ORDER BY s.tbl::text, r.actor;

-- ... a unit's one row is its own, and nobody unregistered sees anything.
SELECT is(pg_temp.value_as('sec_a', 'SELECT string_agg(u.code, '','') FROM lgit.project p JOIN lgit.unit u USING (unit_id)'),
          'SEC-A', 'the project unit A sees is unit A''s own');
SELECT is(pg_temp.visible('lgit.project', 'nobody_registered'), 0::bigint,
          'a person missing from lgit.actor sees no project, even through lgit_app');
SELECT is(pg_temp.visible('lgit.history', '', 'regress_tap_system'), 0::bigint,
          'the application naming nobody is unregistered and sees no history');

-- Writes a unit may not make ---------------------------------------------------------------------
SELECT is(pg_temp.as_actor('sec_a', format('UPDATE lgit.project SET name = name WHERE project_id = %s',
                                           (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B'))),
          0::bigint, 'unit A updates none of unit B''s projects: they are not there for it');
SELECT is(pg_temp.as_actor('sec_a', format('DELETE FROM lgit.document WHERE project_id = %s',
                                           (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B'))),
          0::bigint, 'unit A removes none of unit B''s documents');
SELECT throws_ok(format($$SELECT pg_temp.as_actor('sec_a', 'INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
                                VALUES (''SEC-X'', ''x'', %s, ''application'', ''new'', 1000000)')$$,
                        (SELECT unit_id FROM fixture WHERE unit_code = 'SEC-B')),
                 '42501', NULL, 'unit A files no project for unit B (row-level security)');
SELECT throws_ok(format($$SELECT pg_temp.as_actor('sec_a', 'INSERT INTO lgit.result (project_id, kind, title, registered_on)
                                VALUES (%s, ''data'', ''x'', ''2026-11-01'')')$$,
                        (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B')),
                 'LG001', NULL, 'unit A hangs no record on unit B''s project (its guard, then row-level security)');
SELECT throws_ok(format($$SELECT pg_temp.as_actor('sec_a', 'SELECT lgit.advance(%s, ''terminated'', ''x'')')$$,
                        (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B')),
                 'P0002', NULL, 'unit A cannot move unit B''s project: it does not exist for it');
SELECT throws_ok(format($$SELECT pg_temp.as_actor('sec_a', 'SELECT * FROM lgit.check_project(%s)')$$,
                        (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B')),
                 'P0002', NULL, 'unit A cannot check unit B''s project');
SELECT is(pg_temp.value_as('sec_a', 'SELECT string_agg(DISTINCT p.code, '','') FROM lgit.verify() v JOIN lgit.project p USING (project_id)'),
          'SEC-A-P', 'lgit.verify() as unit A replays its own (forged) chain only');
SELECT is(pg_temp.value_as('sec_authority', 'SELECT string_agg(DISTINCT p.code, '','') FROM lgit.verify() v JOIN lgit.project p USING (project_id)'),
          'SEC-A-P,SEC-B-P', 'lgit.verify() as the authority replays both forged chains');
SELECT throws_ok($$SELECT pg_temp.as_actor('sec_a', 'SELECT lgit.load_calendar_year(2099, ''x'', ARRAY[''2099-01-01'']::date[], NULL)')$$,
                 'LG001', NULL, 'a unit does not load the calendar');
SELECT is(pg_temp.as_actor('sec_authority', 'SELECT lgit.load_calendar_year(2099, ''国务院通知 (test)'', ARRAY[''2099-01-01'']::date[], NULL)'),
          1::bigint, 'the authority loads a year into the calendar');
SELECT throws_ok($$SELECT pg_temp.as_actor('sec_authority', 'INSERT INTO lgit.calendar_day (day, kind, year) VALUES (''2026-10-08'', ''holiday'', 2026)')$$,
                 '42501', NULL, 'the authority adds no day to a shipped year');
SELECT throws_ok($$SELECT pg_temp.as_actor('sec_authority', 'DELETE FROM lgit.calendar_day WHERE year = 2099')$$,
                 '42501', NULL, 'the authority changes no year it loaded either');
SELECT throws_ok($$SELECT pg_temp.as_actor('sec_a', 'UPDATE lgit.history SET reason = ''x''')$$,
                 '42501', NULL, 'history is not writable through any role of lgit');

-- lgit.om_blockers() reads the project as the caller first, so a unit learns nothing of
-- another unit's project code, stage or sanctions from it.
SELECT throws_ok(format($$SELECT pg_temp.as_actor('sec_a', 'SELECT * FROM lgit.om_blockers(%s)')$$,
                        (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B')),
                 'P0002', NULL, 'unit A learns nothing of unit B''s project from lgit.om_blockers()');

-- Look-alikes earlier in search_path --------------------------------------------------------------
CREATE SCHEMA regress_tap_fake;
CREATE FUNCTION regress_tap_fake.always(bigint, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE OPERATOR regress_tap_fake.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = regress_tap_fake.always);
CREATE FUNCTION regress_tap_fake.current_actor(OUT actor text, OUT capacity lgit.capacity, OUT unit_id int)
  LANGUAGE sql AS $$ SELECT 'sec_authority', 'authority'::lgit.capacity, 1 $$;
CREATE FUNCTION regress_tap_fake.upper(daterange) RETURNS date LANGUAGE sql IMMUTABLE AS $$ SELECT date '2000-01-01' $$;
GRANT USAGE ON SCHEMA regress_tap_fake TO PUBLIC;
SET LOCAL search_path = regress_tap_fake, pg_catalog, public;
SELECT ok((SELECT 1::bigint = 2::bigint), 'the look-alike = is in force for the session''s own SQL');
SELECT is(pg_temp.visible('lgit.project', 'sec_a'), 1::bigint,
          'with look-alikes first in search_path, unit A still sees only its project');
SELECT throws_ok(format($$SELECT pg_temp.as_actor('sec_a', 'SELECT lgit.advance(%s, ''terminated'', ''x'')')$$,
                        (SELECT project_id FROM fixture WHERE unit_code = 'SEC-B')),
                 'P0002', NULL, 'with look-alikes first in search_path, unit B''s project still does not exist for unit A');
SELECT is(lgit.policy_in_force('feasibility_min_investment', '2026-06-01'), 50000000::numeric,
          'with look-alikes first in search_path, policy is read as it is');
RESET search_path;

SELECT * FROM finish();
ROLLBACK;
