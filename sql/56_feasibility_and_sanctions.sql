-- Art 11: the feasibility study is approved by the DRC only on the authority's approving
-- review (审核) and the expert review the DRC organises (评审结论); the authority's 5-working-day
-- clock runs from 正式受理 to its own opinion.  Art 47-50: sanctions bite where the text says.
SET datestyle = ISO;
\set fs '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-056'')'

-- 第十一条：……编制完成后报区信息化主管部门审核，通过后再提交区发改部门审批。可行性研究报告经
-- 区信息化主管部门正式受理之日起5个工作日内完成审核。
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, fund_government_bonds)
SELECT 'LG-S-056', '区域医学影像云平台', unit_id, 'application', 'new', 30000000, 30000000 FROM lgit.unit WHERE code = 'LGWJJ';
SELECT lgit_test.file_complete_evidence(:fs);
-- (the helper registered the two reviews; this study has had neither yet)
SET lgit.actor = 'zsj_chen';
DELETE FROM lgit.document WHERE project_id = :fs AND kind = 'authority_feasibility_opinion';
SET lgit.actor = 'fgj_zhao';
DELETE FROM lgit.document WHERE project_id = :fs AND kind = 'feasibility_expert_review';
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:fs, 'feasibility_report', '可研-2026-056', '区域医学影像云平台可行性研究报告', '深圳市某工程咨询有限公司', true,
        '2026-03-02', sha256('s56 fs'::bytea), '{resource_sharing_analysis,information_security}');
-- 正式受理 is the authority's act (Art 11)
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET accepted_on = '2026-03-03' WHERE doc_number = '可研-2026-056';
SET lgit.actor = 'wjj_huang';
SELECT lgit_test.walk_to(:fs, 'feasibility_submitted');
-- The DRC cannot approve a study nobody reviewed.
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:fs, 'feasibility_approved');
-- Accepted on 2026-03-03, the authority's review was due on 2026-03-10: on 2026-03-16 it is late.
SELECT obligation, due, workdays_late, responsible FROM lgit.overdue_on('2026-03-16') WHERE project_code = 'LG-S-056';
-- The authority's approving review stops its clock, though the DRC has not approved yet.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:fs, 'authority_feasibility_opinion', '深龙政数审〔2026〕56号', '可行性研究报告审核意见', '区政务服务数据管理局', '2026-03-13',
        sha256('s56 op'::bytea), 'approved');
SELECT obligation, due, workdays_late, responsible FROM lgit.overdue_on('2026-03-16') WHERE project_code = 'LG-S-056';
SET lgit.actor = 'fgj_zhao';
SELECT code, message FROM lgit.blockers(:fs, 'feasibility_approved');
-- The expert review rejects the study; after the revision a second review approves it.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:fs, 'feasibility_expert_review', '发改评审〔2026〕56号', '可行性研究报告专家评审结论（修改后再审）', '区发改局评审专家组', '2026-03-20',
        sha256('s56 er1'::bytea), 'rejected');
SELECT code, message FROM lgit.blockers(:fs, 'feasibility_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:fs, 'feasibility_expert_review', '发改评审〔2026〕61号', '可行性研究报告专家评审结论', '区发改局评审专家组', '2026-03-27',
        sha256('s56 er2'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:fs, 'feasibility_approved');

-- 第四十七条：对于未按要求共享数据资源的政务信息系统，不安排运维经费，项目建设单位不得新建、改建、扩建
-- 政务信息系统。第四十八条：对于不符合网络安全要求……的信息系统，不安排运维经费…… The O&M cut is the
-- non-compliant system's; the ban on new projects is the unit's.
\set a '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-061'')'
\set b '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-062'')'
SET lgit.actor = 'jyj_liu';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT v.code, v.name, unit_id, 'application', 'new', 6000000
FROM lgit.unit, (VALUES ('LG-S-061', '学籍管理系统'), ('LG-S-062', '校园一卡通系统'), ('LG-S-063', '教师研修平台'),
                        ('LG-S-064', '招生报名系统'), ('LG-S-065', '课后服务管理系统')) AS v(code, name)
WHERE unit.code = 'LGJYJ';
SELECT code, lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code LIKE 'LG-S-06_' AND code <> 'LG-S-060' ORDER BY code;
SELECT code, lgit_test.walk_to(project_id, 'completed') FROM lgit.project WHERE code IN ('LG-S-061', 'LG-S-062') ORDER BY code;
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.sanction (unit_id, project_id, kind, imposed_on, reason)
SELECT unit_id, project_id, 'data_sharing', '2026-01-05', '学籍数据未按要求实时共享' FROM lgit.project WHERE code = 'LG-S-061';
SELECT code, message, facts->>'sanctioned_system' AS system FROM lgit.om_blockers(:a, '2027-01-10');
SELECT count(*) AS blockers_of_the_other_system FROM lgit.om_blockers(:b, '2027-01-10');
SELECT project_code FROM lgit.om_eligible WHERE project_code IN ('LG-S-061', 'LG-S-062') ORDER BY 1;
SET lgit.actor = 'czj_sun';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:a, 2027, 300000, '2027-01-10');
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:b, 2027, 300000, '2027-01-10');
-- ... while the unit may start no new project at all.
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-S-063'), 'proposed');
-- Art 48: a security finding on the other system cuts that one's money too; a sanction that
-- names no system (unit-wide, and every sanction recorded before systems were named) cuts all.
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.sanction (unit_id, project_id, kind, imposed_on, reason)
SELECT unit_id, project_id, 'security', '2027-02-01', '存在重大安全隐患（弱口令）' FROM lgit.project WHERE code = 'LG-S-062';
SELECT code, message FROM lgit.om_blockers(:b, '2027-02-10');
UPDATE lgit.sanction SET lifted_on = '2027-03-01' WHERE kind = 'security' AND project_id = :b;
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'security', '2027-04-01', '2027-05-01', '未建立网络安全管理制度' FROM lgit.unit WHERE code = 'LGJYJ';
SELECT code, facts->>'sanctioned_system' AS system FROM lgit.om_blockers(:b, '2027-04-10');
SELECT count(*) AS blockers_after_lifting FROM lgit.om_blockers(:b, '2027-05-02');
-- The system named must be one of the sanctioned unit's.
INSERT INTO lgit.sanction (unit_id, project_id, kind, imposed_on, reason)
SELECT u.unit_id, :b, 'security', '2027-02-01', '张冠李戴' FROM lgit.unit u WHERE u.code = 'LGWJJ';

