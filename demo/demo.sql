-- The lgit demo: a small Longgang sample; projects that are not ready and why; the life of a
-- 60,000,000 project from draft to completed and its O&M money, each step on the evidence the
-- measures require; a refused jump with its full error; the history, the compliance reads and
-- the pipeline.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;

\echo '\n== Installing lgit'
CREATE EXTENSION lgit CASCADE;
SELECT extname, extversion FROM pg_extension WHERE extname = 'lgit';

\echo '\n== The sample: district bodies, streets, departments, their filed plans, and four projects'
\i demo/sample.sql
SELECT p.code, p.name, u.name_zh AS unit, p.total_investment, p.category, p.stage
FROM lgit.project p JOIN lgit.unit u USING (unit_id) ORDER BY p.code;

\echo '\n== Not every project may enter the lifecycle, and not every one is ready'
\echo 'LG-2027-004 (300,000 of self-raised funds, a pure equipment purchase) is outside the measures (Art 2, 3):'
SET lgit.actor = 'bj_li';
SELECT code, article, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-004'), 'proposed')
WHERE code = 'LG020';
\echo '区教育局''s 12,000,000 upgrade has no proposal, minutes or special meeting yet (Art 10):'
SET lgit.actor = 'jyj_liu';
SELECT code, article, message, hint FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'), 'proposed');

\echo '\n== The life of LG-2027-003, 区卫生健康局''s 60,000,000 health information platform'
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-003'')'
\echo 'Art 10: the proposal with every part, the leadership''s minutes and, at 1000万以上, the district leader''s special meeting'
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :p, 'proposal', '深龙卫健〔2026〕41号', '区域全民健康信息平台扩容项目建议书', '区卫生健康局', '2026-04-10',
       sha256('建议书'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:p, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕9号', '党组会议纪要', '区卫生健康局党组', '2026-04-02', sha256('党组纪要'::bytea), 'approved'),
  (:p, 'leader_special_meeting_minutes', '区领导专题会议纪要〔2026〕12号', '分管区领导专题会议纪要', '龙岗区人民政府办公室', '2026-04-08', sha256('专题会议'::bytea), 'approved');
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'proposed');
\echo 'Art 10, 13, 16: the authority approves and files its opinion; the DRC establishes the project on it'
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'proposal_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_proposal_opinion', '深龙政数审〔2026〕26号', '立项审核意见', '区政务服务数据管理局', '2026-04-20', sha256('意见'::bytea), 'approved');
SET lgit.actor = 'wjj_huang';
UPDATE lgit.project SET responsible_person = '黄科长', implementing_body = '区卫生健康信息中心' WHERE project_id = :p;
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_establishment_approval', '深龙发改立〔2026〕9号', '立项批复', '区发展和改革局', '2026-04-24', sha256('深龙发改立〔2026〕9号'::bytea));
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'established');
\echo 'Art 11: 5000万元以上 - what stands between it and the preliminary design?'
SET lgit.actor = 'wjj_huang';
SELECT code, article, message, facts->>'total_investment' AS total, facts->>'feasibility_min_investment' AS threshold
FROM lgit.blockers(:p, 'design_submitted');
\echo 'The feasibility study by a qualified consultancy, with the sharing and security chapters, approved by the DRC'
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:p, 'feasibility_report', '可研-2026-015', '可行性研究报告', '深圳市某工程咨询有限公司', true, '2026-05-11',
        sha256('可研'::bytea), '{resource_sharing_analysis,information_security}');
