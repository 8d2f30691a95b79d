-- One guard for every registry, driven by lgit.registry (issue 9, "shape of the fix"), with
-- the old row judged as well as the new one (class 2), payments bounded by the contract and
-- its schedule (class 4, Art 31, 50), the lock a move takes on what it relied on (class 5),
-- each fact written by the body that performs the act (class 8) and references only to rows
-- the actor can see (class 9).  The per-table trigger functions of 0.1.0 are replaced by
-- lgit.registry_guard(); their C symbols stay in the library, delegating to it.

-- Art 34: the industry department registers its review of a termination.
ALTER TABLE lgit.document_kind ADD COLUMN by_other_department boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN lgit.document_kind.by_other_department IS 'Art 34: registered (in the unit capacity) by a department other than the project''s unit, e.g. the industry authority (区卫生健康局) reviewing a termination; never by the project''s own unit.';
UPDATE lgit.document_kind SET registered_by = '{authority,leader,unit}', by_other_department = true
WHERE kind = 'industry_review';

-- Art 30, 32: the authority's filing of a document (the completion report).  Reports filed
-- under 0.1.0 carry no filing date: the authority records it, and O&M money follows it.
ALTER TABLE lgit.document ADD COLUMN filed_on date CHECK (filed_on >= issued_on);
COMMENT ON COLUMN lgit.document.accepted_on IS '正式受理 (Art 11, 12): the date the authority formally accepted the document; review deadlines count from it. Recorded by the authority only.';
COMMENT ON COLUMN lgit.document.filed_on IS '备案 (Art 30, 32): the date the authority accepted the filing of the document (the completion report); O&M money follows it. Recorded by the authority only.';

-- Art 35, 36: the unit registers the final accounts, the audit records its conclusion.
ALTER TABLE lgit.final_accounts ALTER COLUMN audit_concluded_on DROP NOT NULL;
ALTER TABLE lgit.final_accounts ALTER COLUMN surplus DROP DEFAULT;
ALTER TABLE lgit.final_accounts ALTER COLUMN surplus DROP NOT NULL;
COMMENT ON TABLE lgit.final_accounts IS
  'Art 35, 36: the final accounts by a third-party cost consultant (registered by the unit), the date the audit conclusion was issued and the surplus it found (recorded by the audit), the surplus to be returned within surplus_return_workdays of that date (LG360, reported in lgit.overdue).';
COMMENT ON COLUMN lgit.final_accounts.audit_concluded_on IS 'Art 35, 36: the date the audit conclusion was issued; recorded by the audit only.';
COMMENT ON COLUMN lgit.final_accounts.surplus IS 'Art 36: the surplus the audit found; recorded by the audit only.';
COMMENT ON COLUMN lgit.equipment_purchase.registration_number IS 'Art 43: the authority''s registration (登记、入库) of a device on the government network; recorded by the authority only.';
COMMENT ON TABLE lgit.payment_milestone IS 'Art 31: the contract''s payment schedule (合同约定的支付进度): how much becomes payable once the project has reached a stage from contracted on. Part of the contract: written with it, within its price and approved changes, and frozen with it once filed.';

INSERT INTO lgit.rule (code, article_nos, article, severity, title_zh, title_en, quote_zh) VALUES
('LG501', '{50}', '50', 'error', '不支持资源共享单位的在建项目暂缓拨付建设资金', 'construction funds paid while the unit is under a data-sharing sanction',
 '第五十条：……对不符合统筹建设和不支持资源共享的，新建项目不予审批建设；在建项目暂缓拨付建设资金，情节严重的，终止项目；已建成项目不予通过验收，暂停拨付运维资金。');

-- The per-table guards of 0.1.0 give way to the one guard.
DROP TRIGGER document_guard ON lgit.document;
DROP TRIGGER special_plan_guard ON lgit.special_plan;
DROP TRIGGER sanction_guard ON lgit.sanction;
DROP TRIGGER contract_guard ON lgit.contract;
DROP TRIGGER payment_milestone_guard ON lgit.payment_milestone;
DROP TRIGGER change_order_guard ON lgit.change_order;
DROP TRIGGER payment_guard ON lgit.payment;
DROP TRIGGER om_funding_guard ON lgit.om_funding;
DROP TRIGGER result_guard ON lgit.result;
DROP TRIGGER final_accounts_guard ON lgit.final_accounts;
DROP TRIGGER equipment_guard ON lgit.equipment_purchase;
DROP TRIGGER platform_connection_guard ON lgit.platform_connection;
DROP TRIGGER data_access_credential_guard ON lgit.data_access_credential;
DROP FUNCTION lgit.document_guard();
DROP FUNCTION lgit.contract_guard();
DROP FUNCTION lgit.change_order_guard();
DROP FUNCTION lgit.payment_guard();
DROP FUNCTION lgit.om_funding_guard();
DROP FUNCTION lgit.equipment_guard();
DROP FUNCTION lgit.registry_guard();

