-- Reports for the authority and BI tools (schema/87_ledgers.sql, 88_assessment.sql,
-- 89_report_labels.sql, copied here as they are), then what 95_security.sql gives them.

-- schema/87_ledgers.sql
-- What the authority reads (Art 20, 23, 24, 31, 32): the project register, funds execution,
-- the Art 32 lists as sent, and monthly series for dashboards.  Written for reporting tools:
-- money numeric(16,2), counts integer, dates date, every stage as text with its lifecycle
-- ordinal and labels (lgit.stage_order), so a tool that cannot read enums still sorts and
-- filters them right.  Each view aggregates every source once, grouped by project (or
-- contract), and joins on keys: the work grows with the rows, not with their product.  Column
-- comments and the Chinese-named copies of the views (项目台账 ...) are in 89_report_labels.sql.

-- The lifecycle as a dimension: each stage with its ordinal and labels.
CREATE VIEW lgit.stage_order AS
SELECT s.stage::text AS stage, s.ordinal::int AS stage_ordinal, i.label_zh AS stage_zh, i.label_en AS stage_en
FROM unnest(enum_range(NULL::lgit.stage)) WITH ORDINALITY AS s(stage, ordinal)
JOIN lgit.stage_info i ON i.stage = s.stage;
COMMENT ON VIEW lgit.stage_order IS
  '阶段维度 / stage dimension: every lifecycle stage as text with its ordinal in the lifecycle (draft = 1 ... terminated) and its Chinese and English labels; join on stage to sort and filter stages in tools that cannot read enums.';

-- Art 23, 24, 31: each contract, from its price through its changes and schedule to payments.
CREATE VIEW lgit.contract_funds AS
SELECT c.contract_id, c.project_id, p.code AS project_code, p.unit_id, u.name_zh AS unit_zh,
       c.contractor, c.doc_number AS contract_number, c.signed_on, c.filed_on,
       c.amount AS contract_amount,
       coalesce(ch.change_orders, 0) AS change_orders,
       coalesce(ch.change_total, 0)::numeric(16,2) AS change_total,
       coalesce(ch.change_abs_total, 0)::numeric(16,2) AS change_abs_total,
       round(coalesce(ch.change_abs_total, 0) / c.amount, 4)::numeric(10,4) AS change_ratio,
       (c.amount + coalesce(ch.change_total, 0))::numeric(16,2) AS contract_amount_with_changes,
       coalesce(m.scheduled_total, 0)::numeric(16,2) AS scheduled_total,
       coalesce(m.payable_total, 0)::numeric(16,2) AS payable_total,
       coalesce(pay.paid_total, 0)::numeric(16,2) AS paid_total,
       coalesce(pay.payments, 0) AS payments
FROM lgit.contract c
JOIN lgit.project p USING (project_id)
JOIN lgit.unit u ON u.unit_id = p.unit_id
LEFT JOIN (SELECT contract_id, count(*)::int AS change_orders, sum(amount) AS change_total,
                  sum(abs(amount)) AS change_abs_total
           FROM lgit.change_order GROUP BY contract_id) ch USING (contract_id)
-- Art 31: a milestone becomes payable once the project has entered its stage
LEFT JOIN (SELECT m.contract_id, sum(m.amount) AS scheduled_total,
                  sum(m.amount) FILTER (WHERE EXISTS (SELECT FROM lgit.history h
                                                      WHERE h.project_id = k.project_id AND h.to_stage = m.stage))
                    AS payable_total
           FROM lgit.payment_milestone m JOIN lgit.contract k USING (contract_id)
           GROUP BY m.contract_id) m USING (contract_id)
LEFT JOIN (SELECT contract_id, count(*)::int AS payments, sum(amount) AS paid_total
           FROM lgit.payment GROUP BY contract_id) pay USING (contract_id);
COMMENT ON VIEW lgit.contract_funds IS
  '合同资金执行 / contract funds (Art 23, 24, 31): per contract, its price, change orders (signed total, absolute total and the cumulative ratio Art 24 compares with change_review_ratio), the price with changes, the payment schedule, what the stages reached make payable, and what was requested.';

-- Per project: the money the project has and what its contracts did with it.
CREATE VIEW lgit.project_funds AS
SELECT p.project_id, p.code AS project_code, p.name AS project_name, p.unit_id, u.name_zh AS unit_zh,
       p.stage::text AS stage, s.stage_ordinal, s.stage_zh,
       p.district_funds, p.total_investment, e.approved_estimate,
       coalesce(c.contracts, 0) AS contracts,
       coalesce(c.contract_total, 0)::numeric(16,2) AS contract_total,
       coalesce(c.change_total, 0)::numeric(16,2) AS change_total,
       coalesce(c.max_change_ratio, 0)::numeric(10,4) AS max_change_ratio,
       coalesce(c.scheduled_total, 0)::numeric(16,2) AS scheduled_total,
       coalesce(c.payable_total, 0)::numeric(16,2) AS payable_total,
       coalesce(c.paid_total, 0)::numeric(16,2) AS paid_total,
       CASE WHEN p.total_investment > 0
            THEN round(coalesce(c.paid_total, 0) / p.total_investment, 4) END::numeric(10,4) AS paid_share
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
JOIN lgit.stage_order s ON s.stage = p.stage::text
-- Art 13, 23: the estimate the DRC approved last (its design approval, or a re-approval that
-- states one)
LEFT JOIN LATERAL (SELECT d.amount AS approved_estimate FROM lgit.document d
                   WHERE d.project_id = p.project_id AND d.kind IN ('drc_design_approval', 'reapproval')
                     AND d.amount IS NOT NULL
                   ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1) e ON true
LEFT JOIN (SELECT project_id, count(*)::int AS contracts, sum(contract_amount) AS contract_total,
                  sum(change_total) AS change_total, max(change_ratio) AS max_change_ratio,
                  sum(scheduled_total) AS scheduled_total, sum(payable_total) AS payable_total,
                  sum(paid_total) AS paid_total
           FROM lgit.contract_funds GROUP BY project_id) c USING (project_id);
COMMENT ON VIEW lgit.project_funds IS
  '项目资金执行 / project funds (Art 20, 23, 31): per project, its investment, the estimate the DRC approved (Art 13, 23), contracts, changes (with the highest cumulative change ratio of its contracts), schedule, payable and paid amounts and the share of the investment paid.';

-- Per street and department the reader may see.
CREATE VIEW lgit.unit_funds AS
SELECT u.unit_id, u.code AS unit_code, u.name_zh AS unit_zh,
       coalesce(f.projects, 0) AS projects,
       coalesce(f.total_investment, 0)::numeric(16,2) AS total_investment,
       coalesce(f.district_funds, 0)::numeric(16,2) AS district_funds,
       coalesce(f.approved_estimate, 0)::numeric(16,2) AS approved_estimate,
       coalesce(f.contracts, 0) AS contracts,
       coalesce(f.contract_total, 0)::numeric(16,2) AS contract_total,
       coalesce(f.change_total, 0)::numeric(16,2) AS change_total,
       coalesce(f.scheduled_total, 0)::numeric(16,2) AS scheduled_total,
       coalesce(f.payable_total, 0)::numeric(16,2) AS payable_total,
       coalesce(f.paid_total, 0)::numeric(16,2) AS paid_total,
       CASE WHEN f.total_investment > 0 THEN round(f.paid_total / f.total_investment, 4) END::numeric(10,4)
         AS paid_share
