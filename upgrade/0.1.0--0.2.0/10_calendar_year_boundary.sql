-- The working-day calendar at the year boundary: reports that never stop because a
-- year is not loaded (provisional Monday–Friday counts, marked per row), one checked loader
-- for a year's notice, loaded years immutable for everyone, a warning window before the
-- calendar ends, and LG191 reported rather than refusing construction (src/gates_delivery.c).

-- LG009: the engine's notice that a deadline is provisional, or the calendar about to end.
INSERT INTO lgit.rule (code, article_nos, article, severity, title_zh, title_en, quote_zh) VALUES
('LG009', '{}', '—', 'warning', '工作日日历未载入或即将到期，期限暂按周一至周五计算', 'working-day calendar not loaded or ending: a deadline is provisional', NULL);

-- The warning window is counted in calendar days.
ALTER TABLE lgit.policy_key DROP CONSTRAINT policy_key_unit_check;
ALTER TABLE lgit.policy_key ADD CONSTRAINT policy_key_unit_check
  CHECK (unit IN ('CNY', 'ratio', 'count', 'months', 'workdays', 'days'));

-- Who loaded each year, and when; a day may be loaded without its festival's name.
ALTER TABLE lgit.calendar_year ADD COLUMN loaded_by text, ADD COLUMN loaded_at timestamptz;
ALTER TABLE lgit.calendar_day ALTER COLUMN name_zh DROP NOT NULL;
COMMENT ON COLUMN lgit.calendar_year.source IS 'The notice the year''s days come from: its document number (e.g. 国办发明电〔2026〕N号) and/or title, as the authority gave it to the loader.';
COMMENT ON COLUMN lgit.calendar_year.loaded_by IS 'The person (lgit actor) who loaded the year with lgit.load_calendar_days(); NULL for the shipped years and for years added before 0.2.0 recorded it.';
COMMENT ON COLUMN lgit.calendar_year.loaded_at IS 'When the year was loaded; NULL for the shipped years and for years added before 0.2.0 recorded it.';
COMMENT ON COLUMN lgit.calendar_day.name_zh IS 'The festival the day belongs to, as the notice names it (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节); NULL when the list loaded gave dates only.';

-- Nobody writes the calendar directly any more, the authority included: 0.1.0 let it add rows
-- to a shipped year.  Rows it added to a year of its own stay; the year is immutable now.
REVOKE INSERT, UPDATE, DELETE ON lgit.calendar_year, lgit.calendar_day FROM lgit_authority;
DROP POLICY calendar_add ON lgit.calendar_year;
DROP POLICY calendar_correct ON lgit.calendar_year;
DROP POLICY calendar_remove ON lgit.calendar_year;
DROP POLICY calendar_add ON lgit.calendar_day;
DROP POLICY calendar_correct ON lgit.calendar_day;
DROP POLICY calendar_remove ON lgit.calendar_day;

-- The days 0.1.0 let the authority add to a shipped year are not the State Council's notice as
-- shipped: they are taken out, each named in a WARNING for the DBA, so that 2020–2026 count
-- exactly as published again.  A year the authority added itself keeps its days.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT d.day, d.kind, d.name_zh FROM lgit.calendar_day d JOIN lgit.calendar_year y USING (year)
           WHERE y.seeded AND NOT d.seeded ORDER BY d.day LOOP
    RAISE WARNING 'lgit 0.2.0 removes % (% "%") from the shipped calendar of %: a shipped year counts as the State Council published it',
      r.day, r.kind, r.name_zh, extract(year FROM r.day);
  END LOOP;
  DELETE FROM lgit.calendar_day d USING lgit.calendar_year y WHERE y.year = d.year AND y.seeded AND NOT d.seeded;
END
$$;

