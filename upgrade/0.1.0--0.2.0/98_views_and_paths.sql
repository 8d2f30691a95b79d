-- What schema/95_security.sql establishes for every view and SQL function, applied again after
-- the fragments above, which re-create some of them (CREATE OR REPLACE resets a function's
-- settings and a view's options): views run as their reader, SQL functions on a pinned path.
DO $$
DECLARE
  v regclass;
  f regprocedure;
BEGIN
  FOR v IN SELECT c.oid FROM pg_catalog.pg_class c
           WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'v' LOOP
    EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', v);
  END LOOP;
  FOR f IN SELECT p.oid FROM pg_catalog.pg_proc p
           JOIN pg_catalog.pg_language l ON l.oid = p.prolang
           WHERE p.pronamespace = 'lgit'::regnamespace AND l.lanname <> 'c'
             AND p.prosqlbody IS NULL
             AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS s WHERE s LIKE 'search\_path=%') LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, pg_temp', f);
  END LOOP;
END
$$;
