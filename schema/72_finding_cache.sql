-- The findings kept current (doc/lgit.md §7).  lgit.check_project() judges one project's
-- whole history again; lgit.violations would do it for every project on every read.  So each
-- project's standing findings - everything check_project reports but the calendar's warning,
-- which depends on the day - are kept in lgit.finding, and every write that could change them
-- marks the project in lgit.finding_dirty in the same transaction (94_finding_marks.sql) - but
-- a move: the history row lgit appends for it moves the project's head (lgit.history_head),
-- and the kept findings name the head they were judged at, so the head is a move's mark.
-- lgit.violations reads the kept findings of projects neither marked nor moved since, and
-- judges the others live, so it is never stale; lgit.refresh_findings() judges those again and
-- keeps them.
-- Only lgit writes these tables (finding_cache_guard); they are derived, so pg_dump does not
-- keep them: a restored database judges every project live until it is refreshed.  They have
-- no foreign keys (projects are never deleted): lgit.refresh_findings() writes them a thousand
-- projects per statement, and a key check per row would cost more than the row.

CREATE TABLE lgit.finding_state (
  project_id bigint PRIMARY KEY,
  judged_at  timestamptz NOT NULL,
  judged_seq int
);
COMMENT ON TABLE lgit.finding_state IS
  'Projects whose standing findings lgit.finding keeps, as judged at judged_at by lgit.refresh_findings(); written by lgit only. A project without a row here, marked in lgit.finding_dirty, or whose history head has moved past judged_seq, is judged live by lgit.violations.';
COMMENT ON COLUMN lgit.finding_state.judged_at IS 'When lgit.refresh_findings() judged the project.';
COMMENT ON COLUMN lgit.finding_state.judged_seq IS
  'The project''s history head (lgit.history_head.seq) as the judgement saw it, read before it; NULL when it had none. A move since moved the head (or gave it one): the kept findings no longer hold.';

CREATE TABLE lgit.finding (
  project_id bigint NOT NULL,
  ord        int NOT NULL,
  code       text NOT NULL,
  article    text NOT NULL,
  severity   text NOT NULL,
  message    text NOT NULL,
  facts      jsonb NOT NULL,
  PRIMARY KEY (project_id, ord)
);
COMMENT ON TABLE lgit.finding IS
  'The standing findings of each project in lgit.finding_state, in lgit.check_project()''s order (ord): what it reports but the calendar''s warning window. Written by lgit only; current unless the project is marked in lgit.finding_dirty.';

CREATE TABLE lgit.finding_dirty (
  mark_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL
);
CREATE INDEX finding_dirty_project ON lgit.finding_dirty (project_id);
COMMENT ON TABLE lgit.finding_dirty IS
  'Projects written since lgit last judged them: one row per project and writing transaction, made by lgit.finding_mark() in that transaction, removed by lgit.refresh_findings() once it has judged the project again. A move writes none for its project: the history head it moves (lgit.finding_state.judged_seq) tells.';

CREATE FUNCTION lgit.finding_cache_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_finding_cache_guard';
COMMENT ON FUNCTION lgit.finding_cache_guard() IS
  'Trigger on lgit.finding, lgit.finding_state and lgit.finding_dirty: only lgit writes what lgit.violations trusts (LG002), the owner included.';
CREATE TRIGGER finding_cache_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.finding_state
  FOR EACH ROW EXECUTE FUNCTION lgit.finding_cache_guard();
CREATE TRIGGER finding_cache_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.finding
  FOR EACH ROW EXECUTE FUNCTION lgit.finding_cache_guard();
CREATE TRIGGER finding_cache_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.finding_dirty
  FOR EACH ROW EXECUTE FUNCTION lgit.finding_cache_guard();
-- Emptied, the kept findings or the marks would hide findings; emptying lgit.finding_state only
-- makes every project judged live again.
CREATE TRIGGER finding_no_truncate BEFORE TRUNCATE ON lgit.finding
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER finding_dirty_no_truncate BEFORE TRUNCATE ON lgit.finding_dirty
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE FUNCTION lgit.finding_mark() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_finding_mark';
COMMENT ON FUNCTION lgit.finding_mark() IS
  'AFTER ROW trigger on every table lgit.check_project() reads: marks in lgit.finding_dirty, once per transaction, the projects the row bears on - its project_id, its contract''s project (contract_id), its unit''s projects (unit_id), or every project when the trigger has no argument. A move marks only the projects naming the moved one as their previous phase: the history row lgit appends for it moves the project''s head, which the kept findings are compared with.';

CREATE FUNCTION lgit.standing_findings(project_id bigint)
  RETURNS TABLE (code text, article text, severity text, message text, facts jsonb)
  -- a whole history judged, about half a millisecond: dear enough that a plan calls it only for
  -- the projects that need it
  LANGUAGE c STABLE COST 20000 ROWS 2 AS 'MODULE_PATHNAME', 'lgit_standing_findings_sql';
COMMENT ON FUNCTION lgit.standing_findings(bigint) IS
  'lgit.check_project() without the warning before the calendar''s end: the findings that hold until the project''s record changes, which lgit.finding keeps.';

