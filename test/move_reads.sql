-- pgTAP: what a move reads and locks by index, without a query (doc/performance.md "The checks
-- without SPI"), is what the queries it replaced read: the latest document of a kind by issue
-- date then registration, the parts it lacks in their order (kept per backend, reloaded when
-- lgit.document_part changes), one market quote per issuer (the first registered), the documents
-- hashed as verify() hashes them however far apart their ids lie, and the project a refused
-- advance() names.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
SELECT plan(13);

INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('MR-A', '读取测试街道', 'street'), ('MR-AUTH', '读取测试主管部门', 'authority'), ('MR-DRC', '读取测试发改', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('mr_unit', 'MR-A', 'unit'), ('mr_authority', 'MR-AUTH', 'authority'), ('mr_drc', 'MR-DRC', 'drc'))
     AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

-- A project with complete evidence (three quotes, by 报价单位1..3), established.
CREATE FUNCTION pg_temp.established(code text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE p bigint;
BEGIN
  PERFORM set_config('lgit.actor', 'mr_unit', true);
  INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
  SELECT established.code, '读取测试', unit_id, 'application', 'new', 2000000 FROM lgit.unit WHERE unit.code = 'MR-A'
  RETURNING project_id INTO p;
  PERFORM lgit_test.file_complete_evidence(p);
  PERFORM set_config('lgit.actor', 'mr_unit', true);
  PERFORM lgit.advance(p, 'proposed');
  PERFORM set_config('lgit.actor', 'mr_authority', true);
  PERFORM lgit.advance(p, 'proposal_approved');
  PERFORM set_config('lgit.actor', 'mr_drc', true);
  PERFORM lgit.advance(p, 'established');
  PERFORM set_config('lgit.actor', 'mr_unit', true);
  RETURN p;
END $$;

SELECT pg_temp.established('MR-1') AS p1 \gset
SET LOCAL lgit.actor = 'mr_unit';
-- A second quote by an issuer already quoting (registered later: not the one relied on), a
-- quote by an issuer sorting first, and a design registered later but issued earlier, lacking
-- its parts (not the latest: the complete one stays the one judged).
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256) VALUES
  (:p1, 'market_quote', '设备报价清单（更新）', '报价单位2', date '2026-02-01', sha256('mr-q2b'::bytea)),
  (:p1, 'market_quote', '设备报价清单', '报价单位0', date '2026-02-01', sha256('mr-q0'::bytea));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:p1, 'preliminary_design', 'MR-D-OLD', '初步设计（旧稿）', '测试出具单位', true, date '2025-12-01',
        sha256('mr-d-old'::bytea), ARRAY['equipment_purchase']);

SELECT is((SELECT evidence FROM lgit.advance(:p1, 'design_submitted')),
          ARRAY(SELECT id FROM (
                  (SELECT document_id FROM lgit.document WHERE project_id = :p1 AND kind = 'preliminary_design'
                   ORDER BY issued_on DESC, document_id DESC LIMIT 1)
                  UNION
                  (SELECT DISTINCT ON (issuer) document_id FROM lgit.document
                   WHERE project_id = :p1 AND kind = 'market_quote' ORDER BY issuer, document_id)) AS d(id)
                ORDER BY id),
          'the submission relies on the latest design and on the first quote of each of the four issuers');
SELECT is((SELECT cardinality(evidence) FROM lgit.history WHERE project_id = :p1 ORDER BY seq DESC LIMIT 1), 5,
          'one design and four quotes: the second quote of 报价单位2 is not relied on');
-- In READ COMMITTED the project's row lock, held to the commit, holds what the move relied on
-- (every guarded writer takes it first): the documents are not locked one by one. Under
-- REPEATABLE READ they are (specs/evidence_race.spec).
SELECT is((SELECT count(*) FROM lgit.document d
           JOIN (SELECT evidence FROM lgit.history WHERE project_id = :p1 ORDER BY seq DESC LIMIT 1) h
             ON d.document_id = ANY (h.evidence)
           WHERE d.xmax <> '0'),
          0::bigint, 'in READ COMMITTED the submission writes no lock on the five documents it relied on');

