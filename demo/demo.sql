-- The lgit demo: a small Longgang sample, one project walked from draft to completed, a
-- refused jump with its full error, the history and the stage counts.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;

\echo '\n== Installing lgit'
CREATE EXTENSION lgit CASCADE;
SELECT extname, extversion FROM pg_extension WHERE extname = 'lgit';

\echo '\n== The sample: district bodies, streets, departments, and four projects'
\i demo/sample.sql
SELECT p.code, p.name, u.name_zh AS unit, p.total_investment, p.category, p.stage
FROM lgit.project p JOIN lgit.unit u USING (unit_id) ORDER BY p.code;
\echo 'LG-2027-004 (300,000 of self-raised funds, a pure equipment purchase) is outside the measures (Art 2):'
SET lgit.actor = 'bj_li';
SELECT code, article, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-004'), 'proposed')
WHERE code = 'LG020';
RESET lgit.actor;

\echo '\n== LG-2027-001, 8,000,000 (龙城街道): draft -> completed, each step by the capacity the measures name, on the evidence they require'
\set p1 '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-001'')'
\echo 'Art 10: the unit registers its proposal (every part the article lists) and its leadership''s minutes, then proposes'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :p1, 'proposal', '深龙城办〔2026〕30号', '智慧社区网格化治理平台项目建议书', '龙城街道办事处', '2026-09-20',
       sha256('项目建议书全文'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'unit_leadership_minutes', '龙城街道党工委会议纪要〔2026〕17号', '党工委会议纪要', '龙城街道党工委',
        '2026-09-18', sha256('会议纪要全文'::bytea));
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'proposed');
\echo 'Art 10, 13, 16: the authority approves and files its opinion; the unit names who answers for the project; the DRC establishes it'
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'proposal_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p1, 'authority_proposal_opinion', '深龙政数审〔2026〕61号', '立项审核意见', '区政务服务数据管理局',
        '2026-10-12', sha256('审核意见全文'::bytea), 'approved');
SET lgit.actor = 'lc_wang';
UPDATE lgit.project SET responsible_person = '王主任', implementing_body = '龙城街道党政综合办' WHERE project_id = :p1;
SET lgit.actor = 'fgj_zhao';
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'established');
\echo 'Art 12: under 50,000,000 no feasibility study; the design by a qualified consultancy, with 3 quotes for its equipment'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
SELECT :p1, 'preliminary_design', '初设-2026-077', '智慧社区网格化治理平台初步设计方案及概算', '深圳市某工程咨询有限公司', true,
       '2026-10-20', sha256('初步设计全文'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'preliminary_design';
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'market_quote', '网格终端报价', '甲科技公司', '2026-10-15', sha256('报价1'::bytea)),
       (:p1, 'market_quote', '网格终端报价', '乙科技公司', '2026-10-15', sha256('报价2'::bytea)),
       (:p1, 'market_quote', '网格终端报价', '丙科技公司', '2026-10-16', sha256('报价3'::bytea));
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'design_submitted');
\echo 'Art 12, 13: pre-review and expert review; the DRC approves on the experts'' conclusion and the authority''s opinion'
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'design_prereviewed');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'design_reviewed');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p1, 'authority_design_opinion', '深龙政数审〔2026〕70号', '初步设计审核意见', '区政务服务数据管理局',
        '2026-11-05', sha256('初设审核意见'::bytea), 'approved');
SET lgit.actor = 'zsj_expert';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p1, 'expert_review_conclusion', '专家评审〔2026〕95号', '专家评审结论', '区信息化项目评审专家组',
        '2026-11-03', sha256('专家结论'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'design_approved');
\echo 'Art 17-19, 38, 45: procurement and the contract (clauses, 24-month warranty, qualified supervisor); the authority records its filing'
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'procurement');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
VALUES (:p1, 'LCJD-HT-2026-009', '深圳市某数字科技有限公司', 7600000, '2026-11-10', '深圳市某工程监理有限公司', true, true, true, 24);
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'contracted');
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-11-16' WHERE doc_number = 'LCJD-HT-2026-009';
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'construction');
\echo 'Art 21, 26, 27: self-test, preliminary acceptance, trial operation, third-party test, archives, final acceptance'
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'self_tested');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts) VALUES
  (:p1, 'self_test_report', '自测-2026-31', '项目自测报告', '龙城街道办事处', false, '2026-11-18', sha256('自测'::bytea), '{contractor_signed,supervisor_signed}'),
  (:p1, 'third_party_test_report', '测评-2026-140', '第三方验收测评报告', '深圳市某软件测评中心', true, '2026-11-20', sha256('测评'::bytea), '{}');
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'trial_operation');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p1, 'archive_acceptance', '档案验收〔2026〕30号', '项目档案验收意见', '区政务服务数据管理局', '2026-11-21', sha256('档案'::bytea), 'approved');
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'final_accepted');
\echo 'Art 28-30: the authority''s security test and handover audit, then the expert completion acceptance'
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p1, 'security_test_report', '安测-2026-075', '上线安全测试报告', '区政务服务数据管理局', '2026-11-23', sha256('安测'::bytea),
        '{host,application,database,baseline}');
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'security_tested');
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p1, 'data_sharing_handover', '共享-2026-044', '业务数据共享移交材料', '龙城街道办事处', '2026-11-24', sha256('共享'::bytea),
        '{full_realtime_sharing,readonly_account,connection,data_structure_document}');
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'handover_verified');
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256) VALUES
  (:p1, 'expert_completion_minutes', '竣工专家会〔2026〕12号', '专家竣工验收会纪要', '龙城街道办事处', '2026-11-25', sha256('竣工会'::bytea)),
  (:p1, 'completion_report', '竣工备案〔2026〕12号', '竣工验收报告', '龙城街道办事处', '2026-11-25', sha256('竣工报告'::bytea));
