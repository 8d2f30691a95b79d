-- The lgit demo: a small Longgang sample, one project walked from draft to completed, a
-- refused jump with its full error, the history and the stage counts.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;

\echo '\n== Installing lgit'
CREATE EXTENSION lgit CASCADE;
SELECT extname, extversion FROM pg_extension WHERE extname = 'lgit';

\echo '\n== The sample: district bodies, streets, departments, and four projects'
\i demo/sample.sql
SELECT p.code, p.name, u.name_zh AS unit, p.total_investment, p.category, p.stage
FROM lgit.project p JOIN lgit.unit u USING (unit_id) ORDER BY p.code;
\echo 'LG-2027-004 (300,000, pure equipment purchase) is outside the measures (Art 2); the scope gate (LG020) comes with the pre-construction gates.'

\echo '\n== LG-2027-001, 8,000,000 (龙城街道): draft -> completed, each step by the capacity the measures name'
\set p1 '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-001'')'
SET lgit.actor = 'lc_wang';    SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'proposed');
SET lgit.actor = 'zsj_chen';   SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';   SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'established');
SET lgit.actor = 'lc_wang';    SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'design_submitted');
SET lgit.actor = 'zsj_chen';   SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'design_prereviewed');
                               SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'design_reviewed');
SET lgit.actor = 'fgj_zhao';   SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'design_approved');
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'procurement');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'contracted');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'construction');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'self_tested');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'trial_operation');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'final_accepted');
SET lgit.actor = 'zsj_chen';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'security_tested');
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'handover_verified');
SET lgit.actor = 'lc_wang';
SELECT seq, from_stage, to_stage, actor, capacity FROM lgit.advance(:p1, 'completed');

\echo '\n== LG-2027-003, 60,000,000 (区卫生健康局): at or over 50,000,000 the feasibility study is required (Art 11)'
\set p3 '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-003'')'
SET lgit.actor = 'wjj_huang';  SELECT to_stage FROM lgit.advance(:p3, 'proposed');
SET lgit.actor = 'zsj_chen';   SELECT to_stage FROM lgit.advance(:p3, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';   SELECT to_stage FROM lgit.advance(:p3, 'established');
SET lgit.actor = 'wjj_huang';
\echo 'What stands between it and the preliminary design?'
SELECT code, article, message, facts->>'total_investment' AS total,
       facts->>'feasibility_min_investment' AS threshold, hint
FROM lgit.blockers(:p3, 'design_submitted');

\echo '\n== A refused jump: 区教育局 tries to start construction of LG-2027-002 straight from draft'
SET lgit.actor = 'jyj_liu';
\set ON_ERROR_STOP off
\set VERBOSITY verbose
UPDATE lgit.project SET stage = 'construction' WHERE code = 'LG-2027-002';
\set VERBOSITY default
\set ON_ERROR_STOP on
\echo '... and 布吉街道 asks whether it may propose 区教育局''s project:'
SET lgit.actor = 'bj_li';
SELECT code, message, hint
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'), 'proposed');
RESET lgit.actor;

\echo '\n== The history of LG-2027-001 (append-only, hash-chained)'
SELECT seq, from_stage, to_stage, actor, capacity,
       to_char(changed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS changed_at_shenzhen,
       encode(substr(row_hash, 1, 6), 'hex') AS row_hash
FROM lgit.history WHERE project_id = :p1 ORDER BY seq;

\echo '\n== lgit.verify(): every chain replayed (no rows = nothing wrong)'
SELECT * FROM lgit.verify();

\echo '\n== Projects and money by stage'
SELECT p.stage, i.label_zh, count(*) AS projects, sum(p.total_investment) AS total_investment
FROM lgit.project p JOIN lgit.stage_info i USING (stage)
GROUP BY p.stage, i.label_zh ORDER BY p.stage;
