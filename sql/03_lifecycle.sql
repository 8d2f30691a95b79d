-- The lifecycle (doc/lgit.md §3): 龙城街道's 8,000,000 project walks from draft to completed, each
-- step made by the capacity the stage graph names.  lgit.advance() returns the history row.
\set project '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-001'')'
-- The evidence gates have scripts of their own (08-11); here the projects' evidence is complete.
SELECT count(lgit_test.file_complete_evidence(project_id)) AS with_evidence FROM lgit.project WHERE code IN ('LG-2027-001', 'LG-2027-002');

-- Art 10: the unit proposes, the authority reviews, the DRC establishes.
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'proposed');
-- Before trying, an application asks what stands in the way; as the unit, the next step is not its own.
SELECT code, article, message, hint FROM lgit.blockers(:project, 'proposal_approved');
SET lgit.actor = 'zsj_chen';
SELECT code, article, message, hint FROM lgit.blockers(:project, 'proposal_approved');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'established');

-- Art 11, 12: under 50,000,000 the project goes straight to the preliminary design.
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'design_prereviewed');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'design_reviewed');
SET lgit.actor = 'fgj_zhao';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'design_approved');

-- Art 16-27: procurement, contract, construction, self-test, trial operation, final acceptance.
-- A plain UPDATE is enforced exactly like lgit.advance().
SET lgit.actor = 'lc_wang';
UPDATE lgit.project SET stage = 'procurement' WHERE project_id = :project;
UPDATE lgit.project SET stage = 'contracted' WHERE project_id = :project;
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'construction');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'self_tested');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'trial_operation');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'final_accepted');

-- The unit cannot skip the authority's security test and handover audit (Art 28-30) ...
SELECT seq, from_stage, to_stage FROM lgit.advance(:project, 'completed');
-- ... nor run them itself (LG001).
SELECT seq, from_stage, to_stage FROM lgit.advance(:project, 'security_tested');
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'security_tested');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'handover_verified');
-- Art 30: the unit holds the completion acceptance, with the authority present.
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:project, 'completed');

-- completed is final: nothing leaves it, not even termination.
SET lgit.actor = 'qzf_lin';
SELECT seq, from_stage, to_stage FROM lgit.advance(:project, 'terminated', '不再需要');
SELECT code, message, hint FROM lgit.blockers(:project, 'terminated');

-- A jump that skips the reviews is refused with LG000, the full error naming the allowed steps.
SET lgit.actor = 'jyj_liu';

UPDATE lgit.project SET stage = 'construction' WHERE code = 'LG-2027-002';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- lgit.blockers() gives the same answer without trying, one row per unmet precondition.
SELECT code, article, message, facts, hint
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'), 'construction');
RESET lgit.actor;

-- The whole walk, as lgit.history keeps it.
SELECT seq, from_stage, to_stage, actor, capacity, reason, prev_hash IS NOT NULL AS chained
FROM lgit.history WHERE project_id = :project ORDER BY seq;
SELECT stage, count(*) FROM lgit.project GROUP BY stage ORDER BY stage;
