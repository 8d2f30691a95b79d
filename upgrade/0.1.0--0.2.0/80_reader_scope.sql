-- Readers and units (schema/84_scope.sql, 85_reports.sql, 90_privileges.sql, 95_security.sql):
-- one definition of who sees every unit, used by every unit_scope policy and the reports that
-- list units; a reader naming a person gets that person's view only; reporting tools do not
-- read the Art 29 credentials; the scorecard lists only the units its reader may see.
CREATE FUNCTION lgit.is_reporting_tool() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT a.capacity IS NULL AND a.actor = session_user AND pg_has_role('lgit_reader', 'USAGE')
    FROM lgit.current_actor() a
  $$;
COMMENT ON FUNCTION lgit.is_reporting_tool() IS
  'True when a member of lgit_reader reads as itself: it names nobody else in lgit.actor and is not registered there. A reader that names a person, or is registered as one, reads as that person.';

CREATE FUNCTION lgit.sees_all_units() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT CASE WHEN a.capacity IS NOT NULL THEN a.capacity <> 'unit' ELSE lgit.is_reporting_tool() END
    FROM lgit.current_actor() a
  $$;
COMMENT ON FUNCTION lgit.sees_all_units() IS
  'True when the person acting sees every unit''s rows: a registered person of any capacity but unit, or a member of lgit_reader that names nobody else in lgit.actor and is not itself registered. A unit person (including a reader registered as one) sees their own unit only.';

CREATE FUNCTION lgit.sees_unit(unit_id int) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT lgit.sees_all_units()
        OR sees_unit.unit_id = (SELECT a.unit_id FROM lgit.current_actor() a WHERE a.capacity = 'unit')
  $$;
COMMENT ON FUNCTION lgit.sees_unit(int) IS
  'True when the person acting may see the unit''s rows (lgit.sees_all_units(), or it is their own unit). Reports that list units use it, so a unit does not see the others listed as zeros.';

-- Art 51: refused attempts are read by the authority, audit and reporting tools
-- (78_refusal_log.sql); a reader naming a person reads as that person.
ALTER POLICY auditors_read ON lgit.refusal USING (
  (SELECT a.capacity IN ('authority', 'audit') FROM lgit.current_actor() a)
  OR (SELECT lgit.is_reporting_tool()));
ALTER FUNCTION lgit.is_reporting_tool() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lgit.sees_all_units() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lgit.sees_unit(int) SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION lgit.sees_unit(int) FROM PUBLIC;
-- every policy calls them with the privileges of whoever reads (95_security.sql)
GRANT EXECUTE ON FUNCTION lgit.is_reporting_tool(), lgit.sees_all_units() TO PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.is_reporting_tool(), lgit.sees_all_units(), lgit.sees_unit(int)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;

-- Every unit_scope policy of 0.1.0 begins with the same two tests of who sees all, then names
-- the unit or parent: the two become the call of lgit.sees_all_units(), the rest is kept.
DO $$
DECLARE
  r record;
  reader_test constant text := 'AS pg_has_role) OR ';
  rest text;
BEGIN
  FOR r IN SELECT p.polrelid::regclass AS tbl, pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual
           FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
           WHERE p.polname = 'unit_scope' AND c.relnamespace = 'lgit'::regnamespace LOOP
    IF strpos(r.qual, 'pg_has_role(''lgit_reader''') = 0 OR strpos(r.qual, reader_test) = 0 THEN
      RAISE EXCEPTION 'lgit: policy unit_scope on % is not the one 0.1.0 installed: %', r.tbl, r.qual;
    END IF;
    -- the deparsed policy is ((capacity test) OR (reader test) OR (own rows)): keep (own rows)
    rest := substr(r.qual, strpos(r.qual, reader_test) + length(reader_test));
    rest := '(SELECT lgit.sees_all_units()) OR ' || left(rest, -1);
    EXECUTE format('ALTER POLICY unit_scope ON %s USING (%s) WITH CHECK (%s)', r.tbl, rest, rest);
  END LOOP;
END
$$;

REVOKE SELECT ON lgit.data_access_credential FROM lgit_reader;
COMMENT ON ROLE lgit_reader IS
  'lgit: read-only reporting (BI tools): reads the reports and every row of every table but the Art 29 credentials, writes nothing, moves nothing; registered in lgit.actor as a unit person, its own unit''s rows only.';

-- The reports of schema/85_reports.sql (copied as it is, after the calendar's fragment made the
-- scorecard a function of the day): money as numeric(16,2), and the scorecard aggregated once
-- per source and limited to the units its reader may see.
DROP VIEW lgit.pipeline, lgit.unit_scorecard;
DROP FUNCTION lgit.unit_scorecard_on(date);
-- Stable views for reporting tools (doc/lgit.md §7), with Chinese and English labels.

