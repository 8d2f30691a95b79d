-- What a move reads, made cheaper: lgit.judged_fields() and who sees every unit as expressions
-- stored parsed (the links 88_1 and 88_2 to their schema files), and the proposal date's index.

-- The day a project was proposed (or created), which thresholds judged at proposal are read
-- on: found at once, however long the history has grown.
CREATE INDEX history_proposal_idx ON lgit.history (project_id, seq) WHERE to_stage = 'proposed' OR seq = 1;
