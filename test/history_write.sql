-- pgTAP: the history row and head a move writes without a query (src/row_write.c,
-- lgit_history_append) are the rows an INSERT and an UPDATE would have written: the identity
-- from its sequence, judged_fields() of the project as written, the head moved with the chain,
-- and the table's own rules - its check constraints, its defaults, its triggers - applied,
-- also when they change in the middle of a session (the plans kept for them are dropped).
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(25);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('HW-A', '写入测试街道', 'street'), ('HW-AUTH', '写入测试主管部门', 'authority'), ('HW-DRC', '写入测试发改', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('hw_a', 'HW-A', 'unit'), ('hw_authority', 'HW-AUTH', 'authority'), ('hw_drc', 'HW-DRC', 'drc'))
     AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

SET LOCAL lgit.actor = 'hw_a';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'HW-1', '写入测试项目', unit_id, 'application', 'new', 3000000 FROM lgit.unit WHERE code = 'HW-A';
SELECT lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code = 'HW-1' \g /dev/null
SELECT lgit_test.walk_to(project_id, 'construction') FROM lgit.project WHERE code = 'HW-1' \g /dev/null
CREATE TEMP TABLE hw AS SELECT project_id FROM lgit.project WHERE code = 'HW-1';

-- The rows as written.
SELECT is((SELECT array_agg(seq ORDER BY history_id) = array_agg(seq ORDER BY seq) AND min(seq) = 1
                  AND max(seq) = count(*)
           FROM lgit.history WHERE project_id = (SELECT project_id FROM hw)),
          true, 'each move takes the next seq and the next history_id from the identity');
SELECT is((SELECT max(history_id) FROM lgit.history),
          pg_sequence_last_value(pg_get_serial_sequence('lgit.history', 'history_id')::regclass),
          'history_id is the identity sequence''s value, as an INSERT would take it');
SELECT is((SELECT h.judged FROM lgit.history h WHERE h.project_id = (SELECT project_id FROM hw) ORDER BY seq DESC LIMIT 1),
          (SELECT lgit.judged_fields(p) FROM lgit.project p WHERE p.project_id = (SELECT project_id FROM hw)),
          'judged is lgit.judged_fields() of the project as written');
SELECT is((SELECT (hh.seq, hh.row_hash, hh.changed_at)::text FROM lgit.history_head hh
           WHERE hh.project_id = (SELECT project_id FROM hw)),
          (SELECT (h.seq, h.row_hash, h.changed_at)::text FROM lgit.history h
           WHERE h.project_id = (SELECT project_id FROM hw) ORDER BY seq DESC LIMIT 1),
          'the head is the chain''s last row');
SELECT is((SELECT count(*) FROM lgit.verify()), 0::bigint, 'lgit.verify() replays the chain written');

-- lgit.advance() returns the row as it was written.
SET LOCAL lgit.actor = 'hw_authority';
CREATE TEMP TABLE returned AS SELECT a::text AS row FROM lgit.advance((SELECT project_id FROM hw), 'suspended', '写入测试暂停') a;
SELECT is((SELECT row FROM returned),
          (SELECT h::text FROM lgit.history h WHERE h.project_id = (SELECT project_id FROM hw) ORDER BY seq DESC LIMIT 1),
          'lgit.advance() returns the history row as stored');

-- One statement moving several projects: a row and a head each.  The writers it keeps open
-- for the rest of the transaction survive a statement that failed half way (its rows go with
-- it), and are closed before a utility statement: the ALTER TABLEs below run in this
-- transaction, after these moves.
SET LOCAL lgit.actor = 'hw_a';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'HW-B' || i, '写入测试批量项目' || i, unit_id, 'application', 'new', 3000000
FROM lgit.unit, generate_series(1, 4) AS i WHERE code = 'HW-A';
SELECT lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code LIKE 'HW-B%' \g /dev/null
SELECT lgit_test.walk_to(project_id, 'construction') FROM lgit.project WHERE code IN ('HW-B1', 'HW-B2', 'HW-B3') \g /dev/null
-- walked last, so that the statement below reaches it after the other three
SELECT lgit_test.walk_to(project_id, 'proposal_approved') FROM lgit.project WHERE code = 'HW-B4' \g /dev/null
SET LOCAL lgit.actor = 'hw_authority';
SET LOCAL lgit.reason = '批量暂停';
SELECT throws_ok($$UPDATE lgit.project SET stage = 'suspended' WHERE code LIKE 'HW-B%'$$, 'LG000', NULL,
                 'one project that may not move refuses the whole statement (HW-B4 is not established yet)');