-- A loaded year is immutable for everyone, the owner included: deadlines were counted by it.
-- Only the loader and the extension's own scripts write the calendar (src/calendar_load.c).
CREATE FUNCTION lgit.calendar_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_calendar_guard';
COMMENT ON FUNCTION lgit.calendar_guard() IS
  'Trigger: refuses (LG002) every write to lgit.calendar_year and lgit.calendar_day but the loader''s (lgit.load_calendar_days) and the extension scripts''.';
CREATE TRIGGER calendar_year_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.calendar_year
  FOR EACH ROW EXECUTE FUNCTION lgit.calendar_guard();
CREATE TRIGGER calendar_year_guard_truncate
  BEFORE TRUNCATE ON lgit.calendar_year
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.calendar_guard();
CREATE TRIGGER calendar_day_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.calendar_day
  FOR EACH ROW EXECUTE FUNCTION lgit.calendar_guard();
CREATE TRIGGER calendar_day_guard_truncate
  BEFORE TRUNCATE ON lgit.calendar_day
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.calendar_guard();
COMMENT ON TRIGGER calendar_year_guard ON lgit.calendar_year IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';
COMMENT ON TRIGGER calendar_year_guard_truncate ON lgit.calendar_year IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';
COMMENT ON TRIGGER calendar_day_guard ON lgit.calendar_day IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';
COMMENT ON TRIGGER calendar_day_guard_truncate ON lgit.calendar_day IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';

-- Reports must not stop at a year boundary: they count with these, which answer as the
-- three above wherever every year touched is loaded and count a year not loaded Monday–Friday.
-- A report marks every such row provisional (lgit.calendar_covers); the three above never guess.
CREATE FUNCTION lgit.add_workdays_provisional(day date, n int) RETURNS date
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_add_workdays_provisional';
COMMENT ON FUNCTION lgit.add_workdays_provisional(date, int) IS
  'lgit.add_workdays(day, n) where every year counted is loaded; a year not loaded is counted Monday–Friday only (provisional: check with lgit.calendar_covers(day, result)). NULL for an infinite day. For reports, never for a gate''s decision.';

CREATE FUNCTION lgit.workdays_between_provisional(from_day date, to_day date) RETURNS int
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_workdays_between_provisional_sql';
COMMENT ON FUNCTION lgit.workdays_between_provisional(date, date) IS
  'lgit.workdays_between(from_day, to_day) where every year counted is loaded; a year not loaded is counted Monday–Friday only (provisional: check with lgit.calendar_covers). NULL for an infinite day.';

CREATE FUNCTION lgit.calendar_covers(from_day date, to_day date) RETURNS boolean
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_calendar_covers_sql';
COMMENT ON FUNCTION lgit.calendar_covers(date, date) IS
  'True when the calendar of every year from from_day''s to to_day''s (either order) is loaded, so that a count between them is exact; false otherwise (and for an infinite day).';

-- The warning before the cliff: calendar_warning_days (lgit.policy) before the last loaded day.
INSERT INTO lgit.policy_key (key, unit, article, description) VALUES
('calendar_warning_days', 'days', '—', '工作日日历到期预警: lgit warns this many days before the last loaded year of the working-day calendar ends (lgit.calendar_status, lgit.overdue_on)');
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('calendar_warning_days', 30, daterange('2020-01-01', NULL), 'lgit: the State Council publishes the next year''s notice in the last weeks of the year');

CREATE FUNCTION lgit.calendar_warning(as_of date) RETURNS boolean
  LANGUAGE c STABLE STRICT AS 'MODULE_PATHNAME', 'lgit_calendar_warning';
COMMENT ON FUNCTION lgit.calendar_warning(date) IS
  'Raises a WARNING (LG009) when as_of lies in a year not loaded, or within calendar_warning_days of the last loaded day; always returns true, so that a report calls it once as a constant filter.';

CREATE FUNCTION lgit.calendar_status_on(as_of date)
RETURNS TABLE (loaded_years int[], last_loaded_day date, days_left int, warning_days int,
               in_warning_window boolean, as_of_year_loaded boolean, as_of date)
