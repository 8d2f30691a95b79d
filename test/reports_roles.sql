-- pgTAP: who reads the reports.  A reporting tool (lgit_reader) reads every unit but never the
-- Art 29 credentials; a reader registered as a unit person sees its own unit only; a role that
-- is both an application and a reader gets the view of the person it names, never more; a unit
-- person sees only its own unit in the reports that list units, not the others as zeros.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(31);

-- Two streets with one project each, a department with none; people of unit and authority.
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('RR-A', '报表甲街道', 'street'), ('RR-B', '报表乙街道', 'street'),
  ('RR-C', '报表丙部门', 'department'), ('RR-D', '报表区直机关', 'authority');
CREATE ROLE regress_rr_unit_reader IN ROLE lgit_reader;   -- registered below as a unit-A person
CREATE ROLE regress_rr_bi IN ROLE lgit_reader;            -- a reporting tool, registered nowhere
CREATE ROLE regress_rr_app_bi IN ROLE lgit_app, lgit_reader;  -- an application that also reports
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('rr_a', 'RR-A', 'unit'), ('rr_b', 'RR-B', 'unit'), ('rr_authority', 'RR-D', 'authority'),
             ('regress_rr_unit_reader', 'RR-A', 'unit')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT code || '-P', code || ' 项目', unit_id, 'application', 'new', 1000000, 'construction'
FROM lgit.unit WHERE code IN ('RR-A', 'RR-B');
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
SELECT project_id, 'readonly', 'postgresql://db/' || code, 'vault://' || code, '2026-11-01'
FROM lgit.project WHERE code IN ('RR-A-P', 'RR-B-P');
-- a refused attempt, as lgit's refusal-log worker keeps it (Art 51)
INSERT INTO lgit.refusal (refused_at, database, session_user_name, actor, capacity, code, message, backend_pid)
VALUES (now(), current_database(), 'app', 'rr_b', 'unit', 'LG000', 'RR refused attempt', 1);
SET LOCAL session_replication_role = origin;

-- The first value of a query, run as a session user (as a login of that role would) with
-- lgit.actor set to a name or left empty; then back to the superuser.
CREATE FUNCTION pg_temp.value_as(login text, actor text, query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v text;
BEGIN
  EXECUTE format('SET LOCAL SESSION AUTHORIZATION %I', login);
  PERFORM set_config('lgit.actor', actor, true);
  BEGIN
    EXECUTE query INTO v;
  EXCEPTION WHEN OTHERS THEN
    RESET SESSION AUTHORIZATION;
    PERFORM set_config('lgit.actor', '', true);
    RAISE;
  END;
  RESET SESSION AUTHORIZATION;
  PERFORM set_config('lgit.actor', '', true);
  RETURN v;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.value_as(text, text, text) TO PUBLIC;

-- The Art 29 credentials ---------------------------------------------------------------------
SELECT ok(NOT has_table_privilege('lgit_reader', 'lgit.data_access_credential', 'SELECT'),
          'lgit_reader holds no privilege to read lgit.data_access_credential');
SELECT throws_ok($$SELECT pg_temp.value_as('regress_rr_bi', '', 'SELECT count(*) FROM lgit.data_access_credential')$$,
                 '42501', NULL, 'a reporting tool reading the credentials is refused');
SELECT throws_ok($$SELECT pg_temp.value_as('regress_rr_unit_reader', '', 'SELECT connection FROM lgit.data_access_credential')$$,
                 '42501', NULL, 'a unit-scoped reader reading the credentials is refused');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_a', 'SELECT string_agg(connection, '','') FROM lgit.data_access_credential'),
          'postgresql://db/RR-A-P',
          'an application naming unit A''s person reads that unit''s own credential only (through lgit_unit)');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_authority', 'SELECT count(*) FROM lgit.data_access_credential'),
          '2', 'an application naming the authority''s person reads both credentials');

