-- 0.2.0: NULL elements and non-numbers refused (schema/55_well_formed_values.sql, the same statements).

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