FROM lgit.unit u
LEFT JOIN (SELECT unit_id, count(*)::int AS projects, sum(total_investment) AS total_investment,
                  sum(district_funds) AS district_funds, sum(approved_estimate) AS approved_estimate,
                  sum(contracts)::int AS contracts,
                  sum(contract_total) AS contract_total, sum(change_total) AS change_total,
                  sum(scheduled_total) AS scheduled_total, sum(payable_total) AS payable_total,
                  sum(paid_total) AS paid_total
           FROM lgit.project_funds GROUP BY unit_id) f USING (unit_id)
WHERE u.kind IN ('street', 'department') AND lgit.sees_unit(u.unit_id);
COMMENT ON VIEW lgit.unit_funds IS
  '单位资金执行 / unit funds (Art 20, 23, 31): per street and department the reader may see, the totals of lgit.project_funds.';

-- The project register: one row per project, with the day each main stage was first reached.
CREATE VIEW lgit.project_register AS
SELECT p.project_id, p.code AS project_code, p.name AS project_name, p.unit_id, u.code AS unit_code,
       u.name_zh AS unit_zh, p.category::text AS category,
       array_position(enum_range(NULL::lgit.project_category), p.category)::int AS category_ordinal,
       p.build_type::text AS build_type, p.plan_year,
       p.stage::text AS stage, s.stage_ordinal, s.stage_zh, s.stage_en,
       p.fund_general_budget, p.fund_government_bonds, p.fund_unit_self_raised, p.fund_other_government,
       p.fund_superior, p.fund_social_capital, p.district_funds, p.total_investment, f.approved_estimate,
       f.contracts, f.contract_total, f.change_total, f.scheduled_total, f.paid_total,
       p.responsible_person, p.implementing_body,
       (p.created_at AT TIME ZONE 'Asia/Shanghai')::date AS created_on,
       h.proposed_on, h.established_on, h.feasibility_approved_on, h.design_approved_on, h.contracted_on,
       h.construction_on, h.final_accepted_on, h.completed_on, h.suspended_on, h.terminated_on
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
JOIN lgit.stage_order s ON s.stage = p.stage::text
JOIN lgit.project_funds f USING (project_id)
LEFT JOIN (SELECT project_id,
                  min(day) FILTER (WHERE to_stage = 'proposed') AS proposed_on,
                  min(day) FILTER (WHERE to_stage = 'established') AS established_on,
                  min(day) FILTER (WHERE to_stage = 'feasibility_approved') AS feasibility_approved_on,
                  min(day) FILTER (WHERE to_stage = 'design_approved') AS design_approved_on,
                  min(day) FILTER (WHERE to_stage = 'contracted') AS contracted_on,
                  min(day) FILTER (WHERE to_stage = 'construction') AS construction_on,
                  min(day) FILTER (WHERE to_stage = 'final_accepted') AS final_accepted_on,
                  min(day) FILTER (WHERE to_stage = 'completed') AS completed_on,
                  min(day) FILTER (WHERE to_stage = 'suspended') AS suspended_on,
                  min(day) FILTER (WHERE to_stage = 'terminated') AS terminated_on
           FROM (SELECT project_id, to_stage, (changed_at AT TIME ZONE 'Asia/Shanghai')::date AS day
                 FROM lgit.history) x
           GROUP BY project_id) h USING (project_id);
COMMENT ON VIEW lgit.project_register IS
  '项目台账 / project register: one row per project - code, name, unit, category, stage with its labels and lifecycle ordinal, money by source (Art 3, 14, 15), the approved estimate (Art 13, 23), contracts, changes, schedule and payments, the responsible person and implementing body (Art 16), and the day (Shenzhen) each main stage was first reached, from lgit.history.';

-- Art 32: the lists of completed projects the authority actually sent to finance, as sent.
CREATE TABLE lgit.om_list_sent (
  sent_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sent_on           date   NOT NULL,
  project_id        bigint NOT NULL REFERENCES lgit.project,
  project_code      text   NOT NULL,
  project_name      text   NOT NULL,
  unit_zh           text   NOT NULL,
  completion_report text,
  completed_on      date,
  warranty_ends     date,
  sent_by           text   NOT NULL DEFAULT (lgit.current_actor()).actor,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT project_on_one_list_a_day UNIQUE (sent_on, project_id)
);
CREATE INDEX om_list_sent_project_idx ON lgit.om_list_sent (project_id);
COMMENT ON TABLE lgit.om_list_sent IS
  'Art 32: each list of completed projects the authority sent to finance (竣工验收备案的项目清单), one row per project as it stood on the list - recorded by the authority with lgit.send_om_list(), never changed or removed.';
COMMENT ON COLUMN lgit.om_list_sent.sent_by IS 'The person who sent it (lgit''s acting person); not writable.';
INSERT INTO lgit.registry (relname, owner_column, writers, append_only, article) VALUES
('om_list_sent', 'project_id', '{authority}', true, '32');
CREATE TRIGGER om_list_sent_guard BEFORE INSERT ON lgit.om_list_sent
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.om_list_sent
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'sent_on');
CREATE TRIGGER om_list_sent_no_change BEFORE UPDATE OR DELETE ON lgit.om_list_sent
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER om_list_sent_no_truncate BEFORE TRUNCATE ON lgit.om_list_sent
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE FUNCTION lgit.send_om_list(sent_on date DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date)
  RETURNS SETOF lgit.om_list_sent
  LANGUAGE sql VOLATILE
  AS $$
    INSERT INTO lgit.om_list_sent (sent_on, project_id, project_code, project_name, unit_zh,
                                   completion_report, completed_on, warranty_ends)
    SELECT send_om_list.sent_on, e.project_id, e.project_code, e.name, e.unit,
           e.completion_report, e.completed_on, e.warranty_ends
    FROM lgit.om_eligible e
    RETURNING *
  $$;
COMMENT ON FUNCTION lgit.send_om_list(date) IS
  'Art 32: records today''s lgit.om_eligible as the list the authority sends to finance on sent_on, one row per project; returns the rows recorded. Authority only; a list is sent once a day at most.';

CREATE VIEW lgit.om_lists_sent AS
SELECT sent_on, sent_by, count(*)::int AS projects, count(DISTINCT unit_zh)::int AS units,
       string_agg(project_code, ', ' ORDER BY project_code) AS project_codes,
       (min(recorded_at) AT TIME ZONE 'Asia/Shanghai')::date AS recorded_on
FROM lgit.om_list_sent
GROUP BY sent_on, sent_by;
COMMENT ON VIEW lgit.om_lists_sent IS
  '运维清单发送记录 / O&M lists sent (Art 32): each list the authority sent to finance - the day, the sender, how many projects of how many units, and their codes; the rows are in lgit.om_list_sent.';

