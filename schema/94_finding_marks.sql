-- Which writes mark which projects for lgit.refresh_findings() (72_finding_cache.sql): every
-- table lgit.check_project() reads, directly or through a gate, fires lgit.finding_mark() for
-- each row written, naming the column that says which projects the row bears on.  The marks
-- fire in replica mode too (ENABLE ALWAYS): rows a restore or a subscriber applies change
-- findings as much as any.  test/finding_cache.sql fails for a table of lgit that is in
-- neither list below.
--
-- A move marks no more than the projects naming it as their previous phase (they read its
-- stage): the history row lgit appends for it moves the project's head, and a project whose
-- head moved since it was judged is judged live (72_finding_cache.sql).  A move lgit does not
-- append for - a row applied in replica mode, the stage guard disabled - marks as any write.
--
-- Not marked, because no check reads them: lgit.actor (the actor of a move is lgit.verify()'s
-- to judge), lgit.history_head (written with each history row), lgit.refusal,
-- lgit.om_list_sent, lgit.assessment_target, lgit.rectification_order (read by reports only),
-- and the kept findings themselves.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT t::regclass AS tbl, args
    FROM (VALUES
      -- the project's own record
      ('lgit.project', 'project_id'), ('lgit.history', 'project_id'), ('lgit.document', 'project_id'),
      ('lgit.contract', 'project_id'), ('lgit.data_access_credential', 'project_id'),
      ('lgit.equipment_purchase', 'project_id'), ('lgit.final_accounts', 'project_id'),
      ('lgit.om_funding', 'project_id'), ('lgit.platform_connection', 'project_id'),
      ('lgit.result', 'project_id'), ('lgit.sharing_probe', 'project_id'),
      -- through a contract
      ('lgit.change_order', 'contract_id'), ('lgit.payment', 'contract_id'),
      ('lgit.payment_milestone', 'contract_id'),
      -- a unit's projects: its sanctions (Art 47-50), its name in messages
      ('lgit.sanction', 'unit_id'), ('lgit.unit', 'unit_id'),
      -- every project: the calendar, policy, special plans and the catalogs the checks read
      ('lgit.calendar_day', ''), ('lgit.calendar_year', ''), ('lgit.policy', ''),
      ('lgit.policy_key', ''), ('lgit.special_plan', ''), ('lgit.article', ''), ('lgit.rule', ''),
      ('lgit.document_kind', ''), ('lgit.document_part', ''), ('lgit.stage_edge', ''),
      ('lgit.stage_info', ''), ('lgit.registry', ''), ('lgit.registry_column', ''),
      ('lgit.shared_column', '')
    ) AS m(t, args)
  LOOP
    EXECUTE format('CREATE TRIGGER finding_mark AFTER INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION lgit.finding_mark(%s)',
                   r.tbl, CASE WHEN r.args = '' THEN '' ELSE quote_literal(r.args) END);
    EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER finding_mark', r.tbl);
  END LOOP;
END
$$;

-- The kept findings, the kept assessment figures (87_assessment_kept.sql) and the marks are
-- scoped like the tables hanging off lgit.project (95_security.sql): a unit sees its own
-- projects' rows.  (A database updated from 0.1.0 runs this file after both.)
DO $$
DECLARE
  t regclass;
BEGIN
  FOREACH t IN ARRAY ARRAY['lgit.finding_state', 'lgit.finding', 'lgit.finding_dirty',
                           'lgit.assessment_state', 'lgit.assessment_fact']::regclass[] LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY unit_scope ON %s USING (%s) WITH CHECK (%s)', t,
                   '(SELECT lgit.sees_all_units()) OR project_id IN (SELECT project_id FROM lgit.project)',
                   '(SELECT lgit.sees_all_units()) OR project_id IN (SELECT project_id FROM lgit.project)');
  END LOOP;
END
$$;