CREATE FUNCTION lgit.calendar_window_findings(as_of date)
  RETURNS TABLE (project_id bigint, code text, article text, severity text, message text, facts jsonb)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_calendar_window_findings';
COMMENT ON FUNCTION lgit.calendar_window_findings(date) IS
  'The LG009 line lgit.check_project(project_id, as_of) adds near the working-day calendar''s end, for every project with running working-day deadlines, in one pass; nothing when as_of lies before calendar_warning_days of the last loaded day.';

CREATE FUNCTION lgit.refresh_findings(rebuild boolean DEFAULT false) RETURNS bigint
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_refresh_findings';
COMMENT ON FUNCTION lgit.refresh_findings(boolean) IS
  'Judges again every project marked in lgit.finding_dirty or moved since it was judged, and every project never judged (every project with rebuild => true), keeps their findings in lgit.finding and removes the marks it answered; returns how many projects it judged. It also keeps the assessment figures (lgit.assessment_fact) of those projects and of every project whose kept figures no longer hold. Schedule it (pg_cron: every minute) so that lgit.violations and lgit.annual_assessment read kept rows; it is never needed for correctness.';

-- Three parts, each from lgit.project, so that a filter on the project (its code, its unit)
-- reaches all three and a question about one project judges that project alone.
CREATE OR REPLACE VIEW lgit.violations AS
-- kept: projects judged since their last write
SELECT p.project_id, p.code AS project_code, p.unit_id, p.stage, f.code, f.article, f.severity, f.message, f.facts,
       -- for reporting tools, without joins: the project's name, its unit, the rule's titles
       p.name AS project_name, u.name_zh AS unit_zh, f.code AS rule_code,
       r.title_zh AS rule_title_zh, r.title_en AS rule_title_en
FROM lgit.project p
JOIN lgit.unit u ON u.unit_id = p.unit_id
JOIN lgit.finding_state k ON k.project_id = p.project_id
JOIN lgit.finding f ON f.project_id = p.project_id
LEFT JOIN lgit.rule r ON r.code = f.code
WHERE NOT EXISTS (SELECT FROM lgit.finding_dirty d WHERE d.project_id = p.project_id)
  AND NOT EXISTS (SELECT FROM lgit.history_head h
                  WHERE h.project_id = p.project_id AND h.seq IS DISTINCT FROM k.judged_seq)
UNION ALL
-- judged now: projects written or moved since, or never judged
SELECT p.project_id, p.code, p.unit_id, p.stage, s.code, s.article, s.severity, s.message, s.facts,
       p.name, u.name_zh, s.code, r.title_zh, r.title_en
FROM lgit.project p
JOIN lgit.unit u ON u.unit_id = p.unit_id
-- (a set joined once, not a test per project: the marks are never analyzed, and a plan that
-- believes them few would scan them all again for each project)
JOIN (SELECT d.project_id FROM lgit.finding_dirty d
      UNION
      SELECT q.project_id FROM lgit.project q
      WHERE NOT EXISTS (SELECT FROM lgit.finding_state k WHERE k.project_id = q.project_id)
      UNION
      SELECT k.project_id FROM lgit.finding_state k
      JOIN lgit.history_head h ON h.project_id = k.project_id AND h.seq IS DISTINCT FROM k.judged_seq) todo
  ON todo.project_id = p.project_id
CROSS JOIN LATERAL lgit.standing_findings(p.project_id) s
LEFT JOIN lgit.rule r ON r.code = s.code
UNION ALL
-- the day's warning before the calendar's end (nothing outside the window)
SELECT p.project_id, p.code, p.unit_id, p.stage, w.code, w.article, w.severity, w.message, w.facts,
       p.name, u.name_zh, w.code, r.title_zh, r.title_en
FROM lgit.project p
JOIN lgit.unit u ON u.unit_id = p.unit_id
JOIN lgit.calendar_window_findings((now() AT TIME ZONE 'Asia/Shanghai')::date) w ON w.project_id = p.project_id
LEFT JOIN lgit.rule r ON r.code = w.code;
COMMENT ON VIEW lgit.violations IS 'lgit.check_project() for every project: one row per rule a project breaks now. Kept findings (lgit.finding) for projects neither written nor moved since lgit.refresh_findings() judged them, the others judged live.';
COMMENT ON COLUMN lgit.violations.code IS '规则编号 / the rule (SQLSTATE); the same as rule_code, the name the other reports use.';
COMMENT ON COLUMN lgit.violations.project_name IS '项目名称 / project name';
COMMENT ON COLUMN lgit.violations.unit_zh IS '建设单位 / unit (street or department)';
COMMENT ON COLUMN lgit.violations.rule_code IS '规则编号 / lgit rule code (SQLSTATE)';
COMMENT ON COLUMN lgit.violations.rule_title_zh IS '规则名称 / the rule''s title in Chinese (lgit.rule)';
COMMENT ON COLUMN lgit.violations.rule_title_en IS '规则名称（英文） / the rule''s title in English (lgit.rule)';
