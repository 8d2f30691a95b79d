-- pgTAP: money under a contract (issue 9 class 4; issue 10 items 6, 7).  Art 31: funds are
-- requested along the payment schedule the contract fixes (合同约定的支付进度) and the authority's
-- filing; the schedule is part of the filed contract, within its price, and freezes with it;
-- no payment goes beyond the contract price and its approved changes, none while the project
-- is suspended (暂缓) or terminated, and (Art 50) none to a project under construction while
-- its unit is sanctioned for not supporting resource sharing (在建项目暂缓拨付建设资金).
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
\ir support/guard_world.sql
SELECT plan(26);
SELECT lgit_test.guard_world();
\set pa '(SELECT project_id FROM lgit.project WHERE code = ''GW-PA'')'
\set c '(SELECT contract_id FROM lgit.contract WHERE doc_number = ''GW-HT'')'

SET lgit.actor = 'gw_a';
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
VALUES (:pa, 'GW-HT', '守卫测试承建单位', 1000000, '2026-01-10', '守卫测试监理', true, true, true, 24);

-- The schedule: from the contract on, within its price
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment_milestone VALUES (%s, 'draft', 1000)$$, :c)),
          'LG310', 'a schedule cannot pay at draft, before the contract');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment_milestone VALUES (%s, 'contracted', 99999999999999.99)$$, :c)),
          'LG310', 'a schedule cannot pay more than the contract price');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment_milestone VALUES (%s, 'contracted', 1000000)$$, :c)),
          'ok', 'the whole price, on signing, is a schedule');
INSERT INTO lgit.payment_milestone VALUES (:c, 'contracted', 600000), (:c, 'completed', 400000);
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment_milestone VALUES (%s, 'final_accepted', 0.01)$$, :c)),
          'LG310', 'one cent over the price, summed over the schedule, is refused');
SELECT is(lgit_test.attempt('gw_b', format($$INSERT INTO lgit.payment_milestone VALUES (%s, 'final_accepted', 1)$$, :c)),
          'LG001', 'another unit cannot write the schedule');
SELECT is(lgit_test.attempt('gw_finance', format($$UPDATE lgit.payment_milestone SET amount = 500000 WHERE contract_id = %s AND stage = 'contracted'$$, :c)),
          'LG001', 'finance does not write a contract''s schedule');
SELECT is(lgit_test.attempt('gw_a', format($$UPDATE lgit.payment_milestone SET amount = 500000 WHERE contract_id = %s AND stage = 'contracted'$$, :c)),
          'ok', 'before the filing the unit still corrects its schedule');
SELECT is(lgit_test.attempt('gw_a', format($$UPDATE lgit.payment_milestone SET stage = 'final_accepted' WHERE contract_id = %s AND stage = 'contracted'$$, :c)),
          'ok', '... or moves a payment to another stage: the row it replaces no longer counts');

-- Filed with the authority, the schedule is the filed one
SET lgit.actor = 'gw_authority';
UPDATE lgit.contract SET filed_on = '2026-01-20' WHERE contract_id = :c;
SELECT is(lgit_test.attempt('gw_a', format($$UPDATE lgit.payment_milestone SET amount = 1 WHERE contract_id = %s AND stage = 'contracted'$$, :c)),
          'LG002', 'the filed schedule cannot be altered');
SELECT is(lgit_test.attempt('gw_a', format($$DELETE FROM lgit.payment_milestone WHERE contract_id = %s$$, :c)),
          'LG002', 'nor removed');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment_milestone VALUES (%s, 'final_accepted', 1)$$, :c)),
          'LG002', 'nor added to');
SELECT is(lgit_test.attempt('gw_authority', format($$DELETE FROM lgit.payment_milestone WHERE contract_id = %s$$, :c)),
          'LG002', 'by the authority neither');
SELECT is(lgit_test.attempt('gw_a', $$UPDATE lgit.contract SET amount = 2000000 WHERE doc_number = 'GW-HT'$$),
          'LG002', 'the filed contract''s price cannot be raised either');

