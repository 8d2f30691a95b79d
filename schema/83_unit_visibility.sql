-- Who sees every unit (84_scope.sql says who sees which units' rows).  Its own file, so that
-- the update from 0.1.0 runs this very definition over the one with a string body that
-- upgrade/0.1.0--0.2.0/80_reader_scope.sql gave it.
-- lgit.is_reporting_tool() and lgit.sees_all_units() are expressions stored parsed (RETURN):
-- a policy applies them to every statement of an application's role, and an expression is
-- inlined into the plan where a body kept as a string would be parsed and planned again for
-- each statement (95_security.sql).
CREATE OR REPLACE FUNCTION lgit.is_reporting_tool() RETURNS boolean
  LANGUAGE sql STABLE
  RETURN (lgit.current_actor()).capacity IS NULL AND (lgit.current_actor()).actor = session_user
         AND pg_has_role('lgit_reader', 'USAGE');
COMMENT ON FUNCTION lgit.is_reporting_tool() IS
  'True when a member of lgit_reader reads as itself: it names nobody else in lgit.actor and is not registered there. A reader that names a person, or is registered as one, reads as that person.';

CREATE OR REPLACE FUNCTION lgit.sees_all_units() RETURNS boolean
  LANGUAGE sql STABLE
  RETURN CASE WHEN (lgit.current_actor()).capacity IS NOT NULL THEN (lgit.current_actor()).capacity <> 'unit'
              ELSE lgit.is_reporting_tool() END;
COMMENT ON FUNCTION lgit.sees_all_units() IS
  'True when the person acting sees every unit''s rows: a registered person of any capacity but unit, or a member of lgit_reader that names nobody else in lgit.actor and is not itself registered. A unit person (including a reader registered as one) sees their own unit only.';
