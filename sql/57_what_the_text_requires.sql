-- What the text requires, no more and no less (Art 14, 16, 22, 24, 26, 29, 33, 34, 38).
SET datestyle = ISO;

-- 第二十九条：……定制化开发软件的系统源代码必须上传到区政务软件开发云平台进行移交。 Custom
-- development is what the project is - an application (应用系统软件开发), a software-development
-- contract, or the unit's own declaration - not a flag the unit can clear; only the authority
-- exempts a purely off-the-shelf product, with its reason.
\set app '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-071'')'
\set integ '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-073'')'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT v.code, v.name, unit_id, v.category::lgit.project_category, 'new', 6000000
FROM lgit.unit, (VALUES ('LG-S-071', '龙城街道公文流转系统', 'application'), ('LG-S-072', '龙城街道机房整合', 'integration'),
                        ('LG-S-073', '龙城街道视频会议系统集成', 'integration'), ('LG-S-074', '龙城街道会议室集成', 'integration'),
                        ('LG-S-076', '龙城街道宣传屏（草案）', 'application'), ('LG-S-077', '龙城街道综合执法平台', 'application'))
     AS v(code, name, category)
WHERE unit.code = 'LCJD';
SELECT code, lgit_test.file_complete_evidence(project_id) FROM lgit.project
WHERE code IN ('LG-S-071', 'LG-S-072', 'LG-S-073', 'LG-S-074', 'LG-S-077') ORDER BY code;
-- (the helper registered an upload for each; these projects upload nothing)
DELETE FROM lgit.document WHERE kind = 'source_code_handover'
  AND project_id IN (SELECT project_id FROM lgit.project WHERE code IN ('LG-S-071', 'LG-S-072', 'LG-S-073'));
-- (a filed contract is part of the record: the integration project's software is a second contract)
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months, software_development)
VALUES (:integ, 'LCJD-HT-2026-073B', '深圳市某软件有限公司', 100000, '2026-01-10', '深圳市某工程监理有限公司', true, true, true, 24, true);
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-01-15' WHERE doc_number = 'LCJD-HT-2026-073B';
SET lgit.actor = 'lc_wang';
SELECT code, lgit_test.walk_to(project_id, 'security_tested') FROM lgit.project
WHERE code IN ('LG-S-071', 'LG-S-072', 'LG-S-073') ORDER BY code;
-- The application: clearing the flag changes nothing.
UPDATE lgit.project SET custom_development = false WHERE project_id = :app;
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:app, 'handover_verified');
-- The integration project with a software-development contract uploads too; the one without
-- any software development does not.
SELECT p.code, b.code, b.message FROM lgit.project p, lgit.blockers(p.project_id, 'handover_verified') b
WHERE p.code IN ('LG-S-072', 'LG-S-073') ORDER BY p.code;
-- Only the authority exempts an off-the-shelf product, its reason in the title.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:app, 'source_code_exemption', '深龙城办〔2026〕71号', '成品软件，无定制开发', '龙城街道办事处', '2026-11-02', sha256('s57 ex0'::bytea));
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:app, 'source_code_exemption', '深龙政数函〔2026〕71号', '采购成品公文软件（无定制开发），免于源代码移交',
        '区政务服务数据管理局', '2026-11-02', sha256('s57 ex1'::bytea));
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:app, 'handover_verified');

-- 第三十八条：……对于软件开发类项目，签订的合同条款应约定系统开发源代码和产生的数据等归项目建设单位所有。
\set meet '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-074'')'
SELECT lgit_test.walk_to(:meet, 'procurement');
SET lgit.actor = 'lc_wang';
-- a second contract, without the ownership clause: an integration contract needs none
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
VALUES (:meet, 'LCJD-HT-2026-074B', '深圳市某系统集成有限公司', 100000, '2026-01-10', '深圳市某工程监理有限公司', true, true, false, 24);
SELECT count(*) AS blockers FROM lgit.blockers(:meet, 'contracted');
UPDATE lgit.contract SET software_development = true WHERE doc_number = 'LCJD-HT-2026-074B';
SELECT to_stage FROM lgit.advance(:meet, 'contracted');
UPDATE lgit.contract SET software_development = false WHERE doc_number = 'LCJD-HT-2026-074B';
SELECT to_stage FROM lgit.advance(:meet, 'contracted');

