-- pgTAP: no NULL inside an array.  Walks every array column of every table of lgit and, on a
-- copy of the table with its checks, shows the column takes an array (one it holds, or an empty
-- one) and refuses the same array with a NULL appended (`x = ANY (a)` is NULL, not false, once
-- a holds one).  A column added later without the check fails here.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT no_plan();

CREATE FUNCTION pg_temp.array_columns() RETURNS TABLE (tbl regclass, relname name, attname name, type text)
LANGUAGE sql AS $$
  SELECT r.oid::regclass, r.relname, a.attname, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
  WHERE r.relnamespace = 'lgit'::regnamespace AND r.relkind = 'r'
    AND t.typcategory = 'A' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
  ORDER BY r.relname, a.attnum
$$;

CREATE FUNCTION pg_temp.null_elements_refused() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  c record;
  copy text;
  sample text;
BEGIN
  FOR c IN SELECT * FROM pg_temp.array_columns() LOOP
    copy := 'no_nulls_' || c.relname;
    IF to_regclass('pg_temp.' || copy) IS NULL THEN
      EXECUTE format('CREATE TEMP TABLE %I (LIKE %s INCLUDING CONSTRAINTS)', copy, c.tbl);
      -- only the column under test is given: no other column's NOT NULL may stand in the way
      EXECUTE (SELECT string_agg(format('ALTER TABLE %I ALTER COLUMN %I DROP NOT NULL', copy, a.attname), '; ')
               FROM pg_attribute a WHERE a.attrelid = ('pg_temp.' || copy)::regclass AND a.attnum > 0 AND NOT a.attisdropped);
    END IF;
    EXECUTE format('SELECT %I::text FROM %s WHERE cardinality(%I) > 0 LIMIT 1', c.attname, c.tbl, c.attname) INTO sample;
    sample := coalesce(sample, '{}');
    RETURN NEXT lives_ok(format('INSERT INTO %I (%I) VALUES (%L::%s)', copy, c.attname, sample, c.type),
                         format('%s.%s takes %s', c.tbl, c.attname, sample));
    RETURN NEXT throws_ok(format('INSERT INTO %I (%I) VALUES (array_append(%L::%s, NULL))', copy, c.attname, sample, c.type),
                          '23514', NULL, format('%s.%s refuses a NULL element', c.tbl, c.attname));
  END LOOP;
END $$;

SELECT cmp_ok((SELECT count(*)::int FROM pg_temp.array_columns()), '>=', 6,
              'the walk covers parts, capacities, articles and evidence');
SELECT * FROM pg_temp.null_elements_refused();

SELECT * FROM finish();
ROLLBACK;
