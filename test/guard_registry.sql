-- pgTAP: the registry guard (issue 9 classes 2, 8, 9; issue 10 item 5).  An update or delete
-- needs the actor to be entitled to the row as it was, not only as it will be; each column
-- stating another body's act is written by that body only; a reference to a row the actor
-- cannot see is refused without saying whether it exists.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
\ir support/guard_world.sql
SELECT plan(46);
SELECT lgit_test.guard_world();
\set pa '(SELECT project_id FROM lgit.project WHERE code = ''GW-PA'')'
\set pb '(SELECT project_id FROM lgit.project WHERE code = ''GW-PB'')'

-- Class 2: what a record is, and whose, is judged before and after the change ---------------
SET lgit.actor = 'gw_authority';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pa, 'authority_proposal_opinion', 'GW-REJ', '立项审核意见（不予通过）', '守卫测试主管部门', '2026-02-01',
        sha256('rejected'::bytea), 'rejected');
SET lgit.actor = 'gw_a';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:pa, 'progress_report', 'GW-PR', '进度月报', '守卫测试甲街道', '2026-02-01', sha256('progress'::bytea));

SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET kind = 'progress_report', conclusion = NULL WHERE doc_number = 'GW-REJ'$$),
          'LG001', 'a unit cannot turn the authority''s rejected opinion into its own progress report');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET conclusion = 'approved' WHERE doc_number = 'GW-REJ'$$),
          'LG001', 'a unit cannot change the authority''s conclusion');
SELECT is(lgit_test.attempt('gw_a', $$DELETE FROM lgit.document WHERE doc_number = 'GW-REJ'$$),
          'LG001', 'a unit cannot remove the authority''s opinion');
SELECT is(lgit_test.attempt('gw_authority', $$UPDATE lgit.document SET kind = 'authority_proposal_opinion', conclusion = 'approved' WHERE doc_number = 'GW-PR'$$),
          'LG001', 'the authority cannot turn the unit''s report into its own approving opinion');
SELECT is(lgit_test.attempt('gw_b', $$UPDATE lgit.document SET project_id = (SELECT project_id FROM lgit.project WHERE code = 'GW-PB') WHERE doc_number = 'GW-PR'$$),
          'LG001', 'another unit cannot take a unit''s document to its own project');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET project_id = (SELECT project_id FROM lgit.project WHERE code = 'GW-PB') WHERE doc_number = 'GW-PR'$$),
          'LG001', 'a unit cannot give its document to another unit''s project');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET title = '进度月报（修订）' WHERE doc_number = 'GW-PR'$$),
          'ok', 'a unit still corrects its own document before anything relied on it');
UPDATE lgit.document SET registered_by = 'gw_authority', registered_at = '2020-01-01' WHERE doc_number = 'GW-PR';
SELECT is((SELECT registered_by || ' ' || (registered_at > '2020-01-02') FROM lgit.document WHERE doc_number = 'GW-PR'),
          'gw_a true', 'who registered a document, and when, never change on an update');
SELECT is(lgit_test.attempt('gw_b', $$UPDATE lgit.payment_milestone SET amount = 1 WHERE contract_id = (SELECT contract_id FROM lgit.contract WHERE doc_number = 'TEST-' || (SELECT project_id FROM lgit.project WHERE code = 'GW-PA') || '-contract')$$),
          'ok', '(an update that touches no row is no write)');

-- Class 8 and issue 10 item 5: each fact is written by the body that performs the act ----
-- Art 11, 12: 正式受理 is the authority's
SELECT is(lgit_test.attempt('gw_a', $$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, accepted_on, content_sha256, parts)
          VALUES ((SELECT project_id FROM lgit.project WHERE code = 'GW-PA'), 'feasibility_report', 'GW-FS', '可研', '咨询公司', '2026-02-01', '2026-02-02', sha256('fs'::bytea), '{}')$$),
          'LG001', 'a unit cannot type the authority''s formal acceptance (accepted_on) into its report');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:pa, 'feasibility_report', 'GW-FS', '可研', '咨询公司', '2026-02-01', sha256('fs'::bytea));
SELECT is(lgit_test.attempt('gw_authority', $$UPDATE lgit.document SET accepted_on = '2026-02-02' WHERE doc_number = 'GW-FS'$$),
          'ok', 'the authority records its formal acceptance on the unit''s report');
