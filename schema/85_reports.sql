-- Stable views for reporting tools (SPEC §7), with Chinese and English labels.

CREATE VIEW lgit.pipeline AS
SELECT p.plan_year, u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       p.stage, i.label_zh AS stage_zh, i.label_en AS stage_en,
       count(*) AS projects,
       sum(p.total_investment) AS total_investment,
       sum(p.district_funds) AS district_funds
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
