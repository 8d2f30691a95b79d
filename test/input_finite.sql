-- pgTAP: money and counts are numbers.  Walks every numeric and floating-point column of every
-- table of lgit (generated sums aside) and, on a copy of the table with its checks, shows the
-- column takes a number and refuses 'NaN', 'Infinity' and '-Infinity'.  A column added later
-- without the check fails here.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT no_plan();

CREATE FUNCTION pg_temp.numeric_columns() RETURNS TABLE (tbl regclass, relname name, attname name)
LANGUAGE sql AS $$
  SELECT r.oid::regclass, r.relname, a.attname
  FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid
  WHERE r.relnamespace = 'lgit'::regnamespace AND r.relkind = 'r'
    AND a.atttypid IN ('numeric'::regtype, 'real'::regtype, 'double precision'::regtype)
    AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
  ORDER BY r.relname, a.attnum
$$;

CREATE FUNCTION pg_temp.non_numbers_refused() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  c record;
  v text;
  copy text;
BEGIN
  FOR c IN SELECT * FROM pg_temp.numeric_columns() LOOP
    copy := 'finite_' || c.relname;
    IF to_regclass('pg_temp.' || copy) IS NULL THEN
      EXECUTE format('CREATE TEMP TABLE %I (LIKE %s INCLUDING CONSTRAINTS)', copy, c.tbl);
      -- only the column under test is given: no other column's NOT NULL may stand in the way
      EXECUTE (SELECT string_agg(format('ALTER TABLE %I ALTER COLUMN %I DROP NOT NULL', copy, a.attname), '; ')
               FROM pg_attribute a WHERE a.attrelid = ('pg_temp.' || copy)::regclass AND a.attnum > 0 AND NOT a.attisdropped);
    END IF;
    RETURN NEXT lives_ok(format('INSERT INTO %I (%I) VALUES (1)', copy, c.attname),
                         format('%s.%s takes a number', c.tbl, c.attname));
    FOREACH v IN ARRAY ARRAY['NaN', 'Infinity', '-Infinity'] LOOP
      RETURN NEXT throws_ok(format('INSERT INTO %I (%I) VALUES (%L)', copy, c.attname, v), NULL, NULL,
                            format('%s.%s refuses %s', c.tbl, c.attname, v));
    END LOOP;
  END LOOP;
END $$;

SELECT cmp_ok((SELECT count(*)::int FROM pg_temp.numeric_columns()), '>=', 14,
              'the walk covers the funds of a project, every amount, the surplus and policy values');
SELECT * FROM pg_temp.non_numbers_refused();

-- The real table refuses it with the check's name.
SELECT throws_ok($$ INSERT INTO lgit.policy (key, value, in_force)
                    VALUES ('feasibility_min_investment', 'NaN', daterange('2099-01-01', NULL)) $$,
                 '23514', 'new row for relation "policy" violates check constraint "value_is_a_number"',
                 'policy refuses NaN');

SELECT * FROM finish();
ROLLBACK;