LANGUAGE sql STABLE
AS $$
  SELECT y.years, y.last_day, y.last_day - as_of, w.days::int,
         y.last_day IS NULL OR y.last_day - as_of <= w.days,
         coalesce(extract(year FROM as_of)::int = ANY (y.years), false), as_of
  FROM (SELECT array_agg(year ORDER BY year) AS years, make_date(max(year), 12, 31) AS last_day
        FROM lgit.calendar_year) y
  CROSS JOIN (SELECT lgit.policy_in_force('calendar_warning_days', as_of) AS days) w
$$;
COMMENT ON FUNCTION lgit.calendar_status_on(date) IS
  'The working-day calendar as of as_of: the loaded years, the last loaded day, the days left until it (negative once past), the warning window (policy calendar_warning_days), whether as_of is inside it (true also when nothing is loaded or as_of is past the end), and whether as_of''s own year is loaded.';

CREATE VIEW lgit.calendar_status AS
SELECT * FROM lgit.calendar_status_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.calendar_status IS
  'lgit.calendar_status_on() for today in Shenzhen: which years are loaded, when the calendar ends, and whether lgit is inside the warning window before it ends (then lgit.overdue warns; load the next notice with lgit.load_calendar_year()).';
COMMENT ON COLUMN lgit.calendar_status.loaded_years IS 'Years whose State Council notice is loaded.';
COMMENT ON COLUMN lgit.calendar_status.last_loaded_day IS '31 December of the last loaded year: deadlines after it are provisional until the next notice is loaded.';
COMMENT ON COLUMN lgit.calendar_status.days_left IS 'Calendar days from today to last_loaded_day; negative once past it.';
COMMENT ON COLUMN lgit.calendar_status.warning_days IS 'Policy calendar_warning_days in force today.';
COMMENT ON COLUMN lgit.calendar_status.in_warning_window IS 'True from warning_days before last_loaded_day on (and after it): load the next year''s notice.';
COMMENT ON COLUMN lgit.calendar_status.as_of_year_loaded IS 'Whether today''s own year is loaded.';
COMMENT ON COLUMN lgit.calendar_status.as_of IS 'The day the status is computed for (today in Shenzhen).';

