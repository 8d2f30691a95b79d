-- Gates read what the evidence concludes (Art 9-11, 21, 26-30, 34): the kinds that record a
-- decision or a test result, and the kinds added for Art 11 (the authority's review and the
-- expert review of the feasibility study), Art 29 (the handover audit, the off-the-shelf
-- exemption) and Art 33 (the phase exemption).
--
-- Documents registered under 0.1.0 keep their conclusion as it was.  One of an outcome kind
-- without a conclusion is "not stated": a gate counts it as not approving, so the next move
-- that needs it waits for an approving document, and lgit.check_project() / lgit.violations
-- report each past move that relied on it - what 0.1.0 let through shows after the update.
ALTER TABLE lgit.document_kind ADD COLUMN records_outcome boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN lgit.document_kind.records_outcome IS 'The kind records a decision or a test result (审议通过, 审核, 评审结论, 检测/测试/验收通过): every document of it states its conclusion, approved or rejected, and a gate that reads it requires the latest one (by issued_on, then registration order) to be approving.';
COMMENT ON COLUMN lgit.document.conclusion IS 'approved or rejected: required for the kinds that record an outcome (document_kind.records_outcome). The latest document of a kind (by issued_on, then document_id) is the one a gate reads, so a rejection followed by an approving re-test passes. NULL on such a kind (only rows kept from 0.1.0) means "not stated" and counts as not approving.';

INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('authority_feasibility_opinion', '区信息化主管部门审核意见（可行性研究报告）', 'authority''s review of the feasibility study', '11', '{authority}',  NULL),
('feasibility_expert_review',     '可行性研究报告专家评审结论',               'expert review conclusion on the feasibility study', '11', '{drc,expert}', NULL),
('handover_audit',                '业务数据共享和源代码移交审核意见',         'authority''s audit of the data sharing and source code handover', '29', '{authority}', NULL),
('source_code_exemption',         '源代码移交豁免意见（成品软件）',           'authority''s exemption from the source code upload (off-the-shelf product)', '29', '{authority}', NULL),
('phase_exemption',               '分期项目申报例外意见',                     'authority''s exemption for a next phase', '33', '{authority}', NULL);

UPDATE lgit.document_kind SET records_outcome = true
WHERE kind IN ('unit_leadership_minutes', 'leader_special_meeting_minutes', 'government_meeting_minutes',
               'authority_proposal_opinion', 'authority_feasibility_opinion', 'feasibility_expert_review',
               'expert_review_conclusion', 'authority_design_opinion', 'self_test_report',
               'expert_preliminary_acceptance_minutes', 'third_party_test_report', 'archive_acceptance',
               'security_test_report', 'handover_audit', 'expert_completion_minutes', 'industry_review');

CREATE FUNCTION lgit.document_outcome_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_document_outcome_guard';
COMMENT ON FUNCTION lgit.document_outcome_guard() IS
  'Trigger on lgit.document: a document of a kind that records an outcome (document_kind.records_outcome) states its conclusion, approved or rejected.';
CREATE TRIGGER document_outcome_guard
  BEFORE INSERT OR UPDATE OF kind, conclusion ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.document_outcome_guard();
REVOKE ALL ON FUNCTION lgit.document_outcome_guard() FROM PUBLIC;
