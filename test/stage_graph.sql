-- pgTAP: the whole stage graph of doc/lgit.md §3, exhaustively.
--   * every edge passes for each capacity it allows and fails (LG001) for every other one,
--     and for a unit acting on another unit's project;
--   * every pair of stages that is not an edge fails with LG000;
--   * the conditions on edges (Art 11 fork, Art 14 filing, going back where it came from).
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql

-- Fixture: one unit per kind and one actor per capacity, plus a second street.
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('TAP-A', '测试甲街道', 'street'), ('TAP-B', '测试乙街道', 'street'),
  ('TAP-AUTH', '测试主管部门', 'authority'), ('TAP-DRC', '测试发改', 'drc'),
  ('TAP-FIN', '测试财政', 'finance'), ('TAP-GOV', '测试区政府', 'government'),
  ('TAP-AUD', '测试审计', 'audit');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('tap_unit', 'TAP-A', 'unit'), ('tap_other_unit', 'TAP-B', 'unit'),
             ('tap_authority', 'TAP-AUTH', 'authority'), ('tap_drc', 'TAP-DRC', 'drc'),
             ('tap_finance', 'TAP-FIN', 'finance'), ('tap_leader', 'TAP-GOV', 'leader'),
             ('tap_audit', 'TAP-AUD', 'audit'), ('tap_expert', 'TAP-AUTH', 'expert'))
     AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

-- Tries a move as an actor; returns 'ok' or the SQLSTATE it failed with.
CREATE FUNCTION pg_temp.try_move(p bigint, to_stage lgit.stage, actor text)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM lgit.advance(p, to_stage, 'tap');
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $$;

CREATE FUNCTION pg_temp.actor_for(c lgit.capacity) RETURNS text
LANGUAGE sql AS $$ SELECT 'tap_' || c::text $$;

-- A new project of unit TAP-A: big (60,000,000, feasibility path) or small (8,000,000).
CREATE FUNCTION pg_temp.new_project(big boolean, superior boolean DEFAULT false)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE p bigint;
BEGIN
  PERFORM set_config('lgit.actor', 'tap_unit', true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type,
                            fund_general_budget, superior_funded, fund_superior)
  SELECT 'TAP-' || gen_random_uuid(), 'tap', unit_id, 'application', 'new',
         CASE WHEN big THEN 60000000 ELSE 8000000 END, superior,
         CASE WHEN superior THEN 1000000 ELSE 0 END
  FROM lgit.unit WHERE code = 'TAP-A'
  RETURNING project_id INTO p;
  -- the evidence gates are tested elsewhere; here every project has complete evidence
  PERFORM lgit_test.file_complete_evidence(p);
  PERFORM set_config('lgit.actor', 'tap_unit', true);
  RETURN p;
END $$;

-- Moves a project forward along the lifecycle until it reaches target, each step made by
-- the first capacity its edge allows.
CREATE FUNCTION pg_temp.walk(p bigint, target lgit.stage) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cur lgit.stage;
  nxt lgit.stage;
  cap lgit.capacity;
BEGIN
  LOOP
    SELECT stage INTO cur FROM lgit.project WHERE project_id = p;
    EXIT WHEN cur = target;
    -- the forward edge whose condition this project meets
    SELECT e.to_stage, e.capacities[1] INTO nxt, cap
    FROM lgit.stage_edge e
    WHERE e.from_stage = cur AND e.kind = 'forward'
      AND NOT EXISTS (SELECT FROM lgit.blockers(p, e.to_stage) b WHERE b.code = 'LG110')
    ORDER BY e.to_stage LIMIT 1;
    IF nxt IS NULL OR nxt > target THEN
      RAISE EXCEPTION 'cannot walk project % from % to %', p, cur, target;
    END IF;
    PERFORM set_config('lgit.actor', pg_temp.actor_for(cap), true);
    PERFORM lgit.advance(p, nxt, 'tap');
  END LOOP;
END $$;

-- A project standing at the from-stage of an edge, meeting the edge's conditions.
CREATE FUNCTION pg_temp.project_at(e lgit.stage_edge) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  big boolean := e.condition IS NOT DISTINCT FROM 'feasibility_required'
              OR e.from_stage IN ('feasibility_submitted', 'feasibility_approved')
              OR e.to_stage IN ('feasibility_submitted', 'feasibility_approved');
  p bigint := pg_temp.new_project(big, e.condition IS NOT DISTINCT FROM 'superior_funded');
BEGIN
  IF e.from_stage = 'suspended' THEN
    -- suspended from the stage it resumes to (or from established, to be terminated)
    PERFORM pg_temp.walk(p, CASE WHEN e.kind = 'resume' THEN e.to_stage ELSE 'established' END);
    PERFORM set_config('lgit.actor', 'tap_authority', true);
    PERFORM lgit.advance(p, 'suspended', 'tap');
  ELSE
    PERFORM pg_temp.walk(p, e.from_stage);
  END IF;
  RETURN p;
END $$;

CREATE FUNCTION pg_temp.edge_tests() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  e lgit.stage_edge;
  c lgit.capacity;
  p bigint;
