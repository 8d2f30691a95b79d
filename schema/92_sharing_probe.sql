-- (After 90_privileges.sql, whose roles it grants to; before 95_security.sql, whose loops cover it.)
-- Art 29, 47: the data-sharing probe.  The unit lists, with its handover, the tables and
-- columns it shares (the data-structure document in a form lgit can check); the authority runs
-- lgit.probe_sharing(), which connects to the unit's database with the handed-over read-only
-- account and records what it found in lgit.sharing_probe.  The handover audit (LG290) needs a
-- passing probe no older than sharing_probe_max_age_days, and a completed system whose latest
-- probe failed or is older than that is not sharing: no O&M money for it (LG471).

ALTER TABLE lgit.policy_key DROP CONSTRAINT policy_key_unit_check;
ALTER TABLE lgit.policy_key ADD CONSTRAINT policy_key_unit_check
  CHECK (unit IN ('CNY', 'ratio', 'count', 'months', 'workdays', 'days', 'hours', 'seconds'));

INSERT INTO lgit.policy_key (key, unit, article, description) VALUES
('sharing_max_lag_hours',         'hours',   '29',     '业务数据全量实时共享: the newest row of a shared table with a change-timestamp column is at most this old when probed'),
('sharing_probe_max_age_days',    'days',    '29, 47', '数据共享核验: the handover audit and O&M money need a passing probe of the shared database no older than this'),
('sharing_probe_timeout_seconds', 'seconds', '29',     'how long the probe waits for the shared database to connect or answer one query');
INSERT INTO lgit.policy (key, value, in_force, note)
SELECT key, value, daterange('2020-01-01', NULL), '龙岗区信息化项目管理办法（修订草案）'
FROM (VALUES ('sharing_max_lag_hours', 24), ('sharing_probe_max_age_days', 30),
             ('sharing_probe_timeout_seconds', 10)) AS v(key, value);

INSERT INTO lgit.rule (code, article_nos, article, severity, title_zh, title_en, quote_zh) VALUES
('LG471', '{47}', '47', 'error', '未按要求共享数据资源的政务信息系统不安排运维经费',
 'completed system not verified as sharing its data draws O&M money',
 '第四十七条：项目建设单位应将信息系统运行过程中所产生的数据资源按要求共享至区信息化主管部门。对于未按要求共享数据资源的政务信息系统，不安排运维经费……');

CREATE TABLE lgit.shared_column (
  document_id  bigint  NOT NULL REFERENCES lgit.document,
  table_schema text    NOT NULL CHECK (btrim(table_schema) <> ''),
  table_name   text    NOT NULL CHECK (btrim(table_name) <> ''),
  column_name  text    NOT NULL CHECK (btrim(column_name) <> ''),
  data_type    text    NOT NULL CHECK (btrim(data_type) <> ''),
  marks_change boolean NOT NULL DEFAULT false,
  PRIMARY KEY (document_id, table_schema, table_name, column_name)
);
CREATE UNIQUE INDEX shared_column_one_change_column ON lgit.shared_column (document_id, table_schema, table_name)
  WHERE marks_change;
COMMENT ON TABLE lgit.shared_column IS
  'Art 29: the data-structure document (数据结构文档) of a data sharing handover, in a form the probe checks: each shared table with its columns and their types. Written by the project''s unit; frozen (LG002) once a stage change relied on the handover or a probe passed on it.';
COMMENT ON COLUMN lgit.shared_column.document_id IS 'The data_sharing_handover document this structure belongs to.';
COMMENT ON COLUMN lgit.shared_column.data_type IS 'The type as the shared database''s format_type() prints it (as psql \d shows it), e.g. bigint, text, numeric(12,2), timestamp with time zone.';
COMMENT ON COLUMN lgit.shared_column.marks_change IS 'The column records when a row last changed (at most one per table): the probe checks that the newest is within sharing_max_lag_hours (全量实时).';

CREATE TABLE lgit.sharing_probe (
  probe_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id    bigint      NOT NULL REFERENCES lgit.project,
  credential_id bigint      NOT NULL REFERENCES lgit.data_access_credential,
  document_id   bigint      REFERENCES lgit.document,
  probed_at     timestamptz NOT NULL,
  probed_by     text        NOT NULL,
  target_host   text,
  target_port   text,
  target_dbname text,
  target_user   text        NOT NULL,
  passed        boolean     NOT NULL,
  findings      jsonb       NOT NULL CHECK (jsonb_typeof(findings) = 'array'),
  facts         jsonb       NOT NULL CHECK (jsonb_typeof(facts) = 'object'),
  CONSTRAINT passed_without_findings CHECK (passed = (findings = '[]'::jsonb))
);
CREATE INDEX sharing_probe_project_idx ON lgit.sharing_probe (project_id, probed_at);
CREATE INDEX sharing_probe_credential_idx ON lgit.sharing_probe (credential_id);
CREATE INDEX sharing_probe_document_idx ON lgit.sharing_probe (document_id);
COMMENT ON TABLE lgit.sharing_probe IS
  'Art 29, 47: each run of lgit.probe_sharing(): who ran it and when, the database probed (never the password), whether it passed, what failed (findings: one object per failed check) and what was seen (facts: row counts, newest changes, the account''s privileges). Written only by the probe; never altered or removed.';
