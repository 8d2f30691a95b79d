-- lgit.advance() and lgit.blockers() with the stage as text, for drivers that send strings as
-- text or varchar (JDBC setString, psycopg): PostgreSQL casts neither to lgit.stage by itself.
-- A literal ('proposed') also resolves to these; the C code turns the name into the stage and
-- runs the lgit.stage variant, so nothing else differs.  After 95_security.sql: the grants are
-- the lgit.stage variants' own, given here.
CREATE FUNCTION lgit.advance(project_id bigint, to_stage text, reason text DEFAULT NULL)
  RETURNS lgit.history
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_advance_text';
COMMENT ON FUNCTION lgit.advance(bigint, text, text) IS
  'lgit.advance(bigint, lgit.stage, text) with the stage named as text (as drivers send strings); a name that is not a stage is an error (22P02) naming it.';
CREATE FUNCTION lgit.blockers(project_id bigint, to_stage text)
  RETURNS TABLE (code text, article text, message text, facts jsonb, hint text)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_blockers_text';
COMMENT ON FUNCTION lgit.blockers(bigint, text) IS
  'lgit.blockers(bigint, lgit.stage) with the stage named as text (as drivers send strings); a name that is not a stage is an error (22P02) naming it.';

REVOKE ALL ON FUNCTION lgit.advance(bigint, text, text), lgit.blockers(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.advance(bigint, text, text) TO lgit_unit, lgit_authority, lgit_drc, lgit_leader;
GRANT EXECUTE ON FUNCTION lgit.blockers(bigint, text)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