SET lgit.actor = 'gw_authority';
UPDATE lgit.document SET accepted_on = '2026-02-02' WHERE doc_number = 'GW-FS';
SELECT is((SELECT registered_by FROM lgit.document WHERE doc_number = 'GW-FS'), 'gw_a',
          'the report stays the unit''s after the authority recorded its acceptance');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET accepted_on = '2026-03-01' WHERE doc_number = 'GW-FS'$$),
          'LG001', 'the unit cannot move the date of acceptance');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET accepted_on = NULL WHERE doc_number = 'GW-FS'$$),
          'LG001', 'the unit cannot erase the acceptance');
SELECT is(lgit_test.attempt('gw_a', $$DELETE FROM lgit.document WHERE doc_number = 'GW-FS'$$),
          'LG001', 'the unit cannot remove a report carrying the authority''s acceptance');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET title = '可研（修订）' WHERE doc_number = 'GW-FS'$$),
          'ok', 'the unit still corrects what its report says');
-- Art 30, 32: the filing of the completion report is the authority's
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET filed_on = '2026-02-01' WHERE kind = 'completion_report' AND project_id = (SELECT project_id FROM lgit.project WHERE code = 'GW-PA')$$),
          'LG001', 'a unit cannot record the filing (备案) of its completion report');
SELECT is(lgit_test.attempt('gw_authority', $$UPDATE lgit.document SET filed_on = '2026-02-01' WHERE kind = 'completion_report' AND project_id = (SELECT project_id FROM lgit.project WHERE code = 'GW-PA')$$),
          'ok', 'the authority records it');
-- Art 35, 36: the audit's conclusion and the surplus it found are the audit's
SELECT is(lgit_test.attempt('gw_a', $$INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant, audit_concluded_on, surplus)
          VALUES ((SELECT project_id FROM lgit.project WHERE code = 'GW-PA'), 'GW-JS-1', '造价咨询公司', '2026-10-01', 0)$$),
          'LG001', 'a unit cannot type the audit''s conclusion into its final accounts');
SET lgit.actor = 'gw_a';
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant) VALUES (:pa, 'GW-JS-1', '造价咨询公司');
SELECT pass('the unit registers its final accounts without the audit''s figures');
SELECT is(lgit_test.attempt('gw_audit', $$UPDATE lgit.final_accounts SET consultant = '另一家' WHERE report_doc_number = 'GW-JS-1'$$),
          'LG001', 'the audit cannot rewrite the unit''s final accounts');
SET lgit.actor = 'gw_audit';
UPDATE lgit.final_accounts SET audit_concluded_on = '2026-10-01', surplus = 120000 WHERE report_doc_number = 'GW-JS-1';
SELECT pass('the audit records its conclusion and the surplus');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.final_accounts SET surplus = 0 WHERE report_doc_number = 'GW-JS-1'$$),
          'LG001', 'the unit cannot lower the surplus the audit found');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.final_accounts SET surplus_returned_on = '2026-10-10' WHERE report_doc_number = 'GW-JS-1'$$),
          'ok', 'the unit records returning the surplus');
-- Art 43: the registration of a device is the authority's
SELECT is(lgit_test.attempt('gw_a', $$INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount, on_gov_network, registration_number)
          VALUES ((SELECT project_id FROM lgit.project WHERE code = 'GW-PA'), 'network_device', '交换机', 50000, true, '自编号-1')$$),
          'LG001', 'a unit cannot type a registration number for its device');
SET lgit.actor = 'gw_a';
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount, on_gov_network)
VALUES (:pa, 'network_device', '交换机', 50000, true);
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.equipment_purchase SET registration_number = '自编号-1' WHERE description = '交换机'$$),
          'LG001', 'nor add one later');
SELECT is(lgit_test.attempt('gw_authority', $$UPDATE lgit.equipment_purchase SET registration_number = '政务网设备登记〔2026〕1号' WHERE description = '交换机'$$),
          'ok', 'the authority registers the device');
-- Art 34: the industry department registers its review of a termination
SELECT is(lgit_test.attempt('gw_h', $$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
          VALUES ((SELECT project_id FROM lgit.project WHERE code = 'GW-PB'), 'industry_review', 'GW-IR', '行业审核意见', '守卫测试卫生健康局', '2026-02-01', sha256('ir'::bytea), 'approved')$$),
          'ok', 'the industry department (a department of the unit capacity) registers its review of another unit''s project');
