-- pgTAP: every foreign key of an lgit table is backed by an index that starts with its
-- columns, so that the checks, which look rows up by project, contract or document, and the
-- referential actions never read a whole table.  Walks the catalogs: a table added later that
-- forgets its index fails here by name.
BEGIN;
SELECT plan(2);

CREATE TEMP VIEW unindexed_foreign_key AS
SELECT c.conrelid::regclass AS tab, c.conname,
       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
          FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns
FROM pg_constraint c
WHERE c.contype = 'f'
  AND c.connamespace = 'lgit'::regnamespace
  AND NOT EXISTS (
        SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND i.indpred IS NULL
          AND i.indnkeyatts >= cardinality(c.conkey)
          -- the index's leading key columns are exactly the foreign key's, in any order
          AND (SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
            = (SELECT array_agg(x ORDER BY x) FROM unnest(c.conkey) x));

SELECT cmp_ok((SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'lgit'::regnamespace),
              '>=', 20::bigint, 'the walk sees lgit''s foreign keys');

SELECT is_empty('SELECT tab::text, conname, columns FROM unindexed_foreign_key ORDER BY 1, 2',
                'every foreign key of an lgit table has an index starting with its columns');

SELECT * FROM finish();
ROLLBACK;
