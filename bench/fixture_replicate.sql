-- Compliance benchmark fixture, part 2: copies the template projects (bench/fixture_templates.sql)
-- :copies times with lgit's triggers off (session_replication_role = replica: a restore, not a
-- record), so that N projects cost seconds rather than N × 18 moves through the gates.  Every
-- copy is a VALID record, as lgit.verify() replays it: ids shifted by a fixed span per copy,
-- numbers suffixed, and each history row re-sealed as src/history.c seals it (hash_version 2:
-- the row, the fields judged, the hash of the documents relied on, the previous row's hash),
-- the chain's head written with its last row.
SET client_min_messages = warning;
CREATE SCHEMA bench;

-- lgit_field_hash_field() of src/field_hash.c: "name:length:" then the value; "name:-1:" for NULL
CREATE FUNCTION bench.field(name text, value text) RETURNS bytea LANGUAGE sql STABLE
  RETURN CASE WHEN value IS NULL THEN convert_to(name || ':-1:', 'UTF8')
              ELSE convert_to(name || ':' || octet_length(value) || ':' || value, 'UTF8') END;
CREATE FUNCTION bench.field(name text, value bytea) RETURNS bytea LANGUAGE sql STABLE
  RETURN CASE WHEN value IS NULL THEN convert_to(name || ':-1:', 'UTF8')
              ELSE convert_to(name || ':' || length(value) || ':', 'UTF8') || value END;

-- lgit_evidence_hash(): each document relied on, in document_id order, as these fields
CREATE FUNCTION bench.document_bytes(d lgit.document) RETURNS bytea LANGUAGE sql STABLE
  RETURN bench.field('document_id', d.document_id::text) || bench.field('project_id', d.project_id::text)
    || bench.field('kind', d.kind::text) || bench.field('doc_number', d.doc_number)
    || bench.field('title', d.title) || bench.field('issuer', d.issuer)
    || bench.field('issuer_qualified', d.issuer_qualified::text)
    || bench.field('issued_on', to_char(d.issued_on, 'YYYY-MM-DD'))
    || bench.field('content_sha256', encode(d.content_sha256, 'hex'))
    || bench.field('parts', d.parts::text) || bench.field('conclusion', d.conclusion::text)
    || bench.field('amount', d.amount::text);
CREATE FUNCTION bench.evidence_hash(evidence bigint[]) RETURNS bytea LANGUAGE sql STABLE
  RETURN sha256(bench.field('format', 'lgit-evidence-1') || coalesce((
    SELECT string_agg(bench.document_bytes(d), ''::bytea ORDER BY d.document_id)
    FROM lgit.document d WHERE d.document_id = ANY (evidence)), ''::bytea));

-- lgit_history_hash(), hash_version 2
CREATE FUNCTION bench.row_hash(h lgit.history) RETURNS bytea LANGUAGE sql STABLE
  RETURN sha256(bench.field('format', 'lgit-history-2') || bench.field('project_id', h.project_id::text)
    || bench.field('seq', h.seq::text) || bench.field('from_stage', h.from_stage::text)
    || bench.field('to_stage', h.to_stage::text) || bench.field('actor', h.actor)
    || bench.field('capacity', h.capacity::text) || bench.field('actor_unit_id', h.actor_unit_id::text)
    || bench.field('project_unit_id', h.project_unit_id::text)
    || bench.field('changed_at', ((extract(epoch FROM h.changed_at) - 946684800) * 1000000)::bigint::text)
    || bench.field('reason', h.reason) || bench.field('evidence', array_to_string(h.evidence, ','))
    || bench.field('kind', h.kind) || bench.field('judged', h.judged::text)
    || bench.field('evidence_hash', h.evidence_hash) || bench.field('prev_hash', h.prev_hash));

-- the functions reproduce what lgit sealed, or the copies would not verify
DO $$ BEGIN
  IF EXISTS (SELECT FROM lgit.history h
             WHERE h.evidence_hash IS DISTINCT FROM bench.evidence_hash(h.evidence)
                OR h.row_hash IS DISTINCT FROM bench.row_hash(h)) THEN
    RAISE EXCEPTION 'bench.row_hash() does not reproduce the hashes lgit sealed';
  END IF;
END $$;

CREATE TABLE bench.span AS
SELECT (SELECT max(project_id) FROM lgit.project) AS project, (SELECT max(document_id) FROM lgit.document) AS document,
       (SELECT max(contract_id) FROM lgit.contract) AS contract, (SELECT max(result_id) FROM lgit.result) AS result,
       (SELECT max(credential_id) FROM lgit.data_access_credential) AS credential,
       (SELECT max(probe_id) FROM lgit.sharing_probe) AS probe;
CREATE TABLE bench.copy AS SELECT c FROM generate_series(1, :copies) c;

SET session_replication_role = replica;
INSERT INTO lgit.project (project_id, code, name, unit_id, category, build_type, plan_year, previous_phase_id,
                          special_plan_id, superior_funded, fund_general_budget, fund_government_bonds,
                          fund_unit_self_raised, fund_other_government, fund_superior, fund_social_capital,
                          responsible_person, implementing_body, stage, created_at, custom_development)
OVERRIDING SYSTEM VALUE
SELECT p.project_id + c * s.project, p.code || '-' || c, p.name, p.unit_id, p.category, p.build_type, p.plan_year, NULL,
       p.special_plan_id, p.superior_funded, p.fund_general_budget, p.fund_government_bonds,
       p.fund_unit_self_raised, p.fund_other_government, p.fund_superior, p.fund_social_capital,
       p.responsible_person, p.implementing_body, p.stage, p.created_at, p.custom_development
FROM bench.copy, bench.span s, lgit.project p ORDER BY 1;

INSERT INTO lgit.document (document_id, project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on,
                           accepted_on, content_sha256, parts, conclusion, registered_by, registered_at, filed_on, amount)
OVERRIDING SYSTEM VALUE
SELECT d.document_id + c * s.document, d.project_id + c * s.project, d.kind, d.doc_number || '-' || c, d.title,
       d.issuer, d.issuer_qualified, d.issued_on, d.accepted_on, d.content_sha256, d.parts, d.conclusion,
       d.registered_by, d.registered_at, d.filed_on, d.amount
FROM bench.copy, bench.span s, lgit.document d WHERE d.document_id <= s.document ORDER BY 1;

INSERT INTO lgit.contract (contract_id, project_id, doc_number, contractor, amount, signed_on, filed_on, supervisor,
                           supervisor_qualified, acceptance_clause, ownership_clause, warranty_months, software_development)
OVERRIDING SYSTEM VALUE
SELECT k.contract_id + c * s.contract, k.project_id + c * s.project, k.doc_number || '-' || c, k.contractor, k.amount,
       k.signed_on, k.filed_on, k.supervisor, k.supervisor_qualified, k.acceptance_clause, k.ownership_clause,
       k.warranty_months, k.software_development
FROM bench.copy, bench.span s, lgit.contract k WHERE k.contract_id <= s.contract ORDER BY 1;

INSERT INTO lgit.result (result_id, project_id, kind, title, registered_on) OVERRIDING SYSTEM VALUE
SELECT r.result_id + c * s.result, r.project_id + c * s.project, r.kind, r.title, r.registered_on
FROM bench.copy, bench.span s, lgit.result r WHERE r.result_id <= s.result ORDER BY 1;

INSERT INTO lgit.data_access_credential (credential_id, project_id, account, connection, secret_ref, secret_encrypted,
                                         delivered_on) OVERRIDING SYSTEM VALUE
SELECT a.credential_id + c * s.credential, a.project_id + c * s.project, a.account, a.connection, a.secret_ref,
       a.secret_encrypted, a.delivered_on
FROM bench.copy, bench.span s, lgit.data_access_credential a WHERE a.credential_id <= s.credential ORDER BY 1;

INSERT INTO lgit.sharing_probe (probe_id, project_id, credential_id, document_id, probed_at, probed_by, target_host,
                                target_port, target_dbname, target_user, passed, findings, facts) OVERRIDING SYSTEM VALUE
SELECT x.probe_id + c * s.probe, x.project_id + c * s.project, x.credential_id + c * s.credential,
       x.document_id + c * s.document, x.probed_at, x.probed_by, x.target_host, x.target_port, x.target_dbname,
       x.target_user, x.passed, x.findings, x.facts
FROM bench.copy, bench.span s, lgit.sharing_probe x WHERE x.probe_id <= s.probe ORDER BY 1;

-- the history, re-sealed link by link: each copy's rows, then their hashes in seq order
CREATE TABLE bench.history AS
SELECT h.project_id + c * s.project AS project_id, h.seq, h.from_stage, h.to_stage, h.actor, h.capacity,
       h.actor_unit_id, h.project_unit_id, h.changed_at, h.reason,
       ARRAY(SELECT e + c * s.document FROM unnest(h.evidence) e ORDER BY e) AS evidence,
       h.hash_version, h.kind, h.judged, NULL::bytea AS evidence_hash
FROM bench.copy, bench.span s, lgit.history h;
CREATE UNIQUE INDEX ON bench.history (project_id, seq);
-- the hash of the documents each row relied on, set-based (one join, not a query per row)
UPDATE bench.history b SET evidence_hash = e.hash
FROM (SELECT b.project_id, b.seq, sha256(bench.field('format', 'lgit-evidence-1') || coalesce(string_agg(
               bench.document_bytes(d), ''::bytea ORDER BY d.document_id) FILTER (WHERE d.document_id IS NOT NULL),
               ''::bytea)) AS hash
      FROM bench.history b LEFT JOIN LATERAL unnest(b.evidence) e ON true
      LEFT JOIN lgit.document d ON d.document_id = e
      GROUP BY b.project_id, b.seq) e
WHERE e.project_id = b.project_id AND e.seq = b.seq;
ANALYZE bench.history, lgit.document;

INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id, project_unit_id,
                          changed_at, reason, evidence, prev_hash, row_hash, hash_version, kind, judged, evidence_hash)
