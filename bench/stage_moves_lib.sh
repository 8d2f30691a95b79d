# The stage-move fixture and moves both stage-move benchmarks measure (sourced by
# bench/stage_moves.bench.sh, which times them, and bench/move_instructions.bench.sh, which
# counts their instructions).
#
# Three copies of the same rows: lgit's own tables; schema floor, a copy of lgit.project,
# lgit.history and lgit.history_head with no trigger, moved by one statement that updates the
# project, appends the history row (the same columns, judged fields and a SHA-256 chained to
# the previous row) and moves the head - keeping the history, without any check; schema peer,
# the same copy under bench/stage_moves_plpgsql.sql, a PL/pgSQL trigger making the checks lgit
# makes for these moves (a baseline only, never installed by lgit).
# - cycle: construction <-> suspended by the authority (the resumption checked against the
#   history), by UPDATE, by lgit.advance(), by UPDATE through a member of lgit_app naming
#   the person in lgit.actor (row-level security applies), and on the PL/pgSQL peer;
# - gate-heavy: established <-> design_submitted (the submission reads the history for the
#   feasibility fork, the preliminary design and the quotes; the return, by the authority,
#   goes back where it came from), by UPDATE, by lgit.advance() and on the peer.
#
# lgit_bench_stage_moves_setup walks `projects` B- projects to construction through legal
# moves and `gated` G- projects to design_submitted, in $LGIT_BENCH_DB.

