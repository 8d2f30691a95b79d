-- The one registry guard (issue 9): on an update or delete the actor must be entitled to the row
-- as it was, not only as it will be; each fact is written by the body that performs the act;
-- the payment schedule is part of the filed contract, and money stays within it and the contract.
SET datestyle = ISO;
\set ECHO none
SET client_min_messages = warning;
\i test/support/guard_world.sql
RESET client_min_messages;
\set ECHO all

-- 坂田街道's 8,000,000 project, with complete evidence on file (a contract of 6,400,000 among it).
SET lgit.actor = 'bt_he';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget)
SELECT 'LG-2027-045', '坂田街道智慧安防平台', unit_id, 'application', 'new', 2027, plan_id, 8000000
FROM lgit.special_plan WHERE doc_number = '深龙坂办〔2026〕6号';
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-045'')'
SELECT count(lgit_test.file_complete_evidence(:p)) AS with_evidence;

-- Art 11, 12: 正式受理, which starts the authority's review clock, is the authority's act.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, accepted_on, content_sha256)
VALUES (:p, 'feasibility_report', '可研-2026-045', '可行性研究报告', '深圳市某工程咨询有限公司', true, '2026-02-03', '2026-02-04',
        sha256('fs45'::bytea));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256)
VALUES (:p, 'feasibility_report', '可研-2026-045', '可行性研究报告', '深圳市某工程咨询有限公司', true, '2026-02-03',
        sha256('fs45'::bytea));
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET accepted_on = '2026-02-04' WHERE doc_number = '可研-2026-045';
SELECT kind, accepted_on, registered_by FROM lgit.document WHERE doc_number = '可研-2026-045';
SET lgit.actor = 'bt_he';
UPDATE lgit.document SET accepted_on = '2026-02-20' WHERE doc_number = '可研-2026-045';

-- Art 19, 31: the payment schedule (合同约定的支付进度) is written with the contract, from the
-- contract on and within its price, and is filed with it.
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
VALUES (:p, 'LGBT-HT-2026-045', '深圳市某安防科技有限公司', 1600000, '2026-01-12', '深圳市某工程监理有限公司', true,
        true, true, 24);
\set c '(SELECT contract_id FROM lgit.contract WHERE doc_number = ''LGBT-HT-2026-045'')'
INSERT INTO lgit.payment_milestone (contract_id, stage, amount) VALUES (:c, 'draft', 99999999999999.99);
INSERT INTO lgit.payment_milestone (contract_id, stage, amount) VALUES (:c, 'contracted', 480000), (:c, 'completed', 1120000);
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-01-20' WHERE contract_id = :c;
SET lgit.actor = 'bt_he';
DELETE FROM lgit.payment_milestone WHERE contract_id = :c;
INSERT INTO lgit.payment_milestone (contract_id, stage, amount) VALUES (:c, 'final_accepted', 1);

-- Art 31: funds are requested along the filed schedule, for the stages reached, never beyond the
-- contract price and its approved changes.
SELECT lgit_test.walk_to(:p, 'construction');
SET lgit.actor = 'bt_he';
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (:c, 50000000, '2026-03-02');
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (:c, 400000, '2026-03-02');

-- Art 50: 在建项目暂缓拨付建设资金 while the unit does not support resource sharing.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'data_sharing', '2026-03-10', '2026-04-01', '视频数据未按要求共享至区大数据平台' FROM lgit.unit WHERE code = 'BTJD';
SET lgit.actor = 'bt_he';
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (:c, 80000, '2026-03-11');
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (:c, 80000, '2026-04-01');
SELECT amount, requested_on FROM lgit.payment WHERE contract_id = :c ORDER BY payment_id;

-- Art 31, 49, 50: nothing is paid while the project is suspended (暂缓).
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'suspended', '绩效考评未达目标，暂缓');
SET lgit.actor = 'bt_he';
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (:c, 1, '2026-04-02');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'construction', '整改完成，恢复建设');

-- What a record is, and whose, is judged as it was and as it will be (Art 4).  The authority's
-- rejecting opinion cannot become the unit's own progress report, nor be removed by the unit.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_proposal_opinion', '深龙政数审〔2025〕45号', '立项审核意见（初审）', '区政务服务数据管理局', '2025-12-01',
        sha256('o45'::bytea), 'rejected');
SET lgit.actor = 'bt_he';
UPDATE lgit.document SET kind = 'progress_report', conclusion = NULL WHERE doc_number = '深龙政数审〔2025〕45号';
DELETE FROM lgit.document WHERE doc_number = '深龙政数审〔2025〕45号';
SELECT kind, conclusion, registered_by FROM lgit.document WHERE doc_number = '深龙政数审〔2025〕45号';

SELECT code, message FROM lgit.check_project(:p);
RESET lgit.actor;
