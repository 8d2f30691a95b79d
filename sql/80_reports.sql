-- What the authority reads (Art 19-24, 28, 31, 32, 36, 39, 49): the project register, funds
-- execution, the deadlines of units with late-but-done ones kept, the authority's own review
-- clocks, monthly series, the Art 32 lists as sent, the year's targets and rectification
-- orders.  On a street of its own whose one project's record (history included) is put in as
-- a restore would, with known dates, so every figure below follows from the dates on record;
-- all of it is rolled back at the end (its history is not a hash chain lgit wrote).
SET datestyle = ISO;
\set ON_ERROR_ROLLBACK on
BEGIN;
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('RP-A', '报表测试街道', 'street');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT 'rp_a', unit_id, 'unit' FROM lgit.unit WHERE code = 'RP-A';
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget,
                          fund_unit_self_raised, responsible_person, stage, created_at)
SELECT 'RP-1', '报表测试街道综合治理平台', unit_id, 'application', 'new', 2026, 1800000, 200000, '张三',
       'completed', '2026-01-05 10:00+08'
FROM lgit.unit WHERE code = 'RP-A';
\set p '(SELECT project_id FROM lgit.project WHERE code = ''RP-1'')'
INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id, project_unit_id,
                          changed_at, prev_hash, row_hash)
SELECT :p, h.seq, h.from_stage::lgit.stage, h.to_stage::lgit.stage, h.actor, h.capacity::lgit.capacity,
       u.unit_id, u.unit_id, h.changed_at::timestamptz, CASE WHEN h.seq > 1 THEN '\x00'::bytea END, '\x00'
FROM lgit.unit u, (VALUES
  (1, NULL, 'draft', 'rp_a', 'unit', '2026-01-05 10:00+08'),
  (2, 'draft', 'established', 'zsj_chen', 'authority', '2026-02-02 10:00+08'),
  (3, 'established', 'feasibility_submitted', 'rp_a', 'unit', '2026-02-09 10:00+08'),
  (4, 'feasibility_submitted', 'feasibility_approved', 'fgj_zhao', 'drc', '2026-02-26 10:00+08'),
  (5, 'feasibility_approved', 'construction', 'rp_a', 'unit', '2026-03-02 11:00+08'),
  (6, 'construction', 'completed', 'rp_a', 'unit', '2026-06-01 10:00+08')
) AS h(seq, from_stage, to_stage, actor, capacity, changed_at)
WHERE u.code = 'RP-A';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, accepted_on, content_sha256)
VALUES (:p, 'feasibility_report', 'RP-FS', '可行性研究报告', '咨询机构', '2026-02-09', '2026-02-10', sha256('fs'::bytea)),
       (:p, 'progress_report', 'RP-PR-03', '3月进度月报', '报表测试街道', '2026-03-31', NULL, sha256('03'::bytea)),
       (:p, 'progress_report', 'RP-PR-05', '5月进度月报', '报表测试街道', '2026-05-10', NULL, sha256('05'::bytea)),
       (:p, 'performance_report', 'RP-PF-2026', '绩效评价报告', '报表测试街道', '2026-06-01', NULL, sha256('pf'::bytea)),
       (:p, 'completion_report', 'RP-CR', '竣工验收报告', '报表测试街道', '2026-06-01', NULL, sha256('cr'::bytea));
UPDATE lgit.document SET filed_on = '2026-06-03' WHERE doc_number = 'RP-CR';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, amount)
VALUES (:p, 'drc_design_approval', 'RP-DA', '初步设计及概算批复', '区发展和改革局', '2026-02-26', sha256('da'::bytea), 1900000);
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion, registered_by)
VALUES (:p, 'authority_feasibility_opinion', 'RP-FO', '可研审核意见', '区政务服务数据管理局', '2026-02-25', sha256('fo'::bytea),
        'approved', 'zsj_chen');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, filed_on, warranty_months)
VALUES (:p, 'RP-HT-1', '承建单位甲', 1500000, '2026-02-27', '2026-03-20', 24),
       (:p, 'RP-HT-2', '承建单位乙', 300000, '2026-03-02', '2026-03-05', 24);
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on)
SELECT contract_id, v.reason, '变更', v.amount, '2026-04-01'
FROM lgit.contract, (VALUES ('business_adjustment', 100000), ('price_increase', -80000)) AS v(reason, amount)
WHERE doc_number = 'RP-HT-1';
INSERT INTO lgit.payment_milestone (contract_id, stage, amount)
SELECT contract_id, v.stage::lgit.stage, v.amount
FROM lgit.contract, (VALUES ('construction', 450000), ('completed', 900000), ('handover_verified', 150000)) AS v(stage, amount)
WHERE doc_number = 'RP-HT-1';
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, v.amount, v.day::date
FROM lgit.contract, (VALUES (450000, '2026-03-10'), (600000, '2026-06-10')) AS v(amount, day)
WHERE doc_number = 'RP-HT-1';
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant, audit_concluded_on, surplus, surplus_returned_on)
VALUES (:p, 'RP-FA', '造价咨询公司', '2026-07-01', 50000, '2026-09-30');
INSERT INTO lgit.result (project_id, kind, title, registered_on) VALUES (:p, 'software', '综合治理平台', '2026-06-05');
-- Art 29, 47: the shared database, verified by the authority's probe (else no O&M money, LG471)
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
VALUES (:p, 'readonly', 'postgresql://rp.example/records', 'vault://rp', '2026-05-20');
INSERT INTO lgit.sharing_probe (project_id, credential_id, probed_at, probed_by, target_user, passed, findings, facts)
SELECT :p, credential_id, now(), 'zsj_chen', account, true, '[]', '{}' FROM lgit.data_access_credential WHERE project_id = :p;
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'security', '2026-04-01', '2026-05-01', '系统存在高危漏洞' FROM lgit.unit WHERE code = 'RP-A';
SET LOCAL session_replication_role = origin;

