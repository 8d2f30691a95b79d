-- What schema/95_security.sql and 90_privileges.sql give the objects of the report files
-- (schema/87_ledgers.sql, 88_assessment.sql, 89_report_labels.sql, run by the links before
-- this fragment) at install.
ALTER TABLE lgit.om_list_sent ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.om_list_sent
  USING ((SELECT lgit.sees_all_units()) OR project_id IN (SELECT project_id FROM lgit.project))
  WITH CHECK ((SELECT lgit.sees_all_units()) OR project_id IN (SELECT project_id FROM lgit.project));
ALTER TABLE lgit.rectification_order ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.rectification_order
  USING ((SELECT lgit.sees_all_units()) OR unit_id = (SELECT a.unit_id FROM lgit.current_actor() a WHERE a.capacity = 'unit'))
  WITH CHECK ((SELECT lgit.sees_all_units()) OR unit_id = (SELECT a.unit_id FROM lgit.current_actor() a WHERE a.capacity = 'unit'));
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_catalog.pg_class c
           WHERE c.relnamespace = 'lgit'::regnamespace
             AND (c.relname IN ('om_list_sent', 'assessment_target', 'rectification_order',
                                'om_list_sent_sent_id_seq', 'rectification_order_order_id_seq',
                                'stage_order', 'contract_funds', 'project_funds', 'unit_funds', 'project_register',
                                'om_lists_sent', 'monthly_stage_entries', 'monthly_investment', 'unit_deadlines',
                                'review_turnaround', 'rectification_status', 'annual_assessment', 'assessment_vs_target')
                  OR c.relkind = 'v' AND c.relname !~ '^[a-z_]+$') LOOP
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', r.rel);
    IF r.relkind = 'v' THEN
      EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', r.rel);
    END IF;
    IF r.relkind IN ('r', 'v') THEN
      EXECUTE format('GRANT SELECT ON %s TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, '
                     'lgit_audit, lgit_expert, lgit_reader', r.rel);
    END IF;
    IF r.relkind IN ('r', 'S') THEN
      PERFORM pg_catalog.pg_extension_config_dump(r.rel, '');
    END IF;
  END LOOP;
END
$$;
ALTER FUNCTION lgit.send_om_list(date) SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION lgit.send_om_list(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.send_om_list(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
-- 90_privileges.sql: the writes
GRANT INSERT (sent_on, project_id, project_code, project_name, unit_zh, completion_report, completed_on, warranty_ends)
  ON lgit.om_list_sent TO lgit_authority;
GRANT INSERT (year, measure, target, set_on), UPDATE (target, set_on), DELETE ON lgit.assessment_target TO lgit_authority;
GRANT INSERT, UPDATE ON lgit.rectification_order TO lgit_authority;
ALTER FUNCTION lgit.month_starts(date, date) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lgit.years_from(int, int) SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION lgit.month_starts(date, date), lgit.years_from(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.month_starts(date, date), lgit.years_from(int, int)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.approved_estimates(), lgit.contract_totals() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.approved_estimates(), lgit.contract_totals()
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.unit_deadlines_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.unit_deadlines_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.review_turnaround_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.review_turnaround_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