WITH RECURSIVE sealed AS (
  SELECT ROW(NULL, b.project_id, b.seq, b.from_stage, b.to_stage, b.actor, b.capacity, b.actor_unit_id,
             b.project_unit_id, b.changed_at, b.reason, b.evidence, NULL, NULL, b.hash_version, b.kind, b.judged,
             b.evidence_hash)::lgit.history AS r
  FROM bench.history b WHERE b.seq = 1
  UNION ALL
  SELECT ROW(NULL, b.project_id, b.seq, b.from_stage, b.to_stage, b.actor, b.capacity, b.actor_unit_id,
             b.project_unit_id, b.changed_at, b.reason, b.evidence, bench.row_hash(prev.r), NULL, b.hash_version,
             b.kind, b.judged, b.evidence_hash)::lgit.history
  FROM sealed prev JOIN bench.history b ON b.project_id = (prev.r).project_id AND b.seq = (prev.r).seq + 1
)
SELECT (r).project_id, (r).seq, (r).from_stage, (r).to_stage, (r).actor, (r).capacity, (r).actor_unit_id,
       (r).project_unit_id, (r).changed_at, (r).reason, (r).evidence, (r).prev_hash, bench.row_hash(r),
       (r).hash_version, (r).kind, (r).judged, (r).evidence_hash
