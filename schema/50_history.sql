-- The append-only stage history (doc/lgit.md §3), one hash chain per project.

CREATE TABLE lgit.history (
  history_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id      bigint NOT NULL REFERENCES lgit.project,
  seq             int    NOT NULL CHECK (seq > 0),
  from_stage      lgit.stage,
  to_stage        lgit.stage NOT NULL,
  actor           text   NOT NULL,
  capacity        lgit.capacity NOT NULL,
  actor_unit_id   int    NOT NULL,
  project_unit_id int    NOT NULL,
  changed_at      timestamptz NOT NULL,
  reason          text,
  evidence        bigint[] NOT NULL DEFAULT '{}',
  prev_hash       bytea,
  row_hash        bytea  NOT NULL,
  hash_version    int    NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2)),
  kind            text   NOT NULL DEFAULT 'move' CHECK (kind IN ('move', 'reapproval')),
  judged          jsonb,
  evidence_hash   bytea,
  UNIQUE (project_id, seq),
  CHECK ((seq = 1) = (prev_hash IS NULL))
);
CREATE INDEX history_evidence_idx ON lgit.history USING gin (evidence);
-- The day a project was proposed (or created), which thresholds judged at proposal are read
-- on (src/history.c, lgit_proposal_date): found at once, however long the history has grown.
CREATE INDEX history_proposal_idx ON lgit.history (project_id, seq) WHERE to_stage = 'proposed' OR seq = 1;
COMMENT ON TABLE lgit.history IS
  'Append-only stage history: one row per stage change (seq 1 records the project''s creation). Written only by lgit''s trigger; nobody may update, delete or truncate it (LG002). lgit.verify() replays it.';
COMMENT ON COLUMN lgit.history.seq IS 'Position in the project''s chain, 1, 2, 3 … without gaps.';
COMMENT ON COLUMN lgit.history.from_stage IS 'Stage left; NULL on the row that records the project''s creation.';
COMMENT ON COLUMN lgit.history.actor IS 'The person who acted: lgit.actor asserted by a member of lgit_app, else session_user.';
COMMENT ON COLUMN lgit.history.capacity IS 'Capacity the actor acted in, from lgit.actor at the time.';
COMMENT ON COLUMN lgit.history.actor_unit_id IS 'Unit the actor acted for at the time.';
COMMENT ON COLUMN lgit.history.project_unit_id IS 'Unit that owned the project at the time.';
COMMENT ON COLUMN lgit.history.changed_at IS 'When the change was recorded (the clock at the write, never before the row it follows; rows written by lgit 0.1.0 carry their transaction''s start).';
COMMENT ON COLUMN lgit.history.evidence IS 'document_id of each lgit.document the change relied on; those documents can no longer be altered or removed.';
COMMENT ON COLUMN lgit.history.prev_hash IS 'row_hash of the previous row of the same project (NULL for seq 1).';
COMMENT ON COLUMN lgit.history.row_hash IS 'SHA-256 over this row''s content and prev_hash; see lgit.verify().';
COMMENT ON COLUMN lgit.history.hash_version IS 'Format of row_hash: 1 as written by lgit 0.1.0 (the row and prev_hash), 2 adds kind, judged and evidence_hash. Each row keeps the format it was sealed with.';
COMMENT ON COLUMN lgit.history.kind IS 'move: a change of stage (or the creation); reapproval: the approving body changed or confirmed what it had judged (lgit.reapprove()), the stage stays.';
COMMENT ON COLUMN lgit.history.judged IS 'The project''s fields the gates judged (lgit.judged_fields()) as this row saw them; after establishment they change only by re-approval (LG231). NULL on rows written by lgit 0.1.0.';
COMMENT ON COLUMN lgit.history.evidence_hash IS 'SHA-256 over the content of the documents relied on (number, title, issuer, dates, file hash, parts, conclusion, amount), so a document changed afterwards shows in lgit.verify(). NULL on rows written by lgit 0.1.0.';

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