-- 第十四条：属于国家、省、市统筹安排并拨付资金建设的项目，建设单位在向上级有关单位办理申报立项后，需将项目
-- 资料报送区信息化主管部门备案，并积极落实系统互通和数据共享工作。 Filed, it goes on to procurement
-- without the district's feasibility study, design and DRC approvals; the delivery gates (contract,
-- acceptance, security test, data sharing) still apply.
\set sup '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-075'')'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_superior, superior_funded)
SELECT 'LG-S-075', '省级基层治理平台龙城节点', unit_id, 'application', 'new', 70000000, true FROM lgit.unit WHERE code = 'LCJD';
SELECT lgit_test.file_complete_evidence(:sup);
SET lgit.actor = 'zsj_chen';
SELECT from_stage, to_stage FROM lgit.advance(:sup, 'established');
SET lgit.actor = 'lc_wang';
SELECT from_stage, to_stage FROM lgit.advance(:sup, 'procurement');
SELECT from_stage, to_stage FROM lgit.advance(:sup, 'contracted');
-- a district project has no such edge
\set dist '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-077'')'
SELECT lgit_test.walk_to(:dist, 'established');
SELECT to_stage FROM lgit.advance(:dist, 'procurement');

-- 第三十四条：项目因特殊情况需要终止或取消的，经项目所属行业主管部门审核后，由项目建设单位报分管区领导批准，
-- 按相关规定进行审计结算。 A draft the unit never proposed is its own to withdraw: no review, no
-- approval, no audit settlement.  Another unit cannot.
\set draft '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-076'')'
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:draft, 'terminated', '撤回草案');
SET lgit.actor = 'lc_wang';
SELECT from_stage, to_stage, capacity, reason FROM lgit.advance(:draft, 'terminated', '需求已由区级平台满足，撤回草案');
SELECT count(*) AS violations FROM lgit.check_project(:draft);

-- 第十六条：……项目建设单位应确定项目实施机构和项目责任人…… Named before construction starts.
SELECT lgit_test.walk_to(:dist, 'contracted');
UPDATE lgit.project SET responsible_person = ' ' WHERE project_id = :dist;
SELECT to_stage FROM lgit.advance(:dist, 'construction');
UPDATE lgit.project SET responsible_person = '王主任' WHERE project_id = :dist;
SELECT to_stage FROM lgit.advance(:dist, 'construction');

-- 第二十六条：……合同金额1000万（含）以上的项目，项目建设单位应组织专家初步验收会。 The threshold is a
-- contract's own amount: two contracts of 6,000,000 need no expert meeting, one of 10,000,000 does.
\set big '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-078'')'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-S-078', '龙城街道智慧安防平台', unit_id, 'application', 'new', 15000000 FROM lgit.unit WHERE code = 'LCJD';
SELECT lgit_test.file_complete_evidence(:big, contract_amount => 6000000);
SET lgit.actor = 'lc_wang';
DELETE FROM lgit.document WHERE project_id = :big AND kind = 'expert_preliminary_acceptance_minutes';
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor, supervisor_qualified,
                           acceptance_clause, ownership_clause, warranty_months)