COMMENT ON COLUMN lgit.sharing_probe.document_id IS 'The data_sharing_handover whose structure (lgit.shared_column) was checked; NULL when none was registered.';
COMMENT ON COLUMN lgit.sharing_probe.findings IS 'Array of {check, message, ...}: check is one of link_invalid, option_refused, connection, authentication, password_not_used, timeout, query_failed, no_structure, table_missing, table_unreadable, column_missing, column_type, superuser, write_privilege, write_accepted, stale.';

CREATE FUNCTION lgit.probe_sharing(project_id bigint, password text DEFAULT NULL, key text DEFAULT NULL)
  RETURNS lgit.sharing_probe
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_probe_sharing';
COMMENT ON FUNCTION lgit.probe_sharing(bigint, text, text) IS
  'Art 29, 47: the authority connects to the project''s shared database with the handed-over link and read-only account (password given, or decrypted from the stored pgp_sym_encrypt message with key), checks that the account reads every table of the data-structure document and can write nothing, that tables and columns match it, and that marked tables are current; records and returns the result. Pass password and key as bound parameters: a literal in the statement text can be logged.';

CREATE FUNCTION lgit.sharing_problem(project_id bigint, on_date date DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date)
  RETURNS text
  LANGUAGE c STABLE STRICT AS 'MODULE_PATHNAME', 'lgit_sharing_problem';
COMMENT ON FUNCTION lgit.sharing_problem(bigint, date) IS
  'Why the project''s data are not verified as shared on a day (Art 29, 47): no probe, the latest probe failed, is older than sharing_probe_max_age_days, or checked another handover than the latest. NULL when verified. LG290 and LG471 use the same test.';

CREATE FUNCTION lgit.shared_column_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_shared_column_guard';
COMMENT ON FUNCTION lgit.shared_column_guard() IS
  'Trigger on lgit.shared_column: written by the project''s unit for a data sharing handover, and frozen (LG002) once a stage change relied on the handover or a probe passed on it.';
CREATE FUNCTION lgit.sharing_probe_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_sharing_probe_guard';
COMMENT ON FUNCTION lgit.sharing_probe_guard() IS
  'Trigger on lgit.sharing_probe: rows are inserted only by lgit.probe_sharing() (LG002 otherwise).';

CREATE TRIGGER shared_column_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.shared_column
  FOR EACH ROW EXECUTE FUNCTION lgit.shared_column_guard();
CREATE TRIGGER shared_column_no_truncate BEFORE TRUNCATE ON lgit.shared_column
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER sharing_probe_guard BEFORE INSERT ON lgit.sharing_probe
  FOR EACH ROW EXECUTE FUNCTION lgit.sharing_probe_guard();
CREATE TRIGGER sharing_probe_no_change BEFORE UPDATE OR DELETE ON lgit.sharing_probe
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER sharing_probe_no_truncate BEFORE TRUNCATE ON lgit.sharing_probe
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

GRANT INSERT, UPDATE, DELETE ON lgit.shared_column TO lgit_unit;

-- The test of lgit.sharing_problem() (probe_evidence.c) for every completed system at once,
-- rather than a call with SPI per system: the same latest probe up to the day, its age against
-- sharing_probe_max_age_days, the same latest handover, and the same words.
-- test/reports_same_rule.sql holds the two to the same answer on each side of every part of
-- the rule.  A function without JIT, read by the view below: at 100,000 projects compiling
-- the view's plan took as long as running it (bench/reports.bench.sh).
CREATE FUNCTION lgit.sharing_status_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, name text, unit text, latest_probe_id bigint,
               latest_probed_at timestamptz, latest_passed boolean, sharing boolean, problem text)
LANGUAGE sql STABLE
SET jit = off
AS $$
SELECT p.project_id, p.code AS project_code, p.name, u.name_zh AS unit,
       l.probe_id AS latest_probe_id, l.probed_at AS latest_probed_at, l.passed AS latest_passed,
       s.problem IS NULL AS sharing, s.problem
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
CROSS JOIN (SELECT as_of AS day) t
LEFT JOIN LATERAL (SELECT x.probe_id, x.probed_at, x.passed FROM lgit.sharing_probe x
                   WHERE x.project_id = p.project_id
                   ORDER BY x.probed_at DESC, x.probe_id DESC LIMIT 1) l ON true
-- the latest probe up to the day, and the latest data-sharing handover it must have checked
LEFT JOIN LATERAL (SELECT x.probe_id, x.passed, (x.probed_at AT TIME ZONE 'Asia/Shanghai')::date AS probed_on,
                          x.document_id
                   FROM lgit.sharing_probe x
                   WHERE x.project_id = p.project_id AND (x.probed_at AT TIME ZONE 'Asia/Shanghai')::date <= t.day
                   ORDER BY x.probed_at DESC, x.probe_id DESC LIMIT 1) j ON true
