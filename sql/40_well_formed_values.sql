-- Values that can never mean anything are refused where they are stored, and what lgit
-- reports is built so that no stored value can break it: NULL inside arrays, NaN and
-- infinity in money, impossible dates, JSON facts, document numbers that differ only in how
-- they are typed, ids ahead of their sequence, a password passed off as encrypted.
\set wf '(SELECT unit_id FROM lgit.unit WHERE code = ''WF-A'')'
\set p1 '(SELECT project_id FROM lgit.project WHERE code = ''WF-001'')'
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('WF-A', '输入测试街道', 'street');
INSERT INTO lgit.actor (actor_name, unit_id, capacity) SELECT 'wf_unit', unit_id, 'unit' FROM lgit.unit WHERE code = 'WF-A';
SET lgit.actor = 'wf_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
VALUES ('WF-001', '输入测试项目', :wf, 'application', 'new', 2027, 8000000);

-- NULL inside an array: a proposal whose parts are {NULL} used to pass LG100 (NOT x = ANY
-- ({NULL}) is NULL, not true).  The registry names the part it does not know ...
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p1, 'proposal', 'WF-P-1', '项目建议书', '输入测试街道', '2026-09-20', sha256('p'), ARRAY[NULL]::text[]);
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :p1, 'proposal', 'WF-P-1', '项目建议书', '输入测试街道', '2026-09-20', sha256('p'),
       array_agg(part) || NULL::text FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p1, 'preliminary_design', 'WF-D-1', '初步设计', '设计院', '2026-09-20', sha256('d'), ARRAY['equipment_purchase', NULL]);
-- A NULL where the table promises a value is refused before any guard reads it (PostgreSQL
-- checks NOT NULL only after the BEFORE triggers; the guards used to crash the server on it).
\set VERBOSITY terse
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p1, 'proposal', 'WF-P-1', '项目建议书', '输入测试街道', '2026-09-20', sha256('p'), NULL);
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
VALUES (:p1, NULL, '无类别', '输入测试街道', '2026-09-20', sha256('p'));
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on)
VALUES (1, 'price_increase', '无金额', NULL, '2026-09-20');
INSERT INTO lgit.payment (contract_id, amount, requested_on) VALUES (1, NULL, '2026-09-20');
\set VERBOSITY default
-- ... and the table refuses it even from a superuser going around the triggers.
\set VERBOSITY terse
SET session_replication_role = replica;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p1, 'proposal', 'WF-P-1', '项目建议书', '输入测试街道', '2026-09-20', sha256('p'), ARRAY[NULL]::text[]);
RESET session_replication_role;
\set VERBOSITY default
-- So do the owner's catalogs and the history.
UPDATE lgit.stage_edge SET capacities = capacities || NULL::lgit.capacity WHERE from_stage = 'draft' AND to_stage = 'proposed';
UPDATE lgit.document_kind SET registered_by = registered_by || NULL::lgit.capacity WHERE kind = 'proposal';
UPDATE lgit.stage_info SET entered_by = entered_by || NULL::lgit.capacity WHERE stage = 'proposed';
UPDATE lgit.rule SET article_nos = article_nos || NULL::int WHERE code = 'LG100';
SELECT count(*) AS documents_registered FROM lgit.document WHERE project_id = :p1;
SELECT code FROM lgit.blockers(:p1, 'proposed') ORDER BY code;

-- NaN passes `>= 0` (it is greater than every number) and, in one project, made every sum of
-- the district NaN.  Infinity does not fit numeric(16,2); the policy's plain numeric refuses it
-- by its own check.
\set VERBOSITY terse
UPDATE lgit.project SET fund_general_budget = 'NaN' WHERE project_id = :p1;
UPDATE lgit.project SET fund_social_capital = '-Infinity' WHERE project_id = :p1;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
VALUES ('WF-NAN', '非数金额', :wf, 'application', 'new', 'NaN');
RESET lgit.actor;
INSERT INTO lgit.policy (key, value, in_force) VALUES ('feasibility_min_investment', 'Infinity', daterange('2099-01-01', NULL));
INSERT INTO lgit.policy (key, value, in_force) VALUES ('feasibility_min_investment', 'NaN', daterange('2099-01-01', NULL));
\set VERBOSITY default
SELECT total_investment, district_funds FROM lgit.project WHERE project_id = :p1;
-- The checks call lgit.is_a_number(): a number, however small or large, is one; NaN and
-- ±Infinity are not; NULL is no answer (a column that may be NULL stays so).  A project's
-- funds are checked with lgit.is_not_negative(), which answers as `>= 0` does, NaN included.
SELECT v AS value, lgit.is_a_number(v) AS is_a_number, lgit.is_not_negative(v) AS is_not_negative,
       v >= 0 AS "v >= 0"
