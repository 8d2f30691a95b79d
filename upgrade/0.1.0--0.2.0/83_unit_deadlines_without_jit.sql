-- lgit.unit_deadlines read from lgit.unit_deadlines_on(), a function without JIT: at 10,000
-- projects compiling the view's plan took two thirds of its time (bench/reports.bench.sh).
-- The view keeps its columns, comments and grants; 98_views_and_paths.sql pins the function's
-- path after its jit setting, in the order a fresh install has them.

-- Every deadline of a unit with its outcome on a day: met, met late, missed (late and still
-- not done) or open (not yet due).  Art 19 and 36 count working days from the event; Art 20
-- asks for a report in each month of construction, Art 22 one in each year of it, as
-- lgit.overdue does.  A function without JIT, read by the view below: at 10,000 projects
-- compiling the plan took two thirds of the view's time (bench/reports.bench.sh).
CREATE FUNCTION lgit.unit_deadlines_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, unit_id int, unit_zh text, obligation text,
               article text, rule_code text, due_on date, done_on date, status text,
               status_ordinal int, workdays_late int, calendar_provisional boolean)
LANGUAGE sql STABLE
SET jit = off
AS $$
WITH today AS (SELECT as_of AS day),
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
  -- generate_series() itself rather than lgit.month_starts(), which cannot be inlined (its
  -- pinned path) and cost more per call than the rest of the row; without JIT here, its
  -- estimate of 1000 rows does no harm
  CROSS JOIN LATERAL (SELECT g::date FROM generate_series(date_trunc('month', c.began::timestamp),
                                                         date_trunc('month', coalesce(c.ended, t.day)::timestamp),
                                                         interval '1 month') AS g) AS m(m)
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
  CROSS JOIN LATERAL generate_series(extract(year FROM c.began)::int, extract(year FROM coalesce(c.ended, t.day))::int) AS y
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
JOIN lgit.unit u ON u.unit_id = p.unit_id
$$;
COMMENT ON FUNCTION lgit.unit_deadlines_on(date) IS
  'Every deadline of a unit with its outcome as of a day (met, met_late, missed or open), as lgit.unit_deadlines shows it for today.';

CREATE OR REPLACE VIEW lgit.unit_deadlines AS
SELECT project_id, project_code, unit_id, unit_zh, obligation, article, rule_code, due_on, done_on,
       status, status_ordinal, workdays_late, calendar_provisional
FROM lgit.unit_deadlines_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
REVOKE ALL ON FUNCTION lgit.unit_deadlines_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.unit_deadlines_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
