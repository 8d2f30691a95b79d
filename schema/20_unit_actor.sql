-- Who acts: organisations (units) and the actor registry (actor -> unit, capacity), doc/lgit.md §2.

CREATE TABLE lgit.unit (
  unit_id  int  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code     text NOT NULL UNIQUE,
  name_zh  text NOT NULL,
  name_en  text,
  kind     lgit.unit_kind NOT NULL
);
COMMENT ON TABLE lgit.unit IS
  'Organisations: streets (街道) and departments (部门) that build projects, and the district bodies that review, approve, fund and audit them.';

CREATE TABLE lgit.actor (
  actor_name   text PRIMARY KEY,
  unit_id      int  NOT NULL REFERENCES lgit.unit,
  capacity     lgit.capacity NOT NULL,
  display_name text
);
COMMENT ON TABLE lgit.actor IS
  'Actor registry: the person acting (lgit.actor when asserted by a member of lgit_app, else session_user) mapped to the unit they work for and the capacity they act in. An actor not listed here may write nothing.';
COMMENT ON COLUMN lgit.actor.capacity IS 'The capacity of doc/lgit.md §2; a unit-capacity actor acts only on its own unit''s projects.';

-- Applications that authenticate people themselves are trusted to name them in lgit.actor.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'lgit_app') THEN
    CREATE ROLE lgit_app NOLOGIN;
  END IF;
END
$$;
COMMENT ON ROLE lgit_app IS 'lgit: members may assert the acting person in the lgit.actor setting.';