-- Monthly series for dashboards, by month (first day) and unit.
CREATE VIEW lgit.monthly_stage_entries AS
SELECT date_trunc('month', h.changed_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
       h.project_unit_id AS unit_id, u.name_zh AS unit_zh,
       s.stage, s.stage_ordinal, s.stage_zh,
       count(*)::int AS entries, count(DISTINCT h.project_id)::int AS projects
FROM lgit.history h
JOIN lgit.unit u ON u.unit_id = h.project_unit_id
JOIN lgit.stage_order s ON s.stage = h.to_stage::text
GROUP BY 1, h.project_unit_id, u.name_zh, s.stage, s.stage_ordinal, s.stage_zh;
COMMENT ON VIEW lgit.monthly_stage_entries IS
  '月度阶段进入 / monthly stage entries: per month (Shenzhen) and unit, how many times projects entered each stage and how many projects did.';

CREATE VIEW lgit.monthly_investment AS
SELECT e.month, e.unit_id, u.name_zh AS unit_zh,
       count(*) FILTER (WHERE e.kind = 'approval')::int AS approvals,
       count(*) FILTER (WHERE e.kind = 'established')::int AS projects_established,
       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'established'), 0)::numeric(16,2) AS investment_established,
       count(*) FILTER (WHERE e.kind = 'contract')::int AS contracts_signed,
       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'contract'), 0)::numeric(16,2) AS contract_amount,
       count(*) FILTER (WHERE e.kind = 'payment')::int AS payments,
       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'payment'), 0)::numeric(16,2) AS paid_amount
FROM (
  -- Art 10, 11, 13: the DRC's approvals (establishment, feasibility, design and estimate)
  SELECT date_trunc('month', h.changed_at AT TIME ZONE 'Asia/Shanghai')::date AS month, h.project_unit_id AS unit_id,
         'approval' AS kind, NULL::numeric AS amount
  FROM lgit.history h WHERE h.to_stage IN ('established', 'feasibility_approved', 'design_approved')
  UNION ALL
  -- the investment of the projects established (first time only), at today's figures
  SELECT date_trunc('month', min(h.changed_at) AT TIME ZONE 'Asia/Shanghai')::date, min(h.project_unit_id),
         'established', min(p.total_investment)
  FROM lgit.history h JOIN lgit.project p USING (project_id)
  WHERE h.to_stage = 'established' GROUP BY h.project_id
  UNION ALL
  SELECT date_trunc('month', c.signed_on)::date, p.unit_id, 'contract', c.amount
  FROM lgit.contract c JOIN lgit.project p USING (project_id)
  UNION ALL
  SELECT date_trunc('month', y.requested_on)::date, p.unit_id, 'payment', y.amount
  FROM lgit.payment y JOIN lgit.contract c USING (contract_id) JOIN lgit.project p USING (project_id)
) e
JOIN lgit.unit u ON u.unit_id = e.unit_id
GROUP BY e.month, e.unit_id, u.name_zh;
COMMENT ON VIEW lgit.monthly_investment IS
  '月度投资 / monthly investment: per month and unit, the DRC''s approvals (Art 10, 11, 13), projects established and their investment, contracts signed and their amount, payments requested and their amount (Art 31).';

-- schema/88_assessment.sql
-- The Art 49 annual assessment and what feeds it: every deadline of a unit judged once it is
-- done, so a filing made late stays visible as late; the authority's own review clocks (Art
-- 11, 12, 28); the targets the authority sets per year; rectification orders (限期整改) and,
-- when refused, the 暂缓 that follows (a refused_rectification sanction, LG490).
--
-- Working days need the year's calendar (lgit.calendar_year).  A report must not stop because
-- one row reaches into a year whose notice is not loaded yet: these views count with
-- lgit.add_workdays_provisional() and lgit.workdays_between_provisional() (Monday-Friday for
-- such a year) and mark the row calendar_provisional (lgit.calendar_covers).  A clock started
-- on a day no policy value covers (before the measures) has no due date, rather than stopping
-- the report as lgit.policy_in_force() would.

-- The months and years a report walks, with the planner told how few there are (a plain
-- generate_series() is estimated at 1000 rows, which makes every report look huge).
CREATE FUNCTION lgit.month_starts(from_day date, to_day date) RETURNS SETOF date
  LANGUAGE sql STABLE STRICT ROWS 12
  AS $$ SELECT m::date FROM generate_series(date_trunc('month', from_day::timestamp),
                                             date_trunc('month', to_day::timestamp), interval '1 month') AS m $$;
COMMENT ON FUNCTION lgit.month_starts(date, date) IS
  'The first day of every month from from_day''s to to_day''s, for reports that walk months (Art 20).';
CREATE FUNCTION lgit.years_from(first_year int, last_year int) RETURNS SETOF int
  LANGUAGE sql IMMUTABLE STRICT ROWS 4
  AS $$ SELECT generate_series(first_year, last_year) $$;
COMMENT ON FUNCTION lgit.years_from(int, int) IS
  'Every year from first_year to last_year, for reports that walk years (Art 22, 49).';

