-- Deadlines and periodic obligations (doc/lgit.md §5), computed from the record, never typed in, and
-- counted in Chinese working days (lgit.add_workdays, lgit.workdays_between).  Each due date is
-- judged by the policy in force on the day the clock started.

-- Every running clock of the measures counted in working days: when it started, how many working
-- days it runs, and its due date.  A due date that counts days of a year whose calendar is not
-- loaded is computed Monday–Friday only and marked provisional; it is exact again, without
-- anyone acting, as soon as that year is loaded (lgit.load_calendar_year).
CREATE VIEW lgit.deadlines AS
SELECT k.project_id, k.obligation, k.article, k.rule_code, k.started_on, k.workdays,
       lgit.add_workdays_provisional(k.started_on, k.workdays) AS due,
       NOT lgit.calendar_covers(k.started_on, lgit.add_workdays_provisional(k.started_on, k.workdays)) AS due_provisional,
       k.responsible
FROM (
    -- Art 11: the authority reviews the feasibility report within 5 working days of accepting it;
    -- its clock stops at its own opinion (the expert review and the DRC's approval are not its time)
    SELECT p.project_id, 'feasibility report review' AS obligation, '11' AS article, NULL::text AS rule_code,
           d.accepted_on AS started_on, lgit.policy_in_force('feasibility_review_workdays', d.accepted_on)::int AS workdays,
           'authority'::lgit.capacity AS responsible
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT accepted_on FROM lgit.document x
                        WHERE x.project_id = p.project_id AND x.kind = 'feasibility_report'
                        ORDER BY x.issued_on DESC, x.document_id DESC LIMIT 1) d
    WHERE p.stage = 'feasibility_submitted' AND d.accepted_on IS NOT NULL
      AND NOT EXISTS (SELECT FROM lgit.document o WHERE o.project_id = p.project_id
                        AND o.kind = 'authority_feasibility_opinion' AND o.issued_on >= d.accepted_on)
    UNION ALL
    -- Art 12: the authority pre-reviews the preliminary design within 5 working days of accepting it
    SELECT p.project_id, 'preliminary design pre-review', '12', NULL,
           d.accepted_on, lgit.policy_in_force('design_prereview_workdays', d.accepted_on)::int,
           'authority'
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT accepted_on FROM lgit.document x
                        WHERE x.project_id = p.project_id AND x.kind = 'preliminary_design'
                        ORDER BY x.issued_on DESC, x.document_id DESC LIMIT 1) d
    WHERE p.stage = 'design_submitted' AND d.accepted_on IS NOT NULL
    UNION ALL
    -- Art 12: and organises the expert review within 5 working days of the pre-review
    SELECT p.project_id, 'preliminary design expert review', '12', NULL,
           h.day, lgit.policy_in_force('design_expert_review_workdays', h.day)::int,
           'authority'
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT (changed_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM lgit.history x
                        WHERE x.project_id = p.project_id AND x.to_stage = 'design_prereviewed'
                        ORDER BY x.seq DESC LIMIT 1) h
    WHERE p.stage = 'design_prereviewed'
    UNION ALL
    -- Art 19: the bid notice and contract are filed within 10 working days of signing
    SELECT c.project_id, 'contract filing ' || coalesce(c.doc_number, c.contractor), '19', 'LG191',
           c.signed_on, lgit.policy_in_force('contract_filing_workdays', c.signed_on)::int,
           'unit'
    FROM lgit.contract c
    WHERE c.filed_on IS NULL
    UNION ALL
    -- Art 28: the authority reports on the security test within 3 working days of the application
    SELECT p.project_id, 'security test report', '28', NULL,
           a.issued_on, lgit.policy_in_force('security_test_report_workdays', a.issued_on)::int,
           'authority'
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT issued_on FROM lgit.document x
                        WHERE x.project_id = p.project_id AND x.kind = 'security_test_application'
                        ORDER BY x.issued_on DESC, x.document_id DESC LIMIT 1) a
    WHERE p.stage = 'final_accepted'
    UNION ALL
    -- Art 36: the surplus is returned within 30 working days of the audit conclusion
    SELECT f.project_id, 'surplus return', '35, 36', 'LG360',
           f.audit_concluded_on, lgit.policy_in_force('surplus_return_workdays', f.audit_concluded_on)::int,
           'unit'
    FROM lgit.final_accounts f
    WHERE f.surplus > 0 AND f.surplus_returned_on IS NULL
) k;
COMMENT ON VIEW lgit.deadlines IS
  'Every running working-day clock of the measures (Art 11, 12, 19, 28, 36): the day it started, its length in working days (policy in force that day), its due date, and whether that due date is provisional (a year it counts is not loaded: Monday–Friday only, until the State Council''s notice is loaded). lgit.overdue_on() lists the late ones; lgit.check_project() reports the provisional ones (LG009).';
COMMENT ON COLUMN lgit.deadlines.due IS 'On or before this day (add_workdays(started_on, workdays)); Monday–Friday only for a year not loaded, see due_provisional.';
COMMENT ON COLUMN lgit.deadlines.due_provisional IS 'True when the due date counts days of a year whose calendar is not loaded: computed Monday–Friday only, re-judged automatically once the year is loaded.';

CREATE FUNCTION lgit.overdue_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, unit text, obligation text, article text,
               rule_code text, due date, workdays_late int, responsible lgit.capacity,
               provisional boolean, computed_on date)
