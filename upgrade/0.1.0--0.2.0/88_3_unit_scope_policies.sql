-- The unit_scope policies that name the unit itself (lgit.project, and the tables with a
-- foreign key to lgit.unit) ask lgit.scoped_unit() (88_2, schema/83_unit_visibility.sql) for a
-- unit person's unit, as schema/95_security.sql writes them at install, instead of a function
-- scan over lgit.current_actor(): one call, compiled once per statement.  The rest of each
-- policy is kept; a policy this fragment does not recognise stops the update.
REVOKE ALL ON FUNCTION lgit.scoped_unit() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.scoped_unit() TO PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.scoped_unit()
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;

DO $$
DECLARE
  -- the sub-select as PostgreSQL 15 deparses it, white space aside (inside the update,
  -- search_path is lgit's, so names in lgit may come unqualified)
  old_unit constant text :=
    '\(\s*SELECT a\.unit_id\s+FROM (lgit\.)?current_actor\(\) a\(actor, capacity, unit_id\)\s+'
    'WHERE \(a\.capacity = ''unit''::(lgit\.)?capacity\)\)';
  new_unit constant text := '(SELECT lgit.scoped_unit())';
  r record;
  qual text;
  checked text;
BEGIN
  FOR r IN SELECT p.polrelid::regclass AS tbl, pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,
                  pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS checked
           FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
           WHERE p.polname = 'unit_scope' AND c.relnamespace = 'lgit'::regnamespace
             AND pg_catalog.pg_get_expr(p.polqual, p.polrelid) LIKE '%current_actor()%' LOOP
    qual := regexp_replace(r.qual, old_unit, new_unit);
    checked := regexp_replace(r.checked, old_unit, new_unit);
    IF qual LIKE '%current_actor%' OR checked IS DISTINCT FROM qual THEN
      RAISE EXCEPTION 'lgit: policy unit_scope on % is not the one this update expects: % / %',
        r.tbl, r.qual, r.checked;
    END IF;
    EXECUTE format('ALTER POLICY unit_scope ON %s USING (%s) WITH CHECK (%s)', r.tbl, qual, checked);
  END LOOP;
END
$$;
