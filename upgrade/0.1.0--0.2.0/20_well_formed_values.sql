-- 0.2.0: NULL elements, non-numbers and impossible dates refused (schema/55_well_formed_values.sql,
-- the same statements).  Where a NULL element or a NaN is already stored, the update stops
-- with the name of the constraint those rows violate and changes nothing: correct the rows, then
-- update again.  Dates already stored are judged only by an update that changes them.

-- A NULL inside an array of parts, capacities, articles or evidence says nothing, and makes
-- `x = ANY (a)` NULL instead of false.
ALTER TABLE lgit.document ADD CONSTRAINT parts_without_nulls
  CHECK (array_position(parts, NULL) IS NULL);
ALTER TABLE lgit.document_kind ADD CONSTRAINT registered_by_without_nulls
  CHECK (array_position(registered_by, NULL) IS NULL);
ALTER TABLE lgit.stage_info ADD CONSTRAINT entered_by_without_nulls
  CHECK (array_position(entered_by, NULL) IS NULL);
ALTER TABLE lgit.stage_edge ADD CONSTRAINT capacities_without_nulls
  CHECK (array_position(capacities, NULL) IS NULL);
ALTER TABLE lgit.rule ADD CONSTRAINT article_nos_without_nulls
  CHECK (array_position(article_nos, NULL) IS NULL);
ALTER TABLE lgit.history ADD CONSTRAINT evidence_without_nulls
  CHECK (array_position(evidence, NULL) IS NULL);

-- Money and counts are numbers: numeric also stores 'NaN' (which passes `>= 0`, being greater
-- than every number) and, unconstrained, ±'Infinity'.  One such amount would turn every sum
-- of the district into NaN (district_funds and total_investment are generated sums of the
-- funds).  test/input_finite.sql walks every numeric column of every table of lgit and fails
-- on one that takes a non-number.
ALTER TABLE lgit.project ADD CONSTRAINT fund_general_budget_is_a_number
  CHECK (fund_general_budget NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.project ADD CONSTRAINT fund_government_bonds_is_a_number
  CHECK (fund_government_bonds NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.project ADD CONSTRAINT fund_unit_self_raised_is_a_number
  CHECK (fund_unit_self_raised NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.project ADD CONSTRAINT fund_other_government_is_a_number
  CHECK (fund_other_government NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.project ADD CONSTRAINT fund_superior_is_a_number
  CHECK (fund_superior NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.project ADD CONSTRAINT fund_social_capital_is_a_number
  CHECK (fund_social_capital NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.contract ADD CONSTRAINT amount_is_a_number
  CHECK (amount NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.payment_milestone ADD CONSTRAINT amount_is_a_number
  CHECK (amount NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.payment ADD CONSTRAINT amount_is_a_number
  CHECK (amount NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.change_order ADD CONSTRAINT amount_is_a_number
  CHECK (amount NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.om_funding ADD CONSTRAINT amount_is_a_number
  CHECK (amount NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.final_accounts ADD CONSTRAINT surplus_is_a_number
  CHECK (surplus NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.equipment_purchase ADD CONSTRAINT amount_is_a_number
  CHECK (amount NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE lgit.policy ADD CONSTRAINT value_is_a_number
  CHECK (value NOT IN ('NaN', 'Infinity', '-Infinity'));

-- Dates of record that cannot be (LG008, src/date_guard.c): an act on record has happened, so
-- its date is not after today in Shenzhen (nor ±infinity); the steps of the measures' own
-- procedure (a document's formal acceptance, the acts from contract to final accounts) do not
-- predate them either (the first day lgit.policy has a value in force).
INSERT INTO lgit.rule (code, article_nos, article, severity, title_zh, title_en, quote_zh) VALUES
('LG008', '{}', '—', 'error', '记录日期不可能：晚于今天，或早于本办法施行',
 'a date of record after today, or before the measures were in force', NULL);

CREATE FUNCTION lgit.date_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_date_guard';
COMMENT ON FUNCTION lgit.date_guard() IS
  'Trigger: BEFORE INSERT OR UPDATE; refuses a date of record after today in Shenzhen, or not finite, and with first argument since_measures one before the measures were in force (LG008). Arguments: until_today | since_measures, then the date columns.';

CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('until_today', 'issued_on');
-- the authority's formal acceptance (正式受理) starts a review clock of the measures
CREATE TRIGGER date_guard_accepted BEFORE INSERT OR UPDATE ON lgit.document
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'accepted_on');
-- so does the application for the go-live security test (Art 28)
CREATE TRIGGER date_guard_security_test_application BEFORE INSERT OR UPDATE ON lgit.document
  FOR EACH ROW WHEN (NEW.kind = 'security_test_application')
  EXECUTE FUNCTION lgit.date_guard('since_measures', 'issued_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.special_plan
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('until_today', 'filed_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.contract
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'signed_on', 'filed_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.change_order
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'signed_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.payment
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'requested_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.result
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'registered_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.data_access_credential
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'delivered_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.platform_connection
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'connected_on');
CREATE TRIGGER date_guard BEFORE INSERT OR UPDATE ON lgit.final_accounts
  FOR EACH ROW EXECUTE FUNCTION lgit.date_guard('since_measures', 'audit_concluded_on', 'surplus_returned_on');

REVOKE ALL ON FUNCTION lgit.date_guard() FROM PUBLIC;
