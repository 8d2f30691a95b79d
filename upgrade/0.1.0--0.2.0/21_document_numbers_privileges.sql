-- What schema/95_security.sql gives the objects of schema/57_document_numbers.sql at install: the same privileges,
-- policies and dump marks for a database updated from 0.1.0.
REVOKE ALL ON FUNCTION lgit.doc_number_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.doc_number_key(text)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
