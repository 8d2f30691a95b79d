-- Guards on the registries the gates read, and the compliance reads (SPEC §7).

CREATE FUNCTION lgit.document_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_document_guard';
COMMENT ON FUNCTION lgit.document_guard() IS
  'Trigger on lgit.document: registered by a capacity the kind allows (a unit only for its own projects), with parts its kind has, recording who registered it; a document a stage change relied on can no longer be altered or removed (LG002).';

CREATE FUNCTION lgit.registry_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_registry_guard';
COMMENT ON FUNCTION lgit.registry_guard() IS
  'Trigger on the district bodies'' registers (special plans, sanctions): only the capacities given as trigger arguments write them (LG001).';

CREATE TRIGGER document_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.document_guard();
CREATE TRIGGER document_no_truncate
  BEFORE TRUNCATE ON lgit.document
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

-- Art 8: the authority records plans filed with it.
CREATE TRIGGER special_plan_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.special_plan
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('authority');
-- Art 47-50: the authority and the DRC impose and lift sanctions.
CREATE TRIGGER sanction_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.sanction
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('authority', 'drc');

CREATE FUNCTION lgit.check_project(project_id bigint)
  RETURNS TABLE (code text, article text, severity text, message text, facts jsonb)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_check_project';
COMMENT ON FUNCTION lgit.check_project(bigint) IS
  'Every rule the project breaks now: each move of its history judged again by the gates on evidence, sanctions and amounts on record, with the policy in force on the day of the move. Empty on an honest database with complete evidence.';

CREATE FUNCTION lgit.check_project(project_id bigint, as_of date)
  RETURNS TABLE (code text, article text, severity text, message text, facts jsonb)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_check_project';
COMMENT ON FUNCTION lgit.check_project(bigint, date) IS
  'lgit.check_project(project_id) with the warning before the working-day calendar''s end judged for as_of instead of today: a project with running working-day deadlines gets an LG009 line from calendar_warning_days before the last loaded day on.';

CREATE VIEW lgit.violations AS
SELECT p.project_id, p.code AS project_code, p.unit_id, p.stage, c.code, c.article, c.severity, c.message, c.facts
FROM lgit.project p
CROSS JOIN LATERAL lgit.check_project(p.project_id) c;
COMMENT ON VIEW lgit.violations IS 'lgit.check_project() for every project: one row per rule a project breaks now.';
