-- pgTAP: what an approval judged stays as judged (Art 10-14, 23; issue 9 class 3, issue 10
-- item 3): both sides of the freeze, of who re-approves, and of the approved estimate.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(20);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('RA-U', '重新报批测试街道', 'street'), ('RA-AUTH', '重新报批测试主管部门', 'authority'),
  ('RA-DRC', '重新报批测试发改局', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('ra_unit', 'RA-U', 'unit'), ('ra_authority', 'RA-AUTH', 'authority'),
             ('ra_drc', 'RA-DRC', 'drc')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
CREATE FUNCTION pg_temp.p(code text) RETURNS bigint LANGUAGE sql AS
  $$ SELECT project_id FROM lgit.project WHERE project.code = p.code $$;

SET LOCAL lgit.actor = 'ra_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'RA-1', '重新报批测试', unit_id, 'application', 'new', 8000000 FROM lgit.unit WHERE code = 'RA-U';
SELECT lgit_test.file_complete_evidence(pg_temp.p('RA-1'));

-- Before establishment the unit edits what it proposes ...
SET LOCAL lgit.actor = 'ra_unit';
SELECT lives_ok($$UPDATE lgit.project SET fund_general_budget = 7000000 WHERE code = 'RA-1'$$,
                'before establishment the unit edits its funds');
SELECT lgit.advance(pg_temp.p('RA-1'), 'proposed');
SELECT lives_ok($$UPDATE lgit.project SET fund_general_budget = 8000000 WHERE code = 'RA-1'$$,
                'a proposed project is not yet established: still editable');
SET LOCAL lgit.actor = 'ra_authority';
SELECT lgit.advance(pg_temp.p('RA-1'), 'proposal_approved');
SET LOCAL lgit.actor = 'ra_drc';
SELECT lgit.advance(pg_temp.p('RA-1'), 'established');
SELECT is((SELECT judged->>'fund_general_budget' FROM lgit.history WHERE project_id = pg_temp.p('RA-1')
           ORDER BY seq DESC LIMIT 1), '8000000.00', 'the establishing row seals the funds it judged');

-- ... after it, nobody edits a judged field: not the unit, not the authority, not the DRC.
SET LOCAL lgit.actor = 'ra_unit';
SELECT throws_ok($$UPDATE lgit.project SET fund_general_budget = 1 WHERE code = 'RA-1'$$, 'LG231', NULL,
                 'after establishment the unit may not change its funds');
SELECT throws_ok($$UPDATE lgit.project SET custom_development = true WHERE code = 'RA-1'$$, 'LG231', NULL,
                 '... nor what the project is');
SELECT lives_ok($$UPDATE lgit.project SET name = '重新报批测试（改名）' WHERE code = 'RA-1'$$,
                'a field no gate judged stays the unit''s');
SET LOCAL lgit.actor = 'ra_authority';
SELECT throws_ok($$UPDATE lgit.project SET fund_superior = 1 WHERE code = 'RA-1'$$, 'LG231', NULL,
                 'the authority may not change them either');
SET LOCAL lgit.actor = 'ra_drc';
SELECT throws_ok($$UPDATE lgit.project SET plan_year = 2029 WHERE code = 'RA-1'$$, 'LG231', NULL,
                 'nor the DRC by a plain edit');

-- Re-approval by the body that approved: the DRC here, not the authority or the unit.
SET LOCAL lgit.actor = 'ra_authority';
SELECT throws_ok($$SELECT lgit.reapprove(pg_temp.p('RA-1'), '{"fund_general_budget": 9000000}', 'RA-R-0', '调整')$$,
                 'LG001', NULL, 'the authority does not re-approve what the DRC approved');
SET LOCAL lgit.actor = 'ra_drc';
SELECT is((SELECT kind FROM lgit.reapprove(pg_temp.p('RA-1'), '{"fund_general_budget": 9000000}', 'RA-R-1', '调整')),
          'reapproval', 'the DRC re-approves, recorded as a history row of its own kind');
SELECT is((SELECT fund_general_budget FROM lgit.project WHERE code = 'RA-1'), 9000000.00, 'and the change applies');
SELECT is_empty($$SELECT * FROM lgit.check_project(pg_temp.p('RA-1')) WHERE code = 'LG231'$$,
                'the fields are what the last approval saw');
SELECT is_empty('SELECT * FROM lgit.verify()', 'the chain verifies with the re-approval in it');

-- Around the triggers: check_project() compares with the last approval.
SAVEPOINT around;
ALTER TABLE lgit.project DISABLE TRIGGER USER;
UPDATE lgit.project SET fund_general_budget = 8999999.99 WHERE code = 'RA-1';
SELECT is((SELECT facts->>'changed' FROM lgit.check_project(pg_temp.p('RA-1')) WHERE code = 'LG231'),
          'fund_general_budget', 'a cent below what was approved is reported');
ROLLBACK TO around;

-- Art 23: the approved estimate, not the total, bounds the contracts - both sides of it.
SET LOCAL lgit.actor = 'ra_unit';
SELECT lgit.advance(pg_temp.p('RA-1'), 'design_submitted');
SET LOCAL lgit.actor = 'ra_authority';
SELECT lgit.advance(pg_temp.p('RA-1'), 'design_prereviewed');
SELECT lgit.advance(pg_temp.p('RA-1'), 'design_reviewed');
SET LOCAL lgit.actor = 'ra_drc';
SELECT lgit.advance(pg_temp.p('RA-1'), 'design_approved');
SELECT lgit.reapprove(pg_temp.p('RA-1'), (SELECT jsonb_build_object('approved_estimate', sum(amount))
                                          FROM lgit.contract WHERE project_id = pg_temp.p('RA-1')), 'RA-R-2', '核定概算');
SET LOCAL lgit.actor = 'ra_unit';
SELECT lgit.advance(pg_temp.p('RA-1'), 'procurement');
SELECT is_empty($$SELECT * FROM lgit.blockers(pg_temp.p('RA-1'), 'contracted') WHERE code = 'LG230'$$,
                'contracts equal to the approved estimate are within it');
SET LOCAL lgit.actor = 'ra_drc';
SELECT lgit.reapprove(pg_temp.p('RA-1'), (SELECT jsonb_build_object('approved_estimate', sum(amount) - 0.01)
                                          FROM lgit.contract WHERE project_id = pg_temp.p('RA-1')), 'RA-R-3', '核减概算');
SET LOCAL lgit.actor = 'ra_unit';
SELECT is((SELECT array_agg(code) FROM lgit.blockers(pg_temp.p('RA-1'), 'contracted') WHERE code = 'LG230'),
          '{LG230}', 'a cent over the approved estimate is refused, though the total is far above it');
SELECT cmp_ok((SELECT total_investment FROM lgit.project WHERE code = 'RA-1'), '>',
              (SELECT sum(amount) FROM lgit.contract WHERE project_id = pg_temp.p('RA-1')), 'the total would have allowed it');

-- Art 14: a higher-level project filed by the authority is re-approved by the authority.
SET LOCAL lgit.actor = 'ra_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, superior_funded, fund_superior, fund_general_budget)
SELECT 'RA-14', '市统筹测试', unit_id, 'application', 'new', true, 5000000, 1000000 FROM lgit.unit WHERE code = 'RA-U';
SELECT lgit_test.file_complete_evidence(pg_temp.p('RA-14'));
SET LOCAL lgit.actor = 'ra_authority';
SELECT lgit.advance(pg_temp.p('RA-14'), 'established');
SET LOCAL lgit.actor = 'ra_unit';
SELECT throws_ok($$UPDATE lgit.project SET fund_superior = 6000000 WHERE code = 'RA-14'$$, 'LG231', NULL,
                 'a filed project''s funds are frozen too');
SET LOCAL lgit.actor = 'ra_drc';
SELECT throws_ok($$SELECT lgit.reapprove(pg_temp.p('RA-14'), '{"fund_superior": 6000000}', 'RA-R-14', '市追加')$$,
                 'LG001', NULL, 'the DRC does not re-approve what the authority filed');
SET LOCAL lgit.actor = 'ra_authority';
SELECT is((SELECT capacity FROM lgit.reapprove(pg_temp.p('RA-14'), '{"fund_superior": 6000000}', 'RA-R-14', '市追加')),
          'authority', 'the authority, which filed it, re-approves it');

SELECT * FROM finish();
ROLLBACK;
