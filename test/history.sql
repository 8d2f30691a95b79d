-- pgTAP: the append-only, hash-chained history (doc/lgit.md §3) and lgit.verify().
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(20);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('HT-A', '历史测试街道', 'street'), ('HT-AUTH', '历史测试主管部门', 'authority'),
  ('HT-GOV', '历史测试区政府', 'government');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('ht_unit', 'HT-A', 'unit'), ('ht_authority', 'HT-AUTH', 'authority'),
             ('ht_leader', 'HT-GOV', 'leader')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

-- Twenty projects, moved back and forth: proposed, returned, proposed again, some terminated.
SET LOCAL lgit.actor = 'ht_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'HT-' || i, '历史测试' || i, unit_id, 'application', 'new', 1000000 * i
FROM lgit.unit, generate_series(1, 20) AS i WHERE code = 'HT-A';
SELECT count(lgit_test.file_complete_evidence(project_id)) FROM lgit.project WHERE code LIKE 'HT-%';
SET LOCAL lgit.actor = 'ht_unit';
SELECT count(lgit.advance(project_id, 'proposed')) FROM lgit.project WHERE code LIKE 'HT-%';
SET LOCAL lgit.actor = 'ht_authority';
SELECT count(lgit.advance(project_id, 'draft', '退回补充材料')) FROM lgit.project WHERE code LIKE 'HT-%';
SET LOCAL lgit.actor = 'ht_unit';
SELECT count(lgit.advance(project_id, 'proposed')) FROM lgit.project WHERE code LIKE 'HT-%';
SET LOCAL lgit.actor = 'ht_leader';
SELECT count(lgit.advance(project_id, 'terminated', '合并建设'))
FROM lgit.project WHERE code LIKE 'HT-%' AND substr(code, 4)::int % 4 = 0;
RESET lgit.actor;

SELECT is((SELECT count(*)::int FROM lgit.history h JOIN lgit.project p USING (project_id)
           WHERE p.code LIKE 'HT-%'), 20 * 4 + 5, 'one history row per creation and per move');
SELECT is((SELECT count(*)::int FROM lgit.history h
           WHERE seq > 1 AND prev_hash IS DISTINCT FROM
                 (SELECT row_hash FROM lgit.history g WHERE g.project_id = h.project_id AND g.seq = h.seq - 1)),
          0, 'every row is linked to the row before it');
SELECT is((SELECT count(DISTINCT row_hash)::int FROM lgit.history), (SELECT count(*)::int FROM lgit.history),
          'no two rows share a hash');
SELECT is((SELECT count(*)::int FROM lgit.history WHERE to_stage = 'draft' AND seq > 1 AND reason IS NULL),
          0, 'every return carries its reason');
SELECT is_empty('SELECT * FROM lgit.verify()', 'an honest database verifies');

-- Append-only for the owner ...
SELECT throws_ok('UPDATE lgit.history SET reason = NULL', 'LG002', NULL, 'the owner cannot update history');
SELECT throws_ok('DELETE FROM lgit.history', 'LG002', NULL, 'the owner cannot delete history');
SELECT throws_ok('TRUNCATE lgit.history', 'LG002', NULL, 'the owner cannot truncate history');
SELECT throws_ok($$INSERT INTO lgit.history (project_id, seq, to_stage, actor, capacity, actor_unit_id,
                   project_unit_id, changed_at, prev_hash, row_hash)
                   SELECT project_id, 100, 'completed', 'x', 'unit', unit_id, unit_id, now(), '\x00', '\x00'
                   FROM lgit.project LIMIT 1$$, 'LG002', NULL, 'the owner cannot forge history');
-- ... and for anyone else, with every privilege granted, acting as the authority (who sees
-- every row through row-level security).
CREATE ROLE regress_tap_clerk;
GRANT USAGE ON SCHEMA lgit TO regress_tap_clerk;
GRANT ALL ON lgit.history, lgit.project TO regress_tap_clerk;
SET LOCAL lgit.actor = 'ht_authority';
SET LOCAL ROLE regress_tap_clerk;
SELECT throws_ok('UPDATE lgit.history SET reason = NULL', 'LG002', NULL, 'another role cannot update history');
SELECT throws_ok('DELETE FROM lgit.history', 'LG002', NULL, 'another role cannot delete history');
SELECT throws_ok('TRUNCATE lgit.history', 'LG002', NULL, 'another role cannot truncate history');
SELECT throws_ok('DELETE FROM lgit.project', 'LG002', NULL, 'another role cannot delete projects');
SELECT throws_ok('ALTER TABLE lgit.history DISABLE TRIGGER USER', '42501', NULL,
                 'another role cannot disable the triggers');
RESET ROLE;
RESET lgit.actor;

-- What a superuser does with the triggers disabled, verify() finds.
SAVEPOINT tamper;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
UPDATE lgit.history SET actor = 'someone_else'
WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'HT-7') AND seq = 2;
SELECT results_eq(
  $$SELECT p.code, v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id)$$,
  $$VALUES ('HT-7', 2, 'row_hash does not match the row''s content')$$,
  'an edited actor breaks that row''s hash, and only that one');
ROLLBACK TO tamper;

SAVEPOINT tamper;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
DELETE FROM lgit.history
WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'HT-8') AND seq = 5;
SELECT results_eq(
  $$SELECT p.code, v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id)$$,
  $$VALUES ('HT-8', NULL::int, 'project is at stage terminated but its history ends at proposed'),
            ('HT-8', 5, 'history ends at seq 4 but its head is at seq 5: rows were removed from its end')$$,
  'removing the last row leaves the project ahead of its history, and the chain short of its head');
ROLLBACK TO tamper;

SAVEPOINT tamper;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
-- an impossible move written into the chain: draft -> completed
UPDATE lgit.history SET to_stage = 'completed'
WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'HT-9') AND seq = 2;
SELECT set_eq(
  $$SELECT v.seq, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id) WHERE p.code = 'HT-9'$$,
  $$VALUES (2, 'row_hash does not match the row''s content'),
           (2, 'draft -> completed is not an edge of the stage graph'),
           (3, 'starts from proposed but the previous row ended at completed')$$,
  'an impossible move is reported as such');
ROLLBACK TO tamper;

SAVEPOINT tamper;
ALTER TABLE lgit.project DISABLE TRIGGER USER;
UPDATE lgit.project SET stage = 'completed' WHERE code = 'HT-10';
INSERT INTO lgit.project (code, name, unit_id, category, build_type)
SELECT 'HT-GHOST', '无历史项目', unit_id, 'application', 'new' FROM lgit.unit WHERE code = 'HT-A';
SELECT set_eq(
  $$SELECT p.code, v.problem FROM lgit.verify() v JOIN lgit.project p USING (project_id)$$,
  $$VALUES ('HT-10', 'project is at stage completed but its history ends at proposed'),
           ('HT-GHOST', 'project has no history: it was written with lgit''s triggers disabled')$$,
  'stage changes and projects made with the triggers off are found');
ROLLBACK TO tamper;

SELECT is_empty('SELECT * FROM lgit.verify()', 'after the rollbacks the database verifies again');

-- The hash covers the content: the same move by another actor hashes differently.
SELECT isnt((SELECT row_hash FROM lgit.history h JOIN lgit.project p USING (project_id) WHERE p.code = 'HT-1' AND seq = 2),
            (SELECT row_hash FROM lgit.history h JOIN lgit.project p USING (project_id) WHERE p.code = 'HT-2' AND seq = 2),
            'rows of different projects never share a hash');

SELECT * FROM finish();
ROLLBACK;
