-- Who sees which units' rows, in words: the one rule the row-level security policies
-- (95_security.sql) and the reports that list units (85_reports.sql, 87_ledgers.sql) share.
--
-- The person acting decides.  A registered person sees every unit unless they act in the
-- unit capacity, then their own unit only.  A member of lgit_reader who names nobody (a
-- reporting tool logged in as itself, not registered in lgit.actor) sees every unit.  A role
-- that is both an application and a reader and names a person in lgit.actor gets that
-- person's view, never more: naming someone else than the session's own role switches the
-- reader's privilege off, so a unit's person named through a reporting connection still
-- sees their own unit only, and a name missing from the registry sees nothing.  A reader
-- registered as a unit person is a unit-scoped reader: their own unit's rows, no writes.
--
-- lgit.is_reporting_tool(), lgit.sees_all_units(), lgit.scoped_unit() and lgit.sees_unit():
-- 83_unit_visibility.sql.

-- Art 51: refused attempts are read by the authority, audit and reporting tools
-- (78_refusal_log.sql); a reader naming a person reads as that person.
ALTER POLICY auditors_read ON lgit.refusal USING (
  (SELECT a.capacity IN ('authority', 'audit') FROM lgit.current_actor() a)
  OR (SELECT lgit.is_reporting_tool()));
