-- Nobody goes around it (doc/lgit.md §2, §8): the roles and what each may touch, row-level security
-- between units, and every way around lgit a role that is not the owner might try.
\set VERBOSITY terse

-- The roles of lgit: one per capacity, lgit_app (applications that name the person acting)
-- and lgit_reader (reporting).  None logs in, none bypasses row-level security; lgit_app
-- holds every capacity role, because it acts for whoever it names.
SELECT r.rolname, r.rolcanlogin, r.rolbypassrls, r.rolsuper,
       array(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid ORDER BY 1) AS holds
FROM pg_roles r WHERE r.rolname LIKE 'lgit\_%' ORDER BY r.rolname;

-- What each role may do with each table and view (r select, a insert, w update, d delete;
-- D truncate, x references and t trigger are granted to nobody).  PUBLIC gets nothing.
SELECT c.relname, c.relkind,
       string_agg(CASE WHEN g.grantee = 0 THEN 'PUBLIC' END, '') AS public,
       max(CASE WHEN r.rolname = 'lgit_unit' THEN p.privs END) AS unit,
       max(CASE WHEN r.rolname = 'lgit_authority' THEN p.privs END) AS authority,
       max(CASE WHEN r.rolname = 'lgit_drc' THEN p.privs END) AS drc,
       max(CASE WHEN r.rolname = 'lgit_finance' THEN p.privs END) AS finance,
       max(CASE WHEN r.rolname = 'lgit_leader' THEN p.privs END) AS leader,
       max(CASE WHEN r.rolname = 'lgit_audit' THEN p.privs END) AS audit,
       max(CASE WHEN r.rolname = 'lgit_expert' THEN p.privs END) AS expert,
       max(CASE WHEN r.rolname = 'lgit_reader' THEN p.privs END) AS reader
FROM pg_class c
CROSS JOIN pg_roles r
CROSS JOIN LATERAL (SELECT concat(CASE WHEN has_table_privilege(r.oid, c.oid, 'SELECT') THEN 'r' END,
                                  CASE WHEN has_table_privilege(r.oid, c.oid, 'INSERT') THEN 'a' END,
                                  CASE WHEN has_table_privilege(r.oid, c.oid, 'UPDATE') THEN 'w' END,
                                  CASE WHEN has_table_privilege(r.oid, c.oid, 'DELETE') THEN 'd' END,
                                  CASE WHEN has_table_privilege(r.oid, c.oid, 'TRUNCATE') THEN 'D' END,
                                  CASE WHEN has_table_privilege(r.oid, c.oid, 'REFERENCES') THEN 'x' END,
                                  CASE WHEN has_table_privilege(r.oid, c.oid, 'TRIGGER') THEN 't' END) AS privs) p
LEFT JOIN LATERAL (SELECT a.grantee FROM aclexplode(c.relacl) a WHERE a.grantee = 0 LIMIT 1) g ON true
WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind IN ('r', 'v', 'S')
  AND r.rolname IN ('lgit_unit', 'lgit_authority', 'lgit_drc', 'lgit_finance', 'lgit_leader',
                    'lgit_audit', 'lgit_expert', 'lgit_reader')
GROUP BY c.relname, c.relkind ORDER BY c.relkind, c.relname;