SELECT seq, from_stage, to_stage, actor, capacity, evidence FROM lgit.advance(:p1, 'completed');
INSERT INTO lgit.result (project_id, kind, title, registered_on)
VALUES (:p1, 'software', '智慧社区网格化治理平台（含源代码）', '2026-11-26');
\echo 'Art 32: the project is on the authority''s list to finance, and finance grants its O&M money'
SELECT project_code, completion_report, completed_on, warranty_ends FROM lgit.om_eligible;
SET lgit.actor = 'czj_sun';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:p1, 2027, 450000, '2026-11-26');

\echo '\n== A project that is not ready: what stands between 区教育局''s 12,000,000 upgrade and its proposal?'
SET lgit.actor = 'jyj_liu';
SELECT code, article, message, hint
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'), 'proposed');

\echo '\n== LG-2027-003, 60,000,000 (区卫生健康局): at or over 50,000,000 the feasibility study is required (Art 11)'
\set p3 '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-003'')'
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :p3, 'proposal', '深龙卫健〔2026〕41号', '区域全民健康信息平台扩容项目建议书', '区卫生健康局', '2026-09-25',
       sha256('建议书'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p3, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕9号', '党组会议纪要', '区卫生健康局党组', '2026-09-22', sha256('党组纪要'::bytea)),
       (:p3, 'leader_special_meeting_minutes', '区领导专题会议纪要〔2026〕12号', '分管区领导专题会议纪要', '龙岗区人民政府办公室', '2026-09-24', sha256('专题会议'::bytea));
SELECT to_stage FROM lgit.advance(:p3, 'proposed');
SET lgit.actor = 'zsj_chen';   SELECT to_stage FROM lgit.advance(:p3, 'proposal_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p3, 'authority_proposal_opinion', '深龙政数审〔2026〕66号', '立项审核意见', '区政务服务数据管理局', '2026-10-15', sha256('意见'::bytea), 'approved');
SET lgit.actor = 'wjj_huang';
UPDATE lgit.project SET responsible_person = '黄科长', implementing_body = '区卫生健康信息中心' WHERE project_id = :p3;
SET lgit.actor = 'fgj_zhao';   SELECT to_stage FROM lgit.advance(:p3, 'established');
SET lgit.actor = 'wjj_huang';
\echo 'What stands between it and the preliminary design?'
SELECT code, article, message, facts->>'total_investment' AS total,
       facts->>'feasibility_min_investment' AS threshold, hint
FROM lgit.blockers(:p3, 'design_submitted');

\echo '\n== A refused jump: 区教育局 tries to start construction of LG-2027-002 straight from draft'
SET lgit.actor = 'jyj_liu';
\set ON_ERROR_STOP off
\set VERBOSITY verbose
UPDATE lgit.project SET stage = 'construction' WHERE code = 'LG-2027-002';
\set VERBOSITY default
\set ON_ERROR_STOP on
\echo '... and 布吉街道 asks whether it may propose 区教育局''s project:'
SET lgit.actor = 'bj_li';
SELECT code, message, hint
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'), 'proposed');
RESET lgit.actor;

\echo '\n== The history of LG-2027-001 (append-only, hash-chained; evidence = the documents each step relied on)'
SELECT seq, from_stage, to_stage, actor, capacity, evidence,
       to_char(changed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS changed_at_shenzhen,
       encode(substr(row_hash, 1, 6), 'hex') AS row_hash
FROM lgit.history WHERE project_id = :p1 ORDER BY seq;

\echo '\n== lgit.verify(): every chain replayed (no rows = nothing wrong)'
SELECT * FROM lgit.verify();

\echo '\n== lgit.violations: every rule a project breaks now (no rows = nothing broken)'
SELECT project_code, code, article, message FROM lgit.violations;

\echo '\n== Projects and money by stage'
SELECT p.stage, i.label_zh, count(*) AS projects, sum(p.total_investment) AS total_investment
FROM lgit.project p JOIN lgit.stage_info i USING (stage)
GROUP BY p.stage, i.label_zh ORDER BY p.stage;