-- Art 19, 20, 22, 36: every deadline of the unit with its outcome.  The first contract was filed
-- late; lgit.overdue has forgotten it since, lgit.unit_deadlines keeps it, met late.  April and
-- June had no progress report: missed.  The surplus came back late.  No performance report is
-- due for 2026: the project was completed before the year's end (Art 22, 建设期内).
SELECT count(*) AS overdue_in_march FROM lgit.overdue_on('2026-03-18') WHERE project_code = 'RP-1';
-- lgit.unit_deadlines is lgit.unit_deadlines_on(today); a fixed day keeps the working days late
-- of the missed reports the same whenever this runs.
SELECT obligation, article, rule_code, due_on, done_on, status, status_ordinal, workdays_late, calendar_provisional
FROM lgit.unit_deadlines_on('2026-12-31') WHERE project_code = 'RP-1' ORDER BY due_on, obligation;

-- lgit.violations names the project, its unit and the rule's title, so a tool needs no joins:
-- the late filing is reported (LG191, a warning).
SELECT project_code, project_name, unit_zh, rule_code, severity, rule_title_zh, rule_title_en
FROM lgit.violations WHERE project_code = 'RP-1' AND rule_code = 'LG191';

-- A deadline reaching into a year whose calendar is not loaded: counted Monday-Friday and marked
-- provisional; the view does not stop.  A clock started before any policy value was in force
-- has no due date, and does not stop the view either.
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:p, 'RP-HT-3', '承建单位丙', 100000, '2026-12-28', 24), (:p, 'RP-HT-0', '承建单位丁', 100000, '2019-05-01', 24);
SET LOCAL session_replication_role = origin;
SELECT obligation, due_on, done_on, status, workdays_late, calendar_provisional
FROM lgit.unit_deadlines_on('2026-12-31') WHERE obligation IN ('contract filing RP-HT-3', 'contract filing RP-HT-0') ORDER BY obligation;
SET LOCAL session_replication_role = replica;
DELETE FROM lgit.contract WHERE doc_number IN ('RP-HT-3', 'RP-HT-0');
SET LOCAL session_replication_role = origin;

-- Funds execution (Art 13, 23, 24, 31): the approved estimate, contract price, changes
-- (cumulative ratio, Art 24), schedule, payable for the stages reached (not handover: the project
-- went straight to completed here), paid; then per project and per unit.
SELECT contract_number, contract_amount, change_orders, change_total, change_abs_total, change_ratio,
       contract_amount_with_changes, scheduled_total, payable_total, paid_total, payments
FROM lgit.contract_funds WHERE project_code = 'RP-1' ORDER BY contract_number;
SELECT project_code, stage, stage_ordinal, stage_zh, total_investment, approved_estimate, contracts, contract_total, change_total,
       max_change_ratio, scheduled_total, payable_total, paid_total, paid_share
FROM lgit.project_funds WHERE project_code = 'RP-1';
SELECT unit_code, unit_zh, projects, total_investment, district_funds, approved_estimate, contracts, contract_total, paid_total, paid_share
FROM lgit.unit_funds WHERE unit_code = 'RP-A';

-- The register: one row per project; stage as text with its ordinal; the day each main stage
-- was first reached (Shenzhen), from history.
SELECT project_code, project_name, unit_code, category, category_ordinal, build_type, stage, stage_ordinal,
       fund_general_budget, fund_unit_self_raised, district_funds, total_investment, approved_estimate, contracts, contract_total,
       change_total, scheduled_total, paid_total, responsible_person, created_on, established_on,
       feasibility_approved_on, design_approved_on, construction_on, completed_on, terminated_on
FROM lgit.project_register WHERE project_code = 'RP-1';
SELECT count(*) = (SELECT count(*) FROM lgit.project) AS one_row_per_project FROM lgit.project_register;
-- ... and its Chinese copy, for export.
SELECT "项目编号", "建设单位", "阶段", "阶段序号", "阶段名称", "合同总额", "已拨付金额", "竣工日期"
FROM lgit."项目台账" WHERE "项目编号" = 'RP-1';

