-- Guards on the records of delivery and after, and the Art 32 list (doc/lgit.md §7).

CREATE FUNCTION lgit.contract_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_contract_guard';
COMMENT ON FUNCTION lgit.contract_guard() IS
  'Trigger on lgit.contract: kept by the project''s unit (or the authority); only the authority records the filing date (Art 19).';
CREATE FUNCTION lgit.change_order_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_change_order_guard';
COMMENT ON FUNCTION lgit.change_order_guard() IS
  'Trigger on lgit.change_order: confirmed by design, supervision and contractor; cumulative changes over change_review_ratio need the authority''s review (LG240); a budget over the approved total needs re-approval (LG230).';
CREATE FUNCTION lgit.payment_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_payment_guard';
COMMENT ON FUNCTION lgit.payment_guard() IS
  'Trigger on lgit.payment: only under a filed contract and within its payment schedule for the stages reached (LG310).';
CREATE FUNCTION lgit.om_funding_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_om_funding_guard';
COMMENT ON FUNCTION lgit.om_funding_guard() IS
  'Trigger on lgit.om_funding: granted by finance, only as lgit.om_blockers() allows (LG320, LG470, LG480).';

CREATE TRIGGER contract_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.contract
  FOR EACH ROW EXECUTE FUNCTION lgit.contract_guard();
CREATE TRIGGER contract_no_truncate BEFORE TRUNCATE ON lgit.contract
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER payment_milestone_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.payment_milestone
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('unit', 'authority');

CREATE TRIGGER change_order_guard BEFORE INSERT ON lgit.change_order
  FOR EACH ROW EXECUTE FUNCTION lgit.change_order_guard();
CREATE TRIGGER change_order_no_change BEFORE UPDATE OR DELETE ON lgit.change_order
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER change_order_no_truncate BEFORE TRUNCATE ON lgit.change_order
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER payment_guard BEFORE INSERT ON lgit.payment
  FOR EACH ROW EXECUTE FUNCTION lgit.payment_guard();
CREATE TRIGGER payment_no_change BEFORE UPDATE OR DELETE ON lgit.payment
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER payment_no_truncate BEFORE TRUNCATE ON lgit.payment
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER om_funding_guard BEFORE INSERT ON lgit.om_funding
  FOR EACH ROW EXECUTE FUNCTION lgit.om_funding_guard();
CREATE TRIGGER om_funding_no_change BEFORE UPDATE OR DELETE ON lgit.om_funding
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER om_funding_no_truncate BEFORE TRUNCATE ON lgit.om_funding
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER result_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.result
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('unit', 'authority');
CREATE TRIGGER final_accounts_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.final_accounts
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('unit', 'audit');

CREATE FUNCTION lgit.om_blockers(project_id bigint, on_date date DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date)
  RETURNS TABLE (code text, article text, message text, facts jsonb)
  LANGUAGE c STABLE STRICT AS 'MODULE_PATHNAME', 'lgit_om_blockers';
COMMENT ON FUNCTION lgit.om_blockers(bigint, date) IS
  'Why a project may not draw O&M money on a day (Art 32, 47, 48): no completion acceptance on file, or its unit under a data-sharing or security sanction. Empty means finance may grant it.';

CREATE VIEW lgit.om_eligible AS
SELECT p.project_id, p.code AS project_code, p.name, u.name_zh AS unit,
       c.doc_number AS completion_report, c.issued_on AS completed_on,
       (c.issued_on + make_interval(months => w.warranty_months))::date AS warranty_ends
FROM lgit.project p
JOIN lgit.unit u USING (unit_id)
CROSS JOIN LATERAL (SELECT d.doc_number, d.issued_on FROM lgit.document d
                    WHERE d.project_id = p.project_id AND d.kind = 'completion_report'
                    ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1) c
LEFT JOIN LATERAL (SELECT max(k.warranty_months) AS warranty_months FROM lgit.contract k
                   WHERE k.project_id = p.project_id) w ON true
WHERE p.stage = 'completed'
  AND NOT EXISTS (SELECT FROM lgit.om_blockers(p.project_id));
COMMENT ON VIEW lgit.om_eligible IS
  'Art 32: the list the authority sends to finance - every project entitled to O&M money today (lgit.om_blockers() empty), with its completion report and the end of its warranty (completion plus the longest contract warranty).';

CREATE FUNCTION lgit.equipment_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_equipment_guard';
COMMENT ON FUNCTION lgit.equipment_guard() IS
  'Trigger on lgit.equipment_purchase: a unit buys no government-cloud equipment, and security equipment only with the authority''s approval (LG420, Art 42).';
CREATE TRIGGER equipment_guard BEFORE INSERT OR UPDATE ON lgit.equipment_purchase
  FOR EACH ROW EXECUTE FUNCTION lgit.equipment_guard();
CREATE TRIGGER platform_connection_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.platform_connection
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('unit', 'authority');
CREATE TRIGGER data_access_credential_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.data_access_credential
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard('unit', 'authority');
