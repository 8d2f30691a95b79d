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

-- Every deadline of a unit with its outcome on a day: met, met late, missed (late and still
-- not done) or open (not yet due).  Art 19 and 36 count working days from the event; Art 20
-- asks for a report in each month of construction, Art 22 one in each year of it, as
-- lgit.overdue does.  Of every project, or of the projects listed (for the kept assessment
-- figures, 87_assessment_kept.sql).  Stored parsed and without settings, so that the functions
-- reading it inline it: lgit.unit_deadlines_on() then plans it for every project with the list
-- gone, as one query.  Those functions run without JIT, read by the views below: at 10,000
-- projects compiling the plan took two thirds of the view's time (bench/reports.bench.sh).
CREATE FUNCTION lgit.deadline_outcomes(as_of date, project_ids bigint[])
RETURNS TABLE (project_id bigint, obligation text, article text, rule_code text, started_on date,
               due_on date, done_on date, status text)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH clock AS (
  -- Art 19: contract filing within contract_filing_workdays of signing
  SELECT c.project_id, 'contract filing ' || coalesce(c.doc_number, c.contractor) AS obligation,
         '19' AS article, 'LG191' AS rule_code, c.signed_on AS started_on, y.value::int AS workdays, c.filed_on AS done_on
  FROM lgit.contract c
  -- the policy in force on the start day (one at most: policy ranges of a key never overlap),
  -- joined once rather than looked up for each row
  LEFT JOIN lgit.policy y ON y.key = 'contract_filing_workdays' AND y.in_force @> c.signed_on
  -- (the projects listed as a set, hashed once: a list compared element by element costs a
  -- pass over it for each row)
  WHERE project_ids IS NULL OR c.project_id IN (SELECT unnest(project_ids))
  UNION ALL
  -- Art 36: the surplus returned within surplus_return_workdays of the audit conclusion
  SELECT f.project_id, 'surplus return', '36', 'LG360', f.audit_concluded_on, y.value::int, f.surplus_returned_on
  FROM lgit.final_accounts f
  LEFT JOIN lgit.policy y ON y.key = 'surplus_return_workdays' AND y.in_force @> f.audit_concluded_on
  WHERE f.surplus > 0 AND f.audit_concluded_on IS NOT NULL
    AND (project_ids IS NULL OR f.project_id IN (SELECT unnest(project_ids)))
),
construction AS (
  SELECT h.project_id,
         min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date) FILTER (WHERE h.to_stage = 'construction') AS began,
         min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date) FILTER (WHERE h.to_stage IN ('completed', 'terminated')) AS ended
  FROM lgit.history h
  WHERE h.to_stage IN ('construction', 'completed', 'terminated')
    AND (project_ids IS NULL OR h.project_id IN (SELECT unnest(project_ids)))
  GROUP BY h.project_id
),
-- the first report of each month (Art 20) and year (Art 22) of each project, gathered once
progress AS (
  SELECT d.project_id, date_trunc('month', d.issued_on)::date AS month, min(d.issued_on) AS done_on
  FROM lgit.document d
  WHERE d.kind = 'progress_report' AND (project_ids IS NULL OR d.project_id IN (SELECT unnest(project_ids)))
  GROUP BY 1, 2
),
performance AS (
  SELECT d.project_id, extract(year FROM d.issued_on)::int AS year, min(d.issued_on) AS done_on
  FROM lgit.document d
  WHERE d.kind = 'performance_report' AND (project_ids IS NULL OR d.project_id IN (SELECT unnest(project_ids)))
  GROUP BY 1, 2
),
dated AS (
  SELECT c.project_id, c.obligation, c.article, c.rule_code, c.started_on,
         lgit.add_workdays_provisional(c.started_on, c.workdays) AS due_on, c.done_on
  FROM clock c
  UNION ALL
  -- Art 20: a progress report in every month of construction, by the month's end
  SELECT c.project_id, 'progress report ' || to_char(m, 'YYYY-MM'), '20', 'LG200', m,
         (m + interval '1 month' - interval '1 day')::date, r.done_on
  FROM construction c
  -- generate_series() itself rather than lgit.month_starts(), which cannot be inlined (its
  -- pinned path) and cost more per call than the rest of the row; without JIT here, its
  -- estimate of 1000 rows does no harm
  CROSS JOIN LATERAL (SELECT g::date FROM generate_series(date_trunc('month', c.began::timestamp),
                                                         date_trunc('month', coalesce(c.ended, as_of)::timestamp),
                                                         interval '1 month') AS g) AS m(m)
  LEFT JOIN progress r ON r.project_id = c.project_id AND r.month = m
  WHERE c.began IS NOT NULL
  UNION ALL
  -- Art 22: a performance report before the end of every year of construction (建设期内: not for
  -- a year that ends after completion or termination)
  SELECT c.project_id, 'performance report ' || y, '22', 'LG220', make_date(y, 1, 1), make_date(y, 12, 31), r.done_on
  FROM construction c
  CROSS JOIN LATERAL generate_series(extract(year FROM c.began)::int, extract(year FROM coalesce(c.ended, as_of))::int) AS y
  LEFT JOIN performance r ON r.project_id = c.project_id AND r.year = y
  WHERE c.began IS NOT NULL AND (c.ended IS NULL OR make_date(y, 12, 31) <= c.ended)
)
SELECT d.project_id, d.obligation, d.article, d.rule_code, d.started_on, d.due_on, d.done_on,
       CASE WHEN d.due_on IS NULL THEN NULL
            WHEN d.done_on IS NOT NULL AND d.done_on <= d.due_on THEN 'met'
            WHEN d.done_on IS NOT NULL THEN 'met_late'
            WHEN d.due_on < as_of THEN 'missed'
            ELSE 'open' END
