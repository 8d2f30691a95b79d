-- What the authority reads (Art 20-24, 31, 32, 39, 49): the project register, funds
-- execution, the deadlines of units with late-but-done ones kept, the authority's own review
-- clocks, the Art 32 lists as sent, the year's targets and rectification orders.  Rows whose
-- figures depend on today are left out: every figure here follows from dates on record.
SET datestyle = ISO;
\set pr2 '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-002'')'

-- Art 19: 龙城街道 filed its contract ten days late (14_overdue).  lgit.overdue has forgotten it
-- since the filing; lgit.unit_deadlines keeps it, met late by 6 working days.
SELECT count(*) AS overdue_now FROM lgit.overdue_on('2026-10-30') WHERE project_code = 'LG-PR-002';
SELECT project_code, unit_zh, obligation, article, rule_code, due_on, done_on, status, status_ordinal,
       workdays_late, calendar_provisional
FROM lgit.unit_deadlines
WHERE obligation LIKE 'contract filing%' AND project_code IN ('LG-PR-002', 'LG-2027-006') ORDER BY project_code;

-- A deadline reaching into a year whose calendar is not loaded: the row is provisional, the
-- view does not fail.
SELECT lgit.calendar_covers('2026-12-01', '2027-01-05') AS into_2027,
       lgit.calendar_covers('2025-01-01', '2026-12-31') AS loaded_years,
       lgit.calendar_covers('2026-12-31', '2026-01-01') AS backwards;
BEGIN;
SET LOCAL lgit.actor = 'lc_wang';
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:pr2, 'LCJD-HT-2026-099', '深圳市某软件有限公司', 100000, '2026-12-28', 24);
SELECT obligation, due_on, done_on, status, workdays_late, calendar_provisional
FROM lgit.unit_deadlines WHERE obligation = 'contract filing LCJD-HT-2026-099';
ROLLBACK;

-- Funds execution: the contract of 区卫生健康局's platform, its three changes (10% of the
-- price, Art 24), its schedule and payments; then per project and per unit.
SELECT project_code, contractor, contract_amount, change_orders, change_total, change_abs_total, change_ratio,
       contract_amount_with_changes, scheduled_total, payable_total, paid_total, payments
FROM lgit.contract_funds WHERE project_code = 'LG-2027-006';
SELECT project_code, stage, stage_ordinal, total_investment, contracts, contract_total, change_total,
       max_change_ratio, scheduled_total, paid_total, paid_share
FROM lgit.project_funds WHERE project_code IN ('LG-2027-006', 'LG-PR-002') ORDER BY project_code;
SELECT unit_code, unit_zh, projects, contracts, contract_total, change_total, paid_total
FROM lgit.unit_funds ORDER BY unit_id;

-- The register: one row per project, stage as text with its ordinal, sorted by the lifecycle.
SELECT project_code, unit_code, category, category_ordinal, stage, stage_ordinal, stage_zh, total_investment,
       contract_total, paid_total, established_on IS NOT NULL AS established, completed_on IS NOT NULL AS completed
FROM lgit.project_register WHERE unit_code = 'LGWJJ' ORDER BY stage_ordinal DESC, project_code;
SELECT count(*) = (SELECT count(*) FROM lgit.project) AS one_row_per_project FROM lgit.project_register;
-- ... and its Chinese copy, for export.
SELECT "项目编号", "建设单位", "阶段", "阶段序号", "合同总额", "已拨付金额"
FROM lgit."项目台账" WHERE "项目编号" = 'LG-2027-006';

-- Art 32: the authority sends today's list to finance; it is kept as sent.
SET lgit.actor = 'zsj_chen';
SELECT sent_on, project_code, unit_zh, completion_report, completed_on, sent_by
FROM lgit.send_om_list('2026-12-01') ORDER BY project_code;
SELECT sent_on, sent_by, projects, units, project_codes FROM lgit.om_lists_sent;
\set VERBOSITY terse
SELECT count(*) FROM lgit.send_om_list('2026-12-01');
UPDATE lgit.om_list_sent SET project_name = 'x';
DELETE FROM lgit.om_list_sent;
SET lgit.actor = 'lc_wang';
SELECT count(*) FROM lgit.send_om_list('2026-12-02');
\set VERBOSITY default

-- Monthly series: contracts and payments of 区卫生健康局 by month.
SELECT month, unit_zh, contracts_signed, contract_amount, payments, paid_amount
FROM lgit.monthly_investment
WHERE unit_zh = '区卫生健康局' AND (contracts_signed > 0 OR payments > 0) ORDER BY month;

-- The authority's own clocks (Art 11, 12, 28): who moved the file on, the working days allowed
-- and the day they ran out.
SELECT project_code, review, review_zh, article, held_by_capacity, started_on, finished_by, finished_to,
       allowed_workdays, due_on
FROM lgit.review_turnaround WHERE project_code = 'LG-2027-006' ORDER BY started_on;

-- Art 49: the targets for 2026, an order to rectify, refused, and the 暂缓 that follows.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.assessment_target (year, measure, target, set_on) VALUES
  (2026, 'deadlines_met_share', 0.95, '2026-01-10'), (2026, 'deadlines_met_late', 0, '2026-01-10'),
  (2026, 'results_registered', 1, '2026-01-10');
SELECT year, measure, target, set_by FROM lgit.assessment_target ORDER BY measure;
SELECT year, unit_zh, deadlines_due, deadlines_met, deadlines_met_late, sanctions_imposed, sharing_sanctions,
       security_sanctions, rectification_sanctions, results_registered
FROM lgit.annual_assessment WHERE year = 2026 AND unit_zh IN ('龙城街道办事处', '布吉街道办事处', '区卫生健康局')
ORDER BY unit_id;
SELECT unit_zh, measure, actual, target, direction, met
FROM lgit.assessment_vs_target WHERE year = 2026 AND unit_zh = '龙城街道办事处' ORDER BY measure;
-- (rolled back: the sanction would stop 龙城街道's approvals in the tests that follow)
BEGIN;
INSERT INTO lgit.rectification_order (unit_id, year, doc_number, requirement, issued_on, due_on)
SELECT unit_id, 2026, '深龙政数〔2026〕90号', '合同备案逾期，限期完善合同备案制度', '2026-11-02', '2026-11-20'
FROM lgit.unit WHERE code = 'LCJD';
SELECT unit_zh, year, requirement, due_on, status, approvals_suspended FROM lgit.rectification_status;
SET LOCAL lgit.actor = 'fgj_zhao';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason, doc_number)
SELECT unit_id, 'refused_rectification', '2026-11-25', '拒不整改（深龙政数〔2026〕90号）', '深龙发改〔2026〕91号'
FROM lgit.unit WHERE code = 'LCJD';
SET LOCAL lgit.actor = 'zsj_chen';
UPDATE lgit.rectification_order SET sanction_id = (SELECT sanction_id FROM lgit.sanction WHERE doc_number = '深龙发改〔2026〕91号')
WHERE doc_number = '深龙政数〔2026〕90号';
SELECT unit_zh, status, suspended_on, approvals_suspended FROM lgit.rectification_status;
SELECT unit_zh, rectification_orders, rectification_sanctions FROM lgit.annual_assessment
WHERE year = 2026 AND unit_zh = '龙城街道办事处';
-- a unit does not write orders
SET LOCAL lgit.actor = 'lc_wang';
\set VERBOSITY terse
UPDATE lgit.rectification_order SET rectified_on = '2026-11-10';
\set VERBOSITY default
ROLLBACK;
RESET lgit.actor;