BEGIN
  FOR e IN SELECT * FROM lgit.stage_edge ORDER BY from_stage, to_stage LOOP
    -- refused for every capacity the edge does not allow, on one project ...
    p := pg_temp.project_at(e);
    FOREACH c IN ARRAY enum_range(NULL::lgit.capacity) LOOP
      CONTINUE WHEN c = ANY (e.capacities);
      RETURN NEXT is(pg_temp.try_move(p, e.to_stage, pg_temp.actor_for(c)), 'LG001',
                     format('%s -> %s refused for %s', e.from_stage, e.to_stage, c));
    END LOOP;
    IF 'unit' = ANY (e.capacities) THEN
      RETURN NEXT is(pg_temp.try_move(p, e.to_stage, 'tap_other_unit'), 'LG001',
                     format('%s -> %s refused for another unit', e.from_stage, e.to_stage));
    END IF;
    -- ... and made by each capacity it allows, each on a project of its own.
    FOREACH c IN ARRAY e.capacities LOOP
      IF p IS NULL THEN
        p := pg_temp.project_at(e);
      END IF;
      RETURN NEXT is(pg_temp.try_move(p, e.to_stage, pg_temp.actor_for(c)), 'ok',
                     format('%s -> %s made by %s', e.from_stage, e.to_stage, c));
      p := NULL;
    END LOOP;
  END LOOP;
END $$;

CREATE FUNCTION pg_temp.non_edge_tests() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  s lgit.stage;
  t lgit.stage;
  p bigint;
BEGIN
  FOREACH s IN ARRAY enum_range(NULL::lgit.stage) LOOP
    IF s = 'suspended' THEN
      p := pg_temp.new_project(false);
      PERFORM pg_temp.walk(p, 'construction');
      PERFORM set_config('lgit.actor', 'tap_authority', true);
      PERFORM lgit.advance(p, 'suspended', 'tap');
    ELSIF s = 'terminated' THEN
      p := pg_temp.new_project(false);
      PERFORM set_config('lgit.actor', 'tap_leader', true);
      PERFORM lgit.advance(p, 'terminated', 'tap');
    ELSE
      p := pg_temp.new_project(s IN ('feasibility_submitted', 'feasibility_approved'));
      PERFORM pg_temp.walk(p, s);
    END IF;
    FOREACH t IN ARRAY enum_range(NULL::lgit.stage) LOOP
      CONTINUE WHEN EXISTS (SELECT FROM lgit.stage_edge WHERE from_stage = s AND to_stage = t);
      -- whoever tries, and in every capacity, the answer is LG000
      RETURN NEXT is(pg_temp.try_move(p, t, 'tap_authority'), 'LG000',
                     format('%s -> %s is not an edge', s, t));
    END LOOP;
  END LOOP;
END $$;

SELECT plan(
  (SELECT sum(7 - cardinality(capacities) + ('unit' = ANY (capacities))::int + cardinality(capacities))::int
   FROM lgit.stage_edge)
  + (SELECT 21 * 21 - count(*)::int FROM lgit.stage_edge)
  + 8);

SELECT * FROM pg_temp.edge_tests();
SELECT * FROM pg_temp.non_edge_tests();

-- Art 11: the fork follows total investment (boundaries in sql/04).
SELECT is(pg_temp.try_move(pg_temp.new_project(false), 'proposed', 'tap_unit'), 'ok', 'small project proposed');
SELECT is(
  (SELECT pg_temp.try_move(p, 'feasibility_submitted', 'tap_unit')
   FROM (SELECT pg_temp.new_project(false) AS p) x, LATERAL pg_temp.walk(x.p, 'established')),
  'LG110', 'a project under 50,000,000 may not enter the feasibility path');
SELECT is(
  (SELECT pg_temp.try_move(p, 'design_submitted', 'tap_unit')
   FROM (SELECT pg_temp.new_project(true) AS p) x, LATERAL pg_temp.walk(x.p, 'established')),
  'LG110', 'a project of 50,000,000 or more may not skip the feasibility study');
-- Art 14: only a superior-funded project is filed into established.
SELECT is(pg_temp.try_move(pg_temp.new_project(false), 'established', 'tap_authority'), 'LG000',
          'an ordinary project is not filed into established');
-- Returns and resumption go back where the project came from.
SELECT is(
  (SELECT pg_temp.try_move(p, 'feasibility_approved', 'tap_authority')
   FROM (SELECT pg_temp.new_project(false) AS p) x, LATERAL pg_temp.walk(x.p, 'design_submitted')),
  'LG000', 'a design submitted from established is not returned to feasibility_approved');
SELECT is(
  (SELECT pg_temp.try_move(p, 'established', 'tap_drc')
   FROM (SELECT pg_temp.new_project(true) AS p) x, LATERAL pg_temp.walk(x.p, 'design_reviewed')),
  'LG000', 'a design submitted from feasibility_approved is not returned to established');
SELECT is(
  (SELECT pg_temp.try_move(p, 'construction', 'tap_authority')
   FROM (SELECT pg_temp.new_project(false) AS p) x,
        LATERAL pg_temp.walk(x.p, 'contracted'),
        LATERAL pg_temp.try_move(x.p, 'suspended', 'tap_authority') AS suspended),
  'LG000', 'a project suspended at contracted resumes only to contracted');
-- Returns, suspensions and terminations need a reason.
CREATE FUNCTION pg_temp.advance_as(actor text, p bigint, to_stage lgit.stage, reason text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM lgit.advance(p, to_stage, reason);
END $$;
SELECT throws_ok(
  format('SELECT pg_temp.advance_as(''tap_leader'', %s, ''terminated'', NULL)', pg_temp.new_project(false)),
  'LG003', NULL, 'termination without a reason is refused with LG003');

SELECT * FROM finish();
ROLLBACK;
