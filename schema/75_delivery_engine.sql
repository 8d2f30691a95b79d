-- Guards on the records of delivery and after, and the Art 32 list (doc/lgit.md §7).

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
CREATE TRIGGER contract_no_truncate BEFORE TRUNCATE ON lgit.contract
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER payment_milestone_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.payment_milestone
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();

CREATE TRIGGER change_order_guard BEFORE INSERT ON lgit.change_order
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER change_order_no_change BEFORE UPDATE OR DELETE ON lgit.change_order
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER change_order_no_truncate BEFORE TRUNCATE ON lgit.change_order
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER payment_guard BEFORE INSERT ON lgit.payment
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER payment_no_change BEFORE UPDATE OR DELETE ON lgit.payment
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER payment_no_truncate BEFORE TRUNCATE ON lgit.payment
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER om_funding_guard BEFORE INSERT ON lgit.om_funding
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER om_funding_no_change BEFORE UPDATE OR DELETE ON lgit.om_funding
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER om_funding_no_truncate BEFORE TRUNCATE ON lgit.om_funding
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER result_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.result
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER final_accounts_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.final_accounts
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();

CREATE FUNCTION lgit.om_blockers(project_id bigint, on_date date DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date)
  RETURNS TABLE (code text, article text, message text, facts jsonb)
  LANGUAGE c STABLE STRICT AS 'MODULE_PATHNAME', 'lgit_om_blockers';
COMMENT ON FUNCTION lgit.om_blockers(bigint, date) IS
  'Why a project may not draw O&M money on a day (Art 32, 47, 48): no completion acceptance filed with the authority (备案), or its unit under a data-sharing or security sanction. Empty means finance may grant it.';

-- lgit.om_eligible, the list built from the same rule, is in 92_sharing_probe.sql: it reads
-- lgit.sharing_status.

CREATE TRIGGER equipment_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.equipment_purchase
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER platform_connection_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.platform_connection
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
CREATE TRIGGER data_access_credential_guard BEFORE INSERT OR UPDATE OR DELETE ON lgit.data_access_credential
  FOR EACH ROW EXECUTE FUNCTION lgit.registry_guard();