\echo 'The authority records its formal acceptance (正式受理), which starts its review clock'
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET accepted_on = '2026-05-12' WHERE doc_number = '可研-2026-015';
SET lgit.actor = 'wjj_huang';
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'feasibility_submitted');
\echo 'Art 11: the authority reviews it (审核, within 5 working days of 正式受理), the DRC has experts review it, then approves'
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_feasibility_opinion', '深龙政数审〔2026〕31号', '可行性研究报告审核意见', '区政务服务数据管理局', '2026-05-18',
        sha256('可研审核'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'feasibility_expert_review', '发改评审〔2026〕14号', '可行性研究报告专家评审结论', '区发改局评审专家组', '2026-05-25',
        sha256('可研评审'::bytea), 'approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_feasibility_approval', '深龙发改可〔2026〕9号', '可行性研究报告批复', '区发展和改革局', '2026-05-25', sha256('深龙发改可〔2026〕9号'::bytea));
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'feasibility_approved');
\echo 'Art 12, 13: the preliminary design with 3 quotes for its equipment, expert review, the authority''s opinion, DRC approval'
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
SELECT :p, 'preliminary_design', '初设-2026-033', '初步设计方案及概算', '深圳市某工程咨询有限公司', true, '2026-06-08',
       sha256('初设'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'preliminary_design';
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET accepted_on = '2026-06-09' WHERE doc_number = '初设-2026-033';
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
SELECT :p, 'market_quote', '服务器及存储报价', q, '2026-06-01', sha256(convert_to(q, 'UTF8'))
FROM unnest(ARRAY['甲科技公司', '乙科技公司', '丙科技公司']) AS q;
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'design_prereviewed');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'design_reviewed');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_design_opinion', '深龙政数审〔2026〕38号', '初步设计审核意见', '区政务服务数据管理局', '2026-06-26', sha256('初设意见'::bytea), 'approved');
SET lgit.actor = 'zsj_expert';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'expert_review_conclusion', '专家评审〔2026〕27号', '专家评审结论', '区信息化项目评审专家组', '2026-06-22', sha256('专家'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, amount)
VALUES (:p, 'drc_design_approval', '深龙发改概〔2026〕9号', '初步设计及概算批复（核定总概算）', '区发展和改革局', '2026-06-30', sha256('深龙发改概〔2026〕9号'::bytea), 60000000);
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'design_approved');
\echo 'Art 17-19, 31, 38, 45: procurement, the contract (clauses, 24-month warranty, qualified supervisor), its filing, its payment schedule'
SET lgit.actor = 'wjj_huang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'procurement');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
VALUES (:p, 'LGWJJ-HT-2026-011', '深圳市某健康科技有限公司', 55000000, '2026-07-20', '深圳市某工程监理有限公司', true, true, true, 24);
INSERT INTO lgit.payment_milestone (contract_id, stage, amount)
SELECT contract_id, s.stage, s.amount FROM lgit.contract,
       (VALUES ('contracted'::lgit.stage, 16500000), ('final_accepted', 33000000), ('completed', 5500000)) AS s(stage, amount)
