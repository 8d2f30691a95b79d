-- From proposal to approved design.  Art 10, 13: the DRC establishes on the authority's approving
-- opinion (Art 16's responsible person is not yet needed); Art 14: a higher-level
-- project is filed with its approval; Art 11: the feasibility report; Art 12: the preliminary
-- design, with three quotes for equipment; Art 13: expert review and the authority's opinion
-- before the DRC approves.
\set pr1 '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-001'')'

-- Art 10: the authority approves the proposal and must say so in an opinion the DRC relies on.
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:pr1, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:pr1, 'established');
-- A rejecting opinion does not do either; only the authority registers opinions.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr1, 'authority_proposal_opinion', '深龙政数审〔2026〕40号', '审核意见', '区政务服务数据管理局',
        '2026-10-10', sha256('opinion 40'::bytea), 'approved');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr1, 'authority_proposal_opinion', '深龙政数审〔2026〕40号', '审核意见', '区政务服务数据管理局',
        '2026-10-10', sha256('opinion 40'::bytea), 'rejected');
SET lgit.actor = 'fgj_zhao';
SELECT code, message FROM lgit.blockers(:pr1, 'established');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr1, 'authority_proposal_opinion', '深龙政数审〔2026〕44号', '审核意见（复审）', '区政务服务数据管理局',
        '2026-10-20', sha256('opinion 44'::bytea), 'approved');
-- Art 16: the unit has cleared its responsible person; establishment does not wait for the names
-- (they are needed before construction, sql/57_what_the_text_requires.sql).
SET lgit.actor = 'lc_wang';
UPDATE lgit.project SET responsible_person = NULL, implementing_body = ' ' WHERE project_id = :pr1;
SET lgit.actor = 'fgj_zhao';
-- Art 10: the DRC's 立项批复 is its own recorded act, relied on by the move.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:pr1, 'drc_establishment_approval', '深龙发改立〔2026〕25号', '立项批复', '区发展和改革局', '2026-10-20', sha256('深龙发改立〔2026〕25号'::bytea));
SELECT to_stage, cardinality(evidence) AS documents_relied_on FROM lgit.advance(:pr1, 'established');
SET lgit.actor = 'lc_wang';
UPDATE lgit.project SET responsible_person = '王主任', implementing_body = '龙城街道城市运行中心' WHERE project_id = :pr1;

-- Art 12: the preliminary design needs every part, a qualified author, and - since it buys
-- equipment - quotes from at least 3 organisations.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:pr1, 'preliminary_design', '初设-2026-061', '一网统管平台初步设计方案及概算', '某信息技术有限公司', false,
        '2026-10-25', sha256('design v1'::bytea), '{acceptance_method,implementation_plan,equipment_purchase}');