SELECT is(lgit_test.attempt('gw_b', $$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
          VALUES ((SELECT project_id FROM lgit.project WHERE code = 'GW-PB'), 'industry_review', 'GW-IR', '行业审核意见', '守卫测试乙街道', '2026-02-01', sha256('ir'::bytea), 'approved')$$),
          'LG001', 'the project''s own unit cannot review its own termination');
SELECT is(lgit_test.attempt('gw_a', $$INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
          VALUES ((SELECT project_id FROM lgit.project WHERE code = 'GW-PB'), 'industry_review', 'GW-IR', '行业审核意见', '守卫测试甲街道', '2026-02-01', sha256('ir'::bytea), 'approved')$$),
          'LG001', 'a street is no industry department');
-- Art 49: the DRC suspends the approvals of a unit that refused rectification, as the authority does
SELECT lgit_test.walk_to(:pb, 'proposed');
SET lgit.actor = 'gw_drc';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'refused_rectification', '2026-01-01', '绩效考评拒不整改' FROM lgit.unit WHERE code = 'GW-B';
SET lgit.actor = 'gw_authority';
SELECT ok('LG490' IN (SELECT code FROM lgit.blockers(:pb, 'proposal_approved')),
          'a refused-rectification sanction the DRC imposed suspends the unit''s approvals');
SET lgit.actor = 'gw_drc';
UPDATE lgit.sanction SET lifted_on = '2026-01-02' WHERE reason = '绩效考评拒不整改';
SET lgit.actor = 'gw_authority';
SELECT ok('LG490' NOT IN (SELECT code FROM lgit.blockers(:pb, 'proposal_approved')),
          'lifted by the DRC, it no longer does');