-- The latest design by issue date lacks parts: the refusal lists them in the order of the article.
SELECT pg_temp.established('MR-2') AS p2 \gset
SET LOCAL lgit.actor = 'mr_unit';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:p2, 'preliminary_design', 'MR-D-NEW', '初步设计（新稿）', '测试出具单位', true, date '2026-03-01',
        sha256('mr-d-new'::bytea), ARRAY['equipment_purchase']);
SELECT is((SELECT facts->>'problems' FROM lgit.blockers(:p2, 'design_submitted') WHERE code = 'LG120'),
          (SELECT '初步设计方案及概算缺少' || string_agg(label_zh, '、' ORDER BY ordinal)
           FROM lgit.document_part WHERE kind = 'preliminary_design' AND required AND part <> 'equipment_purchase'),
          'the latest design judged is the one issued last, its missing parts in their order');
SELECT throws_ok(format($$SELECT lgit.advance(%s, 'design_submitted')$$, :p2), 'LG120', NULL,
                 'the trigger refuses the submission on the same design');

-- The required parts are kept per backend: a part the owner adds, or makes optional, counts
-- from the next statement on (this backend judged designs above, so it holds a copy).
INSERT INTO lgit.document_part (kind, part, label_zh, label_en, required)
VALUES ('preliminary_design', 'mr_extra', '读取测试附加章节', 'extra chapter', true);
SELECT is((SELECT facts->>'problems' FROM lgit.blockers(:p2, 'design_submitted') WHERE code = 'LG120'),
          (SELECT '初步设计方案及概算缺少' || string_agg(label_zh, '、' ORDER BY ordinal)
           FROM lgit.document_part WHERE kind = 'preliminary_design' AND required AND part <> 'equipment_purchase'),
          'a required part added to lgit.document_part is missed from the next statement on');
SELECT ok((SELECT facts->>'problems' FROM lgit.blockers(:p2, 'design_submitted') WHERE code = 'LG120')
          LIKE '%读取测试附加章节', 'the added part is listed last, in its order');
UPDATE lgit.document_part SET required = false WHERE part = 'mr_extra';
SELECT ok((SELECT facts->>'problems' FROM lgit.blockers(:p2, 'design_submitted') WHERE code = 'LG120')
          NOT LIKE '%读取测试附加章节%', 'a part made optional is no longer missed');

-- A submission whose documents lie far apart (a quote registered after 40 other documents):
-- its sealed evidence hash is the one verify() computes from the documents.
SELECT pg_temp.established('MR-3') AS p3 \gset
SET LOCAL lgit.actor = 'mr_unit';
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
SELECT :p2, 'market_quote', '间隔报价' || i, '间隔单位' || i, date '2026-02-01', sha256(('mr-gap' || i)::bytea)
FROM generate_series(1, 40) AS i;
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
VALUES (:p3, 'market_quote', '设备报价清单', '报价单位9', date '2026-02-01', sha256('mr-q9'::bytea));
SELECT lgit.advance(:p3, 'design_submitted') \g /dev/null
SELECT is((SELECT (SELECT max(x) - min(x) FROM unnest(evidence) AS x) > 40 AND cardinality(evidence) = 5
           FROM lgit.history WHERE project_id = :p3 ORDER BY seq DESC LIMIT 1), true,
          'the submission relies on a quote registered more than 40 documents after the design');
SELECT is_empty(format('SELECT * FROM lgit.verify() WHERE project_id = %s', :p3),
                'verify() finds the evidence hash sealed for those documents');

-- advance() of a project already at the stage, or of none: refused as before.
SELECT throws_ok(format($$SELECT lgit.advance(%s, 'established')$$, :p2), 'LG000',
                 format('project %s is already at stage established', :p2),
                 'advance() to the stage the project is at is no edge');
SELECT throws_like($$SELECT lgit.advance(-1, 'proposed')$$, '%-1%', 'advance() of a project that is not there names it');
SELECT is((SELECT count(*) FROM lgit.history WHERE project_id = :p2), 4::bigint,
          'the refused moves wrote no history');

SELECT * FROM finish();
ROLLBACK;
