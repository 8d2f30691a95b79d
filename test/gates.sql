-- pgTAP: the money thresholds of the pre-construction gates, on both sides of each line,
-- each judged by lgit.blockers() on otherwise complete evidence (doc/lgit.md §4: 以上 includes the
-- number, 不少于 includes it).
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(19);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('GT-A', '门槛测试街道', 'street'), ('GT-AUTH', '门槛测试主管部门', 'authority'), ('GT-DRC', '门槛测试发改', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('gt_unit', 'GT-A', 'unit'), ('gt_authority', 'GT-AUTH', 'authority'), ('gt_drc', 'GT-DRC', 'drc'))
     AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

-- Projects of unit GT-A with complete evidence; amounts in general budget unless stated.
CREATE FUNCTION pg_temp.project(code text, budget numeric, social numeric DEFAULT 0) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE p bigint;
BEGIN
  PERFORM set_config('lgit.actor', 'gt_unit', true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, fund_social_capital)
  SELECT project.code, '门槛测试', unit_id, 'application', 'new', budget, social FROM lgit.unit WHERE unit.code = 'GT-A'
  RETURNING project_id INTO p;
  PERFORM lgit_test.file_complete_evidence(p);
  PERFORM set_config('lgit.actor', 'gt_unit', true);
  RETURN p;
END $$;

CREATE FUNCTION pg_temp.blocked_by(p bigint, to_stage lgit.stage, actor text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE codes text[];
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  SELECT coalesce(array_agg(code ORDER BY code), '{}') INTO codes FROM lgit.blockers(p, to_stage);
  RETURN codes;
END $$;

CREATE FUNCTION pg_temp.to_established(p bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('lgit.actor', 'gt_unit', true);
  PERFORM lgit.advance(p, 'proposed');
  PERFORM set_config('lgit.actor', 'gt_authority', true);
  PERFORM lgit.advance(p, 'proposal_approved');
  PERFORM set_config('lgit.actor', 'gt_drc', true);
  PERFORM lgit.advance(p, 'established');
  RETURN p;
END $$;

-- Art 2, 3: district funds of 500,000 or more.
SELECT is(pg_temp.blocked_by(pg_temp.project('GT-1', 499999.99), 'proposed', 'gt_unit'), '{LG020}',
          '499,999.99 of district funds is out of scope');
SELECT is(pg_temp.blocked_by(pg_temp.project('GT-2', 500000.00), 'proposed', 'gt_unit'), '{}',
          '500,000.00 of district funds is in scope');
SELECT is(pg_temp.blocked_by(pg_temp.project('GT-3', 499999.99, 1000000), 'proposed', 'gt_unit'), '{LG020}',
          'social capital does not count as district funds');

-- Art 10: the special meeting from 10,000,000 (the helper registered its minutes; withdraw them).
SELECT pg_temp.project('GT-4', 9999999.99), pg_temp.project('GT-5', 10000000.00);
SET LOCAL lgit.actor = 'gt_unit';
DELETE FROM lgit.document d USING lgit.project p
WHERE d.project_id = p.project_id AND p.code IN ('GT-4', 'GT-5') AND d.kind = 'leader_special_meeting_minutes';
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-4'), 'proposed', 'gt_unit'), '{}',
          '9,999,999.99 needs no special meeting');
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-5'), 'proposed', 'gt_unit'), '{LG101}',
          '10,000,000.00 needs the special meeting');

-- Art 11: the feasibility study from 50,000,000.
SELECT pg_temp.to_established(pg_temp.project('GT-6', 49999999.99));
SELECT pg_temp.to_established(pg_temp.project('GT-7', 50000000.00));
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-6'), 'design_submitted', 'gt_unit'), '{}',
          '49,999,999.99 goes straight to design');
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-6'), 'feasibility_submitted', 'gt_unit'), '{LG110}',
          '49,999,999.99 may not enter the feasibility path');
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-7'), 'design_submitted', 'gt_unit'), '{LG110}',
          '50,000,000.00 may not skip the feasibility study');
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-7'), 'feasibility_submitted', 'gt_unit'), '{}',
          '50,000,000.00 enters the feasibility path');

-- Art 12: not fewer than 3 quotes (from distinct organisations) for equipment.
SELECT pg_temp.to_established(pg_temp.project('GT-8', 2000000));
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-8'), 'design_submitted', 'gt_unit'), '{}',
          '3 quotes are enough');
