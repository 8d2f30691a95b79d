-- What a move reads, made cheaper (schema/50_history.sql).

-- lgit.judged_fields() with its body stored parsed (RETURN, not a string): it resolves no name
-- when it runs, needs no pinned search_path, and is inlined into the history append of every
-- move instead of being parsed again for each row (schema/50_history.sql).  CREATE OR REPLACE
-- keeps its comment and privileges and drops the setting 41_history_chain.sql gave it.
CREATE OR REPLACE FUNCTION lgit.judged_fields(p lgit.project) RETURNS jsonb
  LANGUAGE sql STABLE
  RETURN jsonb_build_object(
    'category', p.category, 'build_type', p.build_type, 'custom_development', p.custom_development,
    'superior_funded', p.superior_funded, 'plan_year', p.plan_year,
    'special_plan_id', p.special_plan_id, 'previous_phase_id', p.previous_phase_id,
    'fund_general_budget', p.fund_general_budget, 'fund_government_bonds', p.fund_government_bonds,
    'fund_unit_self_raised', p.fund_unit_self_raised, 'fund_other_government', p.fund_other_government,
    'fund_superior', p.fund_superior, 'fund_social_capital', p.fund_social_capital);

-- The day a project was proposed (or created), which thresholds judged at proposal are read
-- on: found at once, however long the history has grown.
CREATE INDEX history_proposal_idx ON lgit.history (project_id, seq) WHERE to_stage = 'proposed' OR seq = 1;

-- Who sees every unit, as expressions stored parsed: inlined into the policies of every
-- statement of an application's role instead of parsed and planned for each (84_scope.sql).
CREATE OR REPLACE FUNCTION lgit.is_reporting_tool() RETURNS boolean
  LANGUAGE sql STABLE
  RETURN (lgit.current_actor()).capacity IS NULL AND (lgit.current_actor()).actor = session_user
         AND pg_has_role('lgit_reader', 'USAGE');
CREATE OR REPLACE FUNCTION lgit.sees_all_units() RETURNS boolean
  LANGUAGE sql STABLE
  RETURN CASE WHEN (lgit.current_actor()).capacity IS NOT NULL THEN (lgit.current_actor()).capacity <> 'unit'
              ELSE lgit.is_reporting_tool() END;