-- Class 9: a reference to what the actor cannot see is refused, and says nothing about it --
SELECT project_id AS pb_id FROM lgit.project WHERE code = 'GW-PB' \gset
SELECT plan_id AS plan_b FROM lgit.special_plan s JOIN lgit.unit u USING (unit_id) WHERE u.code = 'GW-B' LIMIT 1 \gset
SELECT min(d.document_id) AS doc_b FROM lgit.document d WHERE d.project_id = :pb_id \gset
CREATE ROLE regress_guard_app IN ROLE lgit_app;
GRANT USAGE ON SCHEMA lgit_test TO regress_guard_app;
CREATE TEMP TABLE outcome (what text PRIMARY KEY, result text);
GRANT ALL ON outcome TO regress_guard_app;
SET LOCAL ROLE regress_guard_app;
INSERT INTO outcome VALUES
  ('previous phase of another unit', lgit_test.attempt_message('gw_a',
     format($$UPDATE lgit.project SET previous_phase_id = %s WHERE code = 'GW-PA'$$, :pb_id))),
  ('previous phase that does not exist', lgit_test.attempt_message('gw_a',
     $$UPDATE lgit.project SET previous_phase_id = 999999999 WHERE code = 'GW-PA'$$)),
  ('plan of another unit', lgit_test.attempt_message('gw_a',
     format($$UPDATE lgit.project SET special_plan_id = %s WHERE code = 'GW-PA'$$, :plan_b))),
  ('plan of another unit, new project', lgit_test.attempt_message('gw_a',
     format($$INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, special_plan_id)
       SELECT 'GW-PC', '守卫测试丙项目', unit_id, 'application', 'new', 1000000, %s
       FROM lgit.unit WHERE code = 'GW-A'$$, :plan_b))),
  ('own plan', lgit_test.attempt_message('gw_a',
     $$UPDATE lgit.project SET special_plan_id = (SELECT plan_id FROM lgit.special_plan s JOIN lgit.unit u USING (unit_id) WHERE u.code = 'GW-A' LIMIT 1) WHERE code = 'GW-PA'$$)),
  ('document of a project of another unit', lgit_test.attempt_message('gw_a',
     format($$INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
       VALUES (%s, 'progress_report', '月报', '甲', '2026-02-01', sha256('x'::bytea))$$, :pb_id))),
  ('document of a project that does not exist', lgit_test.attempt_message('gw_a',
     $$INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
       VALUES (999999999, 'progress_report', '月报', '甲', '2026-02-01', sha256('x'::bytea))$$)),
  ('change order citing another unit''s review', lgit_test.attempt_message('gw_a',
     format($$INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on, confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor, authority_review_id)
       SELECT c.contract_id, 'technology_update', '变更', 1000, '2026-03-01', true, true, true,
              %s
       FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PA'$$, :doc_b))),
  ('change order citing a review that does not exist', lgit_test.attempt_message('gw_a',
     $$INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on, confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor, authority_review_id)
       SELECT c.contract_id, 'technology_update', '变更', 1000, '2026-03-01', true, true, true, 999999999
       FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PA'$$));
RESET ROLE;
SELECT is((SELECT result FROM outcome WHERE what = 'previous phase of another unit'),
          'lgit.project.previous_phase_id refers to nothing the actor can see',
          'a previous phase of another unit is refused without naming it');
SELECT is((SELECT result FROM outcome WHERE what = 'previous phase that does not exist'),
          (SELECT result FROM outcome WHERE what = 'previous phase of another unit'),
          '... exactly as one that does not exist: the reference is no existence oracle');
SELECT is((SELECT result FROM outcome WHERE what = 'plan of another unit'),
          'lgit.project.special_plan_id refers to nothing the actor can see',
          'a special plan of another unit is refused without its title');
SELECT is((SELECT result FROM outcome WHERE what = 'plan of another unit, new project'),
          'lgit.project.special_plan_id refers to nothing the actor can see',
          '... on a new project as well');
SELECT is((SELECT result FROM outcome WHERE what = 'own plan'), 'ok', 'the unit''s own plan is accepted');
SELECT is((SELECT result FROM outcome WHERE what = 'document of a project that does not exist'),
          (SELECT result FROM outcome WHERE what = 'document of a project of another unit'),
          'registering for a project of another unit and for none get the same refusal');
SELECT unalike((SELECT result FROM outcome WHERE what = 'document of a project of another unit'),
              '%守卫测试乙街道%', '... which names no other unit');
SELECT is((SELECT result FROM outcome WHERE what = 'change order citing another unit''s review'),
          'lgit.change_order.authority_review_id refers to nothing the actor can see',
          'a change order cannot cite another unit''s document');
SELECT is((SELECT result FROM outcome WHERE what = 'change order citing a review that does not exist'),
          (SELECT result FROM outcome WHERE what = 'change order citing another unit''s review'),
          '... and learns nothing about whether it exists');

-- ... and whoever writes them, a project's plan and previous phase are its own unit's (Art 8, 33)
SELECT is(lgit_test.attempt('gw_authority', $$UPDATE lgit.project SET previous_phase_id = (SELECT project_id FROM lgit.project WHERE code = 'GW-PB') WHERE code = 'GW-PA'$$),
          'LG330', 'not even the authority makes another unit''s project the previous phase');
SELECT is(lgit_test.attempt('gw_authority', $$UPDATE lgit.project SET special_plan_id = (SELECT plan_id FROM lgit.special_plan s JOIN lgit.unit u USING (unit_id) WHERE u.code = 'GW-B' LIMIT 1) WHERE code = 'GW-PA'$$),
          'LG090', 'nor another unit''s plan the project''s plan');

-- The description is the guard: a change to lgit.registry applies at once, in this backend too.
SELECT is(lgit_test.attempt('gw_finance', $$INSERT INTO lgit.result (project_id, kind, title, registered_on) SELECT project_id, 'data', '数据集', '2026-02-01' FROM lgit.project WHERE code = 'GW-PA'$$),
          'LG001', 'finance does not register results');
UPDATE lgit.registry SET writers = writers || '{finance}' WHERE relname = 'result';
SELECT is(lgit_test.attempt('gw_finance', $$INSERT INTO lgit.result (project_id, kind, title, registered_on) SELECT project_id, 'data', '数据集', '2026-02-01' FROM lgit.project WHERE code = 'GW-PA'$$),
          'ok', '... until the owner names it a writer of lgit.result');

-- The trigger functions of 0.1.0 (one per table) reach the same guard, for a district that
-- installed this library before ALTER EXTENSION UPDATE.
CREATE FUNCTION lgit_test.document_guard_0_1_0() RETURNS trigger LANGUAGE c AS '$libdir/lgit', 'lgit_document_guard';
DROP TRIGGER document_guard ON lgit.document;
CREATE TRIGGER document_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit_test.document_guard_0_1_0();
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.document SET kind = 'progress_report', conclusion = NULL WHERE doc_number = 'GW-REJ'$$),
          'LG001', 'lgit_document_guard, the 0.1.0 entry point, judges the old row too');

SELECT * FROM finish();
ROLLBACK;
