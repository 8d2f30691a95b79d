-- 0.1.0 checked each fund of a project with `x >= 0`; 20_well_formed_values.sql adds the same
-- constraints, under the same names, calling lgit.is_not_negative() (the same rows pass).
ALTER TABLE lgit.project
  DROP CONSTRAINT project_fund_general_budget_check,
  DROP CONSTRAINT project_fund_government_bonds_check,
  DROP CONSTRAINT project_fund_unit_self_raised_check,
  DROP CONSTRAINT project_fund_other_government_check,
  DROP CONSTRAINT project_fund_superior_check,
  DROP CONSTRAINT project_fund_social_capital_check;
