-- pgTAP: every guarded table, as every capacity (issue 9, "what is true when this is done").
-- The tables are read from the catalogs: every table of lgit whose rows belong to a project, a
-- contract or a unit must be described in lgit.registry and guarded by lgit.registry_guard(),
-- so a registry added later is walked too.  For a row of each, owned by one unit's completed
-- project, each capacity (and the owning unit and another one) tries to give the row to another
-- owner, to change its kind, to delete it and to edit it; the expected outcome is worked out
-- here from the description (writers, append-only, what froze), independently of the guard.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir support/evidence.sql
\ir support/guard_world.sql

-- The tables whose rows belong to someone, from the foreign keys (but the project itself, the
-- actor registry, and the history with its heads and the probes' records, which only lgit's own
-- functions write).
CREATE TEMP TABLE owned AS
SELECT DISTINCT t.relname::text AS tbl
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE c.contype = 'f' AND c.connamespace = 'lgit'::regnamespace
  AND c.confrelid IN ('lgit.project'::regclass, 'lgit.contract'::regclass, 'lgit.unit'::regclass)
  AND c.conrelid NOT IN ('lgit.project'::regclass, 'lgit.history'::regclass, 'lgit.history_head'::regclass,
                         'lgit.sharing_probe'::regclass, 'lgit.actor'::regclass);

SELECT lgit_test.guard_world();
SELECT lgit_test.walk_to(project_id, 'completed') FROM lgit.project WHERE code = 'GW-PA';
SET lgit.actor = 'gw_a';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, 'progress_report', 'GW-WALK-PR', '进度月报', '守卫测试甲街道', '2026-02-01', sha256('walk'::bytea)
FROM lgit.project WHERE code = 'GW-PA';

-- One row of every registry for the completed project, put in as a restore would (replica
-- mode: no trigger) where the project's life did not write one.
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'data_sharing', '2025-01-01', '2025-02-01', '测试' FROM lgit.unit WHERE code = 'GW-A';
INSERT INTO lgit.payment_milestone SELECT contract_id, 'contracted', 1000 FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PA';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on)
SELECT contract_id, 'technology_update', '测试', 1000, '2026-02-01' FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PA';
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 1000, '2026-02-01' FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PA';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) SELECT project_id, 2027, 1000, '2026-12-01' FROM lgit.project WHERE code = 'GW-PA';
INSERT INTO lgit.final_accounts (project_id, report_doc_number, consultant) SELECT project_id, 'GW-WALK-JS', '造价公司' FROM lgit.project WHERE code = 'GW-PA';
INSERT INTO lgit.platform_connection (project_id, platform, connected_on) SELECT project_id, 'gov_cloud', '2026-02-01' FROM lgit.project WHERE code = 'GW-PA';
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount) SELECT project_id, 'other', '测试设备', 1000 FROM lgit.project WHERE code = 'GW-PA';
INSERT INTO lgit.om_list_sent (sent_on, project_id, project_code, project_name, unit_zh)
SELECT '2026-12-01', project_id, code, name, '守卫测试甲街道' FROM lgit.project WHERE code = 'GW-PA';
INSERT INTO lgit.rectification_order (unit_id, year, requirement, issued_on, due_on)
SELECT unit_id, 2026, '限期整改', '2026-11-02', '2026-11-30' FROM lgit.unit WHERE code = 'GW-A';
SET LOCAL session_replication_role = origin;

-- The rows walked: for each registry, each row of unit GW-A's project (or of GW-A itself) -
-- for documents one relied on and one not - with whether it froze, decided from the data.
CREATE TEMP TABLE sample (tbl text, row_ctid tid, frozen boolean, kind text, row_data jsonb);
DO $$
DECLARE
  r record;
  owner_value text;
