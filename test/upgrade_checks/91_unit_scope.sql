-- After the update from 0.1.0 (test/upgrade.sh): the unit_scope policies the update rewrote
-- (lgit.scoped_unit() for the unit, 88_3) still give a unit person their own unit's projects
-- and nothing else, and the authority every project.  Read through a role that is not a
-- superuser, as an application naming each person in lgit.actor; nothing is kept.
\set ON_ERROR_STOP on
BEGIN;
CREATE ROLE regress_upgrade_scope IN ROLE lgit_unit, lgit_authority;
DO $$
DECLARE
  own_unit int := (SELECT unit_id FROM lgit.actor WHERE actor_name = 'lc_wang' AND capacity = 'unit');
  own bigint := (SELECT count(*) FROM lgit.project WHERE unit_id = own_unit);
  every bigint := (SELECT count(*) FROM lgit.project);
  seen bigint;
  foreign_rows bigint;
BEGIN
  IF own_unit IS NULL OR own = 0 OR own = every THEN
    RAISE EXCEPTION 'the 0.1.0 data no longer has a unit person with some projects but not all (own %, every %)',
      own, every;
  END IF;
  SET LOCAL ROLE regress_upgrade_scope;
  PERFORM set_config('lgit.actor', 'lc_wang', true);
  SELECT count(*), count(*) FILTER (WHERE unit_id <> own_unit) INTO seen, foreign_rows FROM lgit.project;
  IF seen <> own OR foreign_rows <> 0 THEN
    RAISE EXCEPTION 'after the update a unit person sees % projects, % of other units (own unit: %)',
      seen, foreign_rows, own;
  END IF;
  PERFORM set_config('lgit.actor', 'zsj_chen', true);
  SELECT count(*) INTO seen FROM lgit.project;
  IF seen <> every THEN
    RAISE EXCEPTION 'after the update the authority sees % projects of %', seen, every;
  END IF;
  RESET ROLE;
END
$$;
ROLLBACK;
