-- pgTAP: what the text requires and no more (Art 14, 16, 22, 24, 26, 29, 33, 34, 38) and the
-- sanctions where they bite (Art 47-50), each condition on both sides.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(34);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('ST-A', '文本测试街道', 'street'), ('ST-B', '文本测试部门', 'department'), ('ST-AUTH', '文本测试主管部门', 'authority'),
  ('ST-DRC', '文本测试发改', 'drc'), ('ST-GOV', '文本测试区政府', 'government'), ('ST-FIN', '文本测试财政', 'finance');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('st_unit', 'ST-A', 'unit'), ('st_unit_b', 'ST-B', 'unit'), ('st_authority', 'ST-AUTH', 'authority'),
             ('st_drc', 'ST-DRC', 'drc'), ('st_leader', 'ST-GOV', 'leader'), ('st_finance', 'ST-FIN', 'finance'))
     AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

CREATE FUNCTION pg_temp.project(code text, category text, budget numeric, walk lgit.stage DEFAULT 'draft',
                                superior boolean DEFAULT false, unit_code text DEFAULT 'ST-A',
                                contract_amount numeric DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE p bigint;
BEGIN
  PERFORM set_config('lgit.actor', CASE unit_code WHEN 'ST-A' THEN 'st_unit' ELSE 'st_unit_b' END, true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, fund_superior, superior_funded)
  SELECT project.code, '文本测试', unit_id, category::lgit.project_category, 'new',
         CASE WHEN superior THEN 0 ELSE budget END, CASE WHEN superior THEN budget ELSE 0 END, superior
  FROM lgit.unit WHERE unit.code = unit_code
  RETURNING project_id INTO p;
  PERFORM lgit_test.file_complete_evidence(p, contract_amount);
  IF walk <> 'draft' THEN PERFORM lgit_test.walk_to(p, walk); END IF;
  RETURN p;
END $$;

CREATE FUNCTION pg_temp.codes(p bigint, target lgit.stage, actor text) RETURNS text[] LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  RETURN (SELECT coalesce(array_agg(DISTINCT code ORDER BY code), '{}') FROM lgit.blockers(p, target));
END $$;

CREATE FUNCTION pg_temp.as_unit(sql text, actor text DEFAULT 'st_unit') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  EXECUTE sql;
END $$;

-- Art 29: custom development is what the project is.
SELECT pg_temp.project('ST-29-APP', 'application', 6000000), pg_temp.project('ST-29-INT', 'integration', 6000000),
       pg_temp.project('ST-29-FLAG', 'integration', 6000000), pg_temp.project('ST-29-CON', 'integration', 6000000);
SELECT pg_temp.as_unit($$DELETE FROM lgit.document WHERE kind = 'source_code_handover'
                         AND project_id IN (SELECT project_id FROM lgit.project WHERE code LIKE 'ST-29-%')$$);
SELECT pg_temp.as_unit($$UPDATE lgit.project SET custom_development = true WHERE code IN ('ST-29-APP', 'ST-29-FLAG')$$);
-- (a filed contract is part of the record: the software-development contract is a second one)
SELECT pg_temp.as_unit($$INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor,
                           supervisor_qualified, acceptance_clause, ownership_clause, warranty_months, software_development)
                         SELECT project_id, 'ST-29-CON-software', '测试软件开发单位', 1000, date '2026-01-10', '测试监理单位',
                                true, true, true, 24, true
                         FROM lgit.project WHERE code = 'ST-29-CON'$$);
SELECT pg_temp.as_unit($$UPDATE lgit.contract SET filed_on = date '2026-01-15' WHERE doc_number = 'ST-29-CON-software'$$,
                       'st_authority');
SELECT lgit_test.walk_to(project_id, 'security_tested') FROM lgit.project WHERE code LIKE 'ST-29-%' ORDER BY code;
SELECT throws_ok($$SELECT pg_temp.as_unit($q$UPDATE lgit.project SET custom_development = false WHERE code = 'ST-29-APP'$q$)$$,
                 'LG231', NULL, 'Art 13, 23: after establishment the unit cannot clear the flag');
