-- Catalog comments that cited a document outside the repository now cite the reference shipped
-- with lgit (doc/lgit.md, by section); the comment on lgit.stage names lgit.stage_info, where
-- the labels are.  Each statement is the one of schema/ that a fresh install runs.

COMMENT ON TYPE lgit.stage IS
  'Lifecycle stage of a project (doc/lgit.md §3), declared in lifecycle order so that stage >= ''construction'' reads naturally. Labels: lgit.stage_info.';
COMMENT ON TYPE lgit.capacity IS
  'The role in which an actor acts (doc/lgit.md §2): 项目建设单位, 区信息化主管部门, 区发改部门, 区财政部门, 分管区领导/区政府有关会议, 区审计部门, 评审/验收专家.';
COMMENT ON TABLE lgit.rule IS
  'Every rule lgit enforces or reports (doc/lgit.md §4). code is the SQLSTATE raised; quote_zh is the passage of the measures that error details quote (full text in lgit.article).';
COMMENT ON COLUMN lgit.rule.article IS 'The articles as written in doc/lgit.md §4, e.g. ''2, 3'' or ''37–39''.';
COMMENT ON TABLE lgit.policy_key IS 'The policy keys of doc/lgit.md §4: what each threshold or deadline means and in which unit it is counted.';
COMMENT ON COLUMN lgit.actor.capacity IS 'The capacity of doc/lgit.md §2; a unit-capacity actor acts only on its own unit''s projects.';
COMMENT ON TABLE lgit.stage_info IS 'doc/lgit.md §3: each stage with its Chinese and English label, who enters it and under which article.';
COMMENT ON TABLE lgit.stage_edge IS
  'The stage graph of doc/lgit.md §3: every permitted change of stage, who may make it, and under which article. A change that is not a row here fails with LG000.';
COMMENT ON FUNCTION lgit.is_workday(date) IS
  'True when day is a working day (工作日, doc/lgit.md §5): Monday–Friday unless a listed holiday, Saturday or Sunday only if a listed adjusted working day (调休上班). An error for a day in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';
COMMENT ON FUNCTION lgit.add_workdays(date, int) IS
  'The n-th working day after day for n > 0 (day itself never counts), day for n = 0, the n-th working day before day for n < 0 (doc/lgit.md §5). "Within N working days of X" means on or before add_workdays(X, N). An error when day or any day counted lies in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';
COMMENT ON FUNCTION lgit.workdays_between(date, date) IS
  'The number of working days in (from_day, to_day], negative when to_day < from_day (doc/lgit.md §5); workdays_between(a, add_workdays(a, n)) = n for n >= 0. An error when any day counted lies in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';
