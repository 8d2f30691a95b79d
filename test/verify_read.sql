-- pgTAP: lgit.verify() reads the chains two ways and both say the same.  A caller who reads
-- history, projects and heads whole (here the superuser) gets them by index scans side by
-- side; a caller under row-level security (here the authority, through lgit_app) gets the
-- replay query.  The documents relied on are read by their key without SPI and must give the
-- digest the move sealed through SPI, whatever text they hold.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(9);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('VR-A', '校验读取街道', 'street'), ('VR-AUTH', '校验读取主管部门', 'authority'),
  ('VR-GOV', '校验读取区政府', 'government');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('vr_unit', 'VR-A', 'unit'), ('vr_authority', 'VR-AUTH', 'authority'),
             ('vr_leader', 'VR-GOV', 'leader')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

SET LOCAL lgit.actor = 'vr_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'VR-' || i, '校验读取' || i, unit_id, 'application', 'new', 1000000 * i + 0.25
FROM lgit.unit, generate_series(1, 8) AS i WHERE code = 'VR-A';
SELECT count(lgit_test.file_complete_evidence(project_id)) FROM lgit.project WHERE code LIKE 'VR-%';

-- Text the documents' fields print with quoting, escapes and wide characters, sealed as is.
SET LOCAL session_replication_role = replica;
UPDATE lgit.document d
SET title = E'标题 "引号", 反斜杠 \\ 与\t制表\n换行 {花括号}',
    parts = d.parts || ARRAY['a,b', 'with "quotes"', E'back\\slash', '{braces}', ' ', 'NULL', '']
FROM lgit.project p WHERE p.project_id = d.project_id AND p.code LIKE 'VR-%';
SET LOCAL session_replication_role = origin;

SET LOCAL lgit.actor = 'vr_unit';
SELECT count(lgit.advance(project_id, 'proposed')) FROM lgit.project WHERE code LIKE 'VR-%';
SET LOCAL lgit.actor = 'vr_authority';
SELECT count(lgit.advance(project_id, 'draft', '退回补充材料')) FROM lgit.project WHERE code LIKE 'VR-%';
SET LOCAL lgit.actor = 'vr_unit';
SELECT count(lgit.advance(project_id, 'proposed')) FROM lgit.project WHERE code LIKE 'VR-%';
SET LOCAL lgit.actor = 'vr_leader';
SELECT count(lgit.advance(project_id, 'terminated', '合并建设'))
FROM lgit.project WHERE code IN ('VR-4', 'VR-8');
RESET lgit.actor;

SELECT cmp_ok((SELECT count(*)::int FROM lgit.history h JOIN lgit.project p USING (project_id)
               WHERE p.code LIKE 'VR-%' AND h.hash_version = 2 AND cardinality(h.evidence) > 0
                 AND EXISTS (SELECT FROM lgit.document d WHERE d.document_id = ANY (h.evidence)
                             AND d.title LIKE '%引号%' AND '{braces}' = ANY (d.parts))),
              '>=', 8, 'sealed rows rely on documents with such text');
SELECT is_empty('SELECT * FROM lgit.verify()',
                'read by key without SPI, the documents give the digests sealed through SPI');

