-- What schema/95_security.sql gives lgit.sharing_status_on() and lgit.om_eligible_on()
-- (schema/92_sharing_probe.sql, run by 70_sharing_probe.sql before this fragment) at install:
-- every role of lgit calls the functions that read; PUBLIC nothing.  98_views_and_paths.sql
-- pins their path.
REVOKE ALL ON FUNCTION lgit.sharing_status_on(date), lgit.om_eligible_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.sharing_status_on(date), lgit.om_eligible_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