-- Monthly series for dashboards.
SELECT month, stage, stage_ordinal, entries, projects FROM lgit.monthly_stage_entries
WHERE unit_zh = '报表测试街道' ORDER BY month, stage_ordinal;
SELECT month, approvals, projects_established, investment_established, contracts_signed, contract_amount,
       payments, paid_amount
FROM lgit.monthly_investment WHERE unit_zh = '报表测试街道' ORDER BY month;

-- The authority's own clock (Art 11): the feasibility report accepted on 10 February, 5 working
-- days through the Spring Festival (14 February a working Saturday) run to 24 February; the
-- authority's opinion on the 25th ends its time, one working day late (the DRC's approval on the
-- 26th is not the authority's time).
SELECT review, review_zh, article, held_by_capacity, started_on, finished_on, finished_by, finished_to,
       allowed_workdays, due_on, workdays_taken, workdays_late, status, calendar_provisional
FROM lgit.review_turnaround WHERE project_code = 'RP-1';

-- Art 49: the year's figures, the targets, an order to rectify, refused, and the 暂缓 it brings.
-- (2026, the year on record: the view also lists each later year up to today, empty here.)
SELECT year, unit_zh, projects, projects_completed, deadlines_due, deadlines_met, deadlines_met_late,
       deadlines_missed, deadlines_met_share, progress_reports_filed, performance_reports_filed,
       sanctions_imposed, security_sanctions, results_registered, rectification_orders
FROM lgit.annual_assessment WHERE unit_zh = '报表测试街道' AND year = 2026;
SET LOCAL lgit.actor = 'zsj_chen';
INSERT INTO lgit.assessment_target (year, measure, target, set_on) VALUES
  (2026, 'deadlines_met_share', 0.9, '2026-01-10'), (2026, 'deadlines_met_late', 0, '2026-01-10'),
  (2026, 'results_registered', 1, '2026-01-10');
SELECT year, measure, target, set_by FROM lgit.assessment_target ORDER BY measure;
SELECT unit_zh, measure, actual, target, direction, met
FROM lgit.assessment_vs_target WHERE unit_zh = '报表测试街道' ORDER BY measure;
INSERT INTO lgit.rectification_order (unit_id, year, doc_number, requirement, issued_on, due_on)
SELECT unit_id, 2026, '深龙政数〔2026〕90号', '进度月报缺报，限期补报', '2026-11-02', '2026-11-20'
FROM lgit.unit WHERE code = 'RP-A';
SELECT unit_zh, year, requirement, due_on, status, approvals_suspended FROM lgit.rectification_status;
SET LOCAL lgit.actor = 'fgj_zhao';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, reason, doc_number)
SELECT unit_id, 'refused_rectification', '2026-11-25', '拒不整改（深龙政数〔2026〕90号）', '深龙发改〔2026〕91号'
FROM lgit.unit WHERE code = 'RP-A';
SET LOCAL lgit.actor = 'zsj_chen';
UPDATE lgit.rectification_order SET sanction_id = (SELECT sanction_id FROM lgit.sanction WHERE doc_number = '深龙发改〔2026〕91号')
WHERE doc_number = '深龙政数〔2026〕90号';
SELECT unit_zh, status, suspended_on, approvals_suspended FROM lgit.rectification_status;
SELECT year, rectification_orders, sanctions_imposed FROM lgit.annual_assessment WHERE unit_zh = '报表测试街道' AND year = 2026;
\set VERBOSITY terse
-- a unit writes no order, and no target
SET LOCAL lgit.actor = 'rp_a';
UPDATE lgit.rectification_order SET rectified_on = '2026-11-10';
-- a date of record after today is refused (LG008)
SET LOCAL lgit.actor = 'zsj_chen';
UPDATE lgit.rectification_order SET rectified_on = '2099-01-01';
\set VERBOSITY default

-- Art 32: the authority sends today's list to finance; it is kept as sent.
SET LOCAL lgit.actor = 'zsj_chen';
SELECT sent_on, project_code, unit_zh, completion_report, completed_on, warranty_ends, sent_by
FROM lgit.send_om_list('2026-12-01') WHERE project_code = 'RP-1';
SELECT sent_on, sent_by, projects >= 1 AS projects, project_codes LIKE '%RP-1%' AS lists_rp_1 FROM lgit.om_lists_sent;
\set VERBOSITY terse
SELECT count(*) FROM lgit.send_om_list('2026-12-01');
UPDATE lgit.om_list_sent SET project_name = 'x';
DELETE FROM lgit.om_list_sent;
SET LOCAL lgit.actor = 'rp_a';
SELECT count(*) FROM lgit.send_om_list('2026-11-30');
\set VERBOSITY default
ROLLBACK;
\unset ON_ERROR_ROLLBACK
