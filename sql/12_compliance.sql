-- lgit.check_project() and lgit.violations (doc/lgit.md §7): every rule a project breaks now.  Each
-- move of a project's history is judged again on the evidence on record and with the policy
-- in force on the day of the move.

-- On an honest database with complete evidence, nothing is broken.
SELECT count(*) AS projects, (SELECT count(*) FROM lgit.violations) AS violations FROM lgit.project;
SELECT * FROM lgit.check_project((SELECT project_id FROM lgit.project WHERE code = 'LG-PR-001'));

-- A threshold changed for the future does not re-judge projects already past it: the authority
-- lowers the special-meeting line to 5,000,000 from tomorrow; LG-PR-001 (9,999,999.99, proposed
-- without a special meeting) still complies.
\set today '(now() AT TIME ZONE ''Asia/Shanghai'')::date'
UPDATE lgit.policy SET in_force = daterange('2020-01-01', :today + 1) WHERE key = 'leader_meeting_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('leader_meeting_min_investment', 5000000, daterange(:today + 1, NULL), 'lowered (test)');
SELECT count(*) AS violations FROM lgit.check_project((SELECT project_id FROM lgit.project WHERE code = 'LG-PR-001'));
-- Changed back to a date before the proposal, the rule does apply to it - and check_project says so.
DELETE FROM lgit.policy WHERE note = 'lowered (test)';
UPDATE lgit.policy SET in_force = daterange('2020-01-01', '2026-01-01') WHERE key = 'leader_meeting_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('leader_meeting_min_investment', 5000000, daterange('2026-01-01', NULL), 'lowered (test)');
SELECT project_code, code, article, severity, message, facts->>'leader_meeting_min_investment' AS threshold
FROM lgit.violations ORDER BY project_code;
DELETE FROM lgit.policy WHERE note = 'lowered (test)';
UPDATE lgit.policy SET in_force = daterange('2020-01-01', NULL) WHERE key = 'leader_meeting_min_investment';

-- What goes around the triggers shows: a relied-on document removed and a responsible person
-- cleared by a superuser with the triggers disabled.
BEGIN;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
ALTER TABLE lgit.project DISABLE TRIGGER USER;
DELETE FROM lgit.document WHERE doc_number = '深龙城办〔2026〕25号';
UPDATE lgit.project SET responsible_person = NULL WHERE code = 'LG-PR-001';
SELECT code, article, severity, message FROM lgit.check_project((SELECT project_id FROM lgit.project WHERE code = 'LG-PR-001'));
ROLLBACK;

-- Bad input.
SELECT * FROM lgit.check_project(NULL);
SELECT * FROM lgit.check_project(987654321);