SELECT pg_temp.as_unit($$SELECT lgit.reapprove(project_id, '{"custom_development": false}', 'ST-R-29', '撤销定制开发声明')
                         FROM lgit.project WHERE code = 'ST-29-APP'$$, 'st_drc');
SELECT ok('LG291' = ANY (pg_temp.codes(project_id, 'handover_verified', 'st_authority')),
          'Art 29: an application project uploads its source even after the unit clears the flag')
FROM lgit.project WHERE code = 'ST-29-APP';
SELECT ok(NOT 'LG291' = ANY (pg_temp.codes(project_id, 'handover_verified', 'st_authority')),
          'Art 29: an integration project without software development uploads nothing')
FROM lgit.project WHERE code = 'ST-29-INT';
SELECT ok('LG291' = ANY (pg_temp.codes(project_id, 'handover_verified', 'st_authority')),
          'Art 29: the unit''s declaration adds custom development')
FROM lgit.project WHERE code = 'ST-29-FLAG';
SELECT ok('LG291' = ANY (pg_temp.codes(project_id, 'handover_verified', 'st_authority')),
          'Art 29: a software-development contract makes it custom development')
FROM lgit.project WHERE code = 'ST-29-CON';
SET LOCAL lgit.actor = 'st_unit';
SELECT throws_ok(format($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
                          VALUES (%s, 'source_code_exemption', 'ST-EX-0', '成品软件', '文本测试街道', '2026-03-01', sha256('ex0'::bytea))$$,
                        (SELECT project_id FROM lgit.project WHERE code = 'ST-29-APP')),
                 'LG001', NULL, 'Art 29: the unit cannot exempt itself');
SELECT pg_temp.as_unit(format($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
                                VALUES (%s, 'source_code_exemption', 'ST-EX-1', '成品软件，无定制开发', '文本测试主管部门', '2026-03-01', sha256('ex1'::bytea))$$,
                              (SELECT project_id FROM lgit.project WHERE code = 'ST-29-APP')), 'st_authority');
SELECT ok(NOT 'LG291' = ANY (pg_temp.codes(project_id, 'handover_verified', 'st_authority')),
          'Art 29: the authority''s exemption of an off-the-shelf product lifts the upload')
FROM lgit.project WHERE code = 'ST-29-APP';

-- Art 38: the ownership clause of software-development contracts.
SELECT pg_temp.project('ST-38-INT', 'integration', 6000000, 'procurement'), pg_temp.project('ST-38-APP', 'application', 6000000, 'procurement');
-- (the filed contract is part of the record: each project signs a second one, without the clause)
SELECT pg_temp.as_unit($$INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor,
                           supervisor_qualified, acceptance_clause, ownership_clause, warranty_months)
                         SELECT project_id, code || '-b', '测试第二承建单位', 1000, date '2026-01-10', '测试监理单位',
                                true, true, false, 24
                         FROM lgit.project WHERE code LIKE 'ST-38-%'$$);
SELECT is(pg_temp.codes(project_id, 'contracted', 'st_unit'), '{}', 'Art 38: a contract that develops no software needs no ownership clause')
FROM lgit.project WHERE code = 'ST-38-INT';
SELECT is(pg_temp.codes(project_id, 'contracted', 'st_unit'), '{LG380}', 'Art 38: an application project''s contract does')
FROM lgit.project WHERE code = 'ST-38-APP';
SELECT pg_temp.as_unit($$UPDATE lgit.contract SET software_development = true WHERE doc_number = 'ST-38-INT-b'$$);
SELECT is(pg_temp.codes(project_id, 'contracted', 'st_unit'), '{LG380}', 'Art 38: so does a software-development contract')
FROM lgit.project WHERE code = 'ST-38-INT';