BEGIN
  FOR r IN SELECT * FROM lgit.registry ORDER BY relname LOOP
    owner_value := CASE r.owner_column
      WHEN 'project_id' THEN (SELECT project_id::text FROM lgit.project WHERE code = 'GW-PA')
      WHEN 'contract_id' THEN (SELECT min(contract_id)::text FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PA')
      ELSE (SELECT unit_id::text FROM lgit.unit WHERE code = 'GW-A') END;
    EXECUTE format($q$
      INSERT INTO sample
      SELECT %1$L, t.ctid,
             %3$L::boolean
             OR (%4$L::boolean AND EXISTS (SELECT FROM lgit.history h WHERE h.evidence @> ARRAY[(to_jsonb(t) ->> 'document_id')::bigint]))
             OR (%5$L::boolean AND EXISTS (SELECT FROM lgit.contract c WHERE c.contract_id = (to_jsonb(t) ->> 'contract_id')::bigint AND c.filed_on IS NOT NULL))
             OR (%6$L::lgit.stage IS NOT NULL AND EXISTS (SELECT FROM lgit.history h WHERE h.project_id = (to_jsonb(t) ->> 'project_id')::bigint AND h.to_stage = %6$L::lgit.stage)),
             to_jsonb(t) ->> 'kind', to_jsonb(t)
      FROM lgit.%1$I t WHERE t.%2$I = %7$s
      ORDER BY (to_jsonb(t) ->> 'kind') = 'proposal' DESC, t.ctid
      LIMIT 1$q$,
      r.relname, r.owner_column, r.append_only, r.frozen_when_relied_on, r.frozen_when_filed, r.frozen_from, owner_value);
  END LOOP;
  -- a document nothing relied on, next to the one relied on
  INSERT INTO sample SELECT 'document', ctid, false, kind, to_jsonb(d) FROM lgit.document d WHERE doc_number = 'GW-WALK-PR';
END $$;

-- What each attempt writes, and what it is expected to meet.
CREATE TEMP TABLE attempt (tbl text, row_ctid tid, frozen boolean, actor text, capacity lgit.capacity,
                           op text, statement text, kind_after text, result text);
INSERT INTO attempt (tbl, row_ctid, frozen, actor, capacity, op, statement, kind_after)
SELECT s.tbl, s.row_ctid, s.frozen, a.actor_name, a.capacity, o.op,
       CASE o.op
         WHEN 'owner' THEN format('UPDATE lgit.%I SET %I = %s WHERE ctid = %L', s.tbl, r.owner_column,
                                  CASE r.owner_column
                                    WHEN 'project_id' THEN (SELECT project_id::text FROM lgit.project WHERE code = 'GW-PB')
                                    WHEN 'contract_id' THEN (SELECT min(contract_id)::text FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE p.code = 'GW-PB')
                                    ELSE (SELECT unit_id::text FROM lgit.unit WHERE code = 'GW-B') END, s.row_ctid)
         WHEN 'kind' THEN format('UPDATE lgit.%I SET kind = %L WHERE ctid = %L', s.tbl, k.other, s.row_ctid)
         WHEN 'delete' THEN format('DELETE FROM lgit.%I WHERE ctid = %L', s.tbl, s.row_ctid)
         ELSE format('UPDATE lgit.%I SET %I = %s WHERE ctid = %L', s.tbl, e.attname, e.expr, s.row_ctid) END,
       CASE WHEN o.op = 'kind' THEN k.other ELSE s.kind END
FROM sample s
JOIN lgit.registry r ON r.relname = s.tbl
CROSS JOIN (VALUES ('owner'), ('kind'), ('delete'), ('edit')) AS o(op)
CROSS JOIN lgit.actor a
LEFT JOIN LATERAL (
  SELECT CASE WHEN v.one = s.kind THEN v.two ELSE v.one END AS other
  FROM (VALUES ('document', 'proposal', 'progress_report'), ('sanction', 'security', 'data_sharing'),
               ('result', 'data', 'software'), ('equipment_purchase', 'network_device', 'other')) AS v(tbl, one, two)
  WHERE v.tbl = s.tbl) k ON true
-- the column an edit changes: the first that states nothing of its own (no key, owner, reference,
-- kind or another body's column), changed by its type
LEFT JOIN LATERAL (
  SELECT att.attname,
         CASE att.atttypid WHEN 'date'::regtype THEN format('%I - 1', att.attname)
                           WHEN 'boolean'::regtype THEN format('NOT %I', att.attname)
                           WHEN 'text'::regtype THEN format('%I || %L', att.attname, '（改）')
                           ELSE format('%I + 1', att.attname) END AS expr
  FROM pg_attribute att
  WHERE att.attrelid = ('lgit.' || s.tbl)::regclass AND att.attnum > 0 AND NOT att.attisdropped
    AND att.attgenerated = '' AND att.attidentity = ''
    AND att.atttypid IN ('date'::regtype, 'boolean'::regtype, 'text'::regtype, 'numeric'::regtype, 'integer'::regtype)
    AND att.attname NOT IN (r.owner_column, 'kind', 'registered_by', 'registered_at')
    AND NOT EXISTS (SELECT FROM lgit.registry_column rc WHERE rc.relname = s.tbl AND rc.attname = att.attname)
    AND NOT EXISTS (SELECT FROM pg_constraint pc WHERE pc.conrelid = att.attrelid AND pc.contype IN ('f', 'p', 'u')
                    AND att.attnum = ANY (pc.conkey))
  ORDER BY att.atttypid = 'text'::regtype, att.attnum LIMIT 1) e ON true
WHERE a.actor_name LIKE 'gw\_%' AND a.actor_name <> 'gw_h'
  AND (o.op <> 'kind' OR k.other IS NOT NULL)
  AND (o.op <> 'edit' OR e.attname IS NOT NULL);

UPDATE attempt SET result = lgit_test.attempt(actor, statement);
RESET lgit.actor;

-- The expectation, from the description alone.
CREATE TEMP VIEW judged AS
SELECT t.*,
       t.frozen
       OR NOT (t.capacity = ANY (coalesce((SELECT k.registered_by FROM lgit.document_kind k WHERE t.tbl = 'document' AND k.kind = d.kind), r.writers)))
       OR NOT (t.capacity = ANY (coalesce((SELECT k.registered_by FROM lgit.document_kind k WHERE t.tbl = 'document' AND k.kind = t.kind_after), r.writers)))
       OR t.actor = 'gw_b'
       OR (t.actor = 'gw_a' AND t.op = 'owner')
       -- a row carrying another body's act goes only with that body
       OR (t.op = 'delete' AND EXISTS (SELECT FROM lgit.registry_column rc
                                       WHERE rc.relname = t.tbl AND NOT (t.capacity = ANY (rc.writers))
                                         AND d.row_data ->> rc.attname IS NOT NULL)) AS refused
FROM attempt t
JOIN lgit.registry r ON r.relname = t.tbl
LEFT JOIN LATERAL (SELECT kind, row_data FROM sample s WHERE s.tbl = t.tbl AND s.row_ctid = t.row_ctid) d ON true;

SELECT plan(5 + (SELECT count(*)::int FROM attempt));

SELECT set_eq($$SELECT tbl FROM owned$$, $$SELECT relname::text FROM lgit.registry$$,
              'every table whose rows belong to a project, a contract or a unit is described in lgit.registry');
SELECT is_empty($$
  SELECT r.relname, ev.event FROM lgit.registry r
  CROSS JOIN (VALUES (4, 'INSERT'), (16, 'UPDATE'), (8, 'DELETE')) AS ev(bit, event)
  WHERE NOT EXISTS (SELECT FROM pg_trigger g
                    WHERE g.tgrelid = ('lgit.' || r.relname)::regclass AND g.tgenabled = 'O'
                      AND (g.tgtype & 2) <> 0 AND (g.tgtype & 1) <> 0 AND (g.tgtype & ev.bit) <> 0
                      AND (g.tgfoid = 'lgit.registry_guard()'::regprocedure
                           OR (ev.event <> 'INSERT' AND r.append_only AND g.tgfoid = 'lgit.refuse_change()'::regprocedure))) $$,
  'every registry is guarded by lgit.registry_guard() on INSERT, UPDATE and DELETE (append-only ones refuse the last two)');
SELECT is_empty($$
  SELECT rc.relname, rc.attname FROM lgit.registry_column rc
  WHERE NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = ('lgit.' || rc.relname)::regclass AND a.attname = rc.attname AND NOT a.attisdropped) $$,
  'every column lgit.registry_column names exists');
SELECT is((SELECT count(DISTINCT tbl)::int FROM sample), (SELECT count(*)::int FROM lgit.registry),
          'a row of every registry is walked');
SELECT ok((SELECT bool_or(NOT refused) AND bool_or(refused) FROM judged),
          'the walk holds both writes the guard lets through and writes it refuses');

SELECT is(CASE WHEN result LIKE 'LG%' THEN 'refused by lgit' ELSE 'not refused by lgit' END,
          CASE WHEN refused THEN 'refused by lgit' ELSE 'not refused by lgit' END,
          format('%s of lgit.%s%s as %s (%s): %s', op, tbl, CASE WHEN frozen THEN ' (part of the record)' ELSE '' END,
                 actor, capacity, CASE WHEN result = 'ok' THEN 'accepted' ELSE result END))
FROM judged ORDER BY tbl, frozen, op, actor;

SELECT * FROM finish();
ROLLBACK;
