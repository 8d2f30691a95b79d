-- After the update from 0.1.0 (test/upgrade.sh): every catalog row 0.1.0 shipped is marked
-- seeded, so pg_dump keeps none of them twice; and a stage named as varchar, as JDBC sends it,
-- reaches lgit.blockers() and lgit.advance().
\set ON_ERROR_STOP on
DO $$
DECLARE
  t text;
  unmarked bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['article', 'rule', 'policy_key', 'stage_info', 'stage_edge', 'document_kind',
                           'document_part'] LOOP
    EXECUTE format('SELECT count(*) FROM lgit.%I WHERE NOT seeded', t) INTO unmarked;
    IF unmarked <> 0 THEN
      RAISE EXCEPTION 'lgit.%: % shipped rows not marked seeded after the update', t, unmarked;
    END IF;
  END LOOP;
END
$$;
SET lgit.actor = 'lc_wang';
DO $$
DECLARE
  codes text;
BEGIN
  SELECT string_agg(code, ' ') INTO codes
  FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-001'), 'construction'::varchar);
  IF codes IS DISTINCT FROM 'LG000' THEN
    RAISE EXCEPTION 'lgit.blockers(bigint, varchar) after the update: % instead of LG000', codes;
  END IF;
END
$$;
