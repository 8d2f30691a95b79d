-- Guarding the chain's heads, anchoring them outside the database, and re-approval: the one
-- way a field the gates judged changes after establishment (Art 10-14, 23).

CREATE FUNCTION lgit.history_head_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_history_head_guard';
COMMENT ON FUNCTION lgit.history_head_guard() IS
  'Trigger on lgit.history_head: rows are written only by lgit as it appends history (LG002 otherwise).';
CREATE TRIGGER history_head_guard
  BEFORE INSERT OR UPDATE ON lgit.history_head
  FOR EACH ROW EXECUTE FUNCTION lgit.history_head_guard();
CREATE TRIGGER history_head_no_delete
  BEFORE DELETE ON lgit.history_head
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER history_head_no_truncate
  BEFORE TRUNCATE ON lgit.history_head
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

-- A receipt of every head: kept by the authority's logical-replication copy or printed daily,
-- and handed back to lgit.verify(anchor), it shows what no in-database check can: a project
-- removed with its whole history, a chain cut back together with its head, a chain rewritten
-- and re-sealed.  digest is SHA-256 over "project_id:seq:row_hash" lines in project order.
CREATE FUNCTION lgit.anchor(OUT taken_at timestamptz, OUT projects bigint, OUT digest text, OUT heads jsonb)
  LANGUAGE sql STABLE
  AS $$
  SELECT pg_catalog.clock_timestamp(), count(*),
         pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(coalesce(pg_catalog.string_agg(
           pg_catalog.format('%s:%s:%s', h.project_id, h.seq, pg_catalog.encode(h.row_hash, 'hex')),
           E'\n' ORDER BY h.project_id), ''), 'UTF8')), 'hex'),
         coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'project_id', h.project_id, 'seq', h.seq, 'row_hash', pg_catalog.encode(h.row_hash, 'hex'))
           ORDER BY h.project_id), '[]')
  FROM lgit.history_head h
  $$;
COMMENT ON FUNCTION lgit.anchor() IS
  'Every project''s history head (seq, row_hash) and a digest of them all, as of now. Keep it outside the database (a printed receipt of the digest, the heads in the authority''s copy) and pass it to lgit.verify(anchor) later.';

CREATE FUNCTION lgit.verify(anchor jsonb)
  RETURNS TABLE (project_id bigint, seq int, history_id bigint, problem text)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_verify_anchor';
COMMENT ON FUNCTION lgit.verify(jsonb) IS
  'lgit.verify(), and each head of an anchor taken by lgit.anchor() compared with the history now: a project anchored and missing, a chain shorter than its anchored head, a row whose hash differs from the anchored one. Also reports an anchor whose heads do not match its own digest.';

CREATE FUNCTION lgit.reapprove(project_id bigint, changes jsonb, doc_number text, reason text)
  RETURNS lgit.history
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_reapprove';
COMMENT ON FUNCTION lgit.reapprove(bigint, jsonb, text, text) IS
  'Re-approval (Art 10-14, 23) by the body that approved the project (the DRC; the authority for an Art 14 filing): applies changes to the fields lgit.judged_fields() lists (and approved_estimate, the new 总概算), registers the decision as a reapproval document numbered doc_number, and appends a history row of kind reapproval. changes = {} confirms the fields as they are.';
