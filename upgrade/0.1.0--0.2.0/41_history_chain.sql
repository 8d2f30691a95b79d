-- History rows sealed with what the gates judged and the content of the documents relied on,
-- each chain's head, anchors, and re-approval (schema/50_history.sql, 62_history_chain.sql).
-- Rows written by 0.1.0 keep their hash format (hash_version 1) and verify as before; their
-- heads are the last rows as they stand.
ALTER TABLE lgit.history
  ADD COLUMN hash_version int,
  ADD COLUMN kind text,
  ADD COLUMN judged jsonb,
  ADD COLUMN evidence_hash bytea;
ALTER TABLE lgit.history DISABLE TRIGGER history_no_change;
UPDATE lgit.history SET hash_version = 1, kind = 'move';
ALTER TABLE lgit.history ENABLE TRIGGER history_no_change;
ALTER TABLE lgit.history
  ALTER COLUMN hash_version SET DEFAULT 1, ALTER COLUMN hash_version SET NOT NULL,
  ADD CONSTRAINT history_hash_version_check CHECK (hash_version IN (1, 2)),
  ALTER COLUMN kind SET DEFAULT 'move', ALTER COLUMN kind SET NOT NULL,
  ADD CONSTRAINT history_kind_check CHECK (kind IN ('move', 'reapproval'));
COMMENT ON COLUMN lgit.history.changed_at IS 'When the change was recorded (the clock at the write, never before the row it follows; rows written by lgit 0.1.0 carry their transaction''s start).';
COMMENT ON COLUMN lgit.history.hash_version IS 'Format of row_hash: 1 as written by lgit 0.1.0 (the row and prev_hash), 2 adds kind, judged and evidence_hash. Each row keeps the format it was sealed with.';
COMMENT ON COLUMN lgit.history.kind IS 'move: a change of stage (or the creation); reapproval: the approving body changed or confirmed what it had judged (lgit.reapprove()), the stage stays.';
COMMENT ON COLUMN lgit.history.judged IS 'The project''s fields the gates judged (lgit.judged_fields()) as this row saw them; after establishment they change only by re-approval (LG231). NULL on rows written by lgit 0.1.0.';
COMMENT ON COLUMN lgit.history.evidence_hash IS 'SHA-256 over the content of the documents relied on (number, title, issuer, dates, file hash, parts, conclusion, amount), so a document changed afterwards shows in lgit.verify(). NULL on rows written by lgit 0.1.0.';

-- What the gates judged of a project: its money by source, what it is, its plan and its
-- previous phase.  Sealed into each history row; after establishment only lgit.reapprove()
-- changes them (LG231).
CREATE FUNCTION lgit.judged_fields(p lgit.project) RETURNS jsonb
  LANGUAGE sql STABLE
  AS $$
  SELECT jsonb_build_object(
    'category', p.category, 'build_type', p.build_type, 'custom_development', p.custom_development,
    'superior_funded', p.superior_funded, 'plan_year', p.plan_year,
    'special_plan_id', p.special_plan_id, 'previous_phase_id', p.previous_phase_id,
    'fund_general_budget', p.fund_general_budget, 'fund_government_bonds', p.fund_government_bonds,
    'fund_unit_self_raised', p.fund_unit_self_raised, 'fund_other_government', p.fund_other_government,
    'fund_superior', p.fund_superior, 'fund_social_capital', p.fund_social_capital)
  $$;
COMMENT ON FUNCTION lgit.judged_fields(lgit.project) IS
  'The fields of a project the gates judge (Art 2, 3, 8-14, 29, 33), as sealed in lgit.history.judged. After establishment they change only through lgit.reapprove() by the body that approved the project (LG231).';

-- The head of each project's chain: its last seq and row_hash, written by lgit with the row.
-- A row removed from the end of a chain, or a chain re-sealed, no longer matches its head;
-- lgit.anchor() exports every head so a copy kept outside the database can catch the rest.
CREATE TABLE lgit.history_head (
  project_id  bigint PRIMARY KEY REFERENCES lgit.project,
  seq         int    NOT NULL CHECK (seq > 0),
  row_hash    bytea  NOT NULL,
  changed_at  timestamptz NOT NULL
);
COMMENT ON TABLE lgit.history_head IS
  'The last row of each project''s history chain (seq, row_hash), maintained by lgit as it appends; lgit.verify() checks each chain ends at its head. Nobody else writes it (LG002).';

INSERT INTO lgit.history_head (project_id, seq, row_hash, changed_at)
SELECT DISTINCT ON (project_id) project_id, seq, row_hash, changed_at
FROM lgit.history ORDER BY project_id, seq DESC;

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

COMMENT ON FUNCTION lgit.verify() IS
  'Replays every project''s history: reports each row whose hash or chain link does not match, whose change is not an edge of the stage graph or was made in a capacity the edge does not allow, whose relied-on documents changed since it was sealed or which was recorded before the row it follows, each chain that does not end at its head (lgit.history_head), and each project whose stage differs from its history. Empty on an honest database.';

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

-- What schema/90_privileges.sql and 95_security.sql give every new relation and function.
GRANT EXECUTE ON FUNCTION lgit.reapprove(bigint, jsonb, text, text) TO lgit_drc, lgit_authority;
REVOKE ALL ON lgit.history_head FROM PUBLIC;
GRANT SELECT ON lgit.history_head
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE ALL ON FUNCTION lgit.judged_fields(lgit.project), lgit.history_head_guard(), lgit.anchor(),
                       lgit.verify(jsonb), lgit.reapprove(bigint, jsonb, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.judged_fields(lgit.project), lgit.anchor(), lgit.verify(jsonb)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
ALTER FUNCTION lgit.judged_fields(lgit.project) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lgit.anchor() SET search_path = pg_catalog, pg_temp;
ALTER TABLE lgit.history_head ENABLE ROW LEVEL SECURITY;
CREATE POLICY unit_scope ON lgit.history_head
  USING (((SELECT a.capacity <> 'unit' FROM lgit.current_actor() a)
          OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE'))) OR project_id IN (SELECT project_id FROM lgit.project))
  WITH CHECK (((SELECT a.capacity <> 'unit' FROM lgit.current_actor() a)
          OR (SELECT pg_catalog.pg_has_role('lgit_reader', 'USAGE'))) OR project_id IN (SELECT project_id FROM lgit.project));
SELECT pg_catalog.pg_extension_config_dump('lgit.history_head', '');
