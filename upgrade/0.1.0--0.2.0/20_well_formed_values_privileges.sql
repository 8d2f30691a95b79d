-- What schema/95_security.sql gives the objects of schema/55_well_formed_values.sql at install: the same privileges,
-- policies and dump marks for a database updated from 0.1.0.
REVOKE ALL ON FUNCTION lgit.date_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION lgit.is_a_number(numeric), lgit.is_not_negative(numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.is_a_number(numeric), lgit.is_not_negative(numeric)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