LANGUAGE sql STABLE
-- Without JIT: at 100,000 projects compiling the plan took as long as running it (bench/).
SET jit = off
AS $$
  WITH clock AS (
    SELECT project_id, obligation, article, rule_code, due, responsible, due_provisional FROM lgit.deadlines
  ),
  construction AS (
    -- the construction period: from the first entry into construction to completion, termination
    -- or as_of, whichever comes first
    SELECT p.project_id,
           min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date) FILTER (WHERE h.to_stage = 'construction') AS began,
           coalesce(min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date)
                      FILTER (WHERE h.to_stage IN ('completed', 'terminated')), as_of) AS ended
    FROM lgit.project p JOIN lgit.history h USING (project_id)
    WHERE p.stage >= 'construction' OR p.stage = 'suspended' OR p.stage = 'terminated'
    GROUP BY p.project_id
  ),
  periodic AS (
    -- Art 20: a progress-and-funds report in every month of construction, due by the month's end
    SELECT c.project_id, 'progress report ' || to_char(m, 'YYYY-MM') AS obligation, '20' AS article,
           'LG200' AS rule_code, (m + interval '1 month' - interval '1 day')::date AS due,
           'unit'::lgit.capacity AS responsible, false AS due_provisional
    FROM construction c
    CROSS JOIN LATERAL generate_series(date_trunc('month', c.began), date_trunc('month', c.ended), interval '1 month') AS m
    WHERE c.began IS NOT NULL
      AND NOT EXISTS (SELECT FROM lgit.document x
                      WHERE x.project_id = c.project_id AND x.kind = 'progress_report'
                        AND date_trunc('month', x.issued_on) = m)
    UNION ALL
    -- Art 22: a performance evaluation report before the end of every year of construction (建设期内:
    -- not for a year that ends after completion or termination)
    SELECT c.project_id, 'performance report ' || y, '22', 'LG220', make_date(y, 12, 31), 'unit', false
    FROM construction c
    CROSS JOIN LATERAL generate_series(extract(year FROM c.began)::int, extract(year FROM c.ended)::int) AS y
    WHERE c.began IS NOT NULL AND make_date(y, 12, 31) <= c.ended
      AND NOT EXISTS (SELECT FROM lgit.document x
                      WHERE x.project_id = c.project_id AND x.kind = 'performance_report'
                        AND extract(year FROM x.issued_on) = y)
  )
  SELECT o.project_id, p.code, u.name_zh, o.obligation, o.article, o.rule_code, o.due,
         lgit.workdays_between_provisional(o.due, as_of), o.responsible,
         o.due_provisional OR NOT lgit.calendar_covers(o.due, as_of), as_of
  FROM (SELECT * FROM clock UNION ALL SELECT * FROM periodic) o
  JOIN lgit.project p USING (project_id)
  JOIN lgit.unit u ON u.unit_id = p.unit_id
  WHERE o.due < as_of AND lgit.workdays_between_provisional(o.due, as_of) > 0
    -- once per call, not per row: the warning before (or after) the calendar's end
    AND lgit.calendar_warning(as_of)
$$;
COMMENT ON FUNCTION lgit.overdue_on(date) IS
  'Every deadline or periodic obligation of the measures that is late on as_of: the authority''s reviews (Art 11, 12, 28), contract filing (Art 19, LG191), monthly progress reports (Art 20, LG200), annual performance reports (Art 22, LG220), surplus return (Art 36, LG360); days late in working days. A year whose calendar is not loaded never stops the list: a row that counts days of it (its due date or its days late) is computed Monday–Friday only and marked provisional, with computed_on, and is exact once the year is loaded. Within calendar_warning_days of the calendar''s end, or past it, a WARNING says so.';

CREATE VIEW lgit.overdue AS
SELECT o.*,
       -- for reporting tools, without joins: the project's name, its unit, the rule's titles
       p.name AS project_name, p.unit_id, o.unit AS unit_zh, r.title_zh AS rule_title_zh, r.title_en AS rule_title_en
FROM lgit.overdue_on((now() AT TIME ZONE 'Asia/Shanghai')::date) o
JOIN lgit.project p ON p.project_id = o.project_id
LEFT JOIN lgit.rule r ON r.code = o.rule_code;
COMMENT ON VIEW lgit.overdue IS
  'lgit.overdue_on() for today in Shenzhen: one row per late item - project, unit, obligation, article, rule code, due date, working days late, responsible capacity, and whether the row is provisional.';
COMMENT ON COLUMN lgit.overdue.due IS 'The deadline; for a working-day clock counted Monday–Friday only where its year is not loaded (then provisional).';
COMMENT ON COLUMN lgit.overdue.workdays_late IS 'Working days from due to today; Monday–Friday only for a year not loaded (then provisional).';
COMMENT ON COLUMN lgit.overdue.provisional IS 'True when due or workdays_late counts days of a year whose working-day calendar is not loaded: computed on Monday–Friday only, as of computed_on; exact once the State Council''s notice for that year is loaded (lgit.calendar_status).';
COMMENT ON COLUMN lgit.overdue.rule_code IS '规则编号 / lgit rule code (SQLSTATE); NULL for the authority''s own clocks, which have no rule';
COMMENT ON COLUMN lgit.overdue.project_name IS '项目名称 / project name';
COMMENT ON COLUMN lgit.overdue.unit_id IS '单位ID / unit identifier';
COMMENT ON COLUMN lgit.overdue.unit_zh IS '建设单位 / unit (street or department); the same as unit, the name the other reports use';
COMMENT ON COLUMN lgit.overdue.rule_title_zh IS '规则名称 / the rule''s title in Chinese (lgit.rule); NULL for the authority''s own clocks, which have no rule';
COMMENT ON COLUMN lgit.overdue.rule_title_en IS '规则名称（英文） / the rule''s title in English (lgit.rule)';
COMMENT ON COLUMN lgit.overdue.computed_on IS 'The day the row was computed for (today in Shenzhen): a provisional row holds only for that day''s calendar.';
