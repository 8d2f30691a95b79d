-- What schema/95_security.sql gives the objects of schema/72_finding_cache.sql at install: the
-- same privileges for a database updated from 0.1.0 (their row-level security is in
-- 94_finding_marks.sql).  The kept findings
-- are derived, so they are not marked for pg_dump; every project is judged live until the first
-- lgit.refresh_findings().
REVOKE ALL ON lgit.finding, lgit.finding_state, lgit.finding_dirty FROM PUBLIC;
REVOKE ALL ON SEQUENCE lgit.finding_dirty_mark_id_seq FROM PUBLIC;
REVOKE ALL ON FUNCTION lgit.finding_cache_guard(), lgit.finding_mark(), lgit.standing_findings(bigint),
  lgit.calendar_window_findings(date), lgit.refresh_findings(boolean) FROM PUBLIC;
GRANT SELECT ON lgit.finding, lgit.finding_state, lgit.finding_dirty
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
GRANT EXECUTE ON FUNCTION lgit.standing_findings(bigint), lgit.calendar_window_findings(date),
  lgit.refresh_findings(boolean)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
