-- Stable views for reporting tools (doc/lgit.md §7), with Chinese and English labels.

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

CREATE VIEW lgit.unit_scorecard AS
SELECT u.unit_id, u.name_zh AS unit_zh, u.name_en AS unit_en,
       count(p.project_id) AS projects,
       count(p.project_id) FILTER (WHERE p.stage BETWEEN 'construction' AND 'handover_verified') AS in_delivery,
       count(p.project_id) FILTER (WHERE p.stage = 'completed') AS completed,
       count(p.project_id) FILTER (WHERE p.stage = 'terminated') AS terminated,
       coalesce(sum(p.total_investment), 0) AS total_investment,
       (SELECT count(*) FROM lgit.overdue o JOIN lgit.project q USING (project_id) WHERE q.unit_id = u.unit_id)
         AS overdue_items,
       (SELECT count(*) FROM lgit.violations v WHERE v.unit_id = u.unit_id) AS violations,
       (SELECT count(*) FROM lgit.sanction s
        WHERE s.unit_id = u.unit_id
          AND s.imposed_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date
          AND (s.lifted_on IS NULL OR s.lifted_on > (now() AT TIME ZONE 'Asia/Shanghai')::date))
         AS sanctions_in_force
FROM lgit.unit u
LEFT JOIN lgit.project p USING (unit_id)
WHERE u.kind IN ('street', 'department')
GROUP BY u.unit_id, u.name_zh, u.name_en;
COMMENT ON VIEW lgit.unit_scorecard IS
  '年度绩效考评 (Art 49): per street and department, the inputs of the authority''s annual assessment - projects by state, investment, late obligations (lgit.overdue), rules broken now (lgit.violations) and sanctions in force today.';
