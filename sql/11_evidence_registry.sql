-- The evidence registry (doc/lgit.md §6): a document number serves one project only, documents are
-- registered by those entitled to, and what a stage change relied on stays as it was (LG002).
\set pr1 '(SELECT project_id FROM lgit.project WHERE code = ''LG-PR-001'')'
\set bj '(SELECT project_id FROM lgit.project WHERE code = ''LG-BJ-001'')'

-- One approval cannot be the evidence of two projects.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:bj, 'authority_proposal_opinion', '深龙政数审〔2026〕44号', '审核意见', '区政务服务数据管理局',
        '2026-10-20', sha256('opinion 44'::bytea), 'approved');

-- A unit registers documents only for its own projects.
SET lgit.actor = 'bj_li';
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
VALUES (:pr1, 'market_quote', '报价', '丁科技公司', '2026-10-29', sha256('q5'::bytea));

-- Who registered a document is lgit's to record, whatever the writer claims.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256, registered_by)
VALUES (:pr1, 'market_quote', '交换机报价', '戊网络公司', '2026-11-01', sha256('q6'::bytea), 'zsj_chen');
SELECT issuer, registered_by FROM lgit.document WHERE issuer = '戊网络公司';

-- A document no stage change relied on may be corrected or withdrawn ...
UPDATE lgit.document SET title = '交换机报价（更正）' WHERE issuer = '戊网络公司';
DELETE FROM lgit.document WHERE issuer = '戊网络公司';
-- ... one that a change relied on is part of the record, for everyone.
SELECT h.seq, h.to_stage, d.kind, d.doc_number
FROM lgit.history h JOIN lgit.document d ON d.document_id = ANY (h.evidence)
WHERE h.project_id = :pr1 AND d.kind = 'proposal';
-- (terse: the facts name the document's and the history row's ids)
\set VERBOSITY terse
UPDATE lgit.document SET parts = '{}' WHERE doc_number = '深龙城办〔2026〕25号';
DELETE FROM lgit.document WHERE doc_number = '深龙城办〔2026〕25号';
RESET lgit.actor;
DELETE FROM lgit.document WHERE doc_number = '深龙城办〔2026〕25号';
\set VERBOSITY default
TRUNCATE lgit.document CASCADE;

-- The evidence a change relied on is inside the row's hash: rewriting it is found.
SELECT * FROM lgit.verify();
BEGIN;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
UPDATE lgit.history SET evidence = '{}' WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'LG-PR-001') AND to_stage = 'proposed';
SELECT p.code, v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;