VALUES (:big, 'LCJD-HT-2026-078B', '深圳市某安防科技有限公司', 6000000, '2026-01-10', '深圳市某工程监理有限公司', true, true, true, 24);
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-01-15' WHERE doc_number = 'LCJD-HT-2026-078B';
SELECT lgit_test.walk_to(:big, 'self_tested');
SELECT count(*) AS blockers FROM lgit.blockers(:big, 'trial_operation');
-- One contract of 10,000,000 (含) is the expert meeting's threshold.
\set one '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-080'')'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-S-080', '龙城街道应急指挥平台', unit_id, 'application', 'new', 12500000 FROM lgit.unit WHERE code = 'LCJD';
SELECT lgit_test.file_complete_evidence(:one);
SET lgit.actor = 'lc_wang';
DELETE FROM lgit.document WHERE project_id = :one AND kind = 'expert_preliminary_acceptance_minutes';
SELECT amount FROM lgit.contract WHERE project_id = :one;
SELECT lgit_test.walk_to(:one, 'self_tested');
SET lgit.actor = 'lc_wang';
SELECT to_stage FROM lgit.advance(:one, 'trial_operation');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:one, 'expert_preliminary_acceptance_minutes', '初验专家会〔2026〕80号', '专家初步验收会纪要', '龙城街道办事处', '2026-11-03',
        sha256('s57 pre80'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:one, 'trial_operation');
SET lgit.actor = 'lc_wang';
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, 'other', '等特殊情况：机房搬迁导致线路重新敷设', 400000, '2026-02-01', true, true, true
FROM lgit.contract WHERE doc_number = 'LCJD-HT-2026-078B';
-- (第二十四条 lists 信息技术更新、设备停产、兼容性问题、上级文件要求、业务调整等: 'other' with its
-- description is another special situation; an unknown category is still refused)
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, 'weather', '天气', 1000, '2026-02-01', true, true, true
FROM lgit.contract WHERE doc_number = 'LCJD-HT-2026-078B';
SELECT code, message FROM lgit.blockers(:big, 'trial_operation');

-- 第三十三条：……前一期项目未通过竣工验收的，区信息化主管部门原则上不批准下一期项目的申报及建设。
-- 原则上: the authority may record an exception, with its reason.
\set phase2 '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-079'')'
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, previous_phase_id)
SELECT 'LG-S-079', '龙城街道智慧安防平台（二期）', unit_id, 'application', 'expansion', 6000000, :big FROM lgit.unit WHERE code = 'LCJD';
SELECT lgit_test.file_complete_evidence(:phase2);
SET lgit.actor = 'lc_wang';
SELECT to_stage FROM lgit.advance(:phase2, 'proposed');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:phase2, 'phase_exemption', '深龙政数函〔2026〕79号', '一期已完成主体建设、二期为应急扩容，同意先行申报',
        '区政务服务数据管理局', '2026-11-02', sha256('s57 ph'::bytea));
SET lgit.actor = 'lc_wang';
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:phase2, 'proposed');

-- 第二十二条：……在建设期内每年年底前向区信息化主管部门提交。 No report is due for a year that ends
-- after completion: LG-S-071 completes this year, LG-S-077 is still under construction.
SELECT lgit_test.walk_to(:app, 'completed');
SET lgit.actor = 'lc_wang';
DELETE FROM lgit.document WHERE kind = 'performance_report'
  AND project_id IN (SELECT project_id FROM lgit.project WHERE code IN ('LG-S-071', 'LG-S-077'));
-- (next year's working days are loaded for the question, then taken out again; its one holiday
-- is the year's first weekday, as a notice may list a lone weekend day only in a run with one)
RESET lgit.actor;
BEGIN;
SET LOCAL lgit.actor = 'zsj_chen';
SELECT lgit.load_calendar_year(y, 'test notice',
         ARRAY[make_date(y, 1, 1) + CASE extract(isodow FROM make_date(y, 1, 1)) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END],
         NULL) AS days_loaded
FROM (SELECT extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int + 1) AS next(y);
SELECT p.code, count(o.*) AS performance_reports_due
FROM lgit.project p
LEFT JOIN lgit.overdue_on(make_date(extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int + 1, 2, 1)) o
  ON o.project_id = p.project_id AND o.obligation LIKE 'performance report%'
WHERE p.code IN ('LG-S-071', 'LG-S-077') GROUP BY p.code ORDER BY p.code;
ROLLBACK;
