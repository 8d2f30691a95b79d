-- What schema/95_security.sql gives the objects of schema/44_shenzhen_time.sql at install: the same
-- privileges for a database updated from 0.1.0.
REVOKE ALL ON FUNCTION lgit.shenzhen_month(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.shenzhen_month(timestamptz)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