-- What verify() reports, in the order it reports it, as the superuser or as the authority.
CREATE ROLE regress_tap_verify_app IN ROLE lgit_app;
CREATE FUNCTION pg_temp.verify_report(actor text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  report text;
BEGIN
  IF actor IS NOT NULL THEN
    PERFORM set_config('lgit.actor', actor, true);
    PERFORM set_config('role', 'regress_tap_verify_app', true);
  END IF;
  SELECT string_agg(format('%s|%s|%s|%s', v.project_id, v.seq, v.history_id, v.problem), E'\n' ORDER BY n)
  INTO report FROM lgit.verify() WITH ORDINALITY AS v(project_id, seq, history_id, problem, n);
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN report;
END $$;
SELECT is(pg_temp.verify_report('vr_authority'), NULL, 'the replay query also finds nothing wrong');

-- Everything at once that a superuser can do around lgit with the triggers off.
SAVEPOINT tamper;
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE vr AS
SELECT p.code, p.project_id,
       (SELECT min(d.document_id) FROM lgit.document d WHERE d.project_id = p.project_id) AS first_doc
FROM lgit.project p WHERE p.code LIKE 'VR-%';
-- a document relied on edited, another removed
UPDATE lgit.document SET title = title || '（改）'
WHERE document_id = (SELECT min(e) FROM lgit.history h, unnest(h.evidence) e
                     WHERE h.project_id = (SELECT project_id FROM vr WHERE code = 'VR-1'));
DELETE FROM lgit.document
WHERE document_id = (SELECT max(e) FROM lgit.history h, unnest(h.evidence) e
                     WHERE h.project_id = (SELECT project_id FROM vr WHERE code = 'VR-2'));
-- evidence out of order and repeated; a document of another project; one that never was
UPDATE lgit.history SET evidence = ARRAY(SELECT e FROM unnest(evidence) e ORDER BY e DESC) || evidence[1:1]
WHERE project_id = (SELECT project_id FROM vr WHERE code = 'VR-3') AND seq = 2;
UPDATE lgit.history SET evidence = evidence || (SELECT first_doc FROM vr WHERE code = 'VR-6')
WHERE project_id = (SELECT project_id FROM vr WHERE code = 'VR-5') AND seq = 2;
UPDATE lgit.history SET evidence = evidence || 999999999999::bigint
WHERE project_id = (SELECT project_id FROM vr WHERE code = 'VR-5') AND seq = 4;
-- a row cut from the middle, a head moved, a project gone with its documents, a project
-- without history
DELETE FROM lgit.history WHERE project_id = (SELECT project_id FROM vr WHERE code = 'VR-6') AND seq = 3;
UPDATE lgit.history_head SET seq = seq + 1 WHERE project_id = (SELECT project_id FROM vr WHERE code = 'VR-7');
DELETE FROM lgit.document WHERE project_id = (SELECT project_id FROM vr WHERE code = 'VR-8');
DELETE FROM lgit.project WHERE code = 'VR-8';
INSERT INTO lgit.project (code, name, unit_id, category, build_type)
SELECT 'VR-GHOST', '无历史项目', unit_id, 'application', 'new' FROM lgit.unit WHERE code = 'VR-A';
SET LOCAL session_replication_role = origin;

SELECT results_eq(
  $$SELECT coalesce(p.code, 'VR-8'), v.seq, regexp_replace(v.problem, '[0-9]+', 'N', 'g')
    FROM lgit.verify() v LEFT JOIN lgit.project p USING (project_id)$$,
  $$VALUES ('VR-1', 2, 'the documents relied on (N, N) are not as they were when the row was sealed'),
           ('VR-1', 4, 'the documents relied on (N, N) are not as they were when the row was sealed'),
           ('VR-2', 2, 'documents relied on no longer exist: N'),
           ('VR-2', 4, 'documents relied on no longer exist: N'),
           ('VR-3', 2, 'row_hash does not match the row''s content'),
           ('VR-3', 2, 'documents relied on no longer exist: N, N'),
           ('VR-5', 2, 'row_hash does not match the row''s content'),
           ('VR-5', 2, 'the documents relied on (N, N, N) are not as they were when the row was sealed'),
           ('VR-5', 4, 'row_hash does not match the row''s content'),
           ('VR-5', 4, 'documents relied on no longer exist: N'),
           ('VR-6', 4, 'expected seq N here: rows are missing'),
           ('VR-6', 4, 'prev_hash does not match the previous row''s row_hash'),
           ('VR-6', 4, 'starts from draft but the previous row ended at proposed'),
           ('VR-7', 5, 'history ends at seq N but its head is at seq N: rows were removed from its end'),
           ('VR-8', 1, 'history row of a project that does not exist'),
           ('VR-8', 2, 'history row of a project that does not exist'),
           ('VR-8', 2, 'documents relied on no longer exist: N, N'),
           ('VR-8', 3, 'history row of a project that does not exist'),
           ('VR-8', 4, 'history row of a project that does not exist'),
           ('VR-8', 4, 'documents relied on no longer exist: N, N'),
           ('VR-8', 5, 'history row of a project that does not exist'),
           ('VR-8', 5, 'documents relied on no longer exist: N, N'),
           ('VR-GHOST', NULL, 'project has no history: it was written with lgit''s triggers disabled')$$,
  'every change is reported, in chain order');
CREATE TEMP TABLE reported AS SELECT pg_temp.verify_report() AS report;
SELECT is(pg_temp.verify_report('vr_authority'), (SELECT report FROM reported),
          'the replay query, under row-level security, reports the same, in the same order');
-- Without the indexes the scans walk, the superuser gets the replay query and the documents
-- through SPI, and the same report.
ALTER TABLE lgit.history DROP CONSTRAINT history_project_id_seq_key;
ALTER TABLE lgit.document DROP CONSTRAINT document_pkey CASCADE;
SELECT is(pg_temp.verify_report(), (SELECT report FROM reported),
          'the replay query and the documents read through SPI report the same');
ROLLBACK TO tamper;

-- Reading by index scans checks the caller's privileges as the query does.
CREATE ROLE regress_tap_verify_clerk;
GRANT USAGE ON SCHEMA lgit TO regress_tap_verify_clerk;
GRANT EXECUTE ON FUNCTION lgit.verify() TO regress_tap_verify_clerk;
GRANT SELECT ON lgit.history, lgit.history_head TO regress_tap_verify_clerk;
SET LOCAL ROLE regress_tap_verify_clerk;
SELECT throws_ok('SELECT * FROM lgit.verify()', '42501', 'permission denied for table project',
                 'a caller who may not read the projects is refused, as by the query');
RESET ROLE;
GRANT SELECT ON lgit.project TO regress_tap_verify_clerk;
SET LOCAL ROLE regress_tap_verify_clerk;
SELECT lives_ok('SELECT * FROM lgit.verify()', '... and reads them once granted');
SELECT is((SELECT count(*)::int FROM lgit.verify()), 0,
          '... as no unit: the project policy shows it nothing, so nothing is wrong');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
