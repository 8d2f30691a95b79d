-- Refused attempts (Art 51: units answer for what they tried, not only for what moved).  A
-- refusal rolls its transaction back; lgit keeps it anyway, outside that transaction
-- (src/refusal_log.c): with lgit in shared_preload_libraries and lgit.refusal_log_database
-- naming this database, a background worker writes every refusal of the cluster here; without
-- them each refusal is one "lgit refusal:" line in the server log with the same fields.
-- Append-only like history: only the worker inserts, nobody updates, deletes or truncates.

CREATE TABLE lgit.refusal (
  refusal_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  refused_at        timestamptz NOT NULL,
  database          text   NOT NULL,
  session_user_name text   NOT NULL,
  actor             text,
  capacity          text,
  project_id        bigint,
  project_code      text,
  from_stage        text,
  to_stage          text,
  table_name        text,
  code              text   NOT NULL,
  message           text   NOT NULL,
  facts             jsonb,
  backend_pid       int    NOT NULL,
  dropped_before    bigint NOT NULL DEFAULT 0 CHECK (dropped_before >= 0)
);
CREATE INDEX refusal_refused_at_idx ON lgit.refusal (refused_at);
CREATE INDEX refusal_project_idx ON lgit.refusal (project_id) WHERE project_id IS NOT NULL;
COMMENT ON TABLE lgit.refusal IS
  'Refused attempts, kept although their transaction rolled back (Art 51): one row per error of class LG (a rule of lgit.rule) reported by any database of the cluster. Written only by lgit''s refusal-log worker; nobody may update, delete or truncate it (LG002). Read by the authority, audit and lgit_reader.';
COMMENT ON COLUMN lgit.refusal.refused_at IS 'When the refusal was reported (clock time of the refusing backend).';
COMMENT ON COLUMN lgit.refusal.database IS 'Database the attempt was made in.';
COMMENT ON COLUMN lgit.refusal.session_user_name IS 'session_user of the refused session.';
COMMENT ON COLUMN lgit.refusal.actor IS 'The person acting as lgit resolved them (lgit.actor asserted by a member of lgit_app, else session_user); NULL when lgit refused before resolving anyone.';
COMMENT ON COLUMN lgit.refusal.capacity IS 'Capacity of the actor in lgit.actor at the time; NULL when unregistered or unresolved.';
COMMENT ON COLUMN lgit.refusal.project_id IS 'Project the refused move or edit concerned, when the refusal names it. No foreign key: a refused creation has no project.';
COMMENT ON COLUMN lgit.refusal.from_stage IS 'Stage the project was in, for a refused move.';
COMMENT ON COLUMN lgit.refusal.to_stage IS 'Stage the refused move asked for.';
COMMENT ON COLUMN lgit.refusal.table_name IS 'Table whose write was refused, when the refusal names it.';
COMMENT ON COLUMN lgit.refusal.code IS 'The rule code (SQLSTATE) of the refusal; see lgit.rule.';
COMMENT ON COLUMN lgit.refusal.message IS 'The error message, cut at 511 bytes.';
COMMENT ON COLUMN lgit.refusal.facts IS 'The facts of the refusal as lgit.blockers() gives them; NULL when longer than 1 kB or not raised from a finding.';
COMMENT ON COLUMN lgit.refusal.backend_pid IS 'Process id of the refused session.';
COMMENT ON COLUMN lgit.refusal.dropped_before IS 'Refusals dropped (the queue in shared memory was full, or a batch could not be written) between the previous row and this one.';

CREATE FUNCTION lgit.refusal_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_refusal_guard';
COMMENT ON FUNCTION lgit.refusal_guard() IS
  'Trigger on lgit.refusal: rows are inserted only by lgit''s refusal-log worker (LG002 otherwise).';
CREATE TRIGGER refusal_guard
  BEFORE INSERT ON lgit.refusal
  FOR EACH ROW EXECUTE FUNCTION lgit.refusal_guard();
CREATE TRIGGER refusal_no_change
  BEFORE UPDATE OR DELETE ON lgit.refusal
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER refusal_no_truncate
  BEFORE TRUNCATE ON lgit.refusal
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

-- Who tried what is the auditors' business: the authority, audit and reporting read it, a unit
-- does not (not even its own: a refusal may name another unit's project).
ALTER TABLE lgit.refusal ENABLE ROW LEVEL SECURITY;
CREATE POLICY auditors_read ON lgit.refusal FOR SELECT USING (
  (SELECT a.capacity IN ('authority', 'audit') FROM lgit.current_actor() a)
  OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE')));

CREATE VIEW lgit.refused_attempts AS
  SELECT f.refusal_id, f.refused_at, f.database, f.session_user_name, f.actor, f.capacity,
         f.project_id, f.project_code, f.from_stage, f.to_stage, f.table_name,
         f.code, r.article, f.message, f.facts, f.dropped_before
  FROM lgit.refusal f
  LEFT JOIN lgit.rule r ON r.code = f.code;
COMMENT ON VIEW lgit.refused_attempts IS
  'Refused attempts with the article of each rule, for the authority and audit (Art 51); a unit sees none.';

CREATE FUNCTION lgit.refusal_log_status(OUT mode text, OUT database text, OUT ring_size int,
                                        OUT queued bigint, OUT written bigint, OUT dropped bigint)
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_refusal_log_status';
COMMENT ON FUNCTION lgit.refusal_log_status() IS
  'Where refusals go: mode table (lgit preloaded with lgit.refusal_log_database set: queued in shared memory, written to lgit.refusal of database) or log (the fallback: one "lgit refusal:" line in the server log each). ring_size, queued, written and dropped count since the server started; dropped were not kept.';
