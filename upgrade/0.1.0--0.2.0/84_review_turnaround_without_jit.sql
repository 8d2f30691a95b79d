-- lgit.review_turnaround read from lgit.review_turnaround_on(), a function without JIT (as
-- 83_unit_deadlines_without_jit.sql), with the policy in force joined once instead of looked
-- up again for every use of the allowance.  The view keeps its columns, comments and grants.

-- The authority's own clocks on a day: who held the file, for how many working days.  A
-- function without JIT, read by the view below, as lgit.unit_deadlines_on().
CREATE FUNCTION lgit.review_turnaround_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, unit_id int, unit_zh text, review text,
               review_zh text, article text, held_by_capacity text, started_on date,
               finished_on date, finished_by text, finished_to text, allowed_workdays int,
               due_on date, workdays_taken int, workdays_late int, status text,
               calendar_provisional boolean)
LANGUAGE sql STABLE
SET jit = off
AS $$
WITH today AS (SELECT as_of AS day),
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
  SELECT c.*, y.value::int AS allowed_workdays,
         CASE WHEN o.day <= x.day OR x.day IS NULL THEN o.day ELSE x.day END AS finished_on,
         CASE WHEN o.day <= x.day OR x.day IS NULL THEN o.actor ELSE x.actor END AS finished_by,
         CASE WHEN o.day <= x.day OR x.day IS NULL THEN c.ends_with ELSE x.to_stage::text END AS finished_to
  FROM clock c
  -- the policy in force on the start day (one at most: policy ranges of a key never overlap),
  -- joined once rather than looked up again wherever the allowance is used
  LEFT JOIN lgit.policy y ON y.key = c.policy_key AND y.in_force @> c.started_on
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
JOIN lgit.unit u ON u.unit_id = p.unit_id
$$;
COMMENT ON FUNCTION lgit.review_turnaround_on(date) IS
  'Each review clock of the authority as of a day (Art 11, 12, 28), as lgit.review_turnaround shows it for today.';

CREATE OR REPLACE VIEW lgit.review_turnaround AS
SELECT project_id, project_code, unit_id, unit_zh, review, review_zh, article, held_by_capacity,
       started_on, finished_on, finished_by, finished_to, allowed_workdays, due_on, workdays_taken,
       workdays_late, status, calendar_provisional
FROM lgit.review_turnaround_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
REVOKE ALL ON FUNCTION lgit.review_turnaround_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.review_turnaround_on(date)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