SELECT is((SELECT count(*) FROM lgit.history h JOIN lgit.project p USING (project_id)
           WHERE p.code LIKE 'HW-B%' AND h.reason = '批量暂停'), 0::bigint,
          'and none of the rows it had appended stays');
UPDATE lgit.project SET stage = 'suspended' WHERE code IN ('HW-B1', 'HW-B2', 'HW-B3');
SELECT is((SELECT count(*) FROM lgit.history h JOIN lgit.project p USING (project_id)
           WHERE p.code LIKE 'HW-B%' AND h.reason = '批量暂停' AND h.to_stage = 'suspended'), 3::bigint,
          'the same statement without it appends a row for each of the three projects');
SELECT is((SELECT count(*) FROM lgit.history_head hh JOIN lgit.project p USING (project_id)
           WHERE p.code LIKE 'HW-B%'
             AND (hh.seq, hh.row_hash) = (SELECT h.seq, h.row_hash FROM lgit.history h
                                          WHERE h.project_id = hh.project_id ORDER BY seq DESC LIMIT 1)),
          4::bigint, 'each head is its chain''s last row');
SELECT is((SELECT count(*) FROM lgit.verify()), 0::bigint, 'and lgit.verify() replays every chain');
RESET lgit.reason;

-- judged_fields() replaced in this session: the next move seals the new definition.
CREATE OR REPLACE FUNCTION lgit.judged_fields(p lgit.project) RETURNS jsonb
  LANGUAGE sql STABLE
  RETURN jsonb_build_object('category', p.category, 'replaced_in_this_test', true);
SELECT lgit.advance(project_id, 'construction', '写入测试恢复') FROM hw \g /dev/null
SELECT is((SELECT h.judged FROM lgit.history h WHERE h.project_id = (SELECT project_id FROM hw) ORDER BY seq DESC LIMIT 1),
          '{"category": "application", "replaced_in_this_test": true}'::jsonb,
          'a judged_fields() replaced since the last move is the one a move seals');

-- A check constraint added to the history binds lgit's own appends.
ALTER TABLE lgit.history ADD CONSTRAINT history_write_test_reason CHECK (reason IS DISTINCT FROM '禁止的理由');
SELECT throws_ok($$SELECT lgit.advance(project_id, 'suspended', '禁止的理由') FROM hw$$, '23514', NULL,
                 'a check constraint of lgit.history refuses a row lgit appends');
SELECT is((SELECT stage::text FROM lgit.project WHERE project_id = (SELECT project_id FROM hw)), 'construction',
          'and the move it refused did not happen');
SELECT lives_ok($$SELECT lgit.advance(project_id, 'suspended', '允许的理由') FROM hw$$,
                'a row the constraint allows is appended');

-- A default added to the history fills the column lgit does not name.
ALTER TABLE lgit.history ADD COLUMN history_write_test_note text DEFAULT '默认值';
SELECT lgit.advance(project_id, 'construction', '写入测试恢复') FROM hw \g /dev/null
SELECT is((SELECT history_write_test_note FROM lgit.history WHERE project_id = (SELECT project_id FROM hw)
           ORDER BY seq DESC LIMIT 1), '默认值', 'a column lgit does not name takes its default');

-- The history's own triggers fire for lgit's append: one that refuses, added here, refuses.
CREATE FUNCTION pg_temp.refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history write test: refused by a trigger' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER history_write_test_refuse AFTER INSERT ON lgit.history
  FOR EACH ROW WHEN (NEW.reason = '由触发器拒绝') EXECUTE FUNCTION pg_temp.refuse_history();