-- 第五十条：对不符合统筹建设和不支持资源共享的……已建成项目不予通过验收……情节严重的，终止项目。
\set c '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-064'')'
\set d '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-065'')'
SET lgit.actor = 'zsj_chen';
UPDATE lgit.sanction SET lifted_on = (now() AT TIME ZONE 'Asia/Shanghai')::date WHERE project_id = :a;
SELECT code, lgit_test.walk_to(project_id, 'self_tested') FROM lgit.project WHERE code IN ('LG-S-064', 'LG-S-065') ORDER BY code;
INSERT INTO lgit.sanction (unit_id, project_id, kind, imposed_on, reason)
SELECT unit_id, project_id, 'data_sharing', '2026-01-05', '报名数据自成体系，拒绝接入区大数据平台' FROM lgit.project WHERE code = 'LG-S-064';
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:c, 'trial_operation');
-- another system of the unit is accepted as usual
SELECT to_stage FROM lgit.advance(:d, 'trial_operation');
-- 情节严重: the district leader terminates the sanctioned system on his approval, without the
-- industry department's review Art 34 asks of a unit's own request.
SET lgit.actor = 'qzf_lin';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:c, 'termination_approval', '区领导批示〔2026〕64号', '同意终止招生报名系统', '分管区领导', '2026-11-02', sha256('s56 t64'::bytea));
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:c, 'terminated', '拒不接入区大数据平台，情节严重');
-- without such a sanction the industry department's approving review is still required
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:d, 'industry_review', '深龙教函〔2026〕65号', '关于终止课后服务管理系统的审核意见（不同意）', '区教育局（行业主管部门）', '2026-11-03',
        sha256('s56 ir65'::bytea), 'rejected');
SET lgit.actor = 'qzf_lin';
SELECT code, message FROM lgit.blockers(:d, 'terminated');

-- 第四十九条：……对拒不整改的，区发改部门和区信息化主管部门暂缓其后续项目的审批。 Approvals wait;
-- the unit's other work (building, testing) goes on.
\set e '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-066'')'
SET lgit.actor = 'bt_he';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT v.code, '坂田街道' || v.name, unit_id, 'application', 'new', 6000000
FROM lgit.unit, (VALUES ('LG-S-066', '智慧停车系统'), ('LG-S-067', '社区服务平台')) AS v(code, name) WHERE unit.code = 'BTJD';
SELECT code, lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code IN ('LG-S-066', 'LG-S-067') ORDER BY code;
SELECT lgit_test.walk_to(:e, 'proposal_approved');
SELECT lgit_test.walk_to((SELECT project_id FROM lgit.project WHERE code = 'LG-S-067'), 'construction');
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason)
SELECT unit_id, 'refused_rectification', '2026-01-05', '年度绩效考评未达标且拒不整改' FROM lgit.unit WHERE code = 'BTJD';
SELECT to_stage FROM lgit.advance(:e, 'established');
SET lgit.actor = 'bt_he';
SELECT to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-S-067'), 'self_tested');
SET lgit.actor = 'fgj_zhao';
UPDATE lgit.sanction SET lifted_on = (now() AT TIME ZONE 'Asia/Shanghai')::date
WHERE kind = 'refused_rectification' AND unit_id = (SELECT unit_id FROM lgit.unit WHERE code = 'BTJD');
SELECT to_stage FROM lgit.advance(:e, 'established');
RESET lgit.actor;
