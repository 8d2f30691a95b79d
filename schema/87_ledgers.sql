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

-- The money of each project that project_funds and project_register both show, each read in
-- one pass.  Bodies stored parsed, so the planner inlines them into the view that reads them
-- (each view reads lgit.project once) and the reader's own row-level security applies;
-- parallel safe, or a view that calls them would never get a parallel plan.
-- Art 13, 23: the estimate the DRC approved last (its design approval, or a re-approval that
-- states one), newest first from document_estimate_idx.
CREATE FUNCTION lgit.approved_estimates() RETURNS TABLE (project_id bigint, approved_estimate numeric)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT DISTINCT ON (d.project_id) d.project_id, d.amount FROM lgit.document d
  WHERE d.kind IN ('drc_design_approval', 'reapproval') AND d.amount IS NOT NULL
  ORDER BY d.project_id, d.issued_on DESC, d.document_id DESC;
END;
COMMENT ON FUNCTION lgit.approved_estimates() IS
  'Art 13, 23: per project, the estimate the DRC approved last (its design approval, or a re-approval that states one); what lgit.project_funds and lgit.project_register show as approved_estimate.';

-- Per project, the totals of lgit.contract_funds.
CREATE FUNCTION lgit.contract_totals()
RETURNS TABLE (project_id bigint, contracts int, contract_total numeric, change_total numeric,
               max_change_ratio numeric, scheduled_total numeric, payable_total numeric, paid_total numeric)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT cf.project_id, count(*)::int, sum(cf.contract_amount), sum(cf.change_total), max(cf.change_ratio),
         sum(cf.scheduled_total), sum(cf.payable_total), sum(cf.paid_total)
  FROM lgit.contract_funds cf GROUP BY cf.project_id;
END;
COMMENT ON FUNCTION lgit.contract_totals() IS
  'Art 23, 24, 31: per project with contracts, the totals of lgit.contract_funds (contracts, prices, changes with the highest cumulative change ratio, schedule, payable, paid); what lgit.project_funds and lgit.project_register show.';