-- A reporting tool that names nobody ---------------------------------------------------------
SELECT is(pg_temp.value_as('regress_rr_bi', '', 'SELECT count(*) FROM lgit.project WHERE code LIKE ''RR-%'''),
          '2', 'a reporting tool reads every unit''s projects');
SELECT is(pg_temp.value_as('regress_rr_bi', '', 'SELECT string_agg(unit_zh, '','' ORDER BY unit_zh) FROM lgit.unit_scorecard WHERE unit_zh LIKE ''报表%'''),
          '报表丙部门,报表乙街道,报表甲街道', 'a reporting tool sees every street and department in the scorecard');
SELECT is(pg_temp.value_as('regress_rr_bi', '', 'SELECT lgit.sees_all_units()::text'), 'true',
          'lgit.sees_all_units() is true for a reporting tool naming nobody');

-- A reader registered as a unit person: its own unit only --------------------------------------
SELECT is(pg_temp.value_as('regress_rr_unit_reader', '', 'SELECT string_agg(code, '','') FROM lgit.project WHERE code LIKE ''RR-%'''),
          'RR-A-P', 'a reader registered as unit A''s person sees unit A''s project only');
SELECT is(pg_temp.value_as('regress_rr_unit_reader', '', 'SELECT string_agg(unit_zh, '','') FROM lgit.unit_scorecard'),
          '报表甲街道', 'a unit-scoped reader sees its own unit in the scorecard, not the others as zeros');
SELECT is(pg_temp.value_as('regress_rr_unit_reader', '', 'SELECT lgit.sees_all_units()::text'), 'false',
          'lgit.sees_all_units() is false for a unit-scoped reader');
SELECT throws_ok($$SELECT pg_temp.value_as('regress_rr_unit_reader', '', 'UPDATE lgit.project SET name = name RETURNING 1')$$,
                 '42501', NULL, 'a unit-scoped reader writes nothing');

-- An application that is also a reader: the person it names decides -----------------------------
SELECT is(pg_temp.value_as('regress_rr_app_bi', '', 'SELECT count(*) FROM lgit.project WHERE code LIKE ''RR-%'''),
          '2', 'an application-and-reader naming nobody reads as a reporting tool: every unit');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_a', 'SELECT string_agg(code, '','') FROM lgit.project WHERE code LIKE ''RR-%'''),
          'RR-A-P', 'naming unit A''s person, it sees what that person sees: unit A''s project only');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_a', 'SELECT string_agg(unit_zh, '','') FROM lgit.unit_scorecard'),
          '报表甲街道', 'naming unit A''s person, the scorecard lists unit A only');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_b', 'SELECT count(*) FROM lgit.history h JOIN lgit.project p USING (project_id) WHERE p.code = ''RR-A-P'''),
          '0', 'naming unit B''s person, nothing hanging off unit A''s project is visible');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_nobody', 'SELECT count(*) FROM lgit.project'),
          '0', 'naming a person missing from the registry, it sees nothing, reader or not');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_nobody', 'SELECT count(*) FROM lgit.unit_scorecard'),
          '0', 'naming a person missing from the registry, the scorecard lists no unit');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_authority', 'SELECT count(*) FROM lgit.project WHERE code LIKE ''RR-%'''),
          '2', 'naming the authority''s person, it sees every unit');

-- Refused attempts (Art 51) are the authority's, audit's and reporting tools'; a reader naming a
-- unit person, or registered as one, reads as that person: none.
SELECT is(pg_temp.value_as('regress_rr_bi', '', $q$SELECT count(*) FROM lgit.refusal WHERE message = 'RR refused attempt'$q$),
          '1', 'a reporting tool reads the refused attempts');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_a', $q$SELECT count(*) FROM lgit.refusal WHERE message = 'RR refused attempt'$q$),
          '0', 'an application-and-reader naming unit A''s person reads no refused attempt');
SELECT is(pg_temp.value_as('regress_rr_unit_reader', '', $q$SELECT count(*) FROM lgit.refused_attempts WHERE message = 'RR refused attempt'$q$),
          '0', 'a unit-scoped reader reads no refused attempt');

-- A unit person through an ordinary application ---------------------------------------------------
CREATE ROLE regress_rr_app IN ROLE lgit_app;
SELECT is(pg_temp.value_as('regress_rr_app', 'rr_b', 'SELECT string_agg(unit_zh || '':'' || projects, '','') FROM lgit.unit_scorecard'),
          '报表乙街道:1', 'unit B''s person sees its own unit in the scorecard, with its one project');
SELECT is(pg_temp.value_as('regress_rr_app', 'rr_authority', 'SELECT string_agg(unit_zh || '':'' || projects, '','' ORDER BY unit_zh) FROM lgit.unit_scorecard WHERE unit_zh LIKE ''报表%'''),
          '报表丙部门:0,报表乙街道:1,报表甲街道:1', 'the authority sees every street and department, a unit with no project as 0');