FROM dated d;
END;
COMMENT ON FUNCTION lgit.deadline_outcomes(date, bigint[]) IS
  'Every deadline of the projects listed (of every project for NULL) with its outcome as of a day: what lgit.unit_deadlines_on() shows, without the names and working days late.';

CREATE FUNCTION lgit.unit_deadlines_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, unit_id int, unit_zh text, obligation text,
               article text, rule_code text, due_on date, done_on date, status text,
               status_ordinal int, workdays_late int, calendar_provisional boolean)
LANGUAGE sql STABLE
SET jit = off
AS $$
SELECT j.project_id, p.code AS project_code, p.unit_id, u.name_zh AS unit_zh,
       j.obligation, j.article, j.rule_code, j.due_on, j.done_on,
       j.status, array_position(ARRAY['met', 'met_late', 'missed', 'open'], j.status)::int AS status_ordinal,
       CASE WHEN j.status IN ('met_late', 'missed')
            THEN lgit.workdays_between_provisional(j.due_on, coalesce(j.done_on, as_of)) END AS workdays_late,
       coalesce(NOT lgit.calendar_covers(j.started_on, greatest(j.due_on, coalesce(j.done_on, as_of))), true) AS calendar_provisional
FROM lgit.deadline_outcomes(as_of, NULL) j
JOIN lgit.project p USING (project_id)
JOIN lgit.unit u ON u.unit_id = p.unit_id
$$;
COMMENT ON FUNCTION lgit.unit_deadlines_on(date) IS
  'Every deadline of a unit with its outcome as of a day (met, met_late, missed or open), as lgit.unit_deadlines shows it for today.';

CREATE VIEW lgit.unit_deadlines AS
SELECT project_id, project_code, unit_id, unit_zh, obligation, article, rule_code, due_on, done_on,
       status, status_ordinal, workdays_late, calendar_provisional