-- Every deadline of a unit with its outcome: met, met late, missed (late and still not done)
-- or open (not yet due).  Art 19 and 36 count working days from the event; Art 20 asks for a
-- report in each month of construction, Art 22 one in each year of it, as lgit.overdue does.
CREATE VIEW lgit.unit_deadlines AS
WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day),
clock AS (
  -- Art 19: contract filing within contract_filing_workdays of signing
  SELECT c.project_id, 'contract filing ' || coalesce(c.doc_number, c.contractor) AS obligation,
         '19' AS article, 'LG191' AS rule_code, c.signed_on AS started_on,
         (SELECT y.value::int FROM lgit.policy y
          WHERE y.key = 'contract_filing_workdays' AND y.in_force @> c.signed_on) AS workdays, c.filed_on AS done_on
  FROM lgit.contract c
  UNION ALL
  -- Art 36: the surplus returned within surplus_return_workdays of the audit conclusion
  SELECT f.project_id, 'surplus return', '36', 'LG360', f.audit_concluded_on,
         (SELECT y.value::int FROM lgit.policy y
          WHERE y.key = 'surplus_return_workdays' AND y.in_force @> f.audit_concluded_on), f.surplus_returned_on
  FROM lgit.final_accounts f WHERE f.surplus > 0 AND f.audit_concluded_on IS NOT NULL
),
timed AS (
  SELECT c.*, lgit.add_workdays_provisional(c.started_on, c.workdays) AS due_on
  FROM clock c
),
construction AS (
  SELECT h.project_id,
         min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date) FILTER (WHERE h.to_stage = 'construction') AS began,
         min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date) FILTER (WHERE h.to_stage IN ('completed', 'terminated')) AS ended
  FROM lgit.history h
  WHERE h.to_stage IN ('construction', 'completed', 'terminated')
  GROUP BY h.project_id
),
periodic AS (
  -- Art 20: a progress report in every month of construction, by the month's end
  SELECT c.project_id, 'progress report ' || to_char(m, 'YYYY-MM') AS obligation, '20' AS article,
         'LG200' AS rule_code, m AS started_on, NULL::int AS workdays, r.done_on,
         (m + interval '1 month' - interval '1 day')::date AS due_on
  FROM construction c, today t
  CROSS JOIN LATERAL lgit.month_starts(c.began, coalesce(c.ended, t.day)) AS m
  LEFT JOIN LATERAL (SELECT min(d.issued_on) AS done_on FROM lgit.document d
                     WHERE d.project_id = c.project_id AND d.kind = 'progress_report'
                       AND d.issued_on >= m AND d.issued_on < (m + interval '1 month')::date) r ON true
  WHERE c.began IS NOT NULL
  UNION ALL
  -- Art 22: a performance report before the end of every year of construction (建设期内: not for
  -- a year that ends after completion or termination)
  SELECT c.project_id, 'performance report ' || y, '22', 'LG220', make_date(y, 1, 1), NULL, r.done_on,
         make_date(y, 12, 31)
  FROM construction c, today t
  CROSS JOIN LATERAL lgit.years_from(extract(year FROM c.began)::int, extract(year FROM coalesce(c.ended, t.day))::int) AS y
  LEFT JOIN LATERAL (SELECT min(d.issued_on) AS done_on FROM lgit.document d
                     WHERE d.project_id = c.project_id AND d.kind = 'performance_report'
                       AND d.issued_on >= make_date(y, 1, 1) AND d.issued_on < make_date(y + 1, 1, 1)) r ON true
  WHERE c.began IS NOT NULL AND (c.ended IS NULL OR make_date(y, 12, 31) <= c.ended)
),
judged AS (
  SELECT o.*,
         CASE WHEN o.due_on IS NULL THEN NULL
              WHEN o.done_on IS NOT NULL AND o.done_on <= o.due_on THEN 'met'
              WHEN o.done_on IS NOT NULL THEN 'met_late'
              WHEN o.due_on < t.day THEN 'missed'
              ELSE 'open' END AS status,
         coalesce(o.done_on, t.day) AS judged_on
  FROM (SELECT project_id, obligation, article, rule_code, started_on, due_on, done_on FROM timed
        UNION ALL
        SELECT project_id, obligation, article, rule_code, started_on, due_on, done_on FROM periodic) o, today t
)
SELECT j.project_id, p.code AS project_code, p.unit_id, u.name_zh AS unit_zh,
       j.obligation, j.article, j.rule_code, j.due_on, j.done_on,
       j.status, array_position(ARRAY['met', 'met_late', 'missed', 'open'], j.status)::int AS status_ordinal,
       CASE WHEN j.status IN ('met_late', 'missed') THEN lgit.workdays_between_provisional(j.due_on, j.judged_on) END
         AS workdays_late,
       coalesce(NOT lgit.calendar_covers(j.started_on, greatest(j.due_on, j.judged_on)), true) AS calendar_provisional
FROM judged j
JOIN lgit.project p USING (project_id)
JOIN lgit.unit u ON u.unit_id = p.unit_id;
COMMENT ON VIEW lgit.unit_deadlines IS
  '单位时限履行 / unit deadlines: every deadline of a unit with its outcome - met, met_late (done after the due day: stays visible), missed (past due, not done), open: contract filing (Art 19), surplus return (Art 36), a progress report in each month of construction (Art 20) and a performance report in each year of it (Art 22). Working days late; calendar_provisional when a year they count is not loaded (counted Monday-Friday until it is).';

