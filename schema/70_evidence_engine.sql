-- Guards on the registries the gates read, and the compliance reads (doc/lgit.md §7).

-- One guard for every registry (Art 4, 21).  Each table the gates read is described by a row of
-- lgit.registry: who writes it, through which column a row belongs to a project (and so to a
-- unit), and when its rows become part of the record; lgit.registry_column names the columns
-- that record another body's act.  lgit.registry_guard() reads the description, so a new
-- registry is a row here, not a new function.
CREATE TABLE lgit.registry (
  relname               name       PRIMARY KEY,
  owner_column          name       NOT NULL CHECK (owner_column IN ('project_id', 'contract_id', 'unit_id')),
  writers               lgit.capacity[] NOT NULL
                        CONSTRAINT writers_without_nulls CHECK (array_position(writers, NULL) IS NULL),
  writers_by_kind       boolean    NOT NULL DEFAULT false,
  append_only           boolean    NOT NULL DEFAULT false,
  frozen_from           lgit.stage,
  frozen_when_relied_on boolean    NOT NULL DEFAULT false,
  frozen_when_filed     boolean    NOT NULL DEFAULT false,
  article               text       NOT NULL
);
COMMENT ON TABLE lgit.registry IS
  'The registries lgit.registry_guard() guards and how: who writes each (a unit only for its own projects), and when a row becomes part of the record and can no longer be altered or removed (LG002).';
COMMENT ON COLUMN lgit.registry.owner_column IS 'How a row belongs to a unit: through its project (project_id), its contract''s project (contract_id), or directly (unit_id).';
COMMENT ON COLUMN lgit.registry.writers IS 'Capacities that write rows of the table; an update or delete needs the actor to be entitled to the row before and after (LG001).';
COMMENT ON COLUMN lgit.registry.writers_by_kind IS 'The writers of a row are those of its kind (lgit.document_kind.registered_by) instead.';
COMMENT ON COLUMN lgit.registry.append_only IS 'Rows are never altered or removed; a correction is another row (LG002).';
COMMENT ON COLUMN lgit.registry.frozen_from IS 'Rows freeze once the project has entered this stage; a move into it locks them until it commits.';
COMMENT ON COLUMN lgit.registry.frozen_when_relied_on IS 'A row freezes once a stage change relied on it (lgit.history.evidence).';
COMMENT ON COLUMN lgit.registry.frozen_when_filed IS 'A row freezes once its contract is filed with the authority (Art 19, 31): the filed contract and its payment schedule stay as filed.';

CREATE TABLE lgit.registry_column (
  relname      name       NOT NULL REFERENCES lgit.registry,
  attname      name       NOT NULL,
  writers      lgit.capacity[] NOT NULL
               CONSTRAINT writers_without_nulls CHECK (array_position(writers, NULL) IS NULL),
  after_freeze boolean    NOT NULL DEFAULT false,
  article      text       NOT NULL,
  frozen_from  lgit.stage,
  PRIMARY KEY (relname, attname)
);
COMMENT ON TABLE lgit.registry_column IS
  'Columns that record an act of a particular body (Art 4: each fact is written by the body that performs it), or that freeze later than their row. Only the capacities named set, change or clear them; a row carrying such a fact is removed only by them as well.';
COMMENT ON COLUMN lgit.registry_column.after_freeze IS 'The act may still be recorded (from empty to a value) after the row froze, e.g. a filing after the move that relied on the row.';
COMMENT ON COLUMN lgit.registry_column.frozen_from IS 'The column freezes only once the project entered this stage, later than its row (unless a move relied on the row itself): what a later move judges stays open until that move; a move into it locks the row.';

-- The guard keeps a copy of the descriptions per backend; a change reloads it everywhere.
CREATE TRIGGER registry_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.registry
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
CREATE TRIGGER registry_column_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.registry_column
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();

CREATE FUNCTION lgit.registry_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_registry_guard';
COMMENT ON FUNCTION lgit.registry_guard() IS
  'Trigger on every registry of lgit.registry: the actor must be entitled (capacity, own unit) to the row before and after the change, each column of lgit.registry_column is written only by its body, references point only at rows the actor can see, and rows that froze stay as they were (LG001, LG002).';

CREATE FUNCTION lgit.reference_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_reference_guard';
COMMENT ON FUNCTION lgit.reference_guard() IS
  'Trigger on lgit.project: a reference (previous phase, special plan) may point only at a row the actor can see; one that does not is refused without saying whether it exists (LG001).';
CREATE TRIGGER project_reference_guard
  BEFORE INSERT OR UPDATE ON lgit.project
  FOR EACH ROW EXECUTE FUNCTION lgit.reference_guard();

INSERT INTO lgit.registry (relname, owner_column, writers, writers_by_kind, frozen_when_relied_on, article) VALUES
('document', 'project_id', '{}', true, true, '4, 21');
INSERT INTO lgit.registry (relname, owner_column, writers, article) VALUES
('special_plan', 'unit_id', '{authority}', '8'),
('sanction',     'unit_id', '{authority,drc}', '47-50');
-- Art 11, 12: 正式受理 starts the authority's review clock; Art 30: 报区信息化主管部门备案.
INSERT INTO lgit.registry_column (relname, attname, writers, after_freeze, article) VALUES
('document', 'accepted_on', '{authority}', false, '11, 12'),
('document', 'filed_on',    '{authority}', true,  '30, 32');

CREATE TRIGGER document_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER document_no_truncate
  BEFORE TRUNCATE ON lgit.document
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

-- Art 8: the authority records plans filed with it.
CREATE TRIGGER special_plan_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.special_plan
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
-- Art 47-50: the authority and the DRC impose and lift sanctions.
CREATE TRIGGER sanction_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.sanction
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();

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


-- Art 34: the industry department (a department in the unit capacity) registers its review of
-- another unit's termination, although it does not see that unit's projects.
CREATE POLICY department_review ON lgit.document FOR INSERT
  WITH CHECK (kind IN (SELECT k.kind FROM lgit.document_kind k WHERE k.by_other_department)
              AND (SELECT a.capacity = 'unit' FROM lgit.current_actor() a));
