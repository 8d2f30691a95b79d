-- History is append-only for everyone, the owner included (LG002), and lgit.verify()
-- finds what someone who went around the triggers changed.

-- The owner (this superuser) can neither rewrite, remove, forge nor truncate history ...
UPDATE lgit.history SET reason = '改写' WHERE seq = 1;
DELETE FROM lgit.history WHERE seq = 1;
TRUNCATE lgit.history;
INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity,
                          actor_unit_id, project_unit_id, changed_at, reason, prev_hash, row_hash)
SELECT project_id, 99, 'draft', 'completed', 'zsj_chen', 'authority', 1, 1, now(), NULL, '\x00', '\x00'
FROM lgit.project WHERE code = 'LG-2027-004';
-- ... nor delete a project or truncate the projects (they are terminated, not removed).
DELETE FROM lgit.project WHERE code = 'LG-2027-004';
TRUNCATE lgit.project CASCADE;

-- A role that is not the owner fares no better, even with every privilege granted and
-- registered as the authority (who sees every row through row-level security).
CREATE ROLE regress_clerk LOGIN;
GRANT USAGE ON SCHEMA lgit TO regress_clerk;
GRANT ALL ON lgit.history, lgit.project TO regress_clerk;
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT 'regress_clerk', unit_id, 'authority' FROM lgit.unit WHERE code = 'LGZSJ';
SET SESSION AUTHORIZATION regress_clerk;
UPDATE lgit.history SET reason = '改写' WHERE seq = 1;
DELETE FROM lgit.history WHERE seq = 1;
TRUNCATE lgit.history;
DELETE FROM lgit.project WHERE code = 'LG-2027-004';
-- Nor can it switch the triggers off: that takes ownership.
ALTER TABLE lgit.history DISABLE TRIGGER history_no_change;
SET session_replication_role = replica;
RESET SESSION AUTHORIZATION;

-- On an honest database every chain verifies.
SELECT count(*) AS history_rows FROM lgit.history;
SELECT * FROM lgit.verify();

-- A superuser who disables the triggers can edit rows; verify() names each one.
BEGIN;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
ALTER TABLE lgit.project DISABLE TRIGGER USER;
-- a reason rewritten after the fact
UPDATE lgit.history SET reason = '（已改写）'
WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002') AND seq = 3;
-- a capacity the edge does not allow
UPDATE lgit.history SET capacity = 'finance'
WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'LG-2027-001') AND seq = 3;
-- a row removed from the middle of a chain
DELETE FROM lgit.history
WHERE project_id = (SELECT project_id FROM lgit.project WHERE code = 'LG-F-AT') AND seq = 6;
-- a stage changed without any history
UPDATE lgit.project SET stage = 'completed' WHERE code = 'LG-2027-004';
SELECT p.code, v.seq, v.problem
FROM lgit.verify() v JOIN lgit.project p USING (project_id)
ORDER BY p.code, v.seq NULLS LAST, v.problem;
ROLLBACK;

-- Rolled back: the database verifies again.
SELECT * FROM lgit.verify();

DELETE FROM lgit.actor WHERE actor_name = 'regress_clerk';
DROP OWNED BY regress_clerk;
DROP ROLE regress_clerk;
