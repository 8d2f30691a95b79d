-- Art 47, 48, 50: a sanction names the non-compliant system; O&M money and acceptance stop for
-- that system only.  Sanctions recorded under 0.1.0 name none and so keep biting on every
-- system of their unit (as before) until the authority names the system.
ALTER TABLE lgit.project ADD CONSTRAINT project_unit_key UNIQUE (project_id, unit_id);
ALTER TABLE lgit.sanction ADD COLUMN project_id bigint;
ALTER TABLE lgit.sanction ADD CONSTRAINT sanction_system_of_the_unit
  FOREIGN KEY (project_id, unit_id) REFERENCES lgit.project (project_id, unit_id);
CREATE INDEX sanction_project_idx ON lgit.sanction (project_id);
COMMENT ON COLUMN lgit.sanction.project_id IS
  'Art 47, 48, 50: the non-compliant system (a project of the sanctioned unit) whose O&M money stops and whose acceptance is refused; NULL: every system of the unit. The unit''s new projects are barred either way.';