FROM sealed ORDER BY 1, 2;

INSERT INTO lgit.history_head (project_id, seq, row_hash, changed_at)
SELECT DISTINCT ON (h.project_id) h.project_id, h.seq, h.row_hash, h.changed_at
FROM lgit.history h WHERE h.project_id > (SELECT project FROM bench.span) ORDER BY h.project_id, h.seq DESC;
RESET session_replication_role;

SELECT setval(pg_get_serial_sequence('lgit.project', 'project_id'), (SELECT max(project_id) FROM lgit.project)),
       setval(pg_get_serial_sequence('lgit.document', 'document_id'), (SELECT max(document_id) FROM lgit.document)),
       setval(pg_get_serial_sequence('lgit.contract', 'contract_id'), (SELECT max(contract_id) FROM lgit.contract)),
       setval(pg_get_serial_sequence('lgit.result', 'result_id'), (SELECT max(result_id) FROM lgit.result)),
       setval(pg_get_serial_sequence('lgit.data_access_credential', 'credential_id'),
              (SELECT max(credential_id) FROM lgit.data_access_credential)),
       setval(pg_get_serial_sequence('lgit.sharing_probe', 'probe_id'), (SELECT max(probe_id) FROM lgit.sharing_probe)) \g /dev/null
DROP SCHEMA bench CASCADE;
VACUUM ANALYZE;
