-- For test/upgrade.sh: after the demo, more of what a district writes in its first months,
-- written by lgit 0.1.0 (run from a checkout of the tag v0.1.0, with its test support):
-- payments and a change order, a sanction imposed and lifted, a calendar year the authority
-- added, a proposal returned with its reason, a termination and its audit settlement, a
-- platform connection and an equipment purchase, final accounts, and the owner's change of a
-- threshold.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\i test/support/evidence.sql
-- Art 31, 23-24: the completed project's payment on final acceptance, and a change order
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 33000000, '2026-11-20' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-011';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, 'business_adjustment', '增加家庭医生签约模块', 100000, '2026-11-12', true, true, true
FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-011';
-- Art 47-50: a sanction imposed and lifted; the authority loads a first day of 2027
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason, doc_number)
SELECT unit_id, 'data_sharing', '2026-06-01', '2026-09-01', '未按要求共享数据资源', '深龙政数〔2026〕3号'
FROM lgit.unit WHERE code = 'BTJD';
INSERT INTO lgit.calendar_year (year, source) VALUES (2027, '国务院办公厅关于2027年部分节假日安排的通知');
INSERT INTO lgit.calendar_day (day, kind, name_zh, year) VALUES ('2027-01-01', 'holiday', '元旦', 2027);
-- Art 10: a proposal returned with its reason
SELECT lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code = 'LG-2027-002';
SET lgit.actor = 'jyj_liu';
SELECT (lgit.advance(project_id, 'proposed')).seq FROM lgit.project WHERE code = 'LG-2027-002';
SET lgit.actor = 'zsj_chen';
SELECT (lgit.advance(project_id, 'draft', '请补充整合共享计划')).seq FROM lgit.project WHERE code = 'LG-2027-002';
-- Art 34: terminated on the industry review and the district leader's approval; its audit
SET lgit.actor = 'qzf_lin';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, k, '终止-' || k, k, '区人民政府', '2026-11-20', sha256(convert_to(k, 'UTF8')), 'approved'
FROM lgit.project, unnest(ARRAY['industry_review', 'termination_approval']) AS k WHERE code = 'LG-2027-004';
SELECT (lgit.advance(project_id, 'terminated', '纯设备购置，不适用本办法')).seq FROM lgit.project WHERE code = 'LG-2027-004';
SET lgit.actor = 'sjj_zhou';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'audit_settlement', '深龙审结〔2026〕7号', '审计结算意见', '区审计局', '2026-11-25',
       sha256('审计结算'::bytea), 'approved'
FROM lgit.project WHERE code = 'LG-2027-004';
-- Art 40-43: the school system connects to the government network and buys a switch
SET lgit.actor = 'jyj_liu';
INSERT INTO lgit.platform_connection (project_id, platform, connected_on)
SELECT project_id, 'gov_network', '2026-11-02' FROM lgit.project WHERE code = 'LG-2027-002';
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount)
SELECT project_id, 'network_device', '校园汇聚交换机', 180000 FROM lgit.project WHERE code = 'LG-2027-002';
-- Art 35, 36: the completed project's final accounts with the audit's conclusion, its surplus returned
SET lgit.actor = 'sjj_zhou';
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant, audit_concluded_on, surplus, surplus_returned_on)
SELECT project_id, '深龙审决〔2026〕12号', '深圳市某造价咨询有限公司', '2026-11-20', 120000, '2026-11-27'
FROM lgit.project WHERE code = 'LG-2027-001';
RESET lgit.actor;
-- the owner lowers a threshold from 2027: the shipped row's range is closed, a new row added
UPDATE lgit.policy SET in_force = daterange('2020-01-01', '2027-01-01') WHERE key = 'feasibility_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('feasibility_min_investment', 45000000, daterange('2027-01-01', NULL), '调整后的可研门槛');
