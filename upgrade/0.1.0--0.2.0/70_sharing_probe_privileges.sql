-- What schema/95_security.sql gives the objects of schema/92_sharing_probe.sql at install: the same privileges,
-- policies and dump marks for a database updated from 0.1.0.
ALTER TABLE lgit.shared_column ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.shared_column
  USING (((SELECT a.capacity <> 'unit' FROM lgit.current_actor() a) OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE')))
         OR document_id IN (SELECT document_id FROM lgit.document))
  WITH CHECK (((SELECT a.capacity <> 'unit' FROM lgit.current_actor() a) OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE')))
              OR document_id IN (SELECT document_id FROM lgit.document));
ALTER TABLE lgit.sharing_probe ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.sharing_probe
  USING (((SELECT a.capacity <> 'unit' FROM lgit.current_actor() a) OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE')))
         OR project_id IN (SELECT project_id FROM lgit.project))
  WITH CHECK (((SELECT a.capacity <> 'unit' FROM lgit.current_actor() a) OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE')))
              OR project_id IN (SELECT project_id FROM lgit.project));
ALTER VIEW lgit.sharing_status SET (security_invoker = true);
REVOKE ALL ON lgit.shared_column, lgit.sharing_probe, lgit.sharing_status FROM PUBLIC;
REVOKE ALL ON SEQUENCE lgit.sharing_probe_probe_id_seq FROM PUBLIC;
GRANT SELECT ON lgit.shared_column, lgit.sharing_probe, lgit.sharing_status
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.probe_sharing(bigint, text, text), lgit.sharing_problem(bigint, date),
  lgit.shared_column_guard(), lgit.sharing_probe_guard() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.probe_sharing(bigint, text, text), lgit.sharing_problem(bigint, date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
SELECT pg_catalog.pg_extension_config_dump('lgit.shared_column', '');
SELECT pg_catalog.pg_extension_config_dump('lgit.sharing_probe', '');
SELECT pg_catalog.pg_extension_config_dump('lgit.sharing_probe_probe_id_seq', '');
