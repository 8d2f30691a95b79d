-- Art 9-11, 21, 26-30, 34: a document that records a decision or a test result states it.
-- The kinds are marked in lgit.document_kind.records_outcome; their conclusion is required
-- (approved or rejected), so a gate never reads "no answer" as a pass.  Documents kept from
-- 0.1.0 without one stay as they are and count as not approving (lgit.check_project() shows
-- the moves that relied on them).

CREATE FUNCTION lgit.document_outcome_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_document_outcome_guard';
COMMENT ON FUNCTION lgit.document_outcome_guard() IS
  'Trigger on lgit.document: a document of a kind that records an outcome (document_kind.records_outcome) states its conclusion, approved or rejected.';
CREATE TRIGGER document_outcome_guard
  BEFORE INSERT OR UPDATE OF kind, conclusion ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.document_outcome_guard();
