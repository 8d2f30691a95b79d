-- The Art 49 assessment figures kept current, as the findings are (72_finding_cache.sql).
-- lgit.annual_assessment counts, per unit and year, every project's stage at the year's end and
-- every deadline of every project (88_assessment.sql): at district scale, most of a second on
-- every read.  So lgit.refresh_findings() also keeps each project's share of those figures,
-- per year, in lgit.assessment_fact, and the view reads them for every project that is not
-- marked in lgit.finding_dirty (the same marks: the figures read nothing the checks do not),
-- not moved since (its history head is the one kept_seq names) and whose kept figures still
-- hold on the day read (lgit.assessment_state); it counts the others
-- live, so it is never stale.
--
-- A project's figures hold from the day they were kept until valid_until, the first day they
-- could differ without a write: the end of the year (a new year brings its own stage and
-- reports), the end of the month for a project in construction (a new month's progress report
-- falls due, Art 20), and the due day of its earliest open deadline (after it, missed).
-- Derived like the findings: only lgit writes them, pg_dump does not keep them, and emptying
-- lgit.assessment_state only makes every project counted live again.

CREATE TABLE lgit.assessment_state (
  project_id  bigint PRIMARY KEY,
  kept_on     date NOT NULL,
  valid_until date NOT NULL,
  kept_seq    int
);
COMMENT ON TABLE lgit.assessment_state IS
  'Projects whose share of lgit.annual_assessment lgit.assessment_fact keeps, as counted on kept_on by lgit.refresh_findings(), valid through valid_until unless the project is marked in lgit.finding_dirty or its history head has moved past kept_seq; written by lgit only. Any other project is counted live.';
COMMENT ON COLUMN lgit.assessment_state.kept_on IS 'The day (Shenzhen) the figures were counted for.';
COMMENT ON COLUMN lgit.assessment_state.kept_seq IS
  'The project''s history head (lgit.history_head.seq) when the figures were counted; NULL when it had none. A move since moved the head (or gave it one): the kept figures no longer hold.';
COMMENT ON COLUMN lgit.assessment_state.valid_until IS
  'The last day the kept figures hold without a write: the year''s end, the month''s end for a project in construction (Art 20), or the due day of its earliest open deadline.';

CREATE TABLE lgit.assessment_fact (
  project_id  bigint NOT NULL,
  year        int NOT NULL,
  projects    int NOT NULL,
  preparing   int NOT NULL,
  in_delivery int NOT NULL,
  completed   int NOT NULL,
  suspended   int NOT NULL,
  terminated  int NOT NULL,
  due         int NOT NULL,
  met         int NOT NULL,
  met_late    int NOT NULL,
  missed      int NOT NULL,
  progress    int NOT NULL,
  performance int NOT NULL,
  results     int NOT NULL,
  PRIMARY KEY (project_id, year)
);
COMMENT ON TABLE lgit.assessment_fact IS
  'One project''s share of lgit.annual_assessment for a year, as lgit.assessment_facts() counts it (stage at the year''s end, deadlines falling due in the year by outcome, reports filed, results registered), for the projects of lgit.assessment_state. Written by lgit only.';

CREATE TRIGGER finding_cache_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.assessment_state
  FOR EACH ROW EXECUTE FUNCTION lgit.finding_cache_guard();
CREATE TRIGGER finding_cache_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.assessment_fact
  FOR EACH ROW EXECUTE FUNCTION lgit.finding_cache_guard();
-- Emptied, the kept figures would count kept projects as nothing; emptying lgit.assessment_state
-- only makes every project counted live again.
CREATE TRIGGER assessment_fact_no_truncate BEFORE TRUNCATE ON lgit.assessment_fact
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

-- Scoped like the kept findings, with them (94_finding_marks.sql): a unit sees its own
-- projects' rows.