-- One guard for every registry (Art 4, 21).  Each table the gates read is described by a row of
-- lgit.registry: who writes it, through which column a row belongs to a project (and so to a
-- unit), and when its rows become part of the record; lgit.registry_column names the columns
-- that record another body's act.  lgit.registry_guard() reads the description, so a new
-- registry is a row here, not a new function.
CREATE TABLE lgit.registry (
  relname               name       PRIMARY KEY,
  owner_column          name       NOT NULL CHECK (owner_column IN ('project_id', 'contract_id', 'unit_id')),
  writers               lgit.capacity[] NOT NULL
                        CONSTRAINT writers_without_nulls CHECK (array_position(writers, NULL) IS NULL),
  writers_by_kind       boolean    NOT NULL DEFAULT false,
  append_only           boolean    NOT NULL DEFAULT false,
  frozen_from           lgit.stage,
  frozen_when_relied_on boolean    NOT NULL DEFAULT false,
  frozen_when_filed     boolean    NOT NULL DEFAULT false,
  article               text       NOT NULL
);
COMMENT ON TABLE lgit.registry IS
  'The registries lgit.registry_guard() guards and how: who writes each (a unit only for its own projects), and when a row becomes part of the record and can no longer be altered or removed (LG002).';
COMMENT ON COLUMN lgit.registry.owner_column IS 'How a row belongs to a unit: through its project (project_id), its contract''s project (contract_id), or directly (unit_id).';
COMMENT ON COLUMN lgit.registry.writers IS 'Capacities that write rows of the table; an update or delete needs the actor to be entitled to the row before and after (LG001).';
COMMENT ON COLUMN lgit.registry.writers_by_kind IS 'The writers of a row are those of its kind (lgit.document_kind.registered_by) instead.';
COMMENT ON COLUMN lgit.registry.append_only IS 'Rows are never altered or removed; a correction is another row (LG002).';
COMMENT ON COLUMN lgit.registry.frozen_from IS 'Rows freeze once the project has entered this stage; a move into it locks them until it commits.';
COMMENT ON COLUMN lgit.registry.frozen_when_relied_on IS 'A row freezes once a stage change relied on it (lgit.history.evidence).';
COMMENT ON COLUMN lgit.registry.frozen_when_filed IS 'A row freezes once its contract is filed with the authority (Art 19, 31): the filed contract and its payment schedule stay as filed.';

CREATE TABLE lgit.registry_column (
  relname      name       NOT NULL REFERENCES lgit.registry,
  attname      name       NOT NULL,
  writers      lgit.capacity[] NOT NULL
               CONSTRAINT writers_without_nulls CHECK (array_position(writers, NULL) IS NULL),
  after_freeze boolean    NOT NULL DEFAULT false,
  article      text       NOT NULL,
  frozen_from  lgit.stage,
  PRIMARY KEY (relname, attname)
);
COMMENT ON TABLE lgit.registry_column IS
  'Columns that record an act of a particular body (Art 4: each fact is written by the body that performs it), or that freeze later than their row. Only the capacities named set, change or clear them; a row carrying such a fact is removed only by them as well.';
COMMENT ON COLUMN lgit.registry_column.after_freeze IS 'The act may still be recorded (from empty to a value) after the row froze, e.g. a filing after the move that relied on the row.';
COMMENT ON COLUMN lgit.registry_column.frozen_from IS 'The column freezes only once the project entered this stage, later than its row (unless a move relied on the row itself): what a later move judges stays open until that move; a move into it locks the row.';

-- The guard keeps a copy of the descriptions per backend; a change reloads it everywhere.
CREATE TRIGGER registry_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.registry
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
CREATE TRIGGER registry_column_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.registry_column
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();

CREATE FUNCTION lgit.registry_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_registry_guard';
COMMENT ON FUNCTION lgit.registry_guard() IS
  'Trigger on every registry of lgit.registry: the actor must be entitled (capacity, own unit) to the row before and after the change, each column of lgit.registry_column is written only by its body, references point only at rows the actor can see, and rows that froze stay as they were (LG001, LG002).';

CREATE FUNCTION lgit.reference_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_reference_guard';
COMMENT ON FUNCTION lgit.reference_guard() IS
  'Trigger on lgit.project: a reference (previous phase, special plan) may point only at a row the actor can see; one that does not is refused without saying whether it exists (LG001).';
CREATE TRIGGER project_reference_guard
  BEFORE INSERT OR UPDATE ON lgit.project
  FOR EACH ROW EXECUTE FUNCTION lgit.reference_guard();

INSERT INTO lgit.registry (relname, owner_column, writers, writers_by_kind, frozen_when_relied_on, article) VALUES
('document', 'project_id', '{}', true, true, '4, 21');
INSERT INTO lgit.registry (relname, owner_column, writers, article) VALUES
('special_plan', 'unit_id', '{authority}', '8'),
('sanction',     'unit_id', '{authority,drc}', '47-50');
-- Art 11, 12: 正式受理 starts the authority's review clock; Art 30: 报区信息化主管部门备案.
INSERT INTO lgit.registry_column (relname, attname, writers, after_freeze, article) VALUES
('document', 'accepted_on', '{authority}', false, '11, 12'),
('document', 'filed_on',    '{authority}', true,  '30, 32');