LEFT JOIN LATERAL (SELECT d.document_id FROM lgit.document d
                   WHERE d.project_id = p.project_id AND d.kind = 'data_sharing_handover'
                   ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1) h ON true
CROSS JOIN LATERAL (SELECT CASE
    -- never true: reads the allowance first, so that a day no value covers stops the report as
    -- lgit.sharing_problem() does
    WHEN (SELECT lgit.policy_in_force('sharing_probe_max_age_days', t.day)) IS NULL THEN NULL
    WHEN j.probe_id IS NULL THEN '未经数据共享核验（lgit.probe_sharing()）'
    WHEN NOT j.passed
      THEN format('最近一次数据共享核验（%s号，%s）未通过', j.probe_id, to_char(j.probed_on, 'YYYY-MM-DD'))
    WHEN NOT (SELECT lgit.policy_in_force('sharing_probe_max_age_days', t.day)) >= t.day - j.probed_on
      THEN format('最近一次数据共享核验（%s号，%s）已过%s天，超过%s天', j.probe_id, to_char(j.probed_on, 'YYYY-MM-DD'),
                  t.day - j.probed_on, (SELECT lgit.policy_in_force('sharing_probe_max_age_days', t.day)))
    WHEN j.document_id IS DISTINCT FROM h.document_id
      THEN format('最近一次数据共享核验（%s号）核验的不是最新的业务数据共享移交材料', j.probe_id)
  END AS problem) s
WHERE p.stage = 'completed'
$$;
COMMENT ON FUNCTION lgit.sharing_status_on(date) IS
  'Every completed system and whether its data are verified as shared on a day (lgit.sharing_problem() of each), with the latest probe recorded, as lgit.sharing_status shows it for today.';

CREATE VIEW lgit.sharing_status AS
SELECT project_id, project_code, name, unit, latest_probe_id, latest_probed_at, latest_passed, sharing, problem
FROM lgit.sharing_status_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.sharing_status IS
  'Art 47: every completed system and whether its data are verified as shared today - its latest probe passed and is no older than sharing_probe_max_age_days. A system listed with sharing false gets no O&M money (LG471).';

-- Art 32: the list the authority sends to finance.  The rule of lgit.om_blockers()
-- (delivery_registry.c) for every completed project at once, rather than a call per project:
-- a completion report filed (the join below), no latest security test or completion minutes
-- that rejected the system, no data-sharing or security sanction in force on it, its data
-- verified as shared (lgit.sharing_status_on()).  test/reports_same_rule.sql holds the list to
-- lgit.om_blockers().  A function without JIT, read by the view below, as above.
CREATE FUNCTION lgit.om_eligible_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, name text, unit text, completion_report text,
               completed_on date, warranty_ends date)
LANGUAGE sql STABLE
SET jit = off
AS $$
SELECT p.project_id, p.code AS project_code, p.name, u.name_zh AS unit,
       c.doc_number AS completion_report, c.issued_on AS completed_on,
       (c.issued_on + make_interval(months => w.warranty_months))::date AS warranty_ends
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
CROSS JOIN LATERAL (SELECT d.doc_number, d.issued_on FROM lgit.document d
                    WHERE d.project_id = p.project_id AND d.kind = 'completion_report' AND d.filed_on IS NOT NULL
                    ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1) c
LEFT JOIN LATERAL (SELECT max(k.warranty_months) AS warranty_months FROM lgit.contract k
                   WHERE k.project_id = p.project_id) w ON true
JOIN lgit.sharing_status_on(as_of) s ON s.project_id = p.project_id AND s.sharing
WHERE p.stage = 'completed'
  AND NOT EXISTS (SELECT FROM unnest(ARRAY['security_test_report', 'expert_completion_minutes']) AS k(kind)
                  WHERE (SELECT d.conclusion = 'rejected' FROM lgit.document d
                         WHERE d.project_id = p.project_id AND d.kind = k.kind
                         ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1))
  AND NOT EXISTS (SELECT FROM lgit.sanction x
                  WHERE x.unit_id = p.unit_id AND x.kind IN ('data_sharing', 'security')
                    AND x.imposed_on <= as_of
                    AND (x.lifted_on IS NULL OR x.lifted_on > as_of)
                    AND (x.project_id IS NULL OR x.project_id = p.project_id))
$$;
COMMENT ON FUNCTION lgit.om_eligible_on(date) IS
  'Art 32: every project entitled to O&M money on a day (lgit.om_blockers() empty on that day), as lgit.om_eligible shows it for today.';

-- CREATE OR REPLACE: a database updated from 0.1.0 has the view already (this file runs in its
-- update too).
CREATE OR REPLACE VIEW lgit.om_eligible AS
SELECT project_id, project_code, name, unit, completion_report, completed_on, warranty_ends
FROM lgit.om_eligible_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.om_eligible IS
  'Art 32: the list the authority sends to finance - every project entitled to O&M money today (lgit.om_blockers() empty), with its completion report and the end of its warranty (completion plus the longest contract warranty).';

