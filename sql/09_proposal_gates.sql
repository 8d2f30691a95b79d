-- Art 10: a proposal covers every part the article lists and comes with the minutes of the
-- unit leadership's meeting; at 10,000,000 or more (以上, 含) the district leader's special
-- meeting comes first.  Art 33: a phase waits for the previous one.  Art 47-49: sanctions.
\set lc '(SELECT unit_id FROM lgit.unit WHERE code = ''LCJD'')'
\set plan '(SELECT plan_id FROM lgit.special_plan WHERE doc_number = ''深龙城办〔2026〕8号'')'
\set pr1 '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-001'')'
\set pr2 '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-002'')'

SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id,
                          fund_general_budget, responsible_person, implementing_body)
VALUES ('LG-PR-001', '龙城街道一网统管平台', :lc, 'application', 'new', 2027, :plan, 9999999.99,
        '王主任', '龙城街道城市运行中心'),
       ('LG-PR-002', '龙城街道城市运行中心大屏', :lc, 'integration', 'new', 2027, :plan, 10000000.00,
        '王主任', '龙城街道城市运行中心');

-- Nothing registered yet: the proposal and the minutes are both missing.
SELECT code, message FROM lgit.blockers(:pr1, 'proposed');

-- A proposal without its site, schedule and O&M plan is refused with every missing part named.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:pr1, 'proposal', '深龙城办〔2026〕21号', '一网统管平台项目建议书', '龙城街道办事处', '2026-09-01',
        sha256('一网统管平台项目建议书 v1'::bytea),
        '{current_situation,necessity,benefits,goals,content,integration_sharing_plan,scale,investment_estimate,fund_use}');
UPDATE lgit.project SET stage = 'proposed' WHERE code = 'LG-PR-001';
-- A part the article does not know is refused at registration.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:pr1, 'proposal', '深龙城办〔2026〕22号', '一网统管平台项目建议书', '龙城街道办事处', '2026-09-10',
        sha256('x'::bytea), '{current_situation,budget_breakdown}');
-- The revised proposal, complete, and the minutes of the unit leadership's meeting.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :pr1, 'proposal', '深龙城办〔2026〕25号', '一网统管平台项目建议书（修订）', '龙城街道办事处', '2026-09-15',
       sha256('一网统管平台项目建议书 v2'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr1, 'unit_leadership_minutes', '龙城街道党工委会议纪要〔2026〕14号', '党工委会议纪要', '龙城街道党工委',
        '2026-09-12', sha256('党工委会议纪要 14'::bytea), 'approved');
-- 9,999,999.99 is under the line: no special meeting needed.
SELECT seq, from_stage, to_stage, cardinality(evidence) AS documents_relied_on
FROM lgit.advance(:pr1, 'proposed');
SELECT d.kind, d.doc_number, d.registered_by
FROM lgit.history h JOIN lgit.document d ON d.document_id = ANY (h.evidence)
WHERE h.project_id = :pr1 AND h.to_stage = 'proposed' ORDER BY d.kind;

-- 10,000,000.00 is 1000万以上: the minutes of the district leader's special meeting are required.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :pr2, 'proposal', '深龙城办〔2026〕26号', '城市运行中心大屏项目建议书', '龙城街道办事处', '2026-09-15',
       sha256('大屏项目建议书'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr2, 'unit_leadership_minutes', '龙城街道党工委会议纪要〔2026〕15号', '党工委会议纪要', '龙城街道党工委',
        '2026-09-12', sha256('党工委会议纪要 15'::bytea), 'approved');
SELECT code, message, facts->>'total_investment' AS total, facts->>'leader_meeting_min_investment' AS threshold, hint
FROM lgit.blockers(:pr2, 'proposed');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:pr2, 'leader_special_meeting_minutes', '区领导专题会议纪要〔2026〕7号', '分管区领导专题会议纪要',
        '龙岗区人民政府办公室', '2026-10-09', sha256('专题会议纪要 7'::bytea), 'approved');
SELECT seq, from_stage, to_stage, cardinality(evidence) AS documents_relied_on
FROM lgit.advance(:pr2, 'proposed');

-- Art 33: the second phase of a project waits for the first phase's completion acceptance.
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id,
                          fund_general_budget, previous_phase_id)
VALUES ('LG-PR-001-2', '龙城街道一网统管平台（二期）', :lc, 'application', 'expansion', 2028, :plan, 5000000, :pr1),
       ('LG-2027-001-2', '龙城街道智慧社区网格化治理平台（二期）', :lc, 'application', 'expansion', 2028, :plan, 5000000,
        (SELECT project_id FROM lgit.project WHERE code = 'LG-2027-001'));
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code LIKE '%-2';
SELECT p.code, b.code AS rule, b.message
FROM lgit.project p LEFT JOIN LATERAL lgit.blockers(p.project_id, 'proposed') b ON true
WHERE p.code LIKE '%-2' ORDER BY p.code;

-- Art 47, 48, 50: the authority sanctions 布吉街道 for not sharing data and for a security hazard;
-- the unit cannot sanction or lift itself.
SET lgit.actor = 'bj_li';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
SELECT 'LG-BJ-001', '布吉街道数字档案系统', unit_id, 'application', 'upgrade', 2027, 1500000
FROM lgit.unit WHERE code = 'BJJD';
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code = 'LG-BJ-001';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'data_sharing', '2026-10-01', '自行解除' FROM lgit.unit WHERE code = 'BJJD';
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason, doc_number)
SELECT unit_id, v.kind, '2026-01-05', v.reason, v.doc
FROM lgit.unit,
     (VALUES ('data_sharing', '城管系统业务数据未按要求共享至区政务大数据平台', '深龙政数〔2026〕3号'),
             ('security', '门户网站存在高危漏洞未整改', '深龙政数〔2026〕4号')) AS v(kind, reason, doc)
WHERE code = 'BJJD';
SET lgit.actor = 'bj_li';
SELECT code, message, facts->>'imposed_on' AS imposed_on, facts->>'sanction_reason' AS reason
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-BJ-001'), 'proposed');
-- Lifting the sanctions (as of 1 February 2026) restores the unit.
SET lgit.actor = 'zsj_chen';
UPDATE lgit.sanction SET lifted_on = '2026-02-01'
WHERE unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'BJJD');
SET lgit.actor = 'bj_li';
SELECT seq, from_stage, to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-BJ-001'), 'proposed');

-- Art 49: a unit that refused rectification gets no approvals (here, the authority's).
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'refused_rectification', '2026-03-01', '年度绩效考评未达标且拒不整改' FROM lgit.unit WHERE code = 'BJJD';
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-BJ-001'), 'proposal_approved');
UPDATE lgit.sanction SET lifted_on = '2026-04-01' WHERE kind = 'refused_rectification';
SELECT to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-BJ-001'), 'proposal_approved');
RESET lgit.actor;