SELECT code, message FROM lgit.blockers(:pr1, 'design_submitted');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
SELECT :pr1, 'preliminary_design', '初设-2026-065', '一网统管平台初步设计方案及概算（修订）', '深圳市某工程咨询有限公司', true,
       '2026-11-02', sha256('design v2'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'preliminary_design';
-- two quotes, the second organisation quoting twice: still two organisations
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
VALUES (:pr1, 'market_quote', '服务器报价', '甲科技公司', '2026-10-28', sha256('q1'::bytea)),
       (:pr1, 'market_quote', '服务器报价', '乙科技公司', '2026-10-28', sha256('q2'::bytea)),
       (:pr1, 'market_quote', '服务器报价（更新）', '乙科技公司', '2026-10-30', sha256('q3'::bytea));
SELECT code, message, facts->>'quotes' AS quotes, facts->>'min_quotes_for_equipment' AS minimum
FROM lgit.blockers(:pr1, 'design_submitted');
-- exactly 3 organisations is enough (不少于3家)
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
VALUES (:pr1, 'market_quote', '服务器报价', '丙科技公司', '2026-10-29', sha256('q4'::bytea));
SELECT to_stage, cardinality(evidence) AS documents_relied_on FROM lgit.advance(:pr1, 'design_submitted');

-- Art 12, 13: pre-review and expert review by the authority, then the DRC approves only with
-- the expert conclusion and the authority's opinion on the design.
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:pr1, 'design_prereviewed');
SELECT to_stage FROM lgit.advance(:pr1, 'design_reviewed');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:pr1, 'design_approved');
SET lgit.actor = 'zsj_expert';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr1, 'expert_review_conclusion', '专家评审〔2026〕88号', '初步设计专家评审结论', '区信息化项目评审专家组',
        '2026-11-10', sha256('experts 88'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
SELECT code, message FROM lgit.blockers(:pr1, 'design_approved');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr1, 'authority_design_opinion', '深龙政数审〔2026〕52号', '初步设计审核意见', '区政务服务数据管理局',
        '2026-11-12', sha256('opinion 52'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
-- Art 13: the 概算批复 states the approved estimate.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, amount)
VALUES (:pr1, 'drc_design_approval', '深龙发改概〔2026〕25号', '初步设计及概算批复', '区发展和改革局', '2026-11-13', sha256('深龙发改概〔2026〕25号'::bytea), 8000000);
SELECT to_stage, cardinality(evidence) AS documents_relied_on FROM lgit.advance(:pr1, 'design_approved');

-- Art 11: at 50,000,000 the feasibility report needs a qualified consultancy and both chapters.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget, fund_government_bonds)
SELECT 'LG-FS-001', '龙城街道城市生命线安全工程', unit_id, 'security', 'new', 2027, 20000000, 30000000
FROM lgit.unit WHERE code = 'LCJD';
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code = 'LG-FS-001';
\set fs '(SELECT project_id FROM lgit.project WHERE code = ''LG-FS-001'')'
-- a document no stage change relied on yet can still be withdrawn
DELETE FROM lgit.document WHERE project_id = :fs AND kind = 'feasibility_report';
SELECT to_stage FROM lgit.advance(:fs, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:fs, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:fs, 'established');
SET lgit.actor = 'lc_wang';
SELECT code, message FROM lgit.blockers(:fs, 'feasibility_submitted');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:fs, 'feasibility_report', '可研-2026-009', '城市生命线安全工程可行性研究报告', '某咨询工作室', false,
        '2026-11-01', sha256('fs v1'::bytea), '{resource_sharing_analysis}');
UPDATE lgit.project SET stage = 'feasibility_submitted' WHERE project_id = :fs;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:fs, 'feasibility_report', '可研-2026-011', '城市生命线安全工程可行性研究报告（修订）', '深圳市某工程咨询有限公司', true,
        '2026-11-05', sha256('fs v2'::bytea), '{resource_sharing_analysis,information_security}');
SELECT to_stage, cardinality(evidence) AS documents_relied_on FROM lgit.advance(:fs, 'feasibility_submitted');

-- Art 14: a provincial project is filed by the authority with the higher approval on record.
SET lgit.actor = 'bt_he';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, superior_funded, fund_superior,
                          responsible_person, implementing_body)
SELECT 'LG-SUP-002', '省“数字政府”基层治理试点（坂田）', unit_id, 'application', 'new', 2027, true, 6000000,
       '何主任', '坂田街道党政综合办'
FROM lgit.unit WHERE code = 'BTJD';
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-SUP-002'), 'established');
SET lgit.actor = 'bt_he';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, 'superior_approval', '粤政数函〔2026〕118号', '关于基层治理试点项目的批复', '广东省政务服务和数据管理局',
       '2026-08-20', sha256('粤政数函118'::bytea)
FROM lgit.project WHERE code = 'LG-SUP-002';
SET lgit.actor = 'zsj_chen';
SELECT to_stage, cardinality(evidence) AS documents_relied_on
FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-SUP-002'), 'established');
RESET lgit.actor;
