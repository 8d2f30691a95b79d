-- Issue 9, class 11: what a superuser changes around the triggers, and what lgit.verify() sees
-- of it.  Each history row seals the content of the documents it relied on; each chain ends at
-- its head (lgit.history_head); lgit.anchor() exports every head, and lgit.verify(anchor)
-- compares a kept anchor with the history now.

SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
SELECT 'LG-VB-001', '龙城街道智慧停车平台', unit_id, 'application', 'new', 2027, 6000000
FROM lgit.unit WHERE code = 'LCJD';
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-VB-001'')'
SELECT lgit_test.file_complete_evidence(:p);
SELECT to_stage FROM lgit.advance(:p, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:p, 'established');
RESET lgit.actor;
SELECT h.seq, h.seq = hd.seq AND h.row_hash = hd.row_hash AS is_head
FROM lgit.history h JOIN lgit.history_head hd USING (project_id)
WHERE h.project_id = :p ORDER BY h.seq DESC LIMIT 1;
SELECT * FROM lgit.verify();

-- The authority keeps an anchor outside the database (its copy, a printed daily receipt).
CREATE TEMP TABLE receipt AS SELECT to_jsonb(a) AS anchor FROM lgit.anchor() a;
SELECT (anchor->>'projects')::int = (SELECT count(*) FROM lgit.history_head) AS every_head,
       length(anchor->>'digest') AS digest_hex_digits FROM receipt;
SELECT * FROM lgit.verify((SELECT anchor FROM receipt));

-- 1. The last row deleted and the stage set back: the chain is short of its head.
BEGIN;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
ALTER TABLE lgit.project DISABLE TRIGGER USER;
DELETE FROM lgit.history WHERE project_id = :p AND seq = 4;
UPDATE lgit.project SET stage = 'proposal_approved' WHERE project_id = :p;
SELECT p.code, v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;

-- 2. A relied-on document's content hash, title or issuer changed, or the document removed:
-- each is reported (document ids vary with the tests before this one).
BEGIN;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
UPDATE lgit.document SET content_sha256 = sha256('another file'::bytea)
WHERE project_id = :p AND kind = 'authority_proposal_opinion';
SELECT p.code, v.seq, regexp_replace(v.problem, '[0-9]+(, [0-9]+)*', '<document ids>') AS problem
FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;
BEGIN;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
UPDATE lgit.document SET title = '另一份意见' WHERE project_id = :p AND kind = 'drc_establishment_approval';
SELECT p.code, v.seq, regexp_replace(v.problem, '[0-9]+(, [0-9]+)*', '<document ids>') AS problem
FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;
BEGIN;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
UPDATE lgit.document SET issuer = '别的单位' WHERE project_id = :p AND kind = 'proposal';
SELECT p.code, v.seq, regexp_replace(v.problem, '[0-9]+(, [0-9]+)*', '<document ids>') AS problem
FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;
BEGIN;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
DELETE FROM lgit.document WHERE project_id = :p AND kind = 'unit_leadership_minutes';
SELECT p.code, v.seq, regexp_replace(v.problem, '[0-9]+(, [0-9]+)*', '<document ids>') AS problem
FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;

-- A head removed alone is missed.
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM lgit.history_head WHERE project_id = :p;
SELECT p.code, v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id);
ROLLBACK;

-- 3. The last row deleted together with its head: nothing in the database contradicts it any
-- more, and only the anchor shows it.
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM lgit.history WHERE project_id = :p AND seq = 4;
UPDATE lgit.history_head h SET seq = 3, row_hash = l.row_hash, changed_at = l.changed_at
FROM lgit.history l WHERE l.project_id = h.project_id AND l.seq = 3 AND h.project_id = :p;
UPDATE lgit.project SET stage = 'proposal_approved' WHERE project_id = :p;
SELECT * FROM lgit.verify();
SELECT v.seq, v.problem FROM lgit.verify((SELECT anchor FROM receipt)) v;
ROLLBACK;

-- 4. A whole project removed with its history and head: likewise.
BEGIN;
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE gone AS SELECT :p AS project_id;
DELETE FROM lgit.history_head WHERE project_id = (SELECT project_id FROM gone);
DELETE FROM lgit.history WHERE project_id = (SELECT project_id FROM gone);
DELETE FROM lgit.project WHERE project_id = (SELECT project_id FROM gone);
SELECT * FROM lgit.verify();
SELECT v.project_id = (SELECT project_id FROM gone) AS the_removed_project, v.seq, v.problem
FROM lgit.verify((SELECT anchor FROM receipt)) v;
ROLLBACK;

