-- Behind a pooler in transaction mode one server session serves many clients in turn, so a
-- setting left by one transaction must not speak for the next.  lgit.reason counts only in
-- the transaction that set it; with lgit.actor_scope = transaction, so does lgit.actor.
-- (test/pooled_connections.sh shows the same through a real pgbouncer.)
\set p '(SELECT project_id FROM lgit.project WHERE code = ''TS-001'')'
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('TS-A', '设置测试街道', 'street');
INSERT INTO lgit.actor (actor_name, unit_id, capacity) SELECT 'ts_unit', unit_id, 'unit' FROM lgit.unit WHERE code = 'TS-A';
SET lgit.actor = 'ts_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
SELECT 'TS-001', '设置测试项目', unit_id, 'application', 'new', 2027, 8000000 FROM lgit.unit WHERE code = 'TS-A';
SELECT lgit_test.file_complete_evidence(:p);
SELECT to_stage FROM lgit.advance(:p, 'proposed');

-- A reason set for the session in one transaction ...
SET lgit.actor = 'zsj_chen';
SET lgit.reason = '上一个事务的理由';
-- ... is no reason for a return in the next one: LG003, and nothing is written.  (Terse
-- here and below: the details name the project's id.)
\set VERBOSITY terse
UPDATE lgit.project SET stage = 'draft' WHERE project_id = :p;
\set VERBOSITY default
SELECT stage FROM lgit.project WHERE project_id = :p;
-- lgit.blockers() says the same.
SELECT code, message FROM lgit.blockers(:p, 'draft');
-- Set in the transaction of the change (SET LOCAL, or set_config(…, true) with a parameter),
-- it is the reason sealed into history.
BEGIN;
SELECT set_config('lgit.reason', '本事务的理由', true);
UPDATE lgit.project SET stage = 'draft' WHERE project_id = :p;
COMMIT;
SELECT to_stage, reason FROM lgit.history WHERE project_id = :p ORDER BY seq DESC LIMIT 1;
-- The session's stale reason is not recorded with a move that needs none either.
SET lgit.actor = 'ts_unit';
SELECT to_stage, reason FROM lgit.advance(:p, 'proposed');
-- A session-level SET in the transaction of the change counts there, and only there.
BEGIN;
SET lgit.actor = 'zsj_chen';
SET lgit.reason = '同一事务内的会话级设置';
UPDATE lgit.project SET stage = 'draft' WHERE project_id = :p;
COMMIT;
SELECT to_stage, reason FROM lgit.history WHERE project_id = :p ORDER BY seq DESC LIMIT 1;
SET lgit.actor = 'ts_unit';
SELECT to_stage FROM lgit.advance(:p, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT code FROM lgit.blockers(:p, 'draft');
RESET lgit.reason;

-- lgit.actor_scope is a superuser's (or a granted role's) setting ...
CREATE ROLE regress_ts_app IN ROLE lgit_app;
SET ROLE regress_ts_app;
SET lgit.actor_scope = 'transaction';
RESET ROLE;
DROP ROLE regress_ts_app;
SHOW lgit.actor_scope;
-- ... and with it set to transaction, a person named in an earlier transaction is not the
-- person acting now (LG001), for reads as for writes.
SET lgit.actor_scope = 'transaction';
SET lgit.actor = 'ts_unit';
SELECT actor FROM lgit.current_actor();
UPDATE lgit.project SET name = '改名' WHERE project_id = :p;
-- Named in the transaction, the person acts there ...
BEGIN;
SELECT set_config('lgit.actor', 'ts_unit', true);
SELECT actor, capacity FROM lgit.current_actor();
SELECT count(*) AS sees_own_project FROM lgit.project WHERE project_id = :p;
COMMIT;
-- ... and not after it.
SELECT actor FROM lgit.current_actor();
-- Not naming anyone is acting as oneself, as ever.
RESET lgit.actor;
SELECT actor FROM lgit.current_actor();
RESET lgit.actor_scope;
-- With the default scope, session, a person named once acts until changed.
SET lgit.actor = 'ts_unit';
SELECT actor FROM lgit.current_actor();
RESET lgit.actor;

-- Settings given before lgit was loaded into the session (a pooled session lgit has not served
-- yet) are judged the same way when it loads: set in this transaction, they count ...
\c
BEGIN;
SET LOCAL lgit.actor = 'zsj_chen';
SET LOCAL lgit.reason = '加载 lgit 的事务里给出的理由';
SELECT code FROM lgit.blockers(:p, 'draft');
COMMIT;
-- ... set in an earlier one, they do not.
\c
SET lgit.reason = '加载 lgit 之前的事务里给出的理由';
BEGIN;
SET LOCAL lgit.actor = 'zsj_chen';
SELECT code, message FROM lgit.blockers(:p, 'draft');
COMMIT;

-- Two-phase commit: a move in a prepared transaction is on record once it commits ...
BEGIN;
SET LOCAL lgit.actor = 'zsj_chen';
SET LOCAL lgit.reason = '两阶段提交的退回';
UPDATE lgit.project SET stage = 'draft' WHERE project_id = :p;
PREPARE TRANSACTION 'lgit_two_phase';
COMMIT PREPARED 'lgit_two_phase';
SELECT stage FROM lgit.project WHERE project_id = :p;
SELECT to_stage, reason FROM lgit.history WHERE project_id = :p ORDER BY seq DESC LIMIT 1;
-- ... and one rolled back after preparing leaves nothing.
BEGIN;
SET LOCAL lgit.actor = 'ts_unit';
SELECT to_stage FROM lgit.advance(:p, 'proposed');
PREPARE TRANSACTION 'lgit_two_phase_undone';
ROLLBACK PREPARED 'lgit_two_phase_undone';
SELECT stage FROM lgit.project WHERE project_id = :p;
SELECT count(*) AS broken_chains FROM lgit.verify();

-- A move refused half way through writing its history (here by a trigger on the head), inside a
-- savepoint: the savepoint undoes it, and the transaction goes on and commits cleanly.
CREATE FUNCTION pg_temp.refuse_head_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lgit_test.refuse_head', true) = 'on' THEN
    RAISE EXCEPTION 'refused while the head moved';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER regress_refuse_head_move AFTER UPDATE OF seq ON lgit.history_head
  FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse_head_move();
BEGIN;
SET LOCAL lgit.actor = 'ts_unit';
SELECT to_stage FROM lgit.advance(:p, 'proposed');
SAVEPOINT before_return;
SET LOCAL lgit.actor = 'zsj_chen';
SET LOCAL lgit_test.refuse_head = 'on';
SELECT to_stage FROM lgit.advance(:p, 'draft', '退回后再退回');
ROLLBACK TO SAVEPOINT before_return;
SET LOCAL lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'draft', '退回');
COMMIT;
DROP TRIGGER regress_refuse_head_move ON lgit.history_head;
SELECT to_stage, reason FROM lgit.history WHERE project_id = :p ORDER BY seq DESC LIMIT 2;
SELECT count(*) AS broken_chains FROM lgit.verify();