-- Art 14: a higher-level project goes from established to procurement; a district one does not.
SELECT pg_temp.project('ST-14-SUP', 'application', 70000000, superior => true), pg_temp.project('ST-14-DIS', 'application', 6000000, 'established');
SELECT pg_temp.as_unit($$SELECT lgit.advance(project_id, 'established') FROM lgit.project WHERE code = 'ST-14-SUP'$$, 'st_authority');
SELECT is(pg_temp.codes(project_id, 'procurement', 'st_unit'), '{}', 'Art 14: a filed higher-level project goes on to procurement')
FROM lgit.project WHERE code = 'ST-14-SUP';
SELECT is(pg_temp.codes(project_id, 'procurement', 'st_unit'), '{LG000}', 'Art 14: a district project takes the district''s approvals first')
FROM lgit.project WHERE code = 'ST-14-DIS';

-- Art 34: the unit withdraws its own never-proposed draft; not one that entered the procedure.
SELECT pg_temp.project('ST-34-NEW', 'application', 6000000), pg_temp.project('ST-34-RET', 'application', 6000000, 'proposed');
SELECT pg_temp.as_unit($$SELECT lgit.advance(project_id, 'draft', '退回') FROM lgit.project WHERE code = 'ST-34-RET'$$, 'st_authority');
SELECT pg_temp.as_unit($$DELETE FROM lgit.document WHERE kind = 'termination_approval'
                         AND project_id IN (SELECT project_id FROM lgit.project WHERE code LIKE 'ST-34-%')$$, 'st_leader');
SELECT is(pg_temp.codes(project_id, 'terminated', 'st_unit'), '{LG003}', 'Art 34: a never-proposed draft needs only the unit''s reason')
FROM lgit.project WHERE code = 'ST-34-NEW';
SELECT is(pg_temp.codes(project_id, 'terminated', 'st_unit'), '{LG003,LG340}', 'Art 34: a returned draft is the leader''s to terminate, on the procedure')
FROM lgit.project WHERE code = 'ST-34-RET';
SELECT is(pg_temp.codes(project_id, 'terminated', 'st_unit_b'), '{LG001,LG003}', 'Art 4: another unit cannot withdraw it')
FROM lgit.project WHERE code = 'ST-34-NEW';
SELECT pg_temp.as_unit($$SELECT lgit.advance(project_id, 'terminated', '撤回') FROM lgit.project WHERE code = 'ST-34-NEW'$$);
-- (no audit department acts in this test, so no settlement is on file)
SELECT is((SELECT count(*) FROM lgit.check_project(project_id)), 0::bigint, 'Art 34: a withdrawn draft owes no audit settlement')
FROM lgit.project WHERE code = 'ST-34-NEW';

-- Art 26: the expert preliminary acceptance is for a contract of 10,000,000 or more, each on its own.
SELECT pg_temp.project('ST-26-SPLIT', 'application', 15000000, contract_amount => 6000000),
       pg_temp.project('ST-26-AT', 'application', 15000000, contract_amount => 10000000),
       pg_temp.project('ST-26-UNDER', 'application', 15000000, contract_amount => 9999999.99);
SELECT pg_temp.as_unit($$DELETE FROM lgit.document WHERE kind = 'expert_preliminary_acceptance_minutes'
                         AND project_id IN (SELECT project_id FROM lgit.project WHERE code LIKE 'ST-26-%')$$);
SELECT pg_temp.as_unit($$INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                                                    acceptance_clause, ownership_clause, warranty_months)
                         SELECT project_id, 'ST-26-SPLIT-B', '承建单位乙', 6000000, '2026-01-10', '监理', true, true, true, 24
                         FROM lgit.project WHERE code = 'ST-26-SPLIT'$$);
SELECT pg_temp.as_unit($$UPDATE lgit.contract SET filed_on = '2026-01-15' WHERE doc_number = 'ST-26-SPLIT-B'$$, 'st_authority');
SELECT lgit_test.walk_to(project_id, 'self_tested') FROM lgit.project WHERE code LIKE 'ST-26-%' ORDER BY code;
SELECT is(pg_temp.codes(project_id, 'trial_operation', 'st_unit'), '{}', 'Art 26: two contracts of 6,000,000 need no expert meeting')
FROM lgit.project WHERE code = 'ST-26-SPLIT';
SELECT is(pg_temp.codes(project_id, 'trial_operation', 'st_unit'), '{LG260}', 'Art 26: a contract of 10,000,000 (含) does')
FROM lgit.project WHERE code = 'ST-26-AT';
SELECT is(pg_temp.codes(project_id, 'trial_operation', 'st_unit'), '{}', 'Art 26: one of 9,999,999.99 does not')
FROM lgit.project WHERE code = 'ST-26-UNDER';