-- Per project: the money the project has and what its contracts did with it.
CREATE VIEW lgit.project_funds AS
SELECT p.project_id, p.code AS project_code, p.name AS project_name, p.unit_id, u.name_zh AS unit_zh,
       p.stage::text AS stage, s.stage_ordinal, s.stage_zh,
       p.district_funds, p.total_investment, e.approved_estimate::numeric(16,2) AS approved_estimate,
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
-- on the project's stage itself, whose statistics tell the planner every project has one (its
-- text has none: the planner would count a tenth of them and sort the rows it did not expect)
JOIN lgit.stage_order s ON s.stage::lgit.stage = p.stage
LEFT JOIN lgit.approved_estimates() e USING (project_id)
LEFT JOIN lgit.contract_totals() c USING (project_id);
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
       -- the categories listed once per read, not once per row
       array_position((SELECT enum_range(NULL::lgit.project_category)), p.category)::int AS category_ordinal,
       p.build_type::text AS build_type, p.plan_year,
       p.stage::text AS stage, s.stage_ordinal, s.stage_zh, s.stage_en,
       p.fund_general_budget, p.fund_government_bonds, p.fund_unit_self_raised, p.fund_other_government,
       p.fund_superior, p.fund_social_capital, p.district_funds, p.total_investment,
       e.approved_estimate::numeric(16,2) AS approved_estimate, coalesce(c.contracts, 0) AS contracts,
       coalesce(c.contract_total, 0)::numeric(16,2) AS contract_total,
       coalesce(c.change_total, 0)::numeric(16,2) AS change_total,
       coalesce(c.scheduled_total, 0)::numeric(16,2) AS scheduled_total,
       coalesce(c.paid_total, 0)::numeric(16,2) AS paid_total,
       p.responsible_person, p.implementing_body,
       (p.created_at AT TIME ZONE 'Asia/Shanghai')::date AS created_on,
       (h_proposed.proposed_at AT TIME ZONE 'Asia/Shanghai')::date AS proposed_on,
       (h_established.established_at AT TIME ZONE 'Asia/Shanghai')::date AS established_on,
       (h_feasibility_approved.feasibility_approved_at AT TIME ZONE 'Asia/Shanghai')::date AS feasibility_approved_on,
       (h_design_approved.design_approved_at AT TIME ZONE 'Asia/Shanghai')::date AS design_approved_on,
       (h_contracted.contracted_at AT TIME ZONE 'Asia/Shanghai')::date AS contracted_on,
       (h_construction.construction_at AT TIME ZONE 'Asia/Shanghai')::date AS construction_on,
       (h_final_accepted.final_accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS final_accepted_on,
       (h_completed.completed_at AT TIME ZONE 'Asia/Shanghai')::date AS completed_on,
       (h_suspended.suspended_at AT TIME ZONE 'Asia/Shanghai')::date AS suspended_on,
       (h_terminated.terminated_at AT TIME ZONE 'Asia/Shanghai')::date AS terminated_on
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
JOIN lgit.stage_order s ON s.stage::lgit.stage = p.stage  -- on the enum, as in project_funds
-- the money as lgit.project_funds shows it, read from the same functions, not through that
-- view: it would read lgit.project a second time
LEFT JOIN lgit.approved_estimates() e USING (project_id)
LEFT JOIN lgit.contract_totals() c USING (project_id)
-- the first moment the project entered each stage, turned into its day once (the earliest
-- moment falls on the earliest day): one pass over each stage's entries in history_stage_idx,
-- in project order, merged with the projects
LEFT JOIN (SELECT project_id, min(changed_at) AS proposed_at FROM lgit.history WHERE to_stage = 'proposed'
           GROUP BY project_id) h_proposed USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS established_at FROM lgit.history WHERE to_stage = 'established'
           GROUP BY project_id) h_established USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS feasibility_approved_at FROM lgit.history WHERE to_stage = 'feasibility_approved'
           GROUP BY project_id) h_feasibility_approved USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS design_approved_at FROM lgit.history WHERE to_stage = 'design_approved'
           GROUP BY project_id) h_design_approved USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS contracted_at FROM lgit.history WHERE to_stage = 'contracted'
           GROUP BY project_id) h_contracted USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS construction_at FROM lgit.history WHERE to_stage = 'construction'
           GROUP BY project_id) h_construction USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS final_accepted_at FROM lgit.history WHERE to_stage = 'final_accepted'
           GROUP BY project_id) h_final_accepted USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS completed_at FROM lgit.history WHERE to_stage = 'completed'
           GROUP BY project_id) h_completed USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS suspended_at FROM lgit.history WHERE to_stage = 'suspended'
           GROUP BY project_id) h_suspended USING (project_id)
LEFT JOIN (SELECT project_id, min(changed_at) AS terminated_at FROM lgit.history WHERE to_stage = 'terminated'
           GROUP BY project_id) h_terminated USING (project_id);
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

-- Monthly series for dashboards, by month (first day, in Shenzhen: lgit.shenzhen_month) and unit.
-- A project counts once per month, unit and stage however often it entered: the first of its
-- entries is marked in one pass over history_stage_idx, which holds each stage's entries in
-- project order (no sort or hash of every move, as count(DISTINCT) would need), and the few
-- rows left get their labels.
CREATE VIEW lgit.monthly_stage_entries AS
SELECT e.month, e.unit_id, u.name_zh AS unit_zh,
       s.stage, s.stage_ordinal, s.stage_zh,
       e.entries, e.projects
FROM (SELECT x.month, x.unit_id, x.to_stage, count(*)::int AS entries, count(*) FILTER (WHERE x.first)::int AS projects
      FROM (SELECT lgit.shenzhen_month(h.changed_at) AS month,
                   h.project_unit_id AS unit_id, h.to_stage,
                   row_number() OVER (PARTITION BY h.to_stage, h.project_id, lgit.shenzhen_month(h.changed_at),
                                                   h.project_unit_id) = 1 AS first
            FROM lgit.history h) x
      GROUP BY x.month, x.unit_id, x.to_stage) e
JOIN lgit.unit u ON u.unit_id = e.unit_id
JOIN lgit.stage_order s ON s.stage = e.to_stage::text;
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
  SELECT lgit.shenzhen_month(h.changed_at) AS month, h.project_unit_id AS unit_id,
         'approval' AS kind, NULL::numeric AS amount
  FROM lgit.history h WHERE h.to_stage IN ('established', 'feasibility_approved', 'design_approved')
  UNION ALL
  -- the investment of the projects established (first time only), at today's figures
  SELECT lgit.shenzhen_month(min(h.changed_at)), min(h.project_unit_id),
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