-- 5. A row rewritten and the chain re-sealed in plain SQL (the hash is no secret: this file
-- recomputes it), head included: likewise.
CREATE FUNCTION pg_temp.field(name text, value bytea) RETURNS bytea LANGUAGE sql AS
$$ SELECT convert_to(name || ':' || coalesce(length(value)::text, '-1') || ':', 'UTF8') || coalesce(value, '') $$;
CREATE FUNCTION pg_temp.reseal(h lgit.history) RETURNS bytea LANGUAGE sql AS $$
  SELECT sha256(pg_temp.field('format', 'lgit-history-2')
    || pg_temp.field('project_id', convert_to(h.project_id::text, 'UTF8'))
    || pg_temp.field('seq', convert_to(h.seq::text, 'UTF8'))
    || pg_temp.field('from_stage', convert_to(h.from_stage::text, 'UTF8'))
    || pg_temp.field('to_stage', convert_to(h.to_stage::text, 'UTF8'))
    || pg_temp.field('actor', convert_to(h.actor, 'UTF8'))
    || pg_temp.field('capacity', convert_to(h.capacity::text, 'UTF8'))
    || pg_temp.field('actor_unit_id', convert_to(h.actor_unit_id::text, 'UTF8'))
    || pg_temp.field('project_unit_id', convert_to(h.project_unit_id::text, 'UTF8'))
    || pg_temp.field('changed_at', convert_to(((extract(epoch FROM h.changed_at) * 1000000)::bigint
                                               - 946684800000000)::text, 'UTF8'))
    || pg_temp.field('reason', convert_to(h.reason, 'UTF8'))
    || pg_temp.field('evidence', convert_to(array_to_string(h.evidence, ','), 'UTF8'))
    || pg_temp.field('kind', convert_to(h.kind, 'UTF8'))
    || pg_temp.field('judged', convert_to(h.judged::text, 'UTF8'))
    || pg_temp.field('evidence_hash', h.evidence_hash)
    || pg_temp.field('prev_hash', h.prev_hash)) $$;
SELECT bool_and(pg_temp.reseal(h) = h.row_hash) AS reseals_as_lgit_seals
FROM lgit.history h WHERE h.hash_version = 2;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE lgit.history h SET actor = 'someone_else' WHERE project_id = :p AND seq = 4;
UPDATE lgit.history h SET row_hash = pg_temp.reseal(h) WHERE project_id = :p AND seq = 4;
UPDATE lgit.history_head hd SET row_hash = h.row_hash FROM lgit.history h
WHERE h.project_id = hd.project_id AND h.seq = 4 AND hd.project_id = :p;
SELECT * FROM lgit.verify();
SELECT v.seq, v.problem FROM lgit.verify((SELECT anchor FROM receipt)) v;
ROLLBACK;

-- A row re-sealed with a backdated time is still caught in the database: a move is never
-- recorded before the row it follows.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE lgit.history h SET changed_at = (SELECT g.changed_at - interval '1 second' FROM lgit.history g
                                        WHERE g.project_id = h.project_id AND g.seq = 3)
WHERE project_id = :p AND seq = 4;
UPDATE lgit.history h SET row_hash = pg_temp.reseal(h) WHERE project_id = :p AND seq = 4;
UPDATE lgit.history_head hd SET row_hash = h.row_hash FROM lgit.history h
WHERE h.project_id = hd.project_id AND h.seq = 4 AND hd.project_id = :p;
SELECT v.seq, v.problem FROM lgit.verify() v;
ROLLBACK;

-- An anchor must be one: its heads must give its digest, and it must have the right shape.
SELECT v.project_id, v.problem
FROM lgit.verify((SELECT jsonb_set(anchor, '{digest}', to_jsonb(repeat('0', 64))) FROM receipt)) v;
SELECT * FROM lgit.verify('[]');
SELECT * FROM lgit.verify('{"heads": [{"project_id": 1, "seq": 1, "row_hash": "xyz"}]}');
SELECT * FROM lgit.verify(NULL::jsonb);
-- Nobody but lgit moves a head.
UPDATE lgit.history_head SET seq = seq + 1 WHERE project_id = :p;
DELETE FROM lgit.history_head WHERE project_id = :p;

-- A re-approval is the act of the body that approved: a row re-sealed with another capacity is
-- still caught, by the replay.
SET lgit.actor = 'fgj_zhao';
SELECT seq, kind, capacity FROM lgit.reapprove(:p, '{}', '深龙发改确〔2026〕52号', '确认立项所审定的项目要素');
RESET lgit.actor;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE lgit.history h SET capacity = 'authority' WHERE project_id = :p AND seq = 5;
UPDATE lgit.history h SET row_hash = pg_temp.reseal(h) WHERE project_id = :p AND seq = 5;
UPDATE lgit.history_head hd SET row_hash = h.row_hash FROM lgit.history h
WHERE h.project_id = hd.project_id AND h.seq = 5 AND hd.project_id = :p;
SELECT v.seq, v.problem FROM lgit.verify() v;
ROLLBACK;
SELECT * FROM lgit.verify();