-- Art 16: the responsible person is named before construction, not at establishment.
SELECT pg_temp.project('ST-16', 'application', 6000000, 'proposal_approved');
SELECT pg_temp.as_unit($$UPDATE lgit.project SET responsible_person = NULL WHERE code = 'ST-16'$$);
SELECT is(pg_temp.codes(project_id, 'established', 'st_drc'), '{}', 'Art 16: establishment does not wait for the responsible person')
FROM lgit.project WHERE code = 'ST-16';
SELECT lgit_test.walk_to(project_id, 'contracted') FROM lgit.project WHERE code = 'ST-16';
SELECT is(pg_temp.codes(project_id, 'construction', 'st_unit'), '{LG160}', 'Art 16: construction does')
FROM lgit.project WHERE code = 'ST-16';
SELECT pg_temp.as_unit($$UPDATE lgit.project SET responsible_person = '负责人' WHERE code = 'ST-16'$$);
SELECT is(pg_temp.codes(project_id, 'construction', 'st_unit'), '{}', 'Art 16: named, construction starts')
FROM lgit.project WHERE code = 'ST-16';

-- Art 24: the reasons end with 等.
SELECT lives_ok($$SELECT pg_temp.as_unit('INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
  confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
  SELECT contract_id, ''other'', ''机房搬迁'', 1000, ''2026-02-01'', true, true, true FROM lgit.contract c
  JOIN lgit.project p USING (project_id) WHERE p.code = ''ST-16''')$$, 'Art 24: another special situation, described, is a reason');
SELECT throws_ok($$SELECT pg_temp.as_unit('INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
  confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
  SELECT contract_id, ''whim'', ''随意'', 1000, ''2026-02-01'', true, true, true FROM lgit.contract c
  JOIN lgit.project p USING (project_id) WHERE p.code = ''ST-16''')$$, '23514', NULL, 'Art 24: an unknown category is not');

-- Art 33: 原则上 - the authority's recorded exception lets a next phase be proposed.
SELECT pg_temp.project('ST-33', 'application', 6000000);
SELECT pg_temp.as_unit($$UPDATE lgit.project SET previous_phase_id = (SELECT project_id FROM lgit.project WHERE code = 'ST-16') WHERE code = 'ST-33'$$);
SELECT is(pg_temp.codes(project_id, 'proposed', 'st_unit'), '{LG330}', 'Art 33: the previous phase is not completed')
FROM lgit.project WHERE code = 'ST-33';
SELECT pg_temp.as_unit(format($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
                                VALUES (%s, 'phase_exemption', 'ST-PH-1', '应急扩容，同意先行申报', '文本测试主管部门', '2026-03-01', sha256('ph'::bytea))$$,
                              (SELECT project_id FROM lgit.project WHERE code = 'ST-33')), 'st_authority');
SELECT is(pg_temp.codes(project_id, 'proposed', 'st_unit'), '{}', 'Art 33: with the authority''s exception it is proposed')
FROM lgit.project WHERE code = 'ST-33';

-- Art 11: the authority's review clock runs from 正式受理 to its own opinion, not to the DRC's approval.
SELECT pg_temp.project('ST-11', 'application', 60000000);
SELECT pg_temp.as_unit($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
                         SELECT project_id, 'feasibility_report', 'ST-FS-2', '可研（受理）', '咨询机构', true, '2026-03-02',
                                sha256('fs2'::bytea), '{resource_sharing_analysis,information_security}'
                         FROM lgit.project WHERE code = 'ST-11'$$);
