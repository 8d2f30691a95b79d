-- Roles and privileges (doc/lgit.md §2, §8).  The grants are the outer wall: a role reaches only the
-- tables and functions its capacity works with.  Inside it, lgit's C triggers judge every
-- write against the person acting (lgit.actor: capacity and unit), and row-level security
-- (95_security.sql) limits what a unit sees and changes to its own projects and what hangs
-- off them.  PUBLIC gets nothing (but lgit.current_actor(), 95_security.sql says why); the
-- owner of the schema is the only role that writes the catalogs (policy, rules, stage graph,
-- document kinds, articles) and the registry of units and people.
--
-- The roles are group roles (NOLOGIN), created once per cluster and kept when the extension
-- is dropped, like lgit_app (20_unit_actor.sql).  A person who logs in as themselves is a
-- member of the role of the capacity lgit.actor registers them in; an application that names
-- people itself is a member of lgit_app, which holds every capacity role, because it acts for
-- whoever it names; a reporting tool is a member of lgit_reader.

DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      ('lgit_unit',      'lgit: 项目建设单位 (streets and departments): files, edits and moves its own unit''s projects and their records.'),
      ('lgit_authority', 'lgit: 区信息化主管部门 (区政务服务数据管理局): reviews and moves all projects, files plans, sanctions, contracts and the working-day calendar.'),
      ('lgit_drc',       'lgit: 区发改部门: establishes and approves projects, re-approves estimates, imposes sanctions.'),
      ('lgit_finance',   'lgit: 区财政部门: grants O&M money (Art 32), reads all projects.'),
      ('lgit_leader',    'lgit: 分管区领导 / 区政府有关会议: special meetings, plan exemptions, terminations.'),
      ('lgit_audit',     'lgit: 区审计部门: reads everything; registers audit settlements and the audit of final accounts.'),
      ('lgit_expert',    'lgit: 评审/验收专家: registers review conclusions, reads all projects.'),
      ('lgit_reader',    'lgit: read-only reporting (BI tools): reads the reports and every row of every table but the Art 29 credentials, writes nothing, moves nothing; registered in lgit.actor as a unit person, its own unit''s rows only.')
    ) AS v(rolname, note)
  LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r.rolname) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r.rolname);
    END IF;
    EXECUTE format('COMMENT ON ROLE %I IS %L', r.rolname, r.note);
    -- An application acts for whoever it names in lgit.actor, so it holds every capacity's
    -- privileges; which of them a write may use is decided per row by the person named.
    IF r.rolname <> 'lgit_reader' AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_auth_members
        WHERE roleid = r.rolname::regrole AND member = 'lgit_app'::regrole) THEN
      EXECUTE format('GRANT %I TO lgit_app', r.rolname);
    END IF;
  END LOOP;
END
$$;

REVOKE ALL ON SCHEMA lgit FROM PUBLIC;
GRANT USAGE ON SCHEMA lgit TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader,
                              lgit_audit, lgit_expert, lgit_reader;

-- Reading: every role of lgit reads every table and view; which rows it sees is row-level
-- security's business (95_security.sql grants SELECT on every relation of the schema, so
-- that a table added by a later file is covered too).

-- Writing: each table to the capacities whose acts it records.  The C guard of each table
-- then checks the person's capacity (and unit) per row; history has no writer but lgit.
-- Projects: created by units (Art 10), moved by whoever an edge of the stage graph names.
GRANT INSERT ON lgit.project TO lgit_unit;
GRANT UPDATE ON lgit.project TO lgit_unit, lgit_authority, lgit_drc, lgit_leader;
-- Evidence: each kind by the capacities lgit.document_kind.registered_by names.
GRANT INSERT, UPDATE, DELETE ON lgit.document TO lgit_unit, lgit_authority, lgit_drc, lgit_leader, lgit_expert, lgit_audit;
-- Art 8: plans filed with the authority; Art 47-50: sanctions by the authority or the DRC.
GRANT INSERT, UPDATE, DELETE ON lgit.special_plan TO lgit_authority;
GRANT INSERT, UPDATE, DELETE ON lgit.sanction TO lgit_authority, lgit_drc;
-- Art 17-19, 31, 37-41: contracts, payment schedules, results and platform connections,
-- kept by the unit (the authority records the filing); Art 42, 43: equipment bought, recorded
-- and corrected, not removed; change orders and payments are appended, never changed.
GRANT INSERT, UPDATE, DELETE ON lgit.contract, lgit.payment_milestone, lgit.result, lgit.platform_connection,
                                lgit.data_access_credential
  TO lgit_unit, lgit_authority;
GRANT INSERT, UPDATE ON lgit.equipment_purchase TO lgit_unit, lgit_authority;
GRANT INSERT ON lgit.change_order TO lgit_unit, lgit_authority;
GRANT INSERT ON lgit.payment TO lgit_unit;
-- Art 32: O&M money is granted by finance.
GRANT INSERT ON lgit.om_funding TO lgit_finance;
-- Art 35, 36: final accounts are kept by the unit, the audit conclusion by the audit department.
GRANT INSERT, UPDATE ON lgit.final_accounts TO lgit_unit, lgit_audit;
-- Art 32: the lists sent to finance, recorded by the authority; the sender is whoever lgit
-- says is acting, never a value typed in.  Art 49: the year's targets and the rectification
-- orders, set by the authority.
GRANT INSERT (sent_on, project_id, project_code, project_name, unit_zh, completion_report, completed_on, warranty_ends)
  ON lgit.om_list_sent TO lgit_authority;
GRANT INSERT (year, measure, target, set_on), UPDATE (target, set_on), DELETE ON lgit.assessment_target TO lgit_authority;
GRANT INSERT, UPDATE ON lgit.rectification_order TO lgit_authority;
-- The working-day calendar is written by nobody directly: the authority loads a year whole with
-- lgit.load_calendar_year() (src/calendar_load.c), and a loaded year is immutable.

-- Functions: nobody may call lgit's functions by default (95_security.sql revokes EXECUTE from
-- PUBLIC on all of them and grants the reading ones to every role of lgit); moving a project
-- is for the capacities that move projects.
REVOKE EXECUTE ON FUNCTION lgit.advance(bigint, lgit.stage, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.advance(bigint, lgit.stage, text)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_leader;
-- Art 10-14, 23: re-approval is the act of the body that approved (the DRC, or the authority
-- for an Art 14 filing); lgit.reapprove() checks which one per project.
REVOKE EXECUTE ON FUNCTION lgit.reapprove(bigint, jsonb, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.reapprove(bigint, jsonb, text, text) TO lgit_drc, lgit_authority;