SELECT is(pg_temp.value_as('regress_rr_app', 'rr_authority', 'SELECT lgit.sees_unit((SELECT unit_id FROM lgit.unit WHERE code = ''RR-A''))::text'),
          'true', 'lgit.sees_unit() is true for the authority');

-- What the policies ask, per kind of person: whether they see every unit, which one unit they
-- are limited to, and one unit seen or not (NULL, like the SQL comparison, when nobody says).
SELECT is(pg_temp.value_as('regress_rr_app', 'rr_b',
            $q$SELECT concat_ws('/', lgit.sees_all_units(), lgit.scoped_unit() = (SELECT unit_id FROM lgit.unit WHERE code = 'RR-B'),
                               lgit.sees_unit((SELECT unit_id FROM lgit.unit WHERE code = 'RR-B')),
                               lgit.sees_unit((SELECT unit_id FROM lgit.unit WHERE code = 'RR-A')),
                               coalesce(lgit.sees_unit(NULL)::text, 'null'), lgit.is_reporting_tool())$q$),
          'f/t/t/f/null/f',
          'unit B''s person: limited to unit B (lgit.scoped_unit()), sees it, not unit A; a NULL unit is NULL');
SELECT is(pg_temp.value_as('regress_rr_app', 'rr_authority',
            $q$SELECT concat_ws('/', lgit.sees_all_units(), coalesce(lgit.scoped_unit()::text, 'null'),
                               lgit.sees_unit(NULL), lgit.is_reporting_tool())$q$),
          't/null/t/f', 'the authority''s person sees every unit, is limited to none, and is no reporting tool');
SELECT is(pg_temp.value_as('regress_rr_app', 'rr_nobody',
            $q$SELECT concat_ws('/', lgit.sees_all_units(), coalesce(lgit.scoped_unit()::text, 'null'),
                               coalesce(lgit.sees_unit((SELECT unit_id FROM lgit.unit WHERE code = 'RR-A'))::text, 'null'))$q$),
          'f/null/null', 'a person missing from the registry sees no unit: no unit seen, none to be limited to');
SELECT is(pg_temp.value_as('regress_rr_bi', '',
            $q$SELECT concat_ws('/', lgit.is_reporting_tool(), lgit.sees_all_units(), coalesce(lgit.scoped_unit()::text, 'null'))$q$),
          't/t/null', 'a reporting tool naming nobody is one, and sees every unit');
SELECT is(pg_temp.value_as('regress_rr_app_bi', 'rr_a',
            $q$SELECT concat_ws('/', lgit.is_reporting_tool(), lgit.sees_all_units(), lgit.scoped_unit() = (SELECT unit_id FROM lgit.unit WHERE code = 'RR-A'))$q$),
          'f/f/t', 'an application-and-reader naming unit A''s person is no reporting tool: limited to unit A');
SELECT is(pg_temp.value_as('regress_rr_app', 'regress_rr_app',
            $q$SELECT concat_ws('/', lgit.is_reporting_tool(), lgit.sees_all_units())$q$),
          'f/f', 'an application naming itself, unregistered and no reader, is no reporting tool and sees no unit');

SELECT * FROM finish();
ROLLBACK;
