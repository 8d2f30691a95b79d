-- The reports with content: after demo.sql, a few things go wrong, as they do in a district,
-- and the authority reads what it must (Art 20-24, 28, 31, 32, 36, 39, 47, 49).  Run by
-- scripts/demo.sh after demo/demo.sql, on the same database.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
SET datestyle = ISO;
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-003'')'

\echo '\n== Art 32: the authority sends today''s list of completed projects to finance; it is kept as sent'
SET lgit.actor = 'zsj_chen';
SELECT sent_on, project_code, unit_zh, completion_report, sent_by FROM lgit.send_om_list();

\echo '\n== Then things go wrong'
\echo 'Art 35, 36: 区卫生健康局 files its final accounts; the audit concludes on 2026-09-28 with 1,800,000 left over;'
\echo 'it is not returned (a late project)'
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant)
VALUES (:p, '深龙卫健结算〔2026〕5号', '深圳市某工程造价咨询有限公司');
SET lgit.actor = 'sjj_zhou';
UPDATE lgit.final_accounts SET audit_concluded_on = '2026-09-28', surplus = 1800000 WHERE project_id = :p;
SET lgit.actor = 'wjj_huang';
\echo 'Art 19: its O&M support contract, signed 2026-10-09, is filed on 2026-11-06 - 10 working days were allowed'
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months,
                           supervisor, supervisor_qualified, acceptance_clause, ownership_clause)
VALUES (:p, 'LGWJJ-HT-2026-031', '深圳市某运维服务有限公司', 800000, '2026-10-09', 24,
        '深圳市某工程监理有限公司', true, true, true);
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-11-06' WHERE doc_number = 'LGWJJ-HT-2026-031';
\echo 'Art 28: the authority''s re-test of the platform finds no security baseline and rejects it (a rejected test)'
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'security_test_report', '安测复测〔2026〕3号', '上线安全复测报告', '区政务服务数据管理局', '2026-11-27',
        sha256('复测'::bytea), '{host,application,database}', 'rejected');
\echo 'Art 47: 布吉街道 has not shared its city-management data: the authority sanctions it (a sanctioned unit) ...'
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason, doc_number)
SELECT unit_id, 'data_sharing', '2026-11-16', '城管业务数据未按要求共享至区大数据平台', '深龙政数〔2026〕88号'
FROM lgit.unit WHERE code = 'BJJD';
\echo '... so its new project may not be proposed (LG470):'
SET lgit.actor = 'bj_li';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget)
SELECT 'LG-2027-005', '布吉街道智慧安防平台升级', unit_id, 'application', 'upgrade', 2027, plan_id, 6000000
FROM lgit.special_plan WHERE doc_number = '深龙布办〔2026〕11号';
SELECT code, article, message FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-005'), 'proposed')
WHERE code = 'LG470';
\echo 'Art 49: the authority sets its targets for 2026 and orders 区卫生健康局 to return the surplus by 2026-11-30'
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.assessment_target (year, measure, target, set_on) VALUES
  (2026, 'deadlines_met_share', 0.9, '2026-01-15'), (2026, 'deadlines_met_late', 0, '2026-01-15'),
  (2026, 'results_registered', 1, '2026-01-15'), (2026, 'sanctions_imposed', 0, '2026-01-15');
INSERT INTO lgit.rectification_order (unit_id, year, doc_number, requirement, issued_on, due_on)
SELECT unit_id, 2026, '深龙政数〔2026〕95号', '结余资金1,800,000元限期上缴', '2026-11-20', '2026-11-30'
FROM lgit.unit WHERE code = 'LGWJJ';
RESET lgit.actor;

-- what the scheduled refresh does (README "Kept findings"): every project judged once and kept,
-- so lgit.violations reads them; a later write marks its project, judged live until the next one
\echo '\n== lgit.refresh_findings(): projects judged and kept'
SELECT lgit.refresh_findings() AS projects_judged;
\echo '\n== lgit.violations: rules broken now (the rejected re-test reopens the Art 28 gate the platform passed)'
SELECT project_code, unit_zh, rule_code, article, severity, rule_title_zh, message FROM lgit.violations WHERE code <> 'LG009';
\echo '\n== lgit.overdue: late today, in working days (the calendar warns that 2027 is not loaded yet)'
SELECT project_code, unit_zh, obligation, rule_code, rule_title_zh, due, workdays_late, responsible FROM lgit.overdue;
-- the warning has been seen; the reports below read lgit.overdue again
SET client_min_messages = error;

\echo '\n== 项目台账 (lgit.project_register): one row per project, stages as text with their lifecycle ordinal'
SELECT project_code, unit_zh, stage, stage_ordinal, stage_zh, total_investment, contract_total, paid_total,
       established_on, completed_on
FROM lgit.project_register ORDER BY stage_ordinal DESC, project_code;
\echo '... the same, for export (lgit.项目台账):'
SELECT "项目编号", "建设单位", "阶段名称", "总投资", "已拨付金额" FROM lgit."项目台账" ORDER BY "阶段序号" DESC, "项目编号";

\echo '\n== Funds execution (Art 23, 24, 31): per contract, per unit'
SELECT project_code, contract_number, contract_amount, change_orders, change_ratio, scheduled_total, payable_total, paid_total
FROM lgit.contract_funds ORDER BY contract_id;
SELECT unit_zh, projects, total_investment, contract_total, change_total, paid_total, paid_share
FROM lgit.unit_funds ORDER BY unit_id;

\echo '\n== Deadlines of units (lgit.unit_deadlines): a filing made late stays visible'
SELECT project_code, obligation, article, due_on, done_on, status, workdays_late
FROM lgit.unit_deadlines WHERE status <> 'open' ORDER BY due_on;

\echo '\n== The authority''s own clocks (lgit.review_turnaround): who held the file, how many working days'
SELECT project_code, review_zh, article, started_on, finished_on, finished_by, allowed_workdays, workdays_taken, status
FROM lgit.review_turnaround ORDER BY started_on;

\echo '\n== Month by month (lgit.monthly_investment)'
SELECT month, unit_zh, approvals, projects_established, investment_established, contracts_signed, contract_amount, paid_amount
FROM lgit.monthly_investment ORDER BY month, unit_id;

\echo '\n== Art 49: the annual assessment, the targets, the rectification orders'
SELECT year, unit_zh, projects, projects_completed, deadlines_due, deadlines_met, deadlines_met_late, deadlines_missed,
       progress_reports_filed, sanctions_imposed, results_registered, rectification_orders
FROM lgit.annual_assessment ORDER BY year, unit_id;
SELECT unit_zh, measure, actual, target, direction, met FROM lgit.assessment_vs_target
WHERE unit_zh IN ('布吉街道办事处', '区卫生健康局') ORDER BY unit_zh, measure;
SELECT unit_zh, doc_number, requirement, due_on, status, approvals_suspended FROM lgit.rectification_status;

\echo '\n== Art 32: the lists sent to finance (lgit.om_lists_sent)'
SELECT sent_on, sent_by, projects, units, project_codes FROM lgit.om_lists_sent;

\echo '\n== The scorecard (lgit.unit_scorecard)'
SELECT unit_zh, projects, completed, total_investment, overdue_items, violations, sanctions_in_force
FROM lgit.unit_scorecard ORDER BY unit_id;