-- Functions: every role of lgit calls those that read; lgit.advance() is for the capacities
-- that move projects; trigger functions are granted to nobody (a trigger fires without it).
-- PUBLIC may call none.
SELECT p.oid::regprocedure AS function,
       has_function_privilege('lgit_unit', p.oid, 'EXECUTE') AS unit,
       has_function_privilege('lgit_authority', p.oid, 'EXECUTE') AS authority,
       has_function_privilege('lgit_finance', p.oid, 'EXECUTE') AS finance,
       has_function_privilege('lgit_audit', p.oid, 'EXECUTE') AS audit,
       has_function_privilege('lgit_reader', p.oid, 'EXECUTE') AS reader,
       EXISTS (SELECT FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public
FROM pg_proc p WHERE p.pronamespace = 'lgit'::regnamespace
ORDER BY p.prorettype = 'trigger'::regtype, p.proname, p.oid::regprocedure::text;

-- No function of lgit runs with its owner's rights, and none written in SQL or PL/pgSQL
-- resolves anything through the caller's search_path.
SELECT p.oid::regprocedure AS function, l.lanname, p.prosecdef, p.proconfig
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'lgit'::regnamespace AND (p.prosecdef OR l.lanname <> 'c')
ORDER BY 1;

-- Row-level security: which rows of each table a unit-capacity person sees.  Authority, drc,
-- finance, leader, audit and expert see every row, so does lgit_reader; a person missing
-- from lgit.actor sees none.  The tables without it are read by every role of lgit.
SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
       CASE WHEN pol.qual IS NULL THEN NULL
            WHEN pol.qual ~ '\munit_id = \( SELECT lgit\.scoped_unit\(\)' THEN 'its own unit''s'
            ELSE 'those whose ' || substring(pol.qual FROM '\((\w+) IN \( SELECT') || ' it sees in '
                 || substring(pol.qual FROM 'FROM lgit\.(\w+)\)\)\)$') END AS a_unit_sees,
       (SELECT string_agg(p2.policyname || ' ' || p2.cmd, ', ' ORDER BY p2.policyname)
        FROM pg_policies p2 WHERE p2.schemaname = 'lgit' AND p2.tablename = c.relname) AS policies
FROM pg_class c
LEFT JOIN pg_policies pol ON pol.schemaname = 'lgit' AND pol.tablename = c.relname AND pol.policyname = 'unit_scope'
WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r'
ORDER BY c.relrowsecurity, pol.qual IS NULL, c.relname;
-- Views show what the reader's own policies let through.
SELECT c.relname, c.reloptions FROM pg_class c
WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'v' ORDER BY 1;

-- The people of this script: the district system (an application, lgit_app), a 龙城街道 clerk
-- who logs in as herself (lgit_unit, registered), a reporting tool (lgit_reader), a member of
-- lgit_unit nobody registered, and a role outside lgit altogether.
CREATE ROLE regress_system LOGIN IN ROLE lgit_app;
CREATE ROLE regress_lc_clerk LOGIN IN ROLE lgit_unit;
CREATE ROLE regress_bi LOGIN IN ROLE lgit_reader;
CREATE ROLE regress_unlisted LOGIN IN ROLE lgit_unit;
CREATE ROLE regress_outsider LOGIN;
INSERT INTO lgit.actor (actor_name, unit_id, capacity, display_name)
SELECT 'regress_lc_clerk', unit_id, 'unit', '龙城街道 clerk (regress)' FROM lgit.unit WHERE code = 'LCJD';

-- What the superuser counts, to compare with what each of them sees.
SELECT count(*) AS all_projects, count(*) FILTER (WHERE u.code = 'LCJD') AS lcjd_projects,
       (SELECT count(*) FROM lgit.history h JOIN lgit.project p USING (project_id)
        WHERE p.unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD')) AS lcjd_history,
       (SELECT count(*) FROM lgit.history) AS all_history,
       (SELECT count(*) FROM lgit.document d JOIN lgit.project p USING (project_id)
        WHERE p.unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD')) AS lcjd_documents,
       (SELECT count(*) FROM lgit.document) AS all_documents,
       (SELECT count(*) FROM lgit.special_plan) AS all_plans,
       (SELECT count(*) FROM lgit.special_plan
        WHERE unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD')) AS lcjd_plans
FROM lgit.project p JOIN lgit.unit u USING (unit_id) \gset

-- 王主任 of 龙城街道 through the district system: her unit's projects, their history and
-- documents, her unit's plan; nothing of the other units, however she asks.
SET SESSION AUTHORIZATION regress_system;
SET lgit.actor = 'lc_wang';
SELECT count(*) = :lcjd_projects AS sees_own_projects,
       bool_and(unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD')) AS only_own
FROM lgit.project;
SELECT count(*) = :lcjd_history AS sees_own_history FROM lgit.history;
SELECT count(*) = :lcjd_documents AS sees_own_documents FROM lgit.document;
SELECT count(*) = :lcjd_plans AS sees_own_plans,
       bool_and(unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD')) AS only_own
FROM lgit.special_plan;
SELECT count(*) AS other_units_violations FROM lgit.violations
WHERE unit_id <> (SELECT unit_id FROM lgit.unit WHERE code = 'LCJD');
SELECT count(*) AS other_units_chains FROM lgit.verify() v
WHERE v.project_id NOT IN (SELECT project_id FROM lgit.project);
-- 布吉街道's project (LG-2027-004, project 4) does not exist for her: not to read, move, ask
-- about, edit, or hang a record on.
SELECT count(*) AS sees_bj_project FROM lgit.project WHERE project_id = 4;
SELECT * FROM lgit.blockers(4, 'proposed');
SELECT * FROM lgit.check_project(4);
SELECT * FROM lgit.advance(4, 'terminated', '越权');
UPDATE lgit.project SET name = '改名' WHERE project_id = 4;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (4, 'unit_leadership_minutes', 'REGRESS-1', '纪要', '龙城街道', '2026-09-01', sha256('x'::bytea), 'approved');
-- Nor does she file a project for another unit: row-level security refuses the row before
-- the trigger judges it.  Her own unit's records she keeps as before.
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-R-001', '替布吉街道建的项目', unit_id, 'application', 'new', 1000000 FROM lgit.unit WHERE code = 'BJJD';
BEGIN;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-R-001', '龙城街道自己的项目', unit_id, 'application', 'new', 1000000 FROM lgit.unit WHERE code = 'LCJD'
RETURNING code, stage;
UPDATE lgit.project SET responsible_person = '王主任' WHERE code = 'LG-R-001' RETURNING code, responsible_person;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'unit_leadership_minutes', 'REGRESS-2', '纪要', '龙城街道', '2026-09-01', sha256('y'::bytea), 'approved'
FROM lgit.project WHERE code = 'LG-R-001' RETURNING kind, registered_by;
ROLLBACK;
-- The authority, through the same system, sees every project and every chain.
SET lgit.actor = 'zsj_chen';
SELECT count(*) = :all_projects AS sees_all_projects FROM lgit.project;
SELECT count(*) = :all_history AS sees_all_history FROM lgit.history;
SELECT count(*) = :all_plans AS sees_all_plans FROM lgit.special_plan;
-- The system itself, naming nobody, is an unregistered actor: it sees nothing.
RESET lgit.actor;
SELECT count(*) AS projects, (SELECT count(*) FROM lgit.history) AS history FROM lgit.project;
RESET SESSION AUTHORIZATION;

-- The clerk who logs in as herself is the person lgit judges (session_user): the same view.
SET SESSION AUTHORIZATION regress_lc_clerk;
SELECT * FROM lgit.current_actor();
SELECT count(*) = :lcjd_projects AS sees_own_projects, count(*) < :all_projects AS not_all FROM lgit.project;
SELECT count(*) = :lcjd_documents AS sees_own_documents FROM lgit.document;
-- She may not name someone else (LG001), and a member of lgit_unit nobody registered sees
-- and writes nothing.
SET lgit.actor = 'zsj_chen';
SELECT count(*) FROM lgit.project;
RESET lgit.actor;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION regress_unlisted;
SELECT * FROM lgit.current_actor();
SELECT count(*) AS projects, (SELECT count(*) FROM lgit.document) AS documents FROM lgit.project;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-R-002', '无名项目', unit_id, 'application', 'new', 1000000 FROM lgit.unit WHERE code = 'LCJD';
RESET SESSION AUTHORIZATION;

-- The reporting tool reads everything and writes nothing.
SET SESSION AUTHORIZATION regress_bi;
SELECT count(*) = :all_projects AS sees_all_projects FROM lgit.project;
SELECT count(*) = :all_documents AS sees_all_documents FROM lgit.document;
UPDATE lgit.project SET name = '改名' WHERE project_id = 1;
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason) VALUES (6, 'security', '2026-01-01', 'x');
SELECT * FROM lgit.advance(1, 'terminated', 'x');
RESET SESSION AUTHORIZATION;

-- A role outside lgit's roles cannot even look.
SET SESSION AUTHORIZATION regress_outsider;
SELECT count(*) FROM lgit.project;
SELECT * FROM lgit.current_actor();
RESET SESSION AUTHORIZATION;

-- The working-day calendar is written by nobody directly, the authority included: the
-- authority loads a year whole with lgit.load_calendar_year() (sql/22_calendar_loader.sql); a
-- unit does not; and every loaded year, the shipped ones too, stays as it was loaded.
-- (2099: TEST DATA.)
SET SESSION AUTHORIZATION regress_system;
SET lgit.actor = 'lc_wang';
SELECT lgit.load_calendar_year(2099, '街道自拟', ARRAY['2099-01-01']::date[], NULL);
SET lgit.actor = 'zsj_chen';
BEGIN;
SELECT lgit.load_calendar_year(2099, '国务院办公厅关于2099年部分节假日安排的通知（测试）', ARRAY['2099-01-01']::date[], NULL);
SELECT lgit.is_workday('2099-01-01') AS "2099-01-01 is a working day";
SELECT year, source, seeded, loaded_by FROM lgit.calendar_year WHERE year = 2099;
ROLLBACK;
INSERT INTO lgit.calendar_year (year, source) VALUES (2099, '国务院办公厅关于2099年部分节假日安排的通知');
UPDATE lgit.calendar_day SET kind = 'holiday' WHERE day = '2026-10-10' RETURNING day;
DELETE FROM lgit.calendar_year WHERE year = 2026 RETURNING year;
SELECT lgit.is_workday('2026-10-10') AS "2026-10-10 (adjusted Saturday) still a working day";
RESET lgit.actor;
RESET SESSION AUTHORIZATION;

-- Going around lgit: every attempt, by the district system acting as the authority itself.
-- Switching the triggers or row-level security off, dropping them, or replacing a policy
-- takes ownership of the table.
SET SESSION AUTHORIZATION regress_system;
SET lgit.actor = 'zsj_chen';
ALTER TABLE lgit.project DISABLE TRIGGER project_guard;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
DROP TRIGGER history_no_change ON lgit.history;
ALTER TABLE lgit.project DISABLE ROW LEVEL SECURITY;
ALTER TABLE lgit.project NO FORCE ROW LEVEL SECURITY;
DROP POLICY unit_scope ON lgit.project;
ALTER POLICY unit_scope ON lgit.project USING (true);
CREATE POLICY see_all ON lgit.project USING (true);
CREATE TRIGGER a_first BEFORE UPDATE ON lgit.project FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
ALTER FUNCTION lgit.advance(bigint, lgit.stage, text) SECURITY DEFINER;
CREATE FUNCTION lgit.current_actor(OUT actor text, OUT capacity lgit.capacity, OUT unit_id int)
  LANGUAGE sql AS $$ SELECT 'x', 'authority'::lgit.capacity, 1 $$;
-- Replica mode (which skips ordinary triggers) is for superusers only, and nobody was granted
-- the right to set it; nor may one turn row-level security off for oneself.
SET session_replication_role = replica;
SELECT count(*) AS may_set_replication_role FROM pg_parameter_acl
WHERE parname = 'session_replication_role';
SET row_security = off;
SELECT count(*) FROM lgit.project;
RESET row_security;
-- The catalogs are the owner's: policy, rules, the stage graph, articles, document kinds,
-- and the actor registry (nobody registers themselves).
UPDATE lgit.policy SET value = 1 WHERE key = 'feasibility_min_investment';
INSERT INTO lgit.policy (key, value, in_force) VALUES ('feasibility_min_investment', 1, daterange('2099-01-01', NULL));
UPDATE lgit.rule SET severity = 'warning' WHERE code = 'LG110';
INSERT INTO lgit.stage_edge (from_stage, to_stage, capacities, kind, reason_required)
VALUES ('draft', 'completed', '{unit}', 'forward', false);
DELETE FROM lgit.stage_edge WHERE to_stage = 'terminated';
UPDATE lgit.stage_info SET entered_by = '{unit}';
UPDATE lgit.article SET text_zh = '' WHERE article_no = 11;
DELETE FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.actor (actor_name, unit_id, capacity) VALUES ('regress_system', 1, 'authority');
UPDATE lgit.actor SET capacity = 'authority' WHERE actor_name = 'lc_wang';
-- History: nobody writes it but lgit, nobody changes it; projects are never removed.
INSERT INTO lgit.history (project_id, seq, to_stage, actor, capacity, actor_unit_id,
                          project_unit_id, changed_at, row_hash)
VALUES (1, 99, 'completed', 'zsj_chen', 'authority', 1, 6, now(), '\x00');
UPDATE lgit.history SET reason = '改写' WHERE project_id = 1;
DELETE FROM lgit.history WHERE project_id = 1;
TRUNCATE lgit.history;
TRUNCATE lgit.project CASCADE;
DELETE FROM lgit.project WHERE project_id = 4;
-- Nor can privileges be passed on, or objects added to the schema.
GRANT SELECT ON lgit.history TO regress_outsider;
GRANT lgit_authority TO regress_outsider;
CREATE TABLE lgit.shadow (x int);
CREATE VIEW lgit.project AS SELECT 1;
RESET lgit.actor;
RESET SESSION AUTHORIZATION;
-- ... and an application that is not lgit_app may not name anyone (LG001).
SET SESSION AUTHORIZATION regress_lc_clerk;
SET lgit.actor = 'zsj_chen';
SELECT * FROM lgit.advance(1, 'terminated', '冒名');
RESET lgit.actor;
RESET SESSION AUTHORIZATION;

-- Look-alikes earlier in search_path.  In a fresh session (no plan of lgit prepared yet), the
-- clerk puts a schema of her own first — before pg_catalog — with a current_actor() that says
-- "authority", an = for bigint that is always true and an upper() for ranges that is never
-- the bound, and points search_path at it before lgit runs a single query.
CREATE SCHEMA regress_lookalike AUTHORIZATION regress_lc_clerk;
\c - regress_lc_clerk
\set VERBOSITY terse
CREATE FUNCTION regress_lookalike.current_actor(OUT actor text, OUT capacity lgit.capacity, OUT unit_id int)
  LANGUAGE sql AS $$ SELECT 'zsj_chen', 'authority'::lgit.capacity, 1 $$;
CREATE FUNCTION regress_lookalike.always(bigint, bigint) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$ SELECT true $$;
CREATE OPERATOR regress_lookalike.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = regress_lookalike.always);
CREATE FUNCTION regress_lookalike.upper(daterange) RETURNS date
  LANGUAGE sql IMMUTABLE AS $$ SELECT date '2000-01-01' $$;
SET search_path = regress_lookalike, pg_catalog, lgit;
-- They are in force for her own SQL ...
SELECT * FROM current_actor();
SELECT 1::bigint = 2::bigint AS "1 = 2";
-- ... and for nothing lgit does: its policies hold the OIDs they were created with, its C
-- code prepares and runs every query with pg_catalog alone on the path.
SELECT * FROM lgit.current_actor();
SELECT count(*) = :lcjd_projects AS sees_own_projects_only FROM project;
SELECT count(*) = :lcjd_projects AS "her own = matches all her projects, no other" FROM project WHERE project_id = (-1)::bigint;
SELECT lgit.policy_in_force('feasibility_min_investment', '2026-06-01') AS feasibility_threshold;
SELECT * FROM lgit.advance(-1, 'terminated', '越权');
SELECT * FROM lgit.advance(4, 'terminated', '越权');
SELECT * FROM lgit.advance(1, 'terminated', '越权');
UPDATE project SET stage = 'completed' WHERE code = 'LG-P-001';
RESET search_path;
\c - postgres
\set VERBOSITY terse

-- Why lgit's checks do not fire in replica mode: a logical-replication subscriber and a
-- restore apply rows judged where they were written (see test/dump_restore.sh).  A superuser
-- who uses the mode to write around lgit is found by lgit.verify() and lgit.check_project().
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE lgit.project SET stage = 'completed' WHERE code = 'LG-2027-002';
SELECT p.code, v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;

DELETE FROM lgit.actor WHERE actor_name = 'regress_lc_clerk';
DROP SCHEMA regress_lookalike CASCADE;
DROP OWNED BY regress_system, regress_lc_clerk, regress_bi, regress_unlisted, regress_outsider;
DROP ROLE regress_system, regress_lc_clerk, regress_bi, regress_unlisted, regress_outsider;
