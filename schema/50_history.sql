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
  UNIQUE (project_id, seq),
  CHECK ((seq = 1) = (prev_hash IS NULL))
);
CREATE INDEX history_evidence_idx ON lgit.history USING gin (evidence);
COMMENT ON TABLE lgit.history IS
  'Append-only stage history: one row per stage change (seq 1 records the project''s creation). Written only by lgit''s trigger; nobody may update, delete or truncate it (LG002). lgit.verify() replays it.';
COMMENT ON COLUMN lgit.history.seq IS 'Position in the project''s chain, 1, 2, 3 … without gaps.';
COMMENT ON COLUMN lgit.history.from_stage IS 'Stage left; NULL on the row that records the project''s creation.';
COMMENT ON COLUMN lgit.history.actor IS 'The person who acted: lgit.actor asserted by a member of lgit_app, else session_user.';
COMMENT ON COLUMN lgit.history.capacity IS 'Capacity the actor acted in, from lgit.actor at the time.';
COMMENT ON COLUMN lgit.history.actor_unit_id IS 'Unit the actor acted for at the time.';
COMMENT ON COLUMN lgit.history.project_unit_id IS 'Unit that owned the project at the time.';
COMMENT ON COLUMN lgit.history.changed_at IS 'Transaction time of the change.';
COMMENT ON COLUMN lgit.history.evidence IS 'document_id of each lgit.document the change relied on; those documents can no longer be altered or removed.';
COMMENT ON COLUMN lgit.history.prev_hash IS 'row_hash of the previous row of the same project (NULL for seq 1).';
COMMENT ON COLUMN lgit.history.row_hash IS 'SHA-256 over this row''s content and prev_hash; see lgit.verify().';
