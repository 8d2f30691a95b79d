-- Art 29, 47: the data-sharing probe, on the side that needs no shared database to reach (the
-- probe of real databases is test/sharing_probe.sh).  LG-2027-006 (区卫生健康局) is completed,
-- with passing probes on record (13_life_of_a_project).
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-006'')'

-- The data-structure document, in the form the probe checks: the unit lists the shared tables,
-- their columns and types, and marks the column that records when a row changed.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p, 'data_sharing_handover', '共享-2026-032', '业务数据共享移交材料（数据结构）', '区卫生健康局', '2026-11-28',
        sha256('share2'::bytea), '{full_realtime_sharing,readonly_account,connection,data_structure_document}');
INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type, marks_change)
SELECT document_id, 'public', 'visit', c, t, m FROM lgit.document,
  (VALUES ('visit_id', 'bigint', false), ('amount', 'numeric(12,2)', false),
          ('updated_at', 'timestamp with time zone', true)) AS v(c, t, m)
WHERE doc_number = '共享-2026-032';
-- one change-timestamp column per table (ids vary with the scripts before: terse errors here)
\set VERBOSITY terse
INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type, marks_change)
SELECT document_id, 'public', 'visit', 'visited_on', 'date', true FROM lgit.document WHERE doc_number = '共享-2026-032';
-- only under a data sharing handover, and only by the project's own unit
INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type)
SELECT document_id, 'public', 'visit', 'visit_id', 'bigint' FROM lgit.document WHERE doc_number = '竣工备案〔2026〕9号';
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type)
SELECT document_id, 'public', 'clinic', 'clinic_id', 'integer' FROM lgit.document WHERE doc_number = '共享-2026-032';
\set VERBOSITY default

-- The latest handover has not been probed: the system is no longer verified as sharing
-- (Art 47), and is off the list to finance.
SET lgit.actor = 'zsj_chen';
SELECT lgit.sharing_problem(:p) LIKE '最近一次数据共享核验（%号）核验的不是最新的业务数据共享移交材料' AS not_the_latest;
SELECT project_code, sharing, problem IS NULL AS no_problem FROM lgit.sharing_status
WHERE project_code IN ('LG-2027-001', 'LG-2027-006') ORDER BY project_code;
SELECT code, message FROM lgit.om_blockers(:p);
SELECT count(*) AS on_the_list FROM lgit.om_eligible WHERE project_code = 'LG-2027-006';

-- Only the authority probes, and it needs the password or the key to the stored message.
SET lgit.actor = 'wjj_huang';
SELECT passed FROM lgit.probe_sharing(:p, password => 'whatever');
SET lgit.actor = 'zsj_chen';
SELECT passed FROM lgit.probe_sharing(:p);
SELECT passed FROM lgit.probe_sharing((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-004'), password => 'x');

-- A link is screened before any connection: options that would read this server's files or
-- use its identity, a missing host (this server's own socket), another user than the account.
-- Each probe is recorded, failed, with its finding.
SET lgit.actor = 'wjj_huang';
UPDATE lgit.data_access_credential
SET connection = 'host=10.20.1.15 dbname=smart_health passfile=/var/lib/postgresql/.pgpass sslcert=/tmp/client.crt'
WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
SELECT passed, target_host, target_port, target_dbname, target_user, probed_by, findings
FROM lgit.probe_sharing(:p, key => 'key held by the authority');
SET lgit.actor = 'wjj_huang';
UPDATE lgit.data_access_credential SET connection = 'postgresql://10.20.1.15/smart_health?sslmode=verify-full&service=lg'
WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
SELECT findings->0->>'check' AS "check", findings->0->>'message' AS message FROM lgit.probe_sharing(:p, key => 'key held by the authority');
SET lgit.actor = 'wjj_huang';
UPDATE lgit.data_access_credential SET connection = 'dbname=smart_health' WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
SELECT findings->0->>'check' AS "check", findings->0->>'message' AS message FROM lgit.probe_sharing(:p, key => 'key held by the authority');
SET lgit.actor = 'wjj_huang';
UPDATE lgit.data_access_credential SET connection = 'host=10.20.1.15 user=postgres dbname=smart_health' WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
SELECT findings->0->>'check' AS "check", findings->0->>'message' AS message FROM lgit.probe_sharing(:p, key => 'key held by the authority');
SET lgit.actor = 'wjj_huang';
UPDATE lgit.data_access_credential SET connection = 'host=10.20.1.15 port=5432 dbname=smart health' WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
SELECT findings->0->>'check' AS "check" FROM lgit.probe_sharing(:p, key => 'key held by the authority');
-- nobody listens: the connection is refused
SET lgit.actor = 'wjj_huang';
UPDATE lgit.data_access_credential SET connection = 'host=127.0.0.1 port=1 dbname=smart_health' WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
SELECT passed, findings->0->>'check' AS "check", target_host, target_port
FROM lgit.probe_sharing(:p, key => 'key held by the authority');
-- the facts record the limits the probe ran under
SELECT facts FROM lgit.sharing_probe WHERE project_id = :p ORDER BY probe_id DESC LIMIT 1;

-- The latest probe failed: still not sharing.
SELECT lgit.sharing_problem(:p) LIKE '最近一次数据共享核验（%号，%）未通过' AS failed;
SELECT sharing FROM lgit.sharing_status WHERE project_code = 'LG-2027-006';

-- The handover move was judged on the probe when it was made; lgit.check_project() does not ask
-- it again of past moves (those made before lgit had the probe could not have one): the failed
-- probes since are Art 47's business (LG471 above), not a broken LG290.
SELECT count(*) AS lg290_on_replay FROM lgit.check_project(:p) WHERE code = 'LG290';

-- A failed probe does not freeze the data-structure document (the unit corrects it) ...
SET lgit.actor = 'wjj_huang';
UPDATE lgit.shared_column SET data_type = 'numeric(14,2)' WHERE column_name = 'amount'
  AND document_id = (SELECT document_id FROM lgit.document WHERE doc_number = '共享-2026-032');
-- ... a stage change that relied on a handover does (LG002).
\set VERBOSITY terse
INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type)
SELECT document_id, 'public', 'visit', 'visit_id', 'bigint' FROM lgit.document WHERE doc_number = '共享-2026-031';

\set VERBOSITY default

-- Probe records are written by the probe alone and never changed (LG002), not even by the owner.
RESET lgit.actor;
INSERT INTO lgit.sharing_probe (project_id, credential_id, probed_at, probed_by, target_user, passed, findings, facts)
SELECT project_id, credential_id, now(), 'postgres', account, true, '[]', '{}' FROM lgit.data_access_credential WHERE project_id = :p;
UPDATE lgit.sharing_probe SET passed = true WHERE project_id = :p;
DELETE FROM lgit.sharing_probe WHERE project_id = :p;