FROM (VALUES (0::numeric), (-0.01), (0.000001), (9999999999999999.99), ('NaN'), ('Infinity'), ('-Infinity'), (NULL)) AS t(v);

-- Facts are built with the jsonb API: whatever a value holds comes back as it was.
SET lgit.actor = 'wf_unit';
UPDATE lgit.project SET code = E'WF-"引号"\\反斜杠\n换行\t制表' WHERE project_id = :p1;
SELECT facts->>'project_code' = E'WF-"引号"\\反斜杠\n换行\t制表' AS code_round_trips,
       facts->'project_id' = to_jsonb((SELECT project_id FROM lgit.project WHERE name = '输入测试项目')) AS id_is_a_number
FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE name = '输入测试项目'), 'proposed')
WHERE code = 'LG100';
UPDATE lgit.project SET code = 'WF-001' WHERE name = '输入测试项目';

-- Dates of record that cannot be (LG008): a document issued after today, a contract signed
-- before the measures were in force (the first day any policy is), a date that is no day.
-- (terse: the detail names today)
\set VERBOSITY terse
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', 'WF-R-2031', '月报', '输入测试街道', '2031-09-20', sha256('r'));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', 'WF-R-INF', '月报', '输入测试街道', '-infinity', sha256('r'));
\set VERBOSITY default
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:p1, 'WF-C-2019', '承建单位', 6400000, '2019-05-01', 24);
-- the steps of the measures' procedure that start its clocks (the authority's formal
-- acceptance, the application for the security test) are not older than the measures either,
-- though another document may be
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, accepted_on, content_sha256)
VALUES (:p1, 'feasibility_report', 'WF-F-2019', '可研报告', '咨询公司', '2019-12-20', '2019-12-31', sha256('f'));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'security_test_application', 'WF-S-2019', '上线安全测试申请', '输入测试街道', '2019-12-31', sha256('s'));
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:p1, 'WF-C-2020', '承建单位', 6400000, '2020-01-01', 24);
\set VERBOSITY terse
UPDATE lgit.contract SET signed_on = 'infinity' WHERE doc_number = 'WF-C-2020';
\set VERBOSITY default
-- today is always allowed
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT :p1, 'progress_report', 'WF-R-TODAY', '月报', '输入测试街道', (now() AT TIME ZONE 'Asia/Shanghai')::date, sha256('r');
SELECT count(*) AS overdue_items_of_the_district_still_listed FROM lgit.overdue_on('2026-11-30') WHERE project_code LIKE 'WF-%';
-- A date stored before these checks (by lgit 0.1.0) is judged only by an update that changes it.
SET session_replication_role = replica;
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:p1, 'WF-C-OLD', '承建单位', 6400000, '2019-05-01', 24);
RESET session_replication_role;
\set VERBOSITY terse
UPDATE lgit.contract SET signed_on = '2019-06-01' WHERE doc_number = 'WF-C-OLD';
\set VERBOSITY default
-- the authority's filing changes no date of 2019: accepted
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2020-01-10' WHERE doc_number = 'WF-C-OLD';
SET lgit.actor = 'wf_unit';

