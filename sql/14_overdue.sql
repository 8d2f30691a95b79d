-- lgit.overdue (doc/lgit.md §5, §7): every deadline or periodic obligation that is late, counted in
-- working days, with the rule, the article and who must act.  lgit.overdue is today's list;
-- lgit.overdue_on(as_of) gives it for any day, as here.
SET datestyle = ISO;
\set pr2 '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-002'')'

-- 龙城街道 signs a contract on Monday 28 September 2026 and does not file it: due within 10
-- working days (National Day in between), i.e. by Friday 16 October.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:pr2, 'LCJD-HT-2026-021', '深圳市某显示技术有限公司', 9000000, '2026-09-28', 24);
SELECT lgit.add_workdays('2026-09-28', 10) AS due;
SELECT project_code, unit, obligation, article, rule_code, due, workdays_late, responsible
FROM lgit.overdue_on('2026-10-16') WHERE project_code = 'LG-PR-002';
SELECT project_code, unit, obligation, article, rule_code, due, workdays_late, responsible
FROM lgit.overdue_on('2026-10-23') WHERE project_code = 'LG-PR-002';

-- The authority records the filing: nothing is overdue any more.
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-10-26' WHERE doc_number = 'LCJD-HT-2026-021';
SELECT count(*) AS overdue FROM lgit.overdue_on('2026-10-23') WHERE project_code = 'LG-PR-002';
RESET lgit.actor;

-- Filed late, the contract stays on record as a late filing (Art 19, LG191): check_project
-- reports it, with the working days it was late.
SELECT code, message, facts FROM lgit.check_project(:pr2) WHERE code = 'LG191';

-- A day in a year whose calendar is not loaded never stops the list: the rows that count days
-- of 2027 are marked provisional (Monday–Friday only), with the day they were computed on, and
-- a WARNING says so (test/year_boundary.sh shows the year loaded and the rows re-judged).  A
-- contract signed on 20 November 2026 and never filed: due 4 December, late into 2027.
BEGIN;
SET LOCAL lgit.actor = 'lc_wang';
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:pr2, 'LCJD-HT-2026-022', '深圳市某网络工程有限公司', 500000, '2026-11-20', 12);
SELECT obligation, due, workdays_late, provisional, computed_on
FROM lgit.overdue_on('2027-03-01') WHERE project_code = 'LG-PR-002';
ROLLBACK;

-- The reports built on it: the pipeline by year, unit and stage, and the Art 49 scorecard.
SELECT plan_year, unit_zh, stage, stage_en, projects, total_investment
FROM lgit.pipeline WHERE unit_zh = '区卫生健康局' ORDER BY plan_year, stage;
-- The scorecard as of a day (lgit.unit_scorecard is it for today); 龙城街道's late filing counts.
SELECT unit_zh, projects, in_delivery, completed, terminated, total_investment, overdue_items, violations, sanctions_in_force
FROM lgit.unit_scorecard_on('2026-10-23') ORDER BY unit_id;