-- as 95_security.sql does for every cache invalidation: always, and row by row in replica mode
ALTER TABLE lgit.registry ENABLE ALWAYS TRIGGER registry_invalidate;
ALTER TABLE lgit.registry_column ENABLE ALWAYS TRIGGER registry_column_invalidate;
CREATE TRIGGER registry_invalidate_applied AFTER INSERT OR UPDATE OR DELETE ON lgit.registry
  FOR EACH ROW EXECUTE FUNCTION lgit.invalidate_cache();
ALTER TABLE lgit.registry ENABLE REPLICA TRIGGER registry_invalidate_applied;
CREATE TRIGGER registry_column_invalidate_applied AFTER INSERT OR UPDATE OR DELETE ON lgit.registry_column
  FOR EACH ROW EXECUTE FUNCTION lgit.invalidate_cache();
ALTER TABLE lgit.registry_column ENABLE REPLICA TRIGGER registry_column_invalidate_applied;
GRANT SELECT ON lgit.registry, lgit.registry_column
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;

CREATE TRIGGER document_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER special_plan_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.special_plan
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER sanction_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.sanction
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();

-- Art 17-19, 23, 24, 31: the unit keeps its contracts and their payment schedules; the authority
-- records the filing; a filed contract and its schedule stay as filed, and once the project was
-- contracted on it the contract stays as it was (its supervisor until construction starts).
-- Change orders, payments and O&M money are never altered or removed.  Art 32, 35, 36, 43: the
-- audit's and the authority's acts are theirs.
INSERT INTO lgit.registry (relname, owner_column, writers, append_only, frozen_from, frozen_when_filed, article) VALUES
('contract',               'project_id',  '{unit,authority}', false, 'contracted',   true,  '17-19, 21'),
('payment_milestone',      'contract_id', '{unit,authority}', false, NULL,           true,  '19, 31'),
('change_order',           'contract_id', '{unit,authority}', true,  NULL,           false, '23, 24'),
('payment',                'contract_id', '{unit}',           true,  NULL,           false, '31, 50'),
('om_funding',             'project_id',  '{finance}',        true,  NULL,           false, '32, 46-48'),
('result',                 'project_id',  '{unit,authority}', false, NULL,           false, '37-39'),
('final_accounts',         'project_id',  '{unit,audit}',     false, NULL,           false, '35, 36'),
('platform_connection',    'project_id',  '{unit,authority}', false, NULL,           false, '40, 41'),
('equipment_purchase',     'project_id',  '{unit,authority}', false, NULL,           false, '42, 43'),
('data_access_credential', 'project_id',  '{unit,authority}', false, NULL,           false, '29');
INSERT INTO lgit.registry_column (relname, attname, writers, after_freeze, article) VALUES
('contract',           'filed_on',            '{authority}', true,  '19'),
('final_accounts',     'report_doc_number',   '{unit}',      false, '35'),
('final_accounts',     'consultant',          '{unit}',      false, '35'),
('final_accounts',     'surplus_returned_on', '{unit}',      false, '36'),
('final_accounts',     'audit_concluded_on',  '{audit}',     false, '35, 36'),
('final_accounts',     'surplus',             '{audit}',     false, '36'),
('equipment_purchase', 'registration_number', '{authority}', false, '43');
-- Art 18: the supervisor (监理), engaged apart from the contract, is judged when construction starts.
INSERT INTO lgit.registry_column (relname, attname, writers, after_freeze, article, frozen_from) VALUES
('contract', 'supervisor',           '{unit,authority}', false, '18', 'construction'),
('contract', 'supervisor_qualified', '{unit,authority}', false, '18', 'construction');

CREATE TRIGGER contract_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.contract
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER payment_milestone_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.payment_milestone
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER change_order_guard BEFORE INSERT ON lgit.change_order
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER payment_guard BEFORE INSERT ON lgit.payment
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER om_funding_guard BEFORE INSERT ON lgit.om_funding
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER result_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.result
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER final_accounts_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.final_accounts
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER equipment_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.equipment_purchase
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER platform_connection_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.platform_connection
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER data_access_credential_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.data_access_credential
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
REVOKE ALL ON FUNCTION lgit.registry_guard(), lgit.reference_guard() FROM PUBLIC;

-- Art 32: O&M money follows the authority's filing of the completion report.
COMMENT ON FUNCTION lgit.om_blockers(bigint, date) IS
  'Why a project may not draw O&M money on a day (Art 32, 47, 48): no completion acceptance filed with the authority (备案), or its unit under a data-sharing or security sanction. Empty means finance may grant it.';
CREATE OR REPLACE VIEW lgit.om_eligible AS
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
WHERE p.stage = 'completed'
  AND NOT EXISTS (SELECT FROM lgit.om_blockers(p.project_id));

-- Art 34: the industry department (a department in the unit capacity) registers its review of
-- another unit's termination, although it does not see that unit's projects.
CREATE POLICY department_review ON lgit.document FOR INSERT
  WITH CHECK (kind IN (SELECT k.kind FROM lgit.document_kind k WHERE k.by_other_department)
              AND (SELECT a.capacity = 'unit' FROM lgit.current_actor() a));
