-- (Its own file, so that the update from 0.1.0 runs this very definition: it replaces the one
-- 0.1.0's update gave a string body and a pinned search_path, upgrade/0.1.0--0.2.0/41_history_chain.sql.)
-- What the gates judged of a project: its money by source, what it is, its plan and its
-- previous phase.  Sealed into each history row; after establishment only lgit.reapprove()
-- changes them (LG231).  Its body is stored parsed (RETURN, not a string): it resolves no name
-- when it runs, so it needs no pinned search_path (95_security.sql) and is inlined into the
-- query that calls it - the history append of every move - instead of being parsed again
-- for each row.
CREATE OR REPLACE FUNCTION lgit.judged_fields(p lgit.project) RETURNS jsonb
  LANGUAGE sql STABLE
  RETURN jsonb_build_object(
    'category', p.category, 'build_type', p.build_type, 'custom_development', p.custom_development,
    'superior_funded', p.superior_funded, 'plan_year', p.plan_year,
    'special_plan_id', p.special_plan_id, 'previous_phase_id', p.previous_phase_id,
    'fund_general_budget', p.fund_general_budget, 'fund_government_bonds', p.fund_government_bonds,
    'fund_unit_self_raised', p.fund_unit_self_raised, 'fund_other_government', p.fund_other_government,
    'fund_superior', p.fund_superior, 'fund_social_capital', p.fund_social_capital);
COMMENT ON FUNCTION lgit.judged_fields(lgit.project) IS
  'The fields of a project the gates judge (Art 2, 3, 8-14, 29, 33), as sealed in lgit.history.judged. After establishment they change only through lgit.reapprove() by the body that approved the project (LG231).';
