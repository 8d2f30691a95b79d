-- Art 47, 48, 50: a sanction names the unit and, where the finding is about one system, that
-- system.  不安排运维经费 (no O&M money) and 已建成项目不予通过验收 (no acceptance) bite on the
-- system named - or on every system of the unit when none is named (a unit-wide finding, and
-- every sanction recorded before systems were named); 不得新建、改建、扩建 bites on the unit's
-- new projects either way.  The system must be one of the sanctioned unit's projects.

ALTER TABLE lgit.project ADD CONSTRAINT project_unit_key UNIQUE (project_id, unit_id);
ALTER TABLE lgit.sanction ADD COLUMN project_id bigint;
ALTER TABLE lgit.sanction ADD CONSTRAINT sanction_system_of_the_unit
  FOREIGN KEY (project_id, unit_id) REFERENCES lgit.project (project_id, unit_id);
CREATE INDEX sanction_project_idx ON lgit.sanction (project_id);
COMMENT ON COLUMN lgit.sanction.project_id IS
  'Art 47, 48, 50: the non-compliant system (a project of the sanctioned unit) whose O&M money stops and whose acceptance is refused; NULL: every system of the unit. The unit''s new projects are barred either way.';