-- A document number is usable once as it reads: width, the brackets of the year and white
-- space do not make another number.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', '龙府办纪〔2026〕7号', '月报', '输入测试街道', '2026-10-31', sha256('1'));
\set VERBOSITY terse
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', '龙府办纪〔2026〕7号 ', '月报', '输入测试街道', '2026-10-31', sha256('2'));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', '龙府办纪[2026]7号', '月报', '输入测试街道', '2026-10-31', sha256('3'));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', '龙府办纪【２０２６】７号', '月报', '输入测试街道', '2026-10-31', sha256('4'));
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', '龙府办纪（2026）　7号', '月报', '输入测试街道', '2026-10-31', sha256('5'));
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:p1, 'WF-C-2020 ', '承建单位', 6400000, '2020-01-02', 24);
\set VERBOSITY default
-- another number still is one
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p1, 'progress_report', '龙府办纪〔2026〕8号', '月报', '输入测试街道', '2026-10-31', sha256('6'));
SELECT lgit.doc_number_key(' 龙府办纪【２０２６】７号 ') AS key;

-- Ids come from their sequences: an id ahead of the sequence would make every later insert
-- of another unit fail on the primary key.  An application's login role, not the owner:
CREATE ROLE regress_wf_app IN ROLE lgit_app;
SET ROLE regress_wf_app;
-- (terse: the detail names the sequence's last id)
\set VERBOSITY terse
INSERT INTO lgit.project (project_id, code, name, unit_id, category, build_type)
OVERRIDING SYSTEM VALUE VALUES (900000, 'WF-AHEAD', '抢占编号', :wf, 'application', 'new');
INSERT INTO lgit.document (document_id, project_id, kind, title, issuer, issued_on, content_sha256)
OVERRIDING SYSTEM VALUE VALUES (900000, :p1, 'market_quote', '报价', '报价单位', '2026-10-31', sha256('q'));
-- an id the sequence handed out is taken already (the primary key says so)
INSERT INTO lgit.project (project_id, code, name, unit_id, category, build_type)
OVERRIDING SYSTEM VALUE SELECT project_id, 'WF-TAKEN', '重复编号', :wf, 'application', 'new' FROM lgit.project WHERE code = 'WF-001';
\set VERBOSITY default
-- the sequence goes on for everyone
INSERT INTO lgit.project (code, name, unit_id, category, build_type) VALUES ('WF-002', '正常编号', :wf, 'application', 'new');
SELECT project_id < 900000 AS from_the_sequence FROM lgit.project WHERE code = 'WF-002';
RESET ROLE;
DROP ROLE regress_wf_app;

-- Art 29: only a real OpenPGP symmetric message passes for an encrypted password, not a
-- password behind a 4-byte packet header, nor a cut or padded message.
SELECT lgit.is_pgp_symmetric_message(pgp_sym_encrypt('Rd0nly!2026', 'k')) AS encrypted,
       lgit.is_pgp_symmetric_message(pgp_sym_encrypt('Rd0nly!2026', 'k', 's2k-mode=1, cipher-algo=aes256, sess-key=1')) AS with_options,
       lgit.is_pgp_symmetric_message(pgp_sym_encrypt('Rd0nly!2026', 'k', 'disable-mdc=1')) AS without_mdc,
       lgit.is_pgp_symmetric_message(pgp_sym_encrypt(repeat('长密码', 3000), 'k', 'compress-algo=0')) AS long_in_chunks,
       lgit.is_pgp_symmetric_message('\x8c0d0404'::bytea || convert_to('Rd0nly!2026-Rd0nly!2026-Rd0nly!2026', 'UTF8')) AS prefixed_password,
       lgit.is_pgp_symmetric_message(substr(pgp_sym_encrypt('Rd0nly!2026', 'k'), 1, 30)) AS cut,
       lgit.is_pgp_symmetric_message(pgp_sym_encrypt('Rd0nly!2026', 'k') || '\x00'::bytea) AS padded,
       lgit.is_pgp_symmetric_message('') AS empty;
\set VERBOSITY terse
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_encrypted, delivered_on)
VALUES (:p1, 'readonly', 'postgresql://db/wf', '\x8c0d0404'::bytea || convert_to('Rd0nly!2026-Rd0nly!2026-Rd0nly!2026', 'UTF8'), '2026-11-19');
\set VERBOSITY default
RESET lgit.actor;