WHERE doc_number = 'LGWJJ-HT-2026-011';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'contracted');
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-07-27' WHERE doc_number = 'LGWJJ-HT-2026-011';
SET lgit.actor = 'wjj_huang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'construction');
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 16500000, '2026-08-03' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-011';
\echo 'Art 21, 26, 27: self-test, expert preliminary acceptance (contract 1000万以上), trial operation, third-party test, archives, final acceptance'
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p, 'self_tested');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts, conclusion) VALUES
  (:p, 'self_test_report', '自测-2026-19', '项目自测报告', '区卫生健康局', false, '2026-10-12', sha256('自测'::bytea), '{contractor_signed,supervisor_signed}', 'approved'),
  (:p, 'expert_preliminary_acceptance_minutes', '初验专家会〔2026〕8号', '专家初步验收会纪要', '区卫生健康局', false, '2026-10-15', sha256('初验'::bytea), '{}', 'approved'),
  (:p, 'third_party_test_report', '测评-2026-128', '第三方验收测评报告', '深圳市某软件测评中心', true, '2026-11-02', sha256('测评'::bytea), '{}', 'approved');
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'trial_operation');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'archive_acceptance', '档案验收〔2026〕27号', '项目档案验收意见', '区政务服务数据管理局', '2026-11-04', sha256('档案'::bytea), 'approved');
SET lgit.actor = 'wjj_huang';
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'final_accepted');
\echo 'Art 28-30: the authority''s security test; the handover (read-only account by secret reference, never the password); completion'
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'security_test_report', '安测-2026-070', '上线安全测试报告', '区政务服务数据管理局', '2026-11-10', sha256('安测'::bytea),
        '{host,application,database,baseline}', 'approved');
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'security_tested');
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
VALUES (:p, 'zsj_readonly', 'postgresql://10.20.1.12:5432/health_platform', 'vault://longgang/zsj/health_platform', '2026-11-12');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p, 'data_sharing_handover', '共享-2026-040', '业务数据共享移交材料', '区卫生健康局', '2026-11-12', sha256('共享'::bytea),
        '{full_realtime_sharing,readonly_account,connection,data_structure_document}');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'handover_audit', '深龙政数审〔2026〕77号', '业务数据共享和源代码移交审核意见', '区政务服务数据管理局', '2026-11-13',
        sha256('移交审核'::bytea), 'approved');
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'handover_verified');
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:p, 'expert_completion_minutes', '竣工专家会〔2026〕11号', '专家竣工验收会纪要', '区卫生健康局', '2026-11-20', sha256('竣工会'::bytea), 'approved'),
  (:p, 'completion_report', '竣工备案〔2026〕11号', '竣工验收报告', '区卫生健康局', '2026-11-23', sha256('竣工报告'::bytea), NULL);
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p, 'completed');
INSERT INTO lgit.result (project_id, kind, title, registered_on)
VALUES (:p, 'data', '区域全民健康信息数据集', '2026-11-24'), (:p, 'software', '区域全民健康信息平台（含源代码）', '2026-11-24');
\echo 'Art 30, 32: the authority records the filing (备案) of the completion report; then it is on its list to finance, and finance grants the O&M money'
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET filed_on = '2026-11-24' WHERE doc_number = '竣工备案〔2026〕11号';
SELECT project_code, completion_report, completed_on, warranty_ends FROM lgit.om_eligible;
SET lgit.actor = 'czj_sun';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:p, 2027, 3300000, '2026-11-26');
SELECT project_id, year, amount, granted_on FROM lgit.om_funding;

\echo '\n== A refused jump: 区教育局 tries to start construction of LG-2027-002 straight from draft'
SET lgit.actor = 'jyj_liu';
\set ON_ERROR_STOP off
\set VERBOSITY verbose
UPDATE lgit.project SET stage = 'construction' WHERE code = 'LG-2027-002';
\set VERBOSITY default
\set ON_ERROR_STOP on
\echo '... and 布吉街道 asks whether it may propose 区教育局''s project:'
SET lgit.actor = 'bj_li';
SELECT code, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'), 'proposed')
WHERE code = 'LG001';
RESET lgit.actor;

\echo '\n== The history of LG-2027-003 (append-only, hash-chained; evidence = the documents each step relied on)'
SELECT seq, from_stage, to_stage, actor, capacity, evidence,
       to_char(changed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS changed_at_shenzhen,
       encode(substr(row_hash, 1, 6), 'hex') AS row_hash
FROM lgit.history WHERE project_id = :p ORDER BY seq;

\echo '\n== lgit.verify(): every chain replayed (no rows = nothing wrong)'
SELECT * FROM lgit.verify();
\echo 'The heads of all chains and their digest, for the authority to keep outside the database;'
\echo 'lgit.verify(anchor) later shows a project removed, a chain cut back or re-sealed since'
SELECT projects, digest FROM lgit.anchor();
SELECT count(*) AS problems_against_the_anchor FROM lgit.verify((SELECT to_jsonb(a) FROM lgit.anchor() a));
\echo '\n== lgit.violations: every rule a project breaks now (no rows = nothing broken)'
SELECT project_code, code, article, message FROM lgit.violations;
\echo '\n== lgit.overdue: late deadlines and reports, in working days (none yet: this project''s first monthly report falls due at the end of this month)'
SELECT project_code, obligation, article, rule_code, due, workdays_late, responsible FROM lgit.overdue;

\echo '\n== Projects and money by stage (lgit.pipeline)'
SELECT stage, stage_zh, sum(projects) AS projects, sum(total_investment) AS total_investment
FROM lgit.pipeline GROUP BY stage, stage_zh ORDER BY stage;
