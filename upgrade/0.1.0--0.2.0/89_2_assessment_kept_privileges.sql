-- What schema/95_security.sql gives the objects of 89_1_assessment_kept.sql at install: every
-- role of lgit reads the kept figures (row-level security scopes them) and calls the functions
-- that read; PUBLIC nothing.  The kept figures are derived, so they are not marked for pg_dump.
REVOKE ALL ON lgit.assessment_state, lgit.assessment_fact FROM PUBLIC;
GRANT SELECT ON lgit.assessment_state, lgit.assessment_fact
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.deadline_outcomes(date, bigint[]), lgit.assessment_facts(date, bigint[]),
  lgit.annual_assessment_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.deadline_outcomes(date, bigint[]), lgit.assessment_facts(date, bigint[]),
  lgit.annual_assessment_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