-- Payments: along the schedule, within the price and its approved changes
SELECT lgit_test.walk_to(:pa, 'construction');
SET lgit.actor = 'gw_a';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
VALUES (:c, 'business_adjustment', '核减部分功能', -50000, '2026-02-01', true, true, true);
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 600000.01, '2026-02-10')$$, :c)),
          'LG310', 'not beyond what the schedule makes payable at the stages reached');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 50000000, '2026-02-10')$$, :c)),
          'LG310', 'not 50,000,000 on a 1,000,000 contract');
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (:c, 600000, '2026-02-10');
SELECT pass('what the schedule makes payable at contracted is paid');
SELECT lgit_test.walk_to(:pa, 'completed');
SET lgit.actor = 'gw_a';
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 400000, '2026-10-01')$$, :c)),
          'LG310', 'at completion the schedule allows 1,000,000 in all, but the price after the change order is 950,000');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 350000, '2026-10-01')$$, :c)),
          'ok', 'up to the price and its approved changes is paid');

-- Art 50: 在建项目暂缓拨付建设资金 while the unit does not support resource sharing
SET lgit.actor = 'gw_authority';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'data_sharing', '2026-10-02', '2026-10-10', '业务数据未按要求共享' FROM lgit.unit WHERE code = 'GW-A';
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 1000, '2026-10-02')$$, :c)),
          'LG501', 'no construction funds while the unit is sanctioned for not sharing data');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 1000, '2026-10-01')$$, :c)),
          'ok', 'a request of the day before the sanction is paid');
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 1000, '2026-10-10')$$, :c)),
          'ok', 'and one of the day it is lifted');
SET lgit.actor = 'gw_authority';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'security', '2026-10-02', '存在重大安全隐患' FROM lgit.unit WHERE code = 'GW-A';
SELECT is(lgit_test.attempt('gw_a', format($$INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (%s, 1000, '2026-10-11')$$, :c)),
          'ok', 'a security sanction (Art 48) stops O&M money and new systems, not construction funds');

-- Art 31, 34, 49, 50: none while suspended or terminated
SET lgit.actor = 'gw_b';
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
SELECT project_id, 'GW-HT-B', '守卫测试承建单位', 1000000, '2026-01-10', '守卫测试监理', true, true, true, 24
FROM lgit.project WHERE code = 'GW-PB';
INSERT INTO lgit.payment_milestone SELECT contract_id, 'contracted', 300000 FROM lgit.contract WHERE doc_number = 'GW-HT-B';
SET lgit.actor = 'gw_authority';
UPDATE lgit.contract SET filed_on = '2026-01-20' WHERE doc_number = 'GW-HT-B';
SELECT lgit_test.walk_to(project_id, 'construction') FROM lgit.project WHERE code = 'GW-PB';
SET lgit.actor = 'gw_authority';
SELECT lgit.advance(project_id, 'suspended', '资金暂缓') FROM lgit.project WHERE code = 'GW-PB';
SELECT is(lgit_test.attempt('gw_b', $$INSERT INTO lgit.payment (contract_id, amount, requested_on) SELECT contract_id, 1000, '2026-03-01' FROM lgit.contract WHERE doc_number = 'GW-HT-B'$$),
          'LG310', 'no payment while the project is suspended');
SELECT lgit.advance(project_id, 'construction', '恢复建设') FROM lgit.project WHERE code = 'GW-PB';
SELECT is(lgit_test.attempt('gw_b', $$INSERT INTO lgit.payment (contract_id, amount, requested_on) SELECT contract_id, 1000, '2026-03-01' FROM lgit.contract WHERE doc_number = 'GW-HT-B'$$),
          'ok', 'resumed, it is paid again');
SET lgit.actor = 'gw_leader';
SELECT lgit.advance(project_id, 'terminated', '需求取消') FROM lgit.project WHERE code = 'GW-PB';
SELECT is(lgit_test.attempt('gw_b', $$INSERT INTO lgit.payment (contract_id, amount, requested_on) SELECT contract_id, 1000, '2026-03-01' FROM lgit.contract WHERE doc_number = 'GW-HT-B'$$),
          'LG310', 'no payment once the project is terminated');
SELECT alike(lgit_test.attempt_message('gw_b', $$INSERT INTO lgit.payment (contract_id, amount, requested_on) SELECT contract_id, 1000, '2026-03-01' FROM lgit.contract WHERE doc_number = 'GW-HT-B'$$),
            '%while the project is terminated', '... and says why');

SELECT * FROM finish();
ROLLBACK;