FROM lgit.unit_deadlines_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.unit_deadlines IS
  '单位时限履行 / unit deadlines: every deadline of a unit with its outcome - met, met_late (done after the due day: stays visible), missed (past due, not done), open: contract filing (Art 19), surplus return (Art 36), a progress report in each month of construction (Art 20) and a performance report in each year of it (Art 22). Working days late; calendar_provisional when a year they count is not loaded (counted Monday-Friday until it is).';

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
         'feasibility_review_workdays' AS policy_key, 'feasibility_submitted'::lgit.stage AS held_stage, d.accepted_on AS started_on,
         0 AS started_seq, 'authority_feasibility_opinion' AS ends_with
  FROM lgit.document d WHERE d.kind = 'feasibility_report' AND d.accepted_on IS NOT NULL
  UNION ALL
  -- Art 12: the preliminary design, from its formal acceptance until the pre-review
  SELECT d.project_id, 'preliminary design pre-review', '初步设计预审', '12',
         'design_prereview_workdays', 'design_submitted'::lgit.stage, d.accepted_on, 0, NULL
  FROM lgit.document d WHERE d.kind = 'preliminary_design' AND d.accepted_on IS NOT NULL
  UNION ALL
  -- Art 12: the expert review, from the pre-review until the review is done
  SELECT h.project_id, 'preliminary design expert review', '专家评审', '12',
         'design_expert_review_workdays', 'design_prereviewed'::lgit.stage, (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date, h.seq, NULL
  FROM lgit.history h WHERE h.to_stage = 'design_prereviewed'
  UNION ALL
  -- Art 28: the security test, from the application until the authority's report
  SELECT d.project_id, 'security test report', '上线安全测试', '28',
         'security_test_report_workdays', 'final_accepted'::lgit.stage, d.issued_on, 0, NULL
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
  -- (a move on or after the start day: at or after its first moment in Shenzhen, compared as
  -- is rather than turning every move the scan passes into a day; the stage compared as the
  -- enum it is, not printed as text for every move passed: 1.15 s -> 0.92 s at 100k projects)
  LEFT JOIN LATERAL (SELECT (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, h.actor, h.to_stage
                     FROM lgit.history h
                     WHERE h.project_id = c.project_id AND h.from_stage = c.held_stage
                       -- the stages the clocks above are held in, named so that history_review_end_idx
                       -- (86_report_indexes.sql) serves: 0.89 s -> 0.78 s at 100k projects
                       AND h.from_stage IN ('feasibility_submitted', 'design_submitted', 'design_prereviewed', 'final_accepted')
                       AND h.changed_at >= c.started_on::timestamp AT TIME ZONE 'Asia/Shanghai'
                       AND h.seq > c.started_seq
                     ORDER BY h.seq LIMIT 1) x ON true
  LEFT JOIN LATERAL (SELECT d.issued_on AS day, d.registered_by AS actor FROM lgit.document d
                     WHERE d.project_id = c.project_id AND d.kind = c.ends_with AND d.issued_on >= c.started_on
                     ORDER BY d.issued_on, d.document_id LIMIT 1) o ON true
  WHERE x.day IS NOT NULL OR o.day IS NOT NULL
     OR EXISTS (SELECT FROM lgit.project p WHERE p.project_id = c.project_id AND p.stage = c.held_stage)
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

CREATE VIEW lgit.review_turnaround AS
SELECT project_id, project_code, unit_id, unit_zh, review, review_zh, article, held_by_capacity,
       started_on, finished_on, finished_by, finished_to, allowed_workdays, due_on, workdays_taken,
       workdays_late, status, calendar_provisional
FROM lgit.review_turnaround_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.review_turnaround IS
  '审核时效 / review turnaround: each review clock of the authority (Art 11 feasibility review, ended by its own opinion or the file moving on, Art 12 design pre-review and expert review, Art 28 security test report) - when the file reached the authority, when and by whom it moved on, the working days allowed (policy in force on the start day), taken and late, and on_time / late / open / open_late. Rows counting days of a year whose calendar is not loaded are calendar_provisional (counted Monday-Friday until it is).';

-- Art 49: the targets the authority sets for a year's assessment.
CREATE TABLE lgit.assessment_target (
  year     int     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  measure  text    NOT NULL CHECK (measure IN ('deadlines_met_share', 'deadlines_missed', 'deadlines_met_late',
                                               'progress_reports_filed', 'performance_reports_filed',
                                               'results_registered', 'sanctions_imposed')),
  target   numeric NOT NULL CHECK (target >= 0) CONSTRAINT target_is_a_number CHECK (lgit.is_a_number(target)),
  set_on   date    NOT NULL,
  set_by   text    NOT NULL DEFAULT (lgit.current_actor()).actor,
  PRIMARY KEY (year, measure)
);
COMMENT ON TABLE lgit.assessment_target IS
  'Art 49: the targets the authority sets for a year''s assessment of every street and department, one per measure of lgit.annual_assessment: at least the target for deadlines_met_share (0-1), reports filed and results registered; at most the target for deadlines_missed, deadlines_met_late and sanctions_imposed. Written by the authority (set_by: who wrote it), read by all; the targets of a year that has ended stay as they were (LG002).';
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.assessment_target
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('until_today', 'set_on');
-- Art 49: a year is assessed at its end against its targets; they stay as they were then, and
-- who set or changed one is who wrote it.
CREATE FUNCTION lgit.assessment_target_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_assessment_target_guard';
COMMENT ON FUNCTION lgit.assessment_target_guard() IS
  'Trigger on lgit.assessment_target (Art 49): the targets of a year that has ended (in Shenzhen) are neither changed nor removed (LG002); set_by is the actor writing the row.';
CREATE TRIGGER assessment_target_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.assessment_target
  FOR EACH ROW EXECUTE FUNCTION lgit.assessment_target_guard();
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
-- orders of the year.  First each project's share, per year: of the projects listed, or of every
-- project for NULL; lgit.refresh_findings() keeps it (87_assessment_kept.sql), with the last day
-- it holds without a write (valid_until: a project's is the earliest of its rows').
CREATE FUNCTION lgit.assessment_facts(as_of date, project_ids bigint[])
RETURNS TABLE (project_id bigint, year int, projects int, preparing int, in_delivery int, completed int,
               suspended int, terminated int, due int, met int, met_late int, missed int, progress int,
               performance int, results int, valid_until date)
LANGUAGE sql STABLE
SET jit = off
AS $$
WITH part AS (
  -- the stage at the end of each year since the project was created
  SELECT p.project_id, y AS year, s.stage, NULL::text AS status, NULL::date AS due_on,
         NULL::date AS started_on, NULL::text AS article, NULL::text AS kind
  FROM lgit.project p
  CROSS JOIN LATERAL lgit.years_from(extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int,
                                     extract(year FROM as_of)::int) AS y
  LEFT JOIN LATERAL (SELECT h.to_stage AS stage FROM lgit.history h
                     WHERE h.project_id = p.project_id
                       AND h.changed_at < make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')
                     ORDER BY h.seq DESC LIMIT 1) s ON true
  WHERE project_ids IS NULL OR p.project_id IN (SELECT unnest(project_ids))
  UNION ALL
  -- each deadline in the year it falls due
  SELECT d.project_id, extract(year FROM d.due_on)::int, NULL, d.status, d.due_on, d.started_on, d.article, NULL
  FROM lgit.deadline_outcomes(as_of, project_ids) d
  WHERE d.due_on IS NOT NULL
  UNION ALL
  SELECT d.project_id, extract(year FROM d.issued_on)::int, NULL, NULL, NULL, NULL, NULL, d.kind
  FROM lgit.document d
  WHERE d.kind IN ('progress_report', 'performance_report')
    AND (project_ids IS NULL OR d.project_id IN (SELECT unnest(project_ids)))
  UNION ALL
  SELECT r.project_id, extract(year FROM r.registered_on)::int, NULL, NULL, NULL, NULL, NULL, 'result'
  FROM lgit.result r
  WHERE project_ids IS NULL OR r.project_id IN (SELECT unnest(project_ids))
)
SELECT project_id, year,
       count(*) FILTER (WHERE stage IS NOT NULL)::int,
       count(*) FILTER (WHERE stage < 'construction')::int,
       count(*) FILTER (WHERE stage BETWEEN 'construction' AND 'handover_verified')::int,
       count(*) FILTER (WHERE stage = 'completed')::int,
       count(*) FILTER (WHERE stage = 'suspended')::int,
       count(*) FILTER (WHERE stage = 'terminated')::int,
       count(*) FILTER (WHERE status <> 'open')::int, count(*) FILTER (WHERE status = 'met')::int,
       count(*) FILTER (WHERE status = 'met_late')::int, count(*) FILTER (WHERE status = 'missed')::int,
       count(*) FILTER (WHERE kind = 'progress_report')::int,
       count(*) FILTER (WHERE kind = 'performance_report')::int,
       count(*) FILTER (WHERE kind = 'result')::int,
       -- the year's end; the month's end while a progress report falls due this month (Art 20:
       -- the next month brings the next); the due day of the earliest deadline still open
       least(make_date(extract(year FROM as_of)::int, 12, 31),
             CASE WHEN bool_or(article = '20' AND started_on = date_trunc('month', as_of)::date)
                  THEN (date_trunc('month', as_of) + interval '1 month' - interval '1 day')::date END,
             min(due_on) FILTER (WHERE status = 'open'))
FROM part
GROUP BY project_id, year
$$;
COMMENT ON FUNCTION lgit.assessment_facts(date, bigint[]) IS
  'Each listed project''s share of lgit.annual_assessment per year as of a day (every project''s for NULL), with the last day it holds unless the project is written (valid_until; the project''s is the earliest of its rows''): what lgit.assessment_fact keeps.';

-- The assessment as of a day: the kept shares of the projects no write marked nor move moved since and whose
-- shares still hold, the others counted live, so the figures are the same whether kept or not.
-- A function without JIT, read by the view below, as lgit.unit_deadlines_on().
CREATE FUNCTION lgit.annual_assessment_on(as_of date)
RETURNS TABLE (year int, unit_id int, unit_code text, unit_zh text, projects int, projects_preparing int,
               projects_in_delivery int, projects_completed int, projects_suspended int,
               projects_terminated int, deadlines_due int, deadlines_met int, deadlines_met_late int,
               deadlines_missed int, deadlines_met_share numeric, progress_reports_filed int,
               performance_reports_filed int, sanctions_imposed int, sharing_sanctions int,
               security_sanctions int, rectification_sanctions int, results_registered int,
               rectification_orders int)
LANGUAGE sql STABLE
SET jit = off
AS $$
WITH kept AS (
  SELECT s.project_id FROM lgit.assessment_state s
  WHERE as_of BETWEEN s.kept_on AND s.valid_until
    AND NOT EXISTS (SELECT FROM lgit.finding_dirty d WHERE d.project_id = s.project_id)
    -- (an anti-join: a join with the heads made the planner expect few kept, and loop)
    AND NOT EXISTS (SELECT FROM lgit.history_head h
                    WHERE h.project_id = s.project_id AND h.seq IS DISTINCT FROM s.kept_seq)
),
-- the others, counted live: every project (NULL) when none is kept
todo AS (
  SELECT CASE WHEN EXISTS (SELECT FROM kept)
              THEN (SELECT coalesce(array_agg(p.project_id), '{}') FROM lgit.project p
                    WHERE NOT EXISTS (SELECT FROM kept k WHERE k.project_id = p.project_id)) END AS ids
),
facts AS (
  SELECT p.unit_id, f.year, f.projects, f.preparing, f.in_delivery, f.completed, f.suspended, f.terminated,
         f.due, f.met, f.met_late, f.missed, f.progress, f.performance,
         0 AS sanctions, 0 AS sharing, 0 AS security, 0 AS refused, f.results, 0 AS orders
  FROM kept k
  JOIN lgit.project p ON p.project_id = k.project_id
  JOIN lgit.assessment_fact f ON f.project_id = k.project_id
  UNION ALL
  SELECT p.unit_id, f.year, f.projects, f.preparing, f.in_delivery, f.completed, f.suspended, f.terminated,
         f.due, f.met, f.met_late, f.missed, f.progress, f.performance, 0, 0, 0, 0, f.results, 0
  FROM todo t
  CROSS JOIN LATERAL lgit.assessment_facts(as_of, t.ids) f
  JOIN lgit.project p ON p.project_id = f.project_id
  WHERE t.ids IS NULL OR cardinality(t.ids) > 0
  UNION ALL
  SELECT unit_id, extract(year FROM imposed_on)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         count(*), count(*) FILTER (WHERE kind = 'data_sharing'), count(*) FILTER (WHERE kind = 'security'),
         count(*) FILTER (WHERE kind = 'refused_rectification'), 0, 0
  FROM lgit.sanction GROUP BY 1, 2
  UNION ALL
  SELECT unit_id, year, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*)
  FROM lgit.rectification_order GROUP BY 1, 2
)
SELECT f.year, f.unit_id, u.code, u.name_zh,
       sum(f.projects)::int, sum(f.preparing)::int, sum(f.in_delivery)::int, sum(f.completed)::int,
       sum(f.suspended)::int, sum(f.terminated)::int,
       sum(f.due)::int, sum(f.met)::int, sum(f.met_late)::int, sum(f.missed)::int,
       CASE WHEN sum(f.due) > 0 THEN round(sum(f.met)::numeric / sum(f.due), 4) END::numeric(10,4),
       sum(f.progress)::int, sum(f.performance)::int,
       sum(f.sanctions)::int, sum(f.sharing)::int, sum(f.security)::int, sum(f.refused)::int,
       sum(f.results)::int, sum(f.orders)::int
FROM facts f
JOIN lgit.unit u USING (unit_id)
WHERE u.kind IN ('street', 'department') AND lgit.sees_unit(u.unit_id)
GROUP BY f.year, f.unit_id, u.code, u.name_zh
$$;
COMMENT ON FUNCTION lgit.annual_assessment_on(date) IS
  'The Art 49 assessment per unit and year as of a day, as lgit.annual_assessment shows it for today.';

CREATE VIEW lgit.annual_assessment AS
SELECT year, unit_id, unit_code, unit_zh, projects, projects_preparing, projects_in_delivery,
       projects_completed, projects_suspended, projects_terminated, deadlines_due, deadlines_met,
       deadlines_met_late, deadlines_missed, deadlines_met_share::numeric(10,4) AS deadlines_met_share,
       progress_reports_filed, performance_reports_filed, sanctions_imposed, sharing_sanctions,
       security_sanctions, rectification_sanctions, results_registered, rectification_orders
FROM lgit.annual_assessment_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
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
