-- lgit.violations and lgit.overdue carry the project's name, its unit and the rule's titles, so
-- that a reporting tool needs no joins (schema/70_evidence_engine.sql, 80_deadlines.sql: the
-- columns are added at the end, the others stay as they were).
CREATE OR REPLACE VIEW lgit.violations WITH (security_invoker = true) AS
SELECT p.project_id, p.code AS project_code, p.unit_id, p.stage, c.code, c.article, c.severity, c.message, c.facts,
       -- for reporting tools, without joins: the project's name, its unit, the rule's titles
       p.name AS project_name, u.name_zh AS unit_zh, c.code AS rule_code,
       r.title_zh AS rule_title_zh, r.title_en AS rule_title_en
FROM lgit.project p
JOIN lgit.unit u ON u.unit_id = p.unit_id
CROSS JOIN LATERAL lgit.check_project(p.project_id) c
LEFT JOIN lgit.rule r ON r.code = c.code;
COMMENT ON VIEW lgit.violations IS 'lgit.check_project() for every project: one row per rule a project breaks now.';
COMMENT ON COLUMN lgit.violations.code IS '规则编号 / the rule (SQLSTATE); the same as rule_code, the name the other reports use.';
COMMENT ON COLUMN lgit.violations.project_name IS '项目名称 / project name';
COMMENT ON COLUMN lgit.violations.unit_zh IS '建设单位 / unit (street or department)';
COMMENT ON COLUMN lgit.violations.rule_code IS '规则编号 / lgit rule code (SQLSTATE)';
COMMENT ON COLUMN lgit.violations.rule_title_zh IS '规则名称 / the rule''s title in Chinese (lgit.rule)';
COMMENT ON COLUMN lgit.violations.rule_title_en IS '规则名称（英文） / the rule''s title in English (lgit.rule)';

CREATE OR REPLACE VIEW lgit.overdue WITH (security_invoker = true) AS
SELECT o.*,
       -- for reporting tools, without joins: the project's name, its unit, the rule's titles
       p.name AS project_name, p.unit_id, o.unit AS unit_zh, r.title_zh AS rule_title_zh, r.title_en AS rule_title_en
FROM lgit.overdue_on((now() AT TIME ZONE 'Asia/Shanghai')::date) o
JOIN lgit.project p ON p.project_id = o.project_id
LEFT JOIN lgit.rule r ON r.code = o.rule_code;
COMMENT ON COLUMN lgit.overdue.rule_code IS '规则编号 / lgit rule code (SQLSTATE); NULL for the authority''s own clocks, which have no rule';
COMMENT ON COLUMN lgit.overdue.project_name IS '项目名称 / project name';
COMMENT ON COLUMN lgit.overdue.unit_id IS '单位ID / unit identifier';
COMMENT ON COLUMN lgit.overdue.unit_zh IS '建设单位 / unit (street or department); the same as unit, the name the other reports use';
COMMENT ON COLUMN lgit.overdue.rule_title_zh IS '规则名称 / the rule''s title in Chinese (lgit.rule); NULL for the authority''s own clocks, which have no rule';
COMMENT ON COLUMN lgit.overdue.rule_title_en IS '规则名称（英文） / the rule''s title in English (lgit.rule)';
