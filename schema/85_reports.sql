-- Stable views for reporting tools (doc/lgit.md §7), with Chinese and English labels.

CREATE VIEW lgit.pipeline AS
SELECT p.plan_year, u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       p.stage, i.label_zh AS stage_zh, i.label_en AS stage_en,
       count(*) AS projects,
       sum(p.total_investment)::numeric(16,2) AS total_investment,
       sum(p.district_funds)::numeric(16,2) AS district_funds
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
JOIN lgit.stage_info i USING (stage)
GROUP BY p.plan_year, u.unit_id, u.name_zh, u.name_en, p.stage, i.label_zh, i.label_en;
COMMENT ON VIEW lgit.pipeline IS
  '项目储备与资金: projects and money (total investment, district funds) by plan year, unit and stage, with the stage''s Chinese and English labels.';

CREATE FUNCTION lgit.unit_scorecard_on(as_of date)
RETURNS TABLE (unit_id int, unit_zh text, unit_en text, projects bigint, in_delivery bigint,
               completed bigint, terminated bigint, total_investment numeric, overdue_items bigint,
               violations bigint, sanctions_in_force bigint)
LANGUAGE sql STABLE
AS $$
SELECT u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       coalesce(p.projects, 0) AS projects,
       coalesce(p.in_delivery, 0) AS in_delivery,
       coalesce(p.completed, 0) AS completed,
       coalesce(p.terminated, 0) AS terminated,
       coalesce(p.total_investment, 0) AS total_investment,
       coalesce(o.overdue_items, 0) AS overdue_items,
       coalesce(v.violations, 0) AS violations,
       coalesce(s.sanctions_in_force, 0) AS sanctions_in_force
FROM lgit.unit u
-- each source aggregated once and joined by unit: the units listed are the ones the reader
-- may see (lgit.sees_unit), so a unit person does not see the others as zeros
LEFT JOIN (SELECT unit_id, count(*) AS projects,
                  count(*) FILTER (WHERE stage BETWEEN 'construction' AND 'handover_verified') AS in_delivery,
                  count(*) FILTER (WHERE stage = 'completed') AS completed,
                  count(*) FILTER (WHERE stage = 'terminated') AS terminated,
                  sum(total_investment) AS total_investment
           FROM lgit.project GROUP BY unit_id) p USING (unit_id)
LEFT JOIN (SELECT q.unit_id, count(*) AS overdue_items
           FROM lgit.overdue_on(as_of) o JOIN lgit.project q USING (project_id) GROUP BY q.unit_id) o USING (unit_id)
-- LG009 says the calendar is not loaded, not that the unit broke a rule
LEFT JOIN (SELECT unit_id, count(*) AS violations FROM lgit.violations WHERE code <> 'LG009' GROUP BY unit_id) v
  USING (unit_id)
LEFT JOIN (SELECT unit_id, count(*) AS sanctions_in_force FROM lgit.sanction
           WHERE imposed_on <= as_of AND (lifted_on IS NULL OR lifted_on > as_of)
           GROUP BY unit_id) s USING (unit_id)
WHERE u.kind IN ('street', 'department') AND lgit.sees_unit(u.unit_id)
$$;
COMMENT ON FUNCTION lgit.unit_scorecard_on(date) IS
  '年度绩效考评 (Art 49) as of a day: per street and department the reader may see (lgit.sees_unit), projects by state, investment, obligations late on as_of (lgit.overdue_on, provisional ones included), rules broken now (lgit.violations, without the calendar notice LG009) and sanctions in force on as_of.';

CREATE VIEW lgit.unit_scorecard AS
SELECT unit_id, unit_zh, unit_en, projects, in_delivery, completed, terminated,
       total_investment::numeric(16,2) AS total_investment, overdue_items, violations, sanctions_in_force
FROM lgit.unit_scorecard_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.unit_scorecard IS
  '年度绩效考评 (Art 49): per street and department, the inputs of the authority''s annual assessment - projects by state, investment, late obligations (lgit.overdue), rules broken now (lgit.violations) and sanctions in force today.';