SELECT throws_ok($$SELECT lgit.advance(project_id, 'suspended', '由触发器拒绝') FROM hw$$, 'P0001',
                 'history write test: refused by a trigger', 'an AFTER trigger on lgit.history fires for lgit''s append');
SELECT is((SELECT count(*) FROM lgit.history WHERE reason = '由触发器拒绝'), 0::bigint, 'and nothing of that move stays');

-- Statement triggers, and triggers on some columns only, fire as for an INSERT and an UPDATE.
CREATE FUNCTION pg_temp.refuse_when_asked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lgit_test.refuse', true) = TG_ARGV[0] THEN
    RAISE EXCEPTION 'history write test: refused by %', TG_ARGV[0] USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER history_write_test_statement AFTER INSERT ON lgit.history
  FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.refuse_when_asked('a statement trigger');
CREATE TRIGGER history_write_test_columns AFTER UPDATE OF seq ON lgit.history_head
  FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse_when_asked('a trigger on the head''s seq');
SET LOCAL lgit_test.refuse = 'a statement trigger';
SELECT throws_ok($$SELECT lgit.advance(project_id, 'suspended', '语句触发器') FROM hw$$, 'P0001',
                 'history write test: refused by a statement trigger',
                 'an AFTER INSERT statement trigger on lgit.history fires for lgit''s append');
SET LOCAL lgit_test.refuse = 'a trigger on the head''s seq';
SELECT throws_ok($$SELECT lgit.advance(project_id, 'suspended', '列触发器') FROM hw$$, 'P0001',
                 'history write test: refused by a trigger on the head''s seq',
                 'an UPDATE OF seq trigger on lgit.history_head fires when lgit moves the head');
RESET lgit_test.refuse;

-- Foreign keys: lgit leaves out only the check that its rows' project exists (the move holds
-- that project's row); a key to another table, or another column's key, is checked as for an
-- INSERT.  NOT VALID: the rows already there are not what this is about.
CREATE TABLE lgit_test.listed_project (project_id bigint PRIMARY KEY);
ALTER TABLE lgit.history ADD CONSTRAINT history_write_test_listed
  FOREIGN KEY (project_id) REFERENCES lgit_test.listed_project NOT VALID;
SELECT throws_ok($$SELECT lgit.advance(project_id, 'suspended', '未列入的项目') FROM hw$$, '23503', NULL,
                 'a foreign key of lgit.history''s project_id to another table refuses lgit''s append');
INSERT INTO lgit_test.listed_project SELECT project_id FROM hw;
SELECT lives_ok($$SELECT lgit.advance(project_id, 'suspended', '已列入的项目') FROM hw$$,
                'and lets it through once the key is there');
ALTER TABLE lgit.history DROP CONSTRAINT history_write_test_listed;
-- (no project has id -1)
ALTER TABLE lgit.history ADD COLUMN history_write_test_other_project bigint,
  ADD FOREIGN KEY (history_write_test_other_project) REFERENCES lgit.project NOT VALID,
  ALTER COLUMN history_write_test_other_project SET DEFAULT -1;
SELECT throws_ok($$SELECT lgit.advance(project_id, 'construction', '另一列的外键') FROM hw$$, '23503', NULL,
                 'a foreign key of another column of lgit.history to lgit.project is checked too');
ALTER TABLE lgit.history DROP COLUMN history_write_test_other_project;
SELECT is((SELECT count(*) FROM pg_constraint
           WHERE conrelid IN ('lgit.history'::regclass, 'lgit.history_head'::regclass) AND contype = 'f'
             AND confrelid = 'lgit.project'::regclass AND convalidated),
          2::bigint, 'the history''s and the head''s keys to lgit.project stay declared and valid');

-- Nobody else writes the history or its head.
SELECT throws_ok($$INSERT INTO lgit.history_head (project_id, seq, row_hash, changed_at)
                   SELECT project_id, 99, '\x00', now() FROM hw$$, 'LG002', NULL,
                 'the head is still written only by lgit');

SELECT * FROM finish();
ROLLBACK;