SET LOCAL lgit.actor = 'gt_unit';
DELETE FROM lgit.document d USING lgit.project p
WHERE d.project_id = p.project_id AND p.code = 'GT-8' AND d.kind = 'market_quote' AND d.issuer = '报价单位3';
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-8'), 'design_submitted', 'gt_unit'), '{LG121}',
          '2 quotes are not');

-- Art 26: contracts of 1000万 or more (含) need the expert preliminary-acceptance meeting.  The
-- helper's contract is 80 % of the total: 12,499,999.99 -> 9,999,999.99; 12,500,000 -> 10,000,000.
CREATE FUNCTION pg_temp.walk(p bigint, target lgit.stage) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  cur lgit.stage;
  e lgit.stage_edge;
BEGIN
  LOOP
    SELECT stage INTO cur FROM lgit.project WHERE project_id = p;
    EXIT WHEN cur = target;
    SELECT * INTO e FROM lgit.stage_edge
    WHERE from_stage = cur AND kind = 'forward' AND condition IS DISTINCT FROM 'feasibility_required'
    ORDER BY to_stage LIMIT 1;
    PERFORM set_config('lgit.actor', 'gt_' || e.capacities[1], true);
    PERFORM lgit.advance(p, e.to_stage);
  END LOOP;
  RETURN p;
END $$;
SELECT pg_temp.walk(pg_temp.project('GT-10', 12499999.99), 'self_tested'),
       pg_temp.walk(pg_temp.project('GT-11', 12500000.00), 'self_tested');
SET LOCAL lgit.actor = 'gt_unit';
DELETE FROM lgit.document d USING lgit.project p
WHERE d.project_id = p.project_id AND p.code IN ('GT-10', 'GT-11') AND d.kind = 'expert_preliminary_acceptance_minutes';
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-10'), 'trial_operation', 'gt_unit'), '{}',
          'a contract of 9,999,999.99 needs no expert preliminary acceptance');
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-11'), 'trial_operation', 'gt_unit'), '{LG260}',
          'a contract of 10,000,000.00 needs the expert preliminary acceptance');

-- Each gate is refused and then passes once its evidence is registered (here: Art 13).
SELECT pg_temp.to_established(pg_temp.project('GT-9', 3000000));
SET LOCAL lgit.actor = 'gt_unit';
SELECT lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_submitted');
SET LOCAL lgit.actor = 'gt_authority';
SELECT lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_prereviewed');
SELECT lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_reviewed');
-- the helper's conclusion and opinion are withdrawn and replaced by a rejecting opinion
DELETE FROM lgit.document d USING lgit.project p
WHERE d.project_id = p.project_id AND p.code = 'GT-9' AND d.kind IN ('expert_review_conclusion', 'authority_design_opinion');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'authority_design_opinion', 'GT-9-OP-1', '审核意见', '门槛测试主管部门', '2026-02-01', sha256('op1'::bytea), 'rejected'
FROM lgit.project WHERE code = 'GT-9';
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_approved', 'gt_drc'), '{LG130}',
          'no expert conclusion and a rejecting opinion block the approval');
SET LOCAL lgit.actor = 'gt_authority';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, k, 'GT-9-' || k, '结论', '门槛测试主管部门', '2026-02-10', sha256(convert_to(k, 'UTF8')), 'approved'
FROM lgit.project, unnest(ARRAY['expert_review_conclusion', 'authority_design_opinion']) AS k WHERE code = 'GT-9';
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_approved', 'gt_drc'), '{}',
          'the approving conclusion and opinion unblock it');
SELECT is(pg_temp.blocked_by((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_approved', 'gt_unit'), '{LG001}',
          'the unit still cannot approve its own design');

-- The approval relies on the latest documents, which are then part of the record.
SET LOCAL lgit.actor = 'gt_drc';
SELECT is((SELECT cardinality(evidence) FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'GT-9'), 'design_approved')),
          3, 'the approval relied on the expert conclusion, the authority''s opinion and the DRC''s 概算批复');
SET LOCAL lgit.actor = 'gt_authority';
SELECT throws_ok($$DELETE FROM lgit.document WHERE doc_number = 'GT-9-authority_design_opinion'$$, 'LG002', NULL,
                 'a relied-on opinion cannot be withdrawn');
SELECT is_empty($$SELECT * FROM lgit.violations WHERE project_code LIKE 'GT-%'$$, 'no violations on complete evidence');

SELECT * FROM finish();
ROLLBACK;
