-- What an approval judged stays as it was judged (Art 10, 11, 13, 23).
-- The DRC's own acts are records: 立项批复, 可研批复 and 概算批复 with the approved estimate are
-- documents the DRC registers and its approving move relies on (LG135).  Each history row seals
-- the fields the gates judged; after establishment they change only by lgit.reapprove() from the
-- body that approved (LG231), and Art 23 holds contracts to the approved estimate (LG230).

SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
SELECT 'LG-AP-60M', '龙城街道城市运行指挥平台', unit_id, 'application', 'new', 2027, 60000000
FROM lgit.unit WHERE code = 'LCJD';
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-AP-60M'')'
-- Every document a gate reads, but not yet the DRC's own acts.
SELECT lgit_test.file_complete_evidence(:p);
SET lgit.actor = 'fgj_zhao';
DELETE FROM lgit.document WHERE project_id = :p AND kind LIKE 'drc\_%';
SET lgit.actor = 'lc_wang';
SELECT to_stage FROM lgit.advance(:p, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'proposal_approved');

-- Art 10: the DRC establishes by its 立项批复; without one on record the move is refused.
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:p, 'established');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_establishment_approval', '深龙发改立〔2026〕31号', '立项批复', '区发展和改革局', '2026-11-02',
        sha256('立项批复 31'::bytea));
SELECT to_stage, d.kind AS relied_on_drc_act
FROM lgit.advance(:p, 'established') h JOIN lgit.document d ON d.document_id = ANY (h.evidence) AND d.kind LIKE 'drc\_%';
-- The row seals what the gates judged.
SELECT judged->>'fund_general_budget' AS fund_general_budget, judged->>'category' AS category
FROM lgit.history WHERE project_id = :p ORDER BY seq DESC LIMIT 1;

-- Issue 9, class 3: the unit lowers the 60M project to 40M after establishment, to skip the
-- feasibility study - refused, alone or together with the move it was meant to open.
SET lgit.actor = 'lc_wang';
UPDATE lgit.project SET fund_general_budget = 40000000 WHERE project_id = :p;
UPDATE lgit.project SET fund_general_budget = 40000000, stage = 'design_submitted' WHERE project_id = :p;
-- ... and so is every other judged field; a field no gate judged is still the unit's to edit.
UPDATE lgit.project SET category = 'infrastructure', plan_year = 2028 WHERE project_id = :p;
UPDATE lgit.project SET name = '龙城街道城市运行指挥中心平台' WHERE project_id = :p;
SELECT stage, fund_general_budget, name FROM lgit.project WHERE project_id = :p;

-- Art 11: the 可研批复.
SELECT to_stage FROM lgit.advance(:p, 'feasibility_submitted');
SET lgit.actor = 'fgj_zhao';
SELECT code, message FROM lgit.blockers(:p, 'feasibility_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_feasibility_approval', '深龙发改可〔2026〕31号', '可行性研究报告批复', '区发展和改革局', '2026-11-09',
        sha256('可研批复 31'::bytea));
SELECT to_stage FROM lgit.advance(:p, 'feasibility_approved');

-- Art 12, 13: the 概算批复 states the approved estimate (总概算); without it, it is refused.
SET lgit.actor = 'lc_wang';
SELECT to_stage FROM lgit.advance(:p, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'design_prereviewed');
SELECT to_stage FROM lgit.advance(:p, 'design_reviewed');
SET lgit.actor = 'fgj_zhao';
\set VERBOSITY terse
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_design_approval', '深龙发改概〔2026〕31号', '初步设计及概算批复', '区发展和改革局', '2026-11-16',
        sha256('概算批复 31'::bytea));
\set VERBOSITY default
SELECT code, message FROM lgit.blockers(:p, 'design_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, amount)
VALUES (:p, 'drc_design_approval', '深龙发改概〔2026〕31号', '初步设计及概算批复', '区发展和改革局', '2026-11-16',
        sha256('概算批复 31'::bytea), 55000000);
SELECT to_stage FROM lgit.advance(:p, 'design_approved');

-- Re-approval (Art 13, 23) is the act of the body that approved: not the unit, not the authority.
SET lgit.actor = 'lc_wang';
SELECT seq FROM lgit.reapprove(:p, '{"fund_general_budget": 62000000}', '深龙发改调〔2026〕1号', '扩大建设范围');
SET lgit.actor = 'zsj_chen';
SELECT seq FROM lgit.reapprove(:p, '{"fund_general_budget": 62000000}', '深龙发改调〔2026〕1号', '扩大建设范围');
-- Bad input changes nothing.
SET lgit.actor = 'fgj_zhao';
SELECT seq FROM lgit.reapprove(:p, '{"total_investment": 62000000}', '深龙发改调〔2026〕1号', '扩大建设范围');
SELECT seq FROM lgit.reapprove(:p, '{"approved_estimate": -1}', '深龙发改调〔2026〕1号', '扩大建设范围');
SELECT seq FROM lgit.reapprove(:p, '{}', '深龙发改调〔2026〕1号', '  ');
SELECT seq FROM lgit.reapprove(:p, NULL, '深龙发改调〔2026〕1号', '扩大建设范围');
-- The DRC re-approves: the fields change, the decision is a document, history gets a row of its own kind.
SELECT seq, from_stage, to_stage, kind, capacity, reason, judged->>'fund_general_budget' AS fund_general_budget
FROM lgit.reapprove(:p, '{"fund_general_budget": 62000000, "approved_estimate": 58000000}', '深龙发改调〔2026〕1号', '扩大建设范围');
SELECT d.kind, d.doc_number, d.amount FROM lgit.document d
WHERE d.document_id = (SELECT evidence[1] FROM lgit.history WHERE project_id = :p ORDER BY seq DESC LIMIT 1);
SELECT stage, fund_general_budget, total_investment FROM lgit.project WHERE project_id = :p;

-- Art 23: contracts are held to the approved estimate (58,000,000), not to the total (62,000,000).
SET lgit.actor = 'lc_wang';
SELECT to_stage FROM lgit.advance(:p, 'procurement');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor,
                           supervisor_qualified, acceptance_clause, ownership_clause, warranty_months)
VALUES (:p, 'LCJD-HT-2026-031', '深圳市某数据技术有限公司', 10000000.01, '2026-11-20', '深圳市某监理公司',
        true, true, true, 24);
SELECT code, message, facts->>'contracts_total' AS contracts_total, facts->>'approved_estimate' AS approved_estimate
FROM lgit.blockers(:p, 'contracted');
-- One cent less, and the contracts fit the estimate.
UPDATE lgit.contract SET amount = 10000000.00 WHERE doc_number = 'LCJD-HT-2026-031';
SELECT code, message FROM lgit.blockers(:p, 'contracted');

-- lgit.check_project() sees fields changed around the triggers, against what the last approval saw.
-- (LG009, the calendar's own warning near the end of the loaded years, depends on the day this runs.)
SELECT * FROM lgit.check_project(:p) WHERE code <> 'LG009';
BEGIN;
ALTER TABLE lgit.project DISABLE TRIGGER USER;
UPDATE lgit.project SET fund_general_budget = 1, build_type = 'upgrade' WHERE project_id = :p;
SELECT code, message, facts->>'changed' AS changed FROM lgit.check_project(:p) WHERE code <> 'LG009';
ROLLBACK;
SELECT * FROM lgit.verify() WHERE project_id = :p;
