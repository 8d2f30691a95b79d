-- Values that can never mean anything are refused where they are stored, so that no check,
-- view or report has to guess what they mean.  (The upgrade from 0.1.0 runs these same
-- statements: upgrade/0.1.0--0.2.0/20_well_formed_values.sql.)

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
-- on one that takes a non-number.  The test is one C call: PostgreSQL compiles a table's check
-- constraints again for every statement that writes it, and `x NOT IN ('NaN', 'Infinity',
-- '-Infinity')` is about three times the text to read back and three comparisons.
CREATE FUNCTION lgit.is_a_number(numeric) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_is_a_number';
COMMENT ON FUNCTION lgit.is_a_number(numeric) IS
  'Whether a numeric is a number: neither NaN nor +-Infinity (NULL for NULL). The check constraints *_is_a_number of every amount call it.';
-- Art 3, 14: no fund of a project is negative.  The project row is written on every move, and
-- the call is half the text of `x >= 0` to read back and compile for each statement.  The
-- amounts of other tables (contracts, payments, targets, ...) keep their `>= 0` and `> 0`:
-- they are written a few times in a project's life, not with each move.  The functions can be
-- replaced only by the extension's owner, who could as well drop the constraints.
CREATE FUNCTION lgit.is_not_negative(numeric) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_is_not_negative';
COMMENT ON FUNCTION lgit.is_not_negative(numeric) IS
  'Whether a numeric is not below zero, as x >= 0 orders it (NULL for NULL). The check constraints project_fund_*_check call it.';
ALTER TABLE lgit.project ADD CONSTRAINT project_fund_general_budget_check CHECK (lgit.is_not_negative(fund_general_budget));
ALTER TABLE lgit.project ADD CONSTRAINT project_fund_government_bonds_check CHECK (lgit.is_not_negative(fund_government_bonds));
ALTER TABLE lgit.project ADD CONSTRAINT project_fund_unit_self_raised_check CHECK (lgit.is_not_negative(fund_unit_self_raised));
ALTER TABLE lgit.project ADD CONSTRAINT project_fund_other_government_check CHECK (lgit.is_not_negative(fund_other_government));
ALTER TABLE lgit.project ADD CONSTRAINT project_fund_superior_check CHECK (lgit.is_not_negative(fund_superior));
ALTER TABLE lgit.project ADD CONSTRAINT project_fund_social_capital_check CHECK (lgit.is_not_negative(fund_social_capital));
ALTER TABLE lgit.project ADD CONSTRAINT fund_general_budget_is_a_number
  CHECK (lgit.is_a_number(fund_general_budget));
ALTER TABLE lgit.project ADD CONSTRAINT fund_government_bonds_is_a_number
  CHECK (lgit.is_a_number(fund_government_bonds));
ALTER TABLE lgit.project ADD CONSTRAINT fund_unit_self_raised_is_a_number
  CHECK (lgit.is_a_number(fund_unit_self_raised));
ALTER TABLE lgit.project ADD CONSTRAINT fund_other_government_is_a_number
  CHECK (lgit.is_a_number(fund_other_government));
ALTER TABLE lgit.project ADD CONSTRAINT fund_superior_is_a_number
  CHECK (lgit.is_a_number(fund_superior));
ALTER TABLE lgit.project ADD CONSTRAINT fund_social_capital_is_a_number
  CHECK (lgit.is_a_number(fund_social_capital));
ALTER TABLE lgit.contract ADD CONSTRAINT amount_is_a_number
  CHECK (lgit.is_a_number(amount));
ALTER TABLE lgit.payment_milestone ADD CONSTRAINT amount_is_a_number
  CHECK (lgit.is_a_number(amount));
ALTER TABLE lgit.payment ADD CONSTRAINT amount_is_a_number
  CHECK (lgit.is_a_number(amount));
ALTER TABLE lgit.change_order ADD CONSTRAINT amount_is_a_number
  CHECK (lgit.is_a_number(amount));
ALTER TABLE lgit.om_funding ADD CONSTRAINT amount_is_a_number
  CHECK (lgit.is_a_number(amount));
ALTER TABLE lgit.final_accounts ADD CONSTRAINT surplus_is_a_number
  CHECK (lgit.is_a_number(surplus));
ALTER TABLE lgit.equipment_purchase ADD CONSTRAINT amount_is_a_number
  CHECK (lgit.is_a_number(amount));
ALTER TABLE lgit.policy ADD CONSTRAINT value_is_a_number
  CHECK (lgit.is_a_number(value));

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