-- Loading a year: the one command of the authority (or the extension's owner) when the State
-- Council's notice is published.  The C function checks the whole notice and loads all or nothing.
CREATE FUNCTION lgit.load_calendar_days(year int, notice text, days jsonb) RETURNS int
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_load_calendar_days';
COMMENT ON FUNCTION lgit.load_calendar_days(int, text, jsonb) IS
  'Loads the State Council''s notice for year: days is a JSON array of {"date": "YYYY-MM-DD", "isOffDay": true (holiday) | false (adjusted working day), "name": "元旦" (optional)}. Refused whole, with every problem named: a year already loaded (immutable, LG002), a date not in year (a Saturday or Sunday off of the year before, as 2022-12-31 in the 2023 notice, is accepted), a date listed twice, an adjusted working day on Monday–Friday, a weekend holiday outside a run of days off with a weekday, no holiday. Only the authority or the extension''s owner. Returns the number of days loaded.';

CREATE FUNCTION lgit.load_calendar_year(year int, notice text, holidays date[], workdays date[])
RETURNS int
LANGUAGE sql VOLATILE
AS $$
  SELECT lgit.load_calendar_days(year, notice,
    coalesce((SELECT jsonb_agg(jsonb_build_object('date', d, 'isOffDay', true)) FROM unnest(holidays) AS d), '[]')
    || coalesce((SELECT jsonb_agg(jsonb_build_object('date', d, 'isOffDay', false)) FROM unnest(workdays) AS d), '[]'))
$$;
COMMENT ON FUNCTION lgit.load_calendar_year(int, text, date[], date[]) IS
  'The authority loads a year: lgit.load_calendar_year(2027, ''国办发明电〔2026〕N号'', holidays => ARRAY[every day off (放假), weekend days of a run included], workdays => ARRAY[every Saturday or Sunday worked (调休上班)]). Checked as lgit.load_calendar_days(); the year is immutable afterwards.';

CREATE FUNCTION lgit.load_calendar_json(document jsonb, notice text DEFAULT NULL) RETURNS int
LANGUAGE sql VOLATILE
AS $$
  SELECT lgit.load_calendar_days(
    CASE WHEN jsonb_typeof(document -> 'year') IN ('number', 'string') AND (document ->> 'year') ~ '^[0-9]{4}$'
         THEN (document ->> 'year')::int END,
    coalesce(notice, document ->> 'notice'),
    CASE WHEN jsonb_typeof(document -> 'days') = 'array' THEN document -> 'days'
         WHEN jsonb_typeof(document -> 'holidays') = 'array' THEN
           (SELECT coalesce(jsonb_agg(CASE jsonb_typeof(e) WHEN 'object' THEN e || jsonb_build_object('isOffDay', true)
                                                  ELSE jsonb_build_object('date', e, 'isOffDay', true) END), '[]')
            FROM jsonb_array_elements(document -> 'holidays') AS e)
           || (SELECT coalesce(jsonb_agg(CASE jsonb_typeof(e) WHEN 'object' THEN e || jsonb_build_object('isOffDay', false)
                                                     ELSE jsonb_build_object('date', e, 'isOffDay', false) END), '[]')
               FROM jsonb_array_elements(CASE jsonb_typeof(document -> 'workdays') WHEN 'array'
                                              THEN document -> 'workdays' ELSE '[]' END) AS e)
    END)
$$;
COMMENT ON FUNCTION lgit.load_calendar_json(jsonb, text) IS
  'The authority loads a year from a JSON notice, in either common form: {"year": 2027, "notice": "国办发明电〔2026〕N号", "holidays": ["2027-01-01", …], "workdays": ["2027-02-07", …]} (elements may also be {"date": …, "name": …}), or the per-day list published by holiday-cn and others, {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}. notice, when given, names the notice (that per-day list does not). Checked as lgit.load_calendar_days().';

-- The deadline reports gain the provisional marks: their row type changes, so they are made anew.
DROP VIEW lgit.unit_scorecard;
DROP VIEW lgit.overdue;
DROP FUNCTION lgit.overdue_on(date);

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
SELECT * FROM lgit.overdue_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.overdue IS
  'lgit.overdue_on() for today in Shenzhen: one row per late item - project, unit, obligation, article, rule code, due date, working days late, responsible capacity, and whether the row is provisional.';
COMMENT ON COLUMN lgit.overdue.due IS 'The deadline; for a working-day clock counted Monday–Friday only where its year is not loaded (then provisional).';
COMMENT ON COLUMN lgit.overdue.workdays_late IS 'Working days from due to today; Monday–Friday only for a year not loaded (then provisional).';
COMMENT ON COLUMN lgit.overdue.provisional IS 'True when due or workdays_late counts days of a year whose working-day calendar is not loaded: computed on Monday–Friday only, as of computed_on; exact once the State Council''s notice for that year is loaded (lgit.calendar_status).';
COMMENT ON COLUMN lgit.overdue.computed_on IS 'The day the row was computed for (today in Shenzhen): a provisional row holds only for that day''s calendar.';

CREATE FUNCTION lgit.unit_scorecard_on(as_of date)
RETURNS TABLE (unit_id int, unit_zh text, unit_en text, projects bigint, in_delivery bigint,
               completed bigint, terminated bigint, total_investment numeric, overdue_items bigint,
               violations bigint, sanctions_in_force bigint)
LANGUAGE sql STABLE
AS $$
SELECT u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       count(p.project_id) AS projects,
       count(p.project_id) FILTER (WHERE p.stage BETWEEN 'construction' AND 'handover_verified') AS in_delivery,
       count(p.project_id) FILTER (WHERE p.stage = 'completed') AS completed,
       count(p.project_id) FILTER (WHERE p.stage = 'terminated') AS terminated,
       coalesce(sum(p.total_investment), 0) AS total_investment,
       (SELECT count(*) FROM lgit.overdue_on(as_of) o JOIN lgit.project q USING (project_id) WHERE q.unit_id = u.unit_id)
         AS overdue_items,
       -- LG009 says the calendar is not loaded, not that the unit broke a rule
       (SELECT count(*) FROM lgit.violations v WHERE v.unit_id = u.unit_id AND v.code <> 'LG009') AS violations,
       (SELECT count(*) FROM lgit.sanction s
        WHERE s.unit_id = u.unit_id
          AND s.imposed_on <= as_of
          AND (s.lifted_on IS NULL OR s.lifted_on > as_of))
         AS sanctions_in_force
FROM lgit.unit u
LEFT JOIN lgit.project p USING (unit_id)
WHERE u.kind IN ('street', 'department')
GROUP BY u.unit_id, u.name_zh, u.name_en
$$;
COMMENT ON FUNCTION lgit.unit_scorecard_on(date) IS
  '年度绩效考评 (Art 49) as of a day: per street and department, projects by state, investment, obligations late on as_of (lgit.overdue_on, provisional ones included), rules broken now (lgit.violations, without the calendar notice LG009) and sanctions in force on as_of.';

CREATE VIEW lgit.unit_scorecard AS
SELECT * FROM lgit.unit_scorecard_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.unit_scorecard IS
  '年度绩效考评 (Art 49): per street and department, the inputs of the authority''s annual assessment - projects by state, investment, late obligations (lgit.overdue), rules broken now (lgit.violations) and sanctions in force today.';

-- check_project() with the day the calendar warning is judged for.
CREATE FUNCTION lgit.check_project(project_id bigint, as_of date)
  RETURNS TABLE (code text, article text, severity text, message text, facts jsonb)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_check_project';
COMMENT ON FUNCTION lgit.check_project(bigint, date) IS
  'lgit.check_project(project_id) with the warning before the working-day calendar''s end judged for as_of instead of today: a project with running working-day deadlines gets an LG009 line from calendar_warning_days before the last loaded day on.';

-- What 95_security.sql does for every object of a fresh install, for the objects above.
ALTER VIEW lgit.deadlines SET (security_invoker = true);
ALTER VIEW lgit.overdue SET (security_invoker = true);
ALTER VIEW lgit.unit_scorecard SET (security_invoker = true);
ALTER VIEW lgit.calendar_status SET (security_invoker = true);
REVOKE ALL ON lgit.deadlines, lgit.overdue, lgit.unit_scorecard, lgit.calendar_status FROM PUBLIC;
GRANT SELECT ON lgit.deadlines, lgit.overdue, lgit.unit_scorecard, lgit.calendar_status
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.calendar_guard() FROM PUBLIC;
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOREACH f IN ARRAY ARRAY['lgit.add_workdays_provisional(date, int)', 'lgit.workdays_between_provisional(date, date)',
                           'lgit.calendar_covers(date, date)', 'lgit.calendar_warning(date)',
                           'lgit.calendar_status_on(date)', 'lgit.load_calendar_days(int, text, jsonb)',
                           'lgit.load_calendar_year(int, text, date[], date[])', 'lgit.load_calendar_json(jsonb, text)',
                           'lgit.overdue_on(date)', 'lgit.unit_scorecard_on(date)',
                           'lgit.check_project(bigint, date)']::regprocedure[] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, '
                   'lgit_leader, lgit_audit, lgit_expert, lgit_reader', f);
  END LOOP;
  FOREACH f IN ARRAY ARRAY['lgit.calendar_status_on(date)', 'lgit.load_calendar_year(int, text, date[], date[])',
                           'lgit.load_calendar_json(jsonb, text)', 'lgit.overdue_on(date)',
                           'lgit.unit_scorecard_on(date)']::regprocedure[] LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, pg_temp', f);
  END LOOP;
END
$$;