lgit_bench_stage_moves_setup() {
	local projects=$1 gated=$2

	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -f "$LGIT_ROOT/test/support/evidence.sql"
	psql -X -q -v ON_ERROR_STOP=1 -v projects="$projects" -v gated="$gated" -d "$LGIT_BENCH_DB" <<'SQL'
SET client_min_messages = warning;
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('B-STREET', '基准测试街道', 'street'), ('B-AUTH', '基准测试主管部门', 'authority'),
  ('B-DRC', '基准测试发改', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('b_unit', 'B-STREET', 'unit'), ('b_authority', 'B-AUTH', 'authority'),
             ('b_drc', 'B-DRC', 'drc')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;

SET lgit.actor = 'b_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'B-' || i, '基准项目' || i, unit_id, 'application', 'new', 1000000 + i
FROM lgit.unit, generate_series(1, :projects) AS i WHERE code = 'B-STREET';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'G-' || i, '基准项目' || i, unit_id, 'application', 'new', 1000000 + i
FROM lgit.unit, generate_series(1, :gated) AS i WHERE code = 'B-STREET';
-- complete evidence for every gate on the way (test/support/evidence.sql)
SELECT count(lgit_test.file_complete_evidence(project_id)) FROM lgit.project WHERE code ~ '^[BG]-' \g /dev/null
SET lgit.actor = 'b_unit';
-- Walk every project through legal moves, one step at a time: G- to design_submitted,
-- B- to construction.
SELECT count(lgit.advance(project_id, 'proposed')) FROM lgit.project WHERE code ~ '^[BG]-' \g /dev/null
SET lgit.actor = 'b_authority';
SELECT count(lgit.advance(project_id, 'proposal_approved')) FROM lgit.project WHERE code ~ '^[BG]-' \g /dev/null
SET lgit.actor = 'b_drc';
SELECT count(lgit.advance(project_id, 'established')) FROM lgit.project WHERE code ~ '^[BG]-' \g /dev/null
SET lgit.actor = 'b_unit';
SELECT count(lgit.advance(project_id, 'design_submitted')) FROM lgit.project WHERE code ~ '^[BG]-' \g /dev/null
SET lgit.actor = 'b_authority';
SELECT count(lgit.advance(project_id, 'design_prereviewed')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SELECT count(lgit.advance(project_id, 'design_reviewed')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_drc';
SELECT count(lgit.advance(project_id, 'design_approved')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_unit';
SELECT count(lgit.advance(project_id, 'procurement')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SELECT count(lgit.advance(project_id, 'contracted')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SELECT count(lgit.advance(project_id, 'construction')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
RESET lgit.actor;

-- The floor and the PL/pgSQL peer: the same rows in tables of the same shape (indexes,
-- constraints, foreign keys), without lgit's triggers.
BEGIN;
CREATE SCHEMA floor;
CREATE SCHEMA peer;
DO $$
DECLARE
  s text;
  -- every column but the generated ones (total_investment)
  written text := (SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                   WHERE attrelid = 'lgit.project'::regclass AND attnum > 0 AND NOT attisdropped
                     AND attgenerated = '');
BEGIN
  FOREACH s IN ARRAY ARRAY['floor', 'peer'] LOOP
    EXECUTE format('CREATE TABLE %I.project (LIKE lgit.project INCLUDING ALL)', s);
    EXECUTE format('CREATE TABLE %I.history (LIKE lgit.history INCLUDING ALL)', s);
    EXECUTE format('CREATE TABLE %I.history_head (LIKE lgit.history_head INCLUDING ALL)', s);
    EXECUTE format('INSERT INTO %I.project (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM lgit.project '
                   'WHERE code ~ ''^[BG]-''', s, written, written);
    EXECUTE format('INSERT INTO %I.history OVERRIDING SYSTEM VALUE SELECT h.* FROM lgit.history h '
                   'JOIN %I.project USING (project_id)', s, s);
    EXECUTE format('INSERT INTO %I.history_head SELECT h.* FROM lgit.history_head h '
                   'JOIN %I.project USING (project_id)', s, s);
    EXECUTE format('SELECT setval(pg_get_serial_sequence(''%I.history'', ''history_id''), '
                   '(SELECT max(history_id) FROM lgit.history))', s);
    EXECUTE format('ALTER TABLE %I.history ADD FOREIGN KEY (project_id) REFERENCES %I.project', s, s);
    EXECUTE format('ALTER TABLE %I.history_head ADD FOREIGN KEY (project_id) REFERENCES %I.project', s, s);
  END LOOP;
END
$$;
COMMIT;

SQL
	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -f "$LGIT_ROOT/bench/stage_moves_plpgsql.sql"
	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" <<'SQL'
SET client_min_messages = warning;
-- a member of lgit_app, naming the person acting in lgit.actor (as an application does);
-- roles are the cluster's: another benchmark database may have made it
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_app') THEN CREATE ROLE bench_app LOGIN; END IF;
END $$;
GRANT lgit_app TO bench_app;
VACUUM ANALYZE lgit.project, lgit.history, lgit.history_head, lgit.document;
VACUUM ANALYZE floor.project, floor.history, floor.history_head;
VACUUM ANALYZE peer.project, peer.history, peer.history_head;
SQL
}

# The floor's move, one statement: the projects $1 selects (alias p) move to $2 (of the row
# before), having left $3 (of the row after), by $4, for reason $5; the history row has lgit's columns
# (judged fields, evidence, a SHA-256 over its content chained to the previous row), the head
# moves with it; no check at all.
lgit_bench_floor_move() {
	cat <<SQL
WITH moved AS (
  UPDATE floor.project p SET stage = $2 WHERE $1
  RETURNING p.*, $3 AS from_stage, $4 AS actor_name),
head AS (
  SELECT m.*, h.seq + 1 AS next_seq, h.row_hash AS last_hash,
         greatest(clock_timestamp(), h.changed_at) AS at, a.capacity AS actor_capacity,
         a.unit_id AS actor_unit_id, $5::text AS reason,
         jsonb_build_object(
           'category', m.category, 'build_type', m.build_type, 'custom_development', m.custom_development,
           'superior_funded', m.superior_funded, 'plan_year', m.plan_year,
           'special_plan_id', m.special_plan_id, 'previous_phase_id', m.previous_phase_id,
           'fund_general_budget', m.fund_general_budget, 'fund_government_bonds', m.fund_government_bonds,
           'fund_unit_self_raised', m.fund_unit_self_raised, 'fund_other_government', m.fund_other_government,
           'fund_superior', m.fund_superior, 'fund_social_capital', m.fund_social_capital) AS judged,
         sha256(''::bytea) AS evidence_hash
  FROM moved m JOIN floor.history_head h USING (project_id)
  JOIN lgit.actor a ON a.actor_name = m.actor_name),
appended AS (
  INSERT INTO floor.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id,
                             project_unit_id, changed_at, reason, evidence, prev_hash, row_hash,
                             hash_version, kind, judged, evidence_hash)
  SELECT project_id, next_seq, from_stage, stage, actor_name, actor_capacity, actor_unit_id, unit_id,
         at, reason, '{}', last_hash,
         sha256(convert_to(concat_ws('|', 'lgit-history-2', project_id, next_seq, from_stage, stage,
                actor_name, actor_capacity, actor_unit_id, unit_id, at, reason, '{}', 'move', judged,
                encode(evidence_hash, 'hex')), 'UTF8') || last_hash),
         2, 'move', judged, evidence_hash
  FROM head
  RETURNING project_id, seq, row_hash, changed_at)
UPDATE floor.history_head h SET seq = a.seq, row_hash = a.row_hash, changed_at = a.changed_at
FROM appended a WHERE h.project_id = a.project_id;
SQL
}

# Writes the moves as pgbench scripts into $1: cycle_<kind>.sql (floor, update, advance, app,
# plpgsql) and gate_<kind>.sql (floor, update, advance, plpgsql), each a line choosing the
# project :p and the statement moving it to the other stage of its cycle.  The actor is
# lgit.actor (b_authority) for the cycle, and named in each gate-heavy move's transaction;
# app is the cycle's UPDATE, meant to be run by a member of lgit_app.
lgit_bench_move_scripts() {
	local dir=$1
	# Each pgbench client moves its own half of the projects (client_id 0 the even offsets, 1 the
	# odd ones), so no move waits for or races another; a failed transaction fails the run.
	local pick='\set p :first + 2 * random(0, (:last - :first - 1) / 2) + :client_id'
	local cycle="CASE stage WHEN 'construction' THEN 'suspended'::lgit.stage ELSE 'construction' END"
	local gate="CASE stage WHEN 'established' THEN 'design_submitted'::lgit.stage ELSE 'established' END"
	local gate_actor="CASE stage WHEN 'established' THEN 'b_unit' ELSE 'b_authority' END"
	local settings="(SELECT set_config('lgit.reason', 'bench', true)) AS reason_of_this_transaction"
	local uncycle="CASE p.stage WHEN 'construction' THEN 'suspended'::lgit.stage ELSE 'construction' END"
	local ungate="CASE p.stage WHEN 'established' THEN 'design_submitted'::lgit.stage ELSE 'established' END"
	printf '%s\n%s\n' "$pick" "$(lgit_bench_floor_move 'p.project_id = :p' "$cycle" "$uncycle" \
		"current_setting('lgit.actor')" "'bench'")" >"$dir/cycle_floor.sql"
	printf '%s\n%s\n' "$pick" \
		"UPDATE lgit.project SET stage = $cycle FROM $settings WHERE project_id = :p;" >"$dir/cycle_update.sql"
	printf '%s\n%s\n' "$pick" \
		"SELECT lgit.advance(:p, $cycle, 'bench') FROM lgit.project WHERE project_id = :p;" >"$dir/cycle_advance.sql"
	cp "$dir/cycle_update.sql" "$dir/cycle_app.sql"
	printf '%s\n%s\n' "$pick" \
		"UPDATE peer.project SET stage = $cycle FROM $settings WHERE project_id = :p;" >"$dir/cycle_plpgsql.sql"
	# the gate-heavy cycle: each move by the actor entitled to it, named in its transaction
	local gate_settings="(SELECT set_config('lgit.reason', 'bench', true), set_config('lgit.actor', $gate_actor, true) FROM %s.project WHERE project_id = :p) AS settings_of_this_transaction"
	printf '%s\n%s\n' "$pick" "$(lgit_bench_floor_move 'p.project_id = :p' "$gate" "$ungate" \
		"CASE p.stage WHEN 'design_submitted' THEN 'b_unit' ELSE 'b_authority' END" "'bench'")" >"$dir/gate_floor.sql"
	printf '%s\n%s\n' "$pick" \
		"UPDATE lgit.project SET stage = $gate FROM $(printf "$gate_settings" lgit) WHERE project_id = :p;" >"$dir/gate_update.sql"
	printf '%s\n%s\n' "$pick" \
		"SELECT lgit.advance(:p, $gate, 'bench') FROM (SELECT stage, set_config('lgit.actor', $gate_actor, true) FROM lgit.project WHERE project_id = :p) s;" \
		>"$dir/gate_advance.sql"
	printf '%s\n%s\n' "$pick" \
		"UPDATE peer.project SET stage = $gate FROM $(printf "$gate_settings" peer) WHERE project_id = :p;" >"$dir/gate_plpgsql.sql"
}
