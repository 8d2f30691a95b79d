-- lgit installs with CREATE EXTENSION and brings its catalogs: the stages of the lifecycle,
-- the stage graph, the rule catalog, the policy in force and the articles of the measures.
CREATE EXTENSION lgit CASCADE;

-- The stages, in lifecycle order, with their labels.
SELECT stage, label_zh, label_en, entered_by, article FROM lgit.stage_info ORDER BY stage;

-- The stage graph: every permitted change of stage, who makes it and under which article.
SELECT from_stage, to_stage, capacities, kind, condition, origin_of, reason_required, article
FROM lgit.stage_edge
ORDER BY kind <> 'forward', from_stage, to_stage;

-- Every rule code of doc/lgit.md §4, with its severity and titles.
SELECT code, article, severity, title_en FROM lgit.rule ORDER BY code;

-- Policy in force, and the dates it is in force.
SELECT p.key, p.value, p.in_force, k.unit, k.article
FROM lgit.policy p JOIN lgit.policy_key k USING (key) ORDER BY (regexp_match(k.article, '[0-9]+'))[1]::int, p.key;

-- All 55 articles are loaded; every rule quotes its articles verbatim (…… marks an omission).
SELECT count(*) AS articles, min(article_no), max(article_no) FROM lgit.article;
SELECT r.code, piece
FROM lgit.rule r,
     regexp_split_to_table(regexp_replace(r.quote_zh, '第[一二三四五六七八九十]+条：', '', 'g'), '……|\n') AS piece
WHERE piece <> ''
  AND NOT EXISTS (SELECT FROM lgit.article a
                  WHERE a.article_no = ANY (r.article_nos) AND strpos(a.text_zh, piece) > 0);

-- Every table, view, type and function of the schema says what it is.
SELECT c.relname AS undocumented_relation
FROM pg_class c
WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind IN ('r', 'v')
  AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT t.typname AS undocumented_type
FROM pg_type t
WHERE t.typnamespace = 'lgit'::regnamespace AND t.typtype = 'e'
  AND obj_description(t.oid, 'pg_type') IS NULL;
SELECT p.proname AS undocumented_function
FROM pg_proc p
WHERE p.pronamespace = 'lgit'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL;