-- The authority's own clocks: who held the file, for how many working days.
CREATE VIEW lgit.review_turnaround AS
WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day),
clock AS (
  -- Art 11: the feasibility report, from its formal acceptance until the authority's opinion (the
  -- expert review and the DRC's approval are not its time) or the file leaves it
  SELECT d.project_id, 'feasibility report review' AS review, '可研审核' AS review_zh, '11' AS article,
         'feasibility_review_workdays' AS policy_key, 'feasibility_submitted' AS held_stage, d.accepted_on AS started_on,
         0 AS started_seq, 'authority_feasibility_opinion' AS ends_with
  FROM lgit.document d WHERE d.kind = 'feasibility_report' AND d.accepted_on IS NOT NULL
  UNION ALL
  -- Art 12: the preliminary design, from its formal acceptance until the pre-review
  SELECT d.project_id, 'preliminary design pre-review', '初步设计预审', '12',
         'design_prereview_workdays', 'design_submitted', d.accepted_on, 0, NULL
  FROM lgit.document d WHERE d.kind = 'preliminary_design' AND d.accepted_on IS NOT NULL
  UNION ALL
  -- Art 12: the expert review, from the pre-review until the review is done
  SELECT h.project_id, 'preliminary design expert review', '专家评审', '12',
         'design_expert_review_workdays', 'design_prereviewed', (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date, h.seq, NULL
  FROM lgit.history h WHERE h.to_stage = 'design_prereviewed'
  UNION ALL
  -- Art 28: the security test, from the application until the authority's report
  SELECT d.project_id, 'security test report', '上线安全测试', '28',
         'security_test_report_workdays', 'final_accepted', d.issued_on, 0, NULL
  FROM lgit.document d WHERE d.kind = 'security_test_application'
),
closed AS (
  -- the clock stops at the first move out of the stage the file waits in after the start; a
  -- clock still running counts only while the project is in that stage (as in lgit.overdue)
  SELECT c.*, (SELECT y.value::int FROM lgit.policy y WHERE y.key = c.policy_key AND y.in_force @> c.started_on)
           AS allowed_workdays,
         CASE WHEN o.day <= x.day OR x.day IS NULL THEN o.day ELSE x.day END AS finished_on,
         CASE WHEN o.day <= x.day OR x.day IS NULL THEN o.actor ELSE x.actor END AS finished_by,
         CASE WHEN o.day <= x.day OR x.day IS NULL THEN c.ends_with ELSE x.to_stage::text END AS finished_to
  FROM clock c
  LEFT JOIN LATERAL (SELECT (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, h.actor, h.to_stage
                     FROM lgit.history h
                     WHERE h.project_id = c.project_id AND h.from_stage::text = c.held_stage
                       AND (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date >= c.started_on
                       AND h.seq > c.started_seq
                     ORDER BY h.seq LIMIT 1) x ON true
  LEFT JOIN LATERAL (SELECT d.issued_on AS day, d.registered_by AS actor FROM lgit.document d
                     WHERE d.project_id = c.project_id AND d.kind = c.ends_with AND d.issued_on >= c.started_on
                     ORDER BY d.issued_on, d.document_id LIMIT 1) o ON true
  WHERE x.day IS NOT NULL OR o.day IS NOT NULL
     OR EXISTS (SELECT FROM lgit.project p WHERE p.project_id = c.project_id AND p.stage::text = c.held_stage)
),
counted AS (
  SELECT c.*, lgit.add_workdays_provisional(c.started_on, c.allowed_workdays) AS due_on,
         lgit.workdays_between_provisional(c.started_on, coalesce(c.finished_on, t.day)) AS taken,
         coalesce(c.finished_on, t.day) AS judged_on
  FROM closed c, today t
)
SELECT c.project_id, p.code AS project_code, p.unit_id, u.name_zh AS unit_zh,
       c.review, c.review_zh, c.article, 'authority'::text AS held_by_capacity,
       c.started_on, c.finished_on, c.finished_by, c.finished_to, c.allowed_workdays,
       c.due_on, c.taken AS workdays_taken, greatest(c.taken - c.allowed_workdays, 0) AS workdays_late,
       CASE WHEN c.taken IS NULL OR c.allowed_workdays IS NULL THEN NULL
            WHEN c.finished_on IS NULL THEN CASE WHEN c.taken > c.allowed_workdays THEN 'open_late' ELSE 'open' END
            WHEN c.taken > c.allowed_workdays THEN 'late'
            ELSE 'on_time' END AS status,
       coalesce(NOT lgit.calendar_covers(c.started_on, greatest(c.due_on, c.judged_on)), true) AS calendar_provisional
FROM counted c
JOIN lgit.project p USING (project_id)
JOIN lgit.unit u ON u.unit_id = p.unit_id;
COMMENT ON VIEW lgit.review_turnaround IS
  '审核时效 / review turnaround: each review clock of the authority (Art 11 feasibility review, ended by its own opinion or the file moving on, Art 12 design pre-review and expert review, Art 28 security test report) - when the file reached the authority, when and by whom it moved on, the working days allowed (policy in force on the start day), taken and late, and on_time / late / open / open_late. Rows counting days of a year whose calendar is not loaded are calendar_provisional (counted Monday-Friday until it is).';

-- Art 49: the targets the authority sets for a year's assessment.
CREATE TABLE lgit.assessment_target (
  year     int     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  measure  text    NOT NULL CHECK (measure IN ('deadlines_met_share', 'deadlines_missed', 'deadlines_met_late',
                                               'progress_reports_filed', 'performance_reports_filed',
                                               'results_registered', 'sanctions_imposed')),
  target   numeric NOT NULL CHECK (target >= 0) CONSTRAINT target_is_a_number CHECK (target NOT IN ('NaN', 'Infinity', '-Infinity')),
  set_on   date    NOT NULL,
  set_by   text    NOT NULL DEFAULT (lgit.current_actor()).actor,
  PRIMARY KEY (year, measure)
);
COMMENT ON TABLE lgit.assessment_target IS
  'Art 49: the targets the authority sets for a year''s assessment of every street and department, one per measure of lgit.annual_assessment: at least the target for deadlines_met_share (0-1), reports filed and results registered; at most the target for deadlines_missed, deadlines_met_late and sanctions_imposed. Written by the authority, read by all.';
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.assessment_target
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('until_today', 'set_on');
ALTER TABLE lgit.assessment_target ENABLE ROW LEVEL SECURITY;
CREATE POLICY assessment_target_read ON lgit.assessment_target FOR SELECT USING (true);
CREATE POLICY assessment_target_set ON lgit.assessment_target FOR INSERT
  WITH CHECK ((SELECT a.capacity = 'authority' FROM lgit.current_actor() a));
CREATE POLICY assessment_target_change ON lgit.assessment_target FOR UPDATE
  USING ((SELECT a.capacity = 'authority' FROM lgit.current_actor() a))
  WITH CHECK ((SELECT a.capacity = 'authority' FROM lgit.current_actor() a));
CREATE POLICY assessment_target_remove ON lgit.assessment_target FOR DELETE
  USING ((SELECT a.capacity = 'authority' FROM lgit.current_actor() a));

-- Art 49: 限期整改, and 暂缓 when refused.
CREATE TABLE lgit.rectification_order (
  order_id     int  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id      int  NOT NULL REFERENCES lgit.unit,
  year         int  NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  doc_number   text UNIQUE CHECK (btrim(doc_number) <> ''),
  requirement  text NOT NULL CHECK (btrim(requirement) <> ''),
  issued_on    date NOT NULL,
  due_on       date NOT NULL CHECK (due_on >= issued_on),
  rectified_on date CHECK (rectified_on >= issued_on),
  sanction_id  int  REFERENCES lgit.sanction
);
CREATE INDEX rectification_order_unit_idx ON lgit.rectification_order (unit_id);
CREATE INDEX rectification_order_sanction_idx ON lgit.rectification_order (sanction_id);
COMMENT ON TABLE lgit.rectification_order IS
  'Art 49: an order of the authority to a unit that missed its performance targets of a year''s assessment to rectify by due_on (限期整改); rectified_on once done. A unit that refuses gets its later approvals suspended (暂缓): the refused_rectification sanction the authority or the DRC imposes (LG490), linked in sanction_id.';
COMMENT ON COLUMN lgit.rectification_order.sanction_id IS 'The refused_rectification sanction (暂缓其后续项目的审批) imposed because the order was refused.';
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.rectification_order
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'issued_on', 'rectified_on');
INSERT INTO lgit.registry (relname, owner_column, writers, article) VALUES
('rectification_order', 'unit_id', '{authority}', '49');
CREATE TRIGGER rectification_order_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.rectification_order
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();

CREATE VIEW lgit.rectification_status AS
SELECT r.order_id, r.unit_id, u.name_zh AS unit_zh, r.year, r.doc_number, r.requirement, r.issued_on, r.due_on,
       r.rectified_on,
       CASE WHEN r.rectified_on IS NOT NULL AND r.rectified_on <= r.due_on THEN 'rectified'
            WHEN r.rectified_on IS NOT NULL THEN 'rectified_late'
            WHEN r.sanction_id IS NOT NULL THEN 'refused'
            WHEN r.due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date THEN 'overdue'
            ELSE 'open' END AS status,
       s.sanction_id, s.imposed_on AS suspended_on, s.lifted_on AS suspension_lifted_on,
       coalesce(s.imposed_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date
                AND (s.lifted_on IS NULL OR s.lifted_on > (now() AT TIME ZONE 'Asia/Shanghai')::date), false)
         AS approvals_suspended
FROM lgit.rectification_order r
JOIN lgit.unit u USING (unit_id)
LEFT JOIN lgit.sanction s ON s.sanction_id = r.sanction_id AND s.kind = 'refused_rectification';
COMMENT ON VIEW lgit.rectification_status IS
  '整改通知 / rectification orders (Art 49): each order with its deadline and status - rectified, rectified_late, refused (a refused_rectification sanction is linked), overdue, open - and whether the unit''s later approvals are suspended (暂缓) today.';

-- Art 49: per unit and year.  Projects by their stage at the year's end (from history);
-- deadlines falling due in the year by outcome; reports, sanctions, results and rectification
-- orders of the year.
CREATE VIEW lgit.annual_assessment AS
WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day),
at_year_end AS (
  SELECT p.unit_id, y AS year, s.stage
  FROM lgit.project p, today t
  CROSS JOIN LATERAL lgit.years_from(extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int,
                                     extract(year FROM t.day)::int) AS y
  LEFT JOIN LATERAL (SELECT h.to_stage AS stage FROM lgit.history h
                     WHERE h.project_id = p.project_id
                       AND h.changed_at < make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')
                     ORDER BY h.seq DESC LIMIT 1) s ON true
),
facts AS (
  SELECT unit_id, year,
         count(*) FILTER (WHERE stage IS NOT NULL) AS projects,
         count(*) FILTER (WHERE stage < 'construction') AS preparing,
         count(*) FILTER (WHERE stage BETWEEN 'construction' AND 'handover_verified') AS in_delivery,
         count(*) FILTER (WHERE stage = 'completed') AS completed,
         count(*) FILTER (WHERE stage = 'suspended') AS suspended,
         count(*) FILTER (WHERE stage = 'terminated') AS terminated,
         0 AS due, 0 AS met, 0 AS met_late, 0 AS missed, 0 AS progress, 0 AS performance,
         0 AS sanctions, 0 AS sharing, 0 AS security, 0 AS refused, 0 AS results, 0 AS orders
  FROM at_year_end GROUP BY unit_id, year
  UNION ALL
  SELECT unit_id, extract(year FROM due_on)::int, 0, 0, 0, 0, 0, 0,
         count(*) FILTER (WHERE status <> 'open'), count(*) FILTER (WHERE status = 'met'),
         count(*) FILTER (WHERE status = 'met_late'), count(*) FILTER (WHERE status = 'missed'), 0, 0, 0, 0, 0, 0, 0, 0
  FROM lgit.unit_deadlines WHERE due_on IS NOT NULL GROUP BY 1, 2
  UNION ALL
  SELECT p.unit_id, extract(year FROM d.issued_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         count(*) FILTER (WHERE d.kind = 'progress_report'), count(*) FILTER (WHERE d.kind = 'performance_report'),
         0, 0, 0, 0, 0, 0
  FROM lgit.document d JOIN lgit.project p USING (project_id)
  WHERE d.kind IN ('progress_report', 'performance_report') GROUP BY 1, 2
  UNION ALL
  SELECT unit_id, extract(year FROM imposed_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         count(*), count(*) FILTER (WHERE kind = 'data_sharing'), count(*) FILTER (WHERE kind = 'security'),
         count(*) FILTER (WHERE kind = 'refused_rectification'), 0, 0
  FROM lgit.sanction GROUP BY 1, 2
  UNION ALL
  SELECT p.unit_id, extract(year FROM r.registered_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         count(*), 0
  FROM lgit.result r JOIN lgit.project p USING (project_id) GROUP BY 1, 2
  UNION ALL
  SELECT unit_id, year, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*)
  FROM lgit.rectification_order GROUP BY 1, 2
)
SELECT f.year, f.unit_id, u.code AS unit_code, u.name_zh AS unit_zh,
       sum(f.projects)::int AS projects, sum(f.preparing)::int AS projects_preparing,
       sum(f.in_delivery)::int AS projects_in_delivery, sum(f.completed)::int AS projects_completed,
       sum(f.suspended)::int AS projects_suspended, sum(f.terminated)::int AS projects_terminated,
       sum(f.due)::int AS deadlines_due, sum(f.met)::int AS deadlines_met,
       sum(f.met_late)::int AS deadlines_met_late, sum(f.missed)::int AS deadlines_missed,
       CASE WHEN sum(f.due) > 0 THEN round(sum(f.met) / sum(f.due), 4) END::numeric(10,4) AS deadlines_met_share,
       sum(f.progress)::int AS progress_reports_filed, sum(f.performance)::int AS performance_reports_filed,
       sum(f.sanctions)::int AS sanctions_imposed, sum(f.sharing)::int AS sharing_sanctions,
       sum(f.security)::int AS security_sanctions, sum(f.refused)::int AS rectification_sanctions,
       sum(f.results)::int AS results_registered, sum(f.orders)::int AS rectification_orders
FROM facts f
JOIN lgit.unit u USING (unit_id)
WHERE u.kind IN ('street', 'department') AND lgit.sees_unit(u.unit_id)
GROUP BY f.year, f.unit_id, u.code, u.name_zh;
COMMENT ON VIEW lgit.annual_assessment IS
  '年度绩效考评 / annual assessment (Art 49): per street or department and year - its projects by their stage at the year''s end, the deadlines falling due in the year that were met, met late or missed (lgit.unit_deadlines), progress (Art 20) and performance (Art 22) reports filed, sanctions imposed (Art 47, 48, 49), results registered (Art 39) and rectification orders issued.';

CREATE VIEW lgit.assessment_vs_target AS
SELECT v.*, CASE v.direction WHEN 'at_most' THEN v.actual <= v.target ELSE v.actual >= v.target END AS met
FROM (
SELECT a.year, a.unit_id, a.unit_zh, t.measure,
       CASE t.measure WHEN 'deadlines_met_share' THEN a.deadlines_met_share
                      WHEN 'deadlines_missed' THEN a.deadlines_missed
                      WHEN 'deadlines_met_late' THEN a.deadlines_met_late
                      WHEN 'progress_reports_filed' THEN a.progress_reports_filed
                      WHEN 'performance_reports_filed' THEN a.performance_reports_filed
                      WHEN 'results_registered' THEN a.results_registered
                      WHEN 'sanctions_imposed' THEN a.sanctions_imposed END AS actual,
       t.target,
       CASE WHEN t.measure IN ('deadlines_missed', 'deadlines_met_late', 'sanctions_imposed')
            THEN 'at_most' ELSE 'at_least' END AS direction
FROM lgit.annual_assessment a
JOIN lgit.assessment_target t USING (year)
) v;
COMMENT ON VIEW lgit.assessment_vs_target IS
  '考评目标对照 / assessment against targets (Art 49): each unit''s figure of a year next to the target the authority set for it, and whether the target is met (NULL when the unit had nothing to measure).';

-- schema/89_report_labels.sql
-- Labels for reporting tools: every column of every report view gets a comment in Chinese and
-- English, and every report view a copy under its Chinese name whose columns carry the Chinese
-- labels (lgit.项目台账 is lgit.project_register with 项目编号, 项目名称 ...), for exports a
-- district hands on as they are.  The naming scheme is one dictionary: a column name means the
-- same in every view (project_code is always 项目编号), so a tool that joins two reports finds
-- the same names, and a view whose column is missing from the dictionary fails the install.
-- The copies select from the English views, so they show the same rows to the same reader.
DO $$
DECLARE
  report record;
  col record;
  select_list text;
  zh_name text;
  labels constant jsonb := $labels$ {
    "actual": ["实际值", "the unit's figure for the measure"],
    "allowed_workdays": ["时限工作日", "working days allowed by the policy in force on the start day"],
    "approved_estimate": ["批复概算", "the estimate the DRC approved last (总概算, CNY, Art 13, 23): its design approval or a re-approval stating one"],
    "approvals": ["审批数", "approvals by the DRC (establishment, feasibility, design and estimate)"],
    "approvals_suspended": ["暂缓审批", "whether the unit's later approvals are suspended today (暂缓)"],
    "article": ["条款", "article of the measures"],
    "build_type": ["建设类型", "new, expansion or upgrade (Art 2)"],
    "calendar_provisional": ["日历待定", "true when the working-day figures need a year whose calendar is not loaded yet"],
    "category": ["项目类别", "category of Art 2"],
    "category_ordinal": ["类别序号", "position of the category in the list of Art 2, for sorting"],
    "change_abs_total": ["变更绝对额合计", "sum of the absolute amounts of the change orders (CNY), as Art 24 counts them"],
    "change_orders": ["变更次数", "number of change orders"],
    "change_ratio": ["累计变更比例", "cumulative absolute changes over the contract price (Art 24)"],
    "change_total": ["变更金额合计", "signed sum of the change orders (CNY)"],
    "completed": ["已竣工项目数", "projects completed"],
    "completed_on": ["竣工日期", "day the project was first completed (Art 30)"],
    "construction_on": ["开工日期", "day the project first entered construction"],
    "contract_amount": ["合同金额", "contract price (CNY)"],
    "contract_amount_with_changes": ["含变更合同金额", "contract price plus the signed changes (CNY)"],
    "contract_id": ["合同ID", "contract identifier"],
    "contract_number": ["合同编号", "the contract's document number"],
    "contract_total": ["合同总额", "sum of the contract prices (CNY)"],
    "contracted_on": ["签约日期", "day the project first reached contract signed"],
    "contractor": ["承建单位", "contractor"],
    "contracts": ["合同数", "number of contracts"],
    "contracts_signed": ["签订合同数", "contracts signed"],
    "created_on": ["创建日期", "day the project was filed in lgit"],
    "deadlines_due": ["到期时限数", "deadlines falling due in the year that are met, met late or missed"],
    "deadlines_met": ["按时完成数", "deadlines met on time"],
    "deadlines_met_late": ["逾期完成数", "deadlines met late"],
    "deadlines_met_share": ["按时完成率", "share of the deadlines due that were met on time (0-1)"],
    "deadlines_missed": ["逾期未完成数", "deadlines missed: past due and not done"],
    "design_approved_on": ["概算批复日期", "day the design and estimate were first approved (Art 13)"],
    "direction": ["目标方向", "at_least or at_most the target"],
    "district_funds": ["区政府资金", "district government funds, the four district sources (CNY, Art 3)"],
    "doc_number": ["文号", "document number"],
    "done_on": ["完成日期", "day the obligation was done"],
    "due_on": ["到期日", "last day the obligation is on time"],
    "entries": ["进入次数", "times projects entered the stage"],
    "established_on": ["立项日期", "day the project was first established (Art 10, 14)"],
    "feasibility_approved_on": ["可研批复日期", "day the feasibility study was first approved (Art 11)"],
    "filed_on": ["备案日期", "day the authority accepted the filing (Art 19)"],
    "final_accepted_on": ["终验日期", "day of the first contract final acceptance (Art 27)"],
    "finished_by": ["办结人", "the person whose move ended the review"],
    "finished_on": ["办结日期", "day the file left the authority's review"],
    "finished_to": ["办结去向", "the stage the file moved to, or the document that ended the review (the authority's opinion, Art 11)"],
    "fund_general_budget": ["一般公共预算资金", "区级一般公共预算资金 (CNY, Art 3)"],
    "fund_government_bonds": ["政府债券", "government bonds (CNY, Art 3)"],
    "fund_other_government": ["其他政府性资金", "other government funds for informatization (CNY, Art 3)"],
    "fund_social_capital": ["社会资金", "social capital (CNY, Art 15)"],
    "fund_superior": ["上级拨付资金", "funds from the state, province or city (CNY, Art 14)"],
    "fund_unit_self_raised": ["单位自筹", "funds raised by the unit (CNY, Art 3)"],
    "held_by_capacity": ["承办方", "the capacity that held the file"],
    "implementing_body": ["项目实施机构", "implementing body (Art 16)"],
    "in_delivery": ["在建项目数", "projects from construction to handover verified"],
    "investment_established": ["立项投资额", "total investment of the projects established (CNY, today's figures)"],
    "issued_on": ["下达日期", "day the order was issued"],
    "max_change_ratio": ["最高变更比例", "highest cumulative change ratio among the project's contracts (Art 24)"],
    "measure": ["考评指标", "measure of the assessment"],
    "met": ["是否达标", "whether the target is met"],
    "month": ["月份", "month (its first day, Shenzhen time)"],
    "obligation": ["事项", "the obligation"],
    "order_id": ["整改通知ID", "rectification order identifier"],
    "overdue_items": ["逾期事项数", "late items today (lgit.overdue)"],
    "paid_amount": ["拨付金额", "amount of the payments requested (CNY, Art 31)"],
    "paid_share": ["拨付比例", "paid total over the total investment (0-1)"],
    "paid_total": ["已拨付金额", "payments requested under the contracts (CNY, Art 31)"],
    "payable_total": ["可拨付金额", "scheduled amounts of the stages the project has reached (CNY, Art 31)"],
    "payments": ["拨付次数", "number of payments"],
    "performance_reports_filed": ["绩效报告数", "performance evaluation reports filed in the year (Art 22)"],
    "plan_year": ["计划年度", "plan year"],
    "progress_reports_filed": ["进度月报数", "monthly progress and funds reports filed in the year (Art 20)"],
    "project_code": ["项目编号", "project code"],
    "project_codes": ["项目编号清单", "codes of the projects"],
    "project_id": ["项目ID", "project identifier"],
    "project_name": ["项目名称", "project name"],
    "projects": ["项目数", "number of projects"],
    "projects_completed": ["年末已竣工", "projects completed at the year's end"],
    "projects_established": ["立项项目数", "projects established (first time)"],
    "projects_in_delivery": ["年末在建", "projects from construction to handover verified at the year's end"],
    "projects_preparing": ["年末前期", "projects before construction at the year's end"],
    "projects_suspended": ["年末暂缓", "projects suspended at the year's end"],
    "projects_terminated": ["年末终止", "projects terminated at the year's end"],
    "proposed_on": ["申报日期", "day the project was first proposed (Art 10)"],
    "recorded_on": ["登记日期", "day the list was recorded"],
    "rectification_orders": ["整改通知数", "rectification orders of the year (Art 49)"],
    "rectification_sanctions": ["拒不整改处理数", "refused_rectification sanctions imposed in the year (Art 49)"],
    "rectified_on": ["整改完成日期", "day the unit rectified"],
    "requirement": ["整改要求", "what the unit must rectify"],
    "responsible_person": ["项目责任人", "responsible person (Art 16)"],
    "results_registered": ["成果登记数", "results registered in the year (Art 39)"],
    "review": ["审核事项", "the review"],
    "review_zh": ["审核事项（中文）", "the review, in Chinese"],
    "rule_code": ["规则编号", "lgit rule code (SQLSTATE)"],
    "sanction_id": ["处理ID", "sanction identifier"],
    "sanctions_imposed": ["处理数", "sanctions imposed in the year"],
    "sanctions_in_force": ["生效处理数", "sanctions in force today"],
    "scheduled_total": ["计划拨付金额", "payment schedule total (CNY, Art 31)"],
    "security_sanctions": ["安全处理数", "security sanctions imposed in the year (Art 48)"],
    "sent_by": ["发送人", "the person who sent the list"],
    "sent_on": ["发送日期", "day the list was sent to finance"],
    "sharing_sanctions": ["共享处理数", "data-sharing sanctions imposed in the year (Art 47, 50)"],
    "signed_on": ["签订日期", "day the contract was signed"],
    "stage": ["阶段", "lifecycle stage"],
    "stage_en": ["阶段（英文）", "stage, English label"],
    "stage_ordinal": ["阶段序号", "position of the stage in the lifecycle, for sorting (draft = 1)"],
    "stage_zh": ["阶段名称", "stage, Chinese label"],
    "started_on": ["起算日期", "day the clock started"],
    "status": ["状态", "status"],
    "status_ordinal": ["状态序号", "position of the status (met, met_late, missed, open), for sorting"],
    "suspended_on": ["暂缓日期", "day of the first suspension"],
    "suspension_lifted_on": ["暂缓解除日期", "first day the suspension no longer applies"],
    "target": ["目标值", "the target the authority set"],
    "terminated": ["已终止项目数", "projects terminated"],
    "terminated_on": ["终止日期", "day the project was terminated (Art 34)"],
    "total_investment": ["总投资", "total investment, all sources (CNY)"],
    "unit_code": ["单位编码", "unit code"],
    "unit_en": ["单位（英文）", "unit, English name"],
    "unit_id": ["单位ID", "unit identifier"],
    "unit_zh": ["建设单位", "unit (street or department)"],
    "units": ["单位数", "number of units"],
    "violations": ["违规数", "rules broken now (lgit.violations)"],
    "workdays_late": ["逾期工作日", "working days late"],
    "workdays_taken": ["用时工作日", "working days the review took (or has taken so far)"],
    "year": ["年度", "year"]
  } $labels$;
BEGIN
  FOR report IN SELECT * FROM (VALUES
      ('stage_order', '阶段维度'), ('pipeline', '项目储备与资金'), ('unit_scorecard', '单位记分卡'),
      ('project_register', '项目台账'), ('contract_funds', '合同资金执行'), ('project_funds', '项目资金执行'),
      ('unit_funds', '单位资金执行'), ('om_lists_sent', '运维清单发送记录'),
      ('monthly_stage_entries', '月度阶段进入'), ('monthly_investment', '月度投资'),
      ('unit_deadlines', '单位时限履行'), ('review_turnaround', '审核时效'),
      ('rectification_status', '整改通知'), ('annual_assessment', '年度绩效考评'),
      ('assessment_vs_target', '考评目标对照')) AS r(view_name, name_zh) LOOP
    select_list := NULL;
    FOR col IN SELECT a.attname FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = format('lgit.%I', report.view_name)::regclass AND a.attnum > 0 AND NOT a.attisdropped
               ORDER BY a.attnum LOOP
      IF NOT labels ? col.attname THEN
        RAISE EXCEPTION 'lgit: column %.% has no label in 89_report_labels.sql', report.view_name, col.attname;
      END IF;
      zh_name := labels -> col.attname ->> 0;
      EXECUTE format('COMMENT ON COLUMN lgit.%I.%I IS %L', report.view_name, col.attname,
                     zh_name || ' / ' || (labels -> col.attname ->> 1));
      select_list := concat_ws(', ', select_list, format('%I AS %I', col.attname, zh_name));
    END LOOP;
    EXECUTE format('CREATE VIEW lgit.%I AS SELECT %s FROM lgit.%I', report.name_zh, select_list, report.view_name);
    EXECUTE format('COMMENT ON VIEW lgit.%I IS %L', report.name_zh,
                   format('lgit.%s with Chinese column names, for export. ', report.view_name)
                   || obj_description(format('lgit.%I', report.view_name)::regclass, 'pg_class'));
    -- the copy's columns carry the same comments as the originals
    FOR col IN SELECT a.attname, a.attnum FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = format('lgit.%I', report.name_zh)::regclass AND a.attnum > 0 ORDER BY a.attnum LOOP
      EXECUTE format('COMMENT ON COLUMN lgit.%I.%I IS %L', report.name_zh, col.attname,
                     col_description(format('lgit.%I', report.view_name)::regclass, col.attnum));
    END LOOP;
  END LOOP;
END
$$;

-- What 95_security.sql does for every object of a fresh install, for the objects above.
ALTER TABLE lgit.om_list_sent ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.om_list_sent
  USING ((SELECT lgit.sees_all_units()) OR project_id IN (SELECT project_id FROM lgit.project))
  WITH CHECK ((SELECT lgit.sees_all_units()) OR project_id IN (SELECT project_id FROM lgit.project));
ALTER TABLE lgit.rectification_order ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.rectification_order
  USING ((SELECT lgit.sees_all_units()) OR unit_id = (SELECT a.unit_id FROM lgit.current_actor() a WHERE a.capacity = 'unit'))
  WITH CHECK ((SELECT lgit.sees_all_units()) OR unit_id = (SELECT a.unit_id FROM lgit.current_actor() a WHERE a.capacity = 'unit'));
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_catalog.pg_class c
           WHERE c.relnamespace = 'lgit'::regnamespace
             AND (c.relname IN ('om_list_sent', 'assessment_target', 'rectification_order',
                                'om_list_sent_sent_id_seq', 'rectification_order_order_id_seq',
                                'stage_order', 'contract_funds', 'project_funds', 'unit_funds', 'project_register',
                                'om_lists_sent', 'monthly_stage_entries', 'monthly_investment', 'unit_deadlines',
                                'review_turnaround', 'rectification_status', 'annual_assessment', 'assessment_vs_target')
                  OR c.relkind = 'v' AND c.relname !~ '^[a-z_]+$') LOOP
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', r.rel);
    IF r.relkind = 'v' THEN
      EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', r.rel);
    END IF;
    IF r.relkind IN ('r', 'v') THEN
      EXECUTE format('GRANT SELECT ON %s TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, '
                     'lgit_audit, lgit_expert, lgit_reader', r.rel);
    END IF;
    IF r.relkind IN ('r', 'S') THEN
      PERFORM pg_catalog.pg_extension_config_dump(r.rel, '');
    END IF;
  END LOOP;
END
$$;
ALTER FUNCTION lgit.send_om_list(date) SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION lgit.send_om_list(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.send_om_list(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
-- 90_privileges.sql: the writes
GRANT INSERT (sent_on, project_id, project_code, project_name, unit_zh, completion_report, completed_on, warranty_ends)
  ON lgit.om_list_sent TO lgit_authority;
GRANT INSERT (year, measure, target, set_on), UPDATE (target, set_on), DELETE ON lgit.assessment_target TO lgit_authority;
GRANT INSERT, UPDATE ON lgit.rectification_order TO lgit_authority;
ALTER FUNCTION lgit.month_starts(date, date) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lgit.years_from(int, int) SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION lgit.month_starts(date, date), lgit.years_from(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.month_starts(date, date), lgit.years_from(int, int)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