CREATE VIEW lgit.pipeline AS
SELECT p.plan_year, u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       p.stage, i.label_zh AS stage_zh, i.label_en AS stage_en,
       count(*) AS projects,
       sum(p.total_investment)::numeric(16,2) AS total_investment,
       sum(p.district_funds)::numeric(16,2) AS district_funds
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
JOIN lgit.stage_info i USING (stage)
GROUP BY p.plan_year, u.unit_id, u.name_zh, u.name_en, p.stage, i.label_zh, i.label_en;
COMMENT ON VIEW lgit.pipeline IS
  '项目储备与资金: projects and money (total investment, district funds) by plan year, unit and stage, with the stage''s Chinese and English labels.';

CREATE FUNCTION lgit.unit_scorecard_on(as_of date)
RETURNS TABLE (unit_id int, unit_zh text, unit_en text, projects bigint, in_delivery bigint,
               completed bigint, terminated bigint, total_investment numeric, overdue_items bigint,
               violations bigint, sanctions_in_force bigint)
LANGUAGE sql STABLE
AS $$
SELECT u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       coalesce(p.projects, 0) AS projects,
       coalesce(p.in_delivery, 0) AS in_delivery,
       coalesce(p.completed, 0) AS completed,
       coalesce(p.terminated, 0) AS terminated,
       coalesce(p.total_investment, 0) AS total_investment,
       coalesce(o.overdue_items, 0) AS overdue_items,
       coalesce(v.violations, 0) AS violations,
       coalesce(s.sanctions_in_force, 0) AS sanctions_in_force
FROM lgit.unit u
-- each source aggregated once and joined by unit: the units listed are the ones the reader
-- may see (lgit.sees_unit), so a unit person does not see the others as zeros
LEFT JOIN (SELECT unit_id, count(*) AS projects,
                  count(*) FILTER (WHERE stage BETWEEN 'construction' AND 'handover_verified') AS in_delivery,
                  count(*) FILTER (WHERE stage = 'completed') AS completed,
                  count(*) FILTER (WHERE stage = 'terminated') AS terminated,
                  sum(total_investment) AS total_investment
           FROM lgit.project GROUP BY unit_id) p USING (unit_id)
LEFT JOIN (SELECT q.unit_id, count(*) AS overdue_items
           FROM lgit.overdue_on(as_of) o JOIN lgit.project q USING (project_id) GROUP BY q.unit_id) o USING (unit_id)
-- LG009 says the calendar is not loaded, not that the unit broke a rule
LEFT JOIN (SELECT unit_id, count(*) AS violations FROM lgit.violations WHERE code <> 'LG009' GROUP BY unit_id) v
  USING (unit_id)
LEFT JOIN (SELECT unit_id, count(*) AS sanctions_in_force FROM lgit.sanction
           WHERE imposed_on <= as_of AND (lifted_on IS NULL OR lifted_on > as_of)
           GROUP BY unit_id) s USING (unit_id)
WHERE u.kind IN ('street', 'department') AND lgit.sees_unit(u.unit_id)
$$;
COMMENT ON FUNCTION lgit.unit_scorecard_on(date) IS
  '年度绩效考评 (Art 49) as of a day: per street and department the reader may see (lgit.sees_unit), projects by state, investment, obligations late on as_of (lgit.overdue_on, provisional ones included), rules broken now (lgit.violations, without the calendar notice LG009) and sanctions in force on as_of.';

CREATE VIEW lgit.unit_scorecard AS
SELECT unit_id, unit_zh, unit_en, projects, in_delivery, completed, terminated,
       total_investment::numeric(16,2) AS total_investment, overdue_items, violations, sanctions_in_force
FROM lgit.unit_scorecard_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.unit_scorecard IS
  '年度绩效考评 (Art 49): per street and department, the inputs of the authority''s annual assessment - projects by state, investment, late obligations (lgit.overdue), rules broken now (lgit.violations) and sanctions in force today.';
ALTER VIEW lgit.pipeline SET (security_invoker = true);
ALTER VIEW lgit.unit_scorecard SET (security_invoker = true);
ALTER FUNCTION lgit.unit_scorecard_on(date) SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON lgit.pipeline, lgit.unit_scorecard FROM PUBLIC;
REVOKE ALL ON FUNCTION lgit.unit_scorecard_on(date) FROM PUBLIC;
GRANT SELECT ON lgit.pipeline, lgit.unit_scorecard
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
GRANT EXECUTE ON FUNCTION lgit.unit_scorecard_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
