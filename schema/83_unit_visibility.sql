-- Who sees which units' rows (84_scope.sql says who, in words).  Its own file, so that the
-- update from 0.1.0 runs these very definitions over the SQL ones that
-- upgrade/0.1.0--0.2.0/80_reader_scope.sql gave it.
-- The row-level security policies call them once per statement each (95_security.sql), so
-- they are one C call each (src/unit_visibility.c): an SQL expression over
-- lgit.current_actor() is compiled at every executor start, four calls of it and a function
-- scan for each statement of an application's role.
CREATE OR REPLACE FUNCTION lgit.is_reporting_tool() RETURNS boolean
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_is_reporting_tool';
COMMENT ON FUNCTION lgit.is_reporting_tool() IS
  'True when a member of lgit_reader reads as itself: it names nobody else in lgit.actor and is not registered there. A reader that names a person, or is registered as one, reads as that person.';

CREATE OR REPLACE FUNCTION lgit.sees_all_units() RETURNS boolean
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_sees_all_units';
COMMENT ON FUNCTION lgit.sees_all_units() IS
  'True when the person acting sees every unit''s rows: a registered person of any capacity but unit, or a member of lgit_reader that names nobody else in lgit.actor and is not itself registered. A unit person (including a reader registered as one) sees their own unit only.';

CREATE OR REPLACE FUNCTION lgit.scoped_unit() RETURNS int
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_scoped_unit';
COMMENT ON FUNCTION lgit.scoped_unit() IS
  'The unit whose rows a unit-capacity person sees: the unit lgit.actor registers them in. NULL for everyone else: whoever sees every unit (lgit.sees_all_units()) and whoever is not registered, who sees nothing.';

CREATE OR REPLACE FUNCTION lgit.sees_unit(unit_id int) RETURNS boolean
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_sees_unit';
COMMENT ON FUNCTION lgit.sees_unit(int) IS
  'True when the person acting may see the unit''s rows (lgit.sees_all_units(), or it is their own unit: lgit.scoped_unit()). Reports that list units use it, so a unit does not see the others listed as zeros.';
