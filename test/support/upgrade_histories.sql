-- For test/upgrade.sh: after the demo, more of what a district writes in its first months,
-- written by lgit 0.1.0 (run from a checkout of the tag v0.1.0, with its test support):
-- payments and a change order, a sanction imposed and lifted, a calendar year the authority
-- added, a proposal returned with its reason, a termination and its audit settlement, and the
-- owner's change of a threshold.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\i test/support/evidence.sql
-- Art 31, 23-24: the completed project's payment schedule, a payment and a change order
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.payment_milestone (contract_id, stage, amount)
SELECT contract_id, 'contracted', 2280000 FROM lgit.contract WHERE doc_number = 'LCJD-HT-2026-009';
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 2280000, '2026-11-20' FROM lgit.contract WHERE doc_number = 'LCJD-HT-2026-009';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, 'business_adjustment', '增加网格员移动端功能', 100000, '2026-11-12', true, true, true
FROM lgit.contract WHERE doc_number = 'LCJD-HT-2026-009';
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
RESET lgit.actor;
-- the owner lowers a threshold from 2027: the shipped row's range is closed, a new row added
UPDATE lgit.policy SET in_force = daterange('2020-01-01', '2027-01-01') WHERE key = 'feasibility_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('feasibility_min_investment', 45000000, daterange('2027-01-01', NULL), '调整后的可研门槛');
