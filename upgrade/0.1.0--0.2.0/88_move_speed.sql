-- What a move reads, made cheaper: lgit.judged_fields() and who sees every unit as expressions
-- stored parsed (the links 88_1 and 88_2 to their schema files), the proposal date's index, and
-- the required parts of each kind kept per backend.

-- The day a project was proposed (or created), which thresholds judged at proposal are read
-- on: found at once, however long the history has grown.
CREATE INDEX history_proposal_idx ON lgit.history (project_id, seq) WHERE to_stage = 'proposed' OR seq = 1;

-- The required parts of each kind, kept per backend like the stage graph and the policy: a
-- change reloads every backend's copy (as 95_security.sql does for every cache invalidation:
-- always, and row by row in replica mode).
CREATE TRIGGER document_part_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.document_part
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
ALTER TABLE lgit.document_part ENABLE ALWAYS TRIGGER document_part_invalidate;
CREATE TRIGGER document_part_invalidate_applied AFTER INSERT OR UPDATE OR DELETE ON lgit.document_part
  FOR EACH ROW EXECUTE FUNCTION lgit.invalidate_cache();
ALTER TABLE lgit.document_part ENABLE REPLICA TRIGGER document_part_invalidate_applied;