-- 正式受理 is the authority's act (Art 11)
SELECT pg_temp.as_unit($$UPDATE lgit.document SET accepted_on = '2026-03-03' WHERE doc_number = 'ST-FS-2'$$, 'st_authority');
SELECT pg_temp.as_unit($$DELETE FROM lgit.document WHERE kind = 'authority_feasibility_opinion'
                         AND project_id = (SELECT project_id FROM lgit.project WHERE code = 'ST-11')$$, 'st_authority');
SELECT lgit_test.walk_to(project_id, 'feasibility_submitted') FROM lgit.project WHERE code = 'ST-11';
SELECT is((SELECT array_agg(due) FROM lgit.overdue_on('2026-03-11') o WHERE o.project_code = 'ST-11'), '{2026-03-10}',
          'Art 11: without its opinion the authority is late the day after the 5th working day');
SELECT pg_temp.as_unit($$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
                         SELECT project_id, 'authority_feasibility_opinion', 'ST-OP-11', '审核意见', '文本测试主管部门', '2026-03-10',
                                sha256('op11'::bytea), 'approved' FROM lgit.project WHERE code = 'ST-11'$$, 'st_authority');
SELECT is((SELECT count(*) FROM lgit.overdue_on('2026-03-11') o WHERE o.project_code = 'ST-11'), 0::bigint,
          'Art 11: its opinion stops its clock, though the DRC has not approved yet');

-- Art 47, 48, 50: the system named; Art 49: approvals only.
SELECT pg_temp.project('ST-47-A', 'application', 6000000, 'completed'), pg_temp.project('ST-47-B', 'application', 6000000, 'completed'),
       pg_temp.project('ST-50-C', 'application', 6000000, 'self_tested');
SELECT pg_temp.as_unit($$INSERT INTO lgit.sanction (unit_id, project_id, kind, imposed_on, reason)
                         SELECT unit_id, project_id, 'data_sharing', '2026-01-05', '未共享' FROM lgit.project WHERE code IN ('ST-47-A', 'ST-50-C')$$,
                       'st_authority');
SELECT is((SELECT array_agg(code) FROM lgit.om_blockers(project_id, '2027-01-10')), '{LG470}', 'Art 47: no O&M money for the system named')
FROM lgit.project WHERE code = 'ST-47-A';
SELECT is((SELECT count(*) FROM lgit.om_blockers(project_id, '2027-01-10')), 0::bigint, 'Art 47: another system of the unit keeps its money')
FROM lgit.project WHERE code = 'ST-47-B';
SELECT is(pg_temp.codes(project_id, 'trial_operation', 'st_unit'), '{LG470}', 'Art 50: the system named does not pass acceptance')
FROM lgit.project WHERE code = 'ST-50-C';
SELECT pg_temp.as_unit($$INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
                         SELECT unit_id, 'security', '2027-02-01', '2027-03-01', '无安全管理制度' FROM lgit.unit WHERE code = 'ST-A'$$, 'st_authority');
SELECT is((SELECT array_agg(code) FROM lgit.om_blockers(project_id, '2027-02-10')), '{LG480}', 'Art 48: a sanction naming no system bites on every system')
FROM lgit.project WHERE code = 'ST-47-B';
SELECT pg_temp.project('ST-49-P', 'application', 6000000, 'proposal_approved', unit_code => 'ST-B'),
       pg_temp.project('ST-49-Q', 'application', 6000000, 'construction', unit_code => 'ST-B');
SELECT pg_temp.as_unit($$INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
                         SELECT unit_id, 'refused_rectification', '2026-01-05', '拒不整改' FROM lgit.unit WHERE code = 'ST-B'$$, 'st_drc');
SELECT is(pg_temp.codes(project_id, 'established', 'st_drc'), '{LG490}', 'Art 49: approvals of the unit''s projects wait')
FROM lgit.project WHERE code = 'ST-49-P';
SELECT is(pg_temp.codes(project_id, 'self_tested', 'st_unit_b'), '{}', 'Art 49: the unit''s other work goes on')
FROM lgit.project WHERE code = 'ST-49-Q';

SELECT * FROM finish();
ROLLBACK;
