-- The README's examples, run as written on the sample (demo/sample.sql) in a database of their
-- own, so that they cannot go stale: each is read from README.md (the block after its
-- <!-- example: NAME --> mark), so this output shows the README's text.  Their results hold
-- times and hashes, so only errors are shown (there must be none); the facts follow.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS lgit_readme;
CREATE DATABASE lgit_readme;
\c lgit_readme
SET client_min_messages = warning;
CREATE EXTENSION lgit CASCADE;
\o /dev/null
\set ECHO none
\i demo/sample.sql
\set ECHO all
\! awk -v name=application -f test/support/readme_example.awk README.md > results/readme_application.sql
\i results/readme_application.sql
\o
-- The application example made project 5, moved it to proposed and the authority returned it.
SELECT project_id, code, stage FROM lgit.project WHERE code = 'LG-2027-005';
SELECT seq, from_stage, to_stage, actor, capacity, reason, cardinality(evidence) AS documents
FROM lgit.history WHERE project_id = 5 ORDER BY seq;
RESET lgit.actor;
\o /dev/null
\! awk -v name=psql -f test/support/readme_example.awk README.md > results/readme_psql.sql
-- (the calendar's warning before its end depends on the day this runs: not shown)
SET client_min_messages = error;
\i results/readme_psql.sql
RESET client_min_messages;
\o
SELECT count(*) AS history_rows_not_verified FROM lgit.verify();
\c :regress_db
DROP DATABASE lgit_readme;
