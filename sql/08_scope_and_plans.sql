-- Art 2, 3: which projects the measures cover; Art 8, 9: a project is proposed inside a
-- filed special plan of its unit, or admitted by a 区政府有关会议.  Facts that carry today's
-- date are shown without it.
\set lc '(SELECT unit_id FROM lgit.unit WHERE code = ''LCJD'')'

-- The authority records the special plans filed with it (the sample has one per unit for
-- 2026-2030).  A unit cannot record plans itself (LG001).
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.special_plan (unit_id, title, years, filed_on, doc_number)
VALUES (:lc, '龙城街道“十四五”信息化建设专项规划', int4range(2021, 2026), '2021-05-10', '深龙城办〔2021〕5号');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.special_plan (unit_id, title, years, filed_on, doc_number)
VALUES (:lc, '龙城街道“十四五”信息化建设专项规划', int4range(2021, 2026), '2021-05-10', '深龙城办〔2021〕5号');
SELECT u.name_zh, p.title, p.years, to_char(p.filed_on, 'YYYY-MM-DD') AS filed_on
FROM lgit.special_plan p JOIN lgit.unit u USING (unit_id)
ORDER BY p.plan_id;

-- Art 2, 3: district funds (一般公共预算 + 债券 + 自筹 + 其他政府性资金) of 500,000 or more
-- (以上, 含).  Social capital (Art 15) and higher-level funds (Art 14) are not district funds.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id,
                          fund_general_budget, fund_government_bonds, fund_social_capital)
SELECT v.code, v.name, :lc, 'application', 'new', 2027, plan_id, v.budget, v.bonds, v.social
FROM lgit.special_plan,
     (VALUES ('LG-SC-UNDER', '社区议事小程序（差一分五十万）', 300000.00, 199999.99, 0),
             ('LG-SC-AT',    '社区议事小程序（恰好五十万）',   300000.00, 200000.00, 0),
             ('LG-SC-SOCIAL','社区养老服务平台（社会资本为主）', 400000.00, 0, 10000000)) AS v(code, name, budget, bonds, social)
WHERE doc_number = '深龙城办〔2026〕8号';
SELECT p.code, p.district_funds, p.total_investment, b.code AS rule, b.message,
       b.facts->>'scope_min_district_funds' AS threshold, b.facts->>'policy_in_force_from' AS in_force_from
FROM lgit.project p
LEFT JOIN LATERAL lgit.blockers(p.project_id, 'proposed') b ON b.code = 'LG020'
WHERE p.code LIKE 'LG-SC-%' ORDER BY p.code;

-- Day-to-day O&M and pure equipment purchases are outside the measures whatever their size.
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
VALUES ('LG-SC-OM', '街道系统年度运维', :lc, 'om_only', 'new', 2027, 900000),
       ('LG-SC-EQ', '街道办公设备采购', :lc, 'equipment_only', 'new', 2027, 900000);
SELECT p.code, b.code AS rule, b.message, b.hint
FROM lgit.project p, lgit.blockers(p.project_id, 'proposed') b
WHERE p.code IN ('LG-SC-OM', 'LG-SC-EQ') AND b.code = 'LG020' ORDER BY p.code;

-- Out of scope, the project cannot enter the lifecycle however complete its evidence.
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code = 'LG-SC-UNDER';
\set VERBOSITY terse
UPDATE lgit.project SET stage = 'proposed' WHERE code = 'LG-SC-UNDER';
\set VERBOSITY default

-- Art 8, 9: the plan.  A project naming no plan, a plan of another unit, or a plan year the
-- plan does not cover, is refused (LG090) ...
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
VALUES ('LG-P-001', '龙城街道智慧停车管理平台', :lc, 'application', 'new', 2031, 3000000);
SELECT code, message, hint FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-P-001'), 'proposed')
WHERE code = 'LG090';
UPDATE lgit.project SET special_plan_id = (SELECT plan_id FROM lgit.special_plan WHERE doc_number = '深龙城办〔2026〕8号')
WHERE code = 'LG-P-001';
SELECT code, message, facts->>'plan_year' AS plan_year
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-P-001'), 'proposed') WHERE code = 'LG090';
-- A plan of another unit is refused as it is written (Art 8: 本单位信息化建设专项规划), without
-- naming it; no check later reports another unit's plan to this one.
UPDATE lgit.project SET special_plan_id = (SELECT plan_id FROM lgit.special_plan WHERE doc_number = '深龙布办〔2026〕11号')
WHERE code = 'LG-P-001';
UPDATE lgit.project SET plan_year = 2028 WHERE code = 'LG-P-001';
-- ... and passes inside its own unit's filed plan.
UPDATE lgit.project SET special_plan_id = (SELECT plan_id FROM lgit.special_plan WHERE doc_number = '深龙城办〔2026〕8号')
WHERE code = 'LG-P-001';
SELECT code, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-P-001'), 'proposed')
WHERE code = 'LG090';

-- Art 9: a project outside every plan is admitted by the minutes of a 区政府有关会议.
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
VALUES ('LG-P-002', '龙城街道防汛应急指挥系统', :lc, 'security', 'new', 2027, 2000000);
SELECT code, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-P-002'), 'proposed')
WHERE code = 'LG090';
-- the unit cannot register such minutes; the district government (leader) does
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'government_meeting_minutes', '区政府常务会议纪要〔2026〕31号', '区政府常务会议纪要',
       '龙岗区人民政府', '2026-06-18', sha256('minutes 31'::bytea), 'approved'
FROM lgit.project WHERE code = 'LG-P-002';
SET lgit.actor = 'qzf_lin';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'government_meeting_minutes', '区政府常务会议纪要〔2026〕31号', '区政府常务会议纪要',
       '龙岗区人民政府', '2026-06-18', sha256('minutes 31'::bytea), 'approved'
FROM lgit.project WHERE code = 'LG-P-002';
SELECT code, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-P-002'), 'proposed')
WHERE code = 'LG090';
RESET lgit.actor;
