-- Every backend keeps a copy of the tables each check reads (stage graph, policy, actor
-- registry, working-day calendar).  A write to one of them fires this statement trigger,
-- which tells every backend to reload its copy before the next use (src/cache.c).

CREATE FUNCTION lgit.invalidate_cache() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_invalidate_cache';
COMMENT ON FUNCTION lgit.invalidate_cache() IS
  'Statement trigger on lgit''s cached tables (stage graph, policy, actors, units, calendar): tells every backend to reload its copy.';
