-- What schema/95_security.sql gives the objects of schema/78_refusal_log.sql at install: the same privileges,
-- policies and dump marks for a database updated from 0.1.0.
REVOKE ALL ON lgit.refusal, lgit.refused_attempts FROM PUBLIC;
REVOKE ALL ON SEQUENCE lgit.refusal_refusal_id_seq FROM PUBLIC;
REVOKE ALL ON FUNCTION lgit.refusal_guard(), lgit.refusal_log_status() FROM PUBLIC;
GRANT SELECT ON lgit.refusal, lgit.refused_attempts
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
GRANT EXECUTE ON FUNCTION lgit.refusal_log_status()
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
ALTER VIEW lgit.refused_attempts SET (security_invoker = true);
SELECT pg_catalog.pg_extension_config_dump('lgit.refusal', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('lgit.refusal', 'refusal_id'), '');
