-- Indexes the report views read (87_ledgers.sql, 88_assessment.sql, 92_sharing_probe.sql), so
-- that each report stays under a second at 100,000 projects (bench/reports.bench.sh).  History
-- and document rows are wide (evidence, parts, hashes) and one kind of document lies on as many
-- pages as there are projects; each index carries, beside its keys, the columns the reports
-- read, so a report scans the index and not the rows.
--
-- A project's moves in order: its stage at a year's end (annual assessment).
CREATE INDEX history_report_idx ON lgit.history (project_id, seq)
  INCLUDE (to_stage, from_stage, changed_at, actor);
-- The moves out of the stages the authority holds a file in, each a review clock's (review
-- turnaround, 88_assessment.sql, which names the same stages): the move that ended a clock, and
-- who made it, found at once rather than by reading the project's whole history.
CREATE INDEX history_review_end_idx ON lgit.history (project_id, from_stage, seq)
  INCLUDE (changed_at, actor, to_stage)
  WHERE from_stage IN ('feasibility_submitted', 'design_submitted', 'design_prereviewed', 'final_accepted');
-- The moves into one stage, each project's together: the first day of each stage (project
-- register), the entries of a month (monthly stage entries), when construction began and
-- ended (unit deadlines), the expert reviews (review turnaround).
CREATE INDEX history_stage_idx ON lgit.history (to_stage, project_id) INCLUDE (changed_at, seq, project_unit_id);
-- The documents of one kind, each project's in the order of issue: the approved estimate, the
-- progress and performance reports, the completion report, the last handover, the conclusions.
CREATE INDEX document_report_idx ON lgit.document (kind, project_id, issued_on, document_id)
  INCLUDE (filed_on, accepted_on, amount, conclusion);
-- The estimates the DRC approved (a design approval, or a re-approval that states one), each
-- project's newest first: the approved estimate of every project in one pass, without a sort.
CREATE INDEX document_estimate_idx ON lgit.document (project_id, issued_on DESC, document_id DESC)
  INCLUDE (amount) WHERE kind IN ('drc_design_approval', 'reapproval') AND amount IS NOT NULL;
-- The completion reports with their numbers, for the Art 32 list (lgit.om_eligible).
CREATE INDEX document_completion_idx ON lgit.document (project_id, issued_on, document_id)
  INCLUDE (doc_number, filed_on) WHERE kind = 'completion_report';
