# Stage moves (doc/lgit.md §3): what lgit's checks cost a move, against the floor of keeping
# the same history without them, and against the same checks in PL/pgSQL.
#
# Three copies of the same rows: lgit's own tables; schema floor, a copy of lgit.project,
# lgit.history and lgit.history_head with no trigger, moved by one statement that updates the
# project, appends the history row (the same columns, judged fields and a SHA-256 chained to
# the previous row) and moves the head - keeping the history, without any check; schema peer,
# the same copy under bench/stage_moves_plpgsql.sql, a PL/pgSQL trigger making the checks lgit
# makes for these moves (a baseline only, never installed by lgit).
#
# Measured with pgbench -M prepared, LGIT_BENCH_SECONDS (default 5) per run, at 1 and 2
# clients, LGIT_BENCH_REPS (default 3) interleaved repetitions; each figure is the median
# of the per-repetition ratios (the machine is shared: only ratios of runs side by side mean
# anything).  Commits do not wait for the WAL flush (synchronous_commit = off): the figures
# are what the work of a move costs, not how long the shared disk takes to sync.  Besides the
# time, each run reads the CPU time of its own backends (/proc/<pid>/stat, until each ends)
# and compares it per move with the floor's: that leaves out what the pgbench clients and
# the scheduling of two cores add to the time at 2 clients; and the time the run spends in
# the functions of lgit (its triggers, for a move by UPDATE) or of the peer (its trigger), as
# track_functions = all counts it on the benchmark's database: where C and PL/pgSQL differ, the
# rest of a move (the UPDATE itself, the commit) being the same for both.
# - cycle: construction <-> suspended by the authority (the resumption checked against the
#   history), by UPDATE, by lgit.advance(), by UPDATE through a member of lgit_app naming
#   the person in lgit.actor (row-level security applies), and on the PL/pgSQL peer;
# - gate-heavy: established <-> design_submitted (the submission reads the history for the
#   feasibility fork, the preliminary design and the quotes; the return, by the authority,
#   goes back where it came from), by UPDATE, by lgit.advance() and on the peer;
# - bulk: one statement resuming LGIT_BENCH_RESUME (default 10,000) suspended projects, on
#   lgit, on the floor (set-based) and on the peer, LGIT_BENCH_BULK_REPS (default 5)
#   interleaved repetitions after a VACUUM ANALYZE and a checkpoint (the maintenance the
#   cycles left due would otherwise fall on one of them); each repetition's ratio is printed.
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).
# LGIT_BENCH_PROJECTS (default 10000, at least LGIT_BENCH_RESUME) projects are walked to
# construction through legal moves, LGIT_BENCH_GATED (default 2000) to design_submitted.
# With LGIT_BENCH_REUSE=1 a database that has the copies already is measured again as it is.

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

lgit_bench_stage_moves() {
	local projects=${LGIT_BENCH_PROJECTS:-10000}
	local gated=${LGIT_BENCH_GATED:-2000}
	local resume=${LGIT_BENCH_RESUME:-10000}
	local seconds=${LGIT_BENCH_SECONDS:-5}
	local reps=${LGIT_BENCH_REPS:-3}
	local bulk_reps=${LGIT_BENCH_BULK_REPS:-5}
	local dir rep clients kind
	dir=$(mktemp -d)
	chmod 755 "$dir"

	if [ "${LGIT_BENCH_REUSE:-0}" != 1 ] ||
		[ "$(psql -X -At -d "$LGIT_BENCH_DB" -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'peer'")" != 1 ]; then
		lgit_bench_stage_moves_setup "$projects" "$gated"
	fi

	local first last gfirst glast
	read -r first last < <(psql -X -At -F ' ' -d "$LGIT_BENCH_DB" \
		-c "SELECT min(project_id), max(project_id) FROM lgit.project WHERE code LIKE 'B-%'")
	read -r gfirst glast < <(psql -X -At -F ' ' -d "$LGIT_BENCH_DB" \
		-c "SELECT min(project_id), max(project_id) FROM lgit.project WHERE code LIKE 'G-%'")

	# Each client moves its own half of the projects (client_id 0 the even offsets, 1 the
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

	local tick pause
	tick=$(getconf CLK_TCK)
	exec {pause}<> <(:)	# read -t on it waits without starting a process
	# the time spent in the functions of lgit or of the peer, their triggers included (ms, as
	# counted with track_functions = all, which the database sets): that is where the two
	# languages differ, the rest of a move (the UPDATE, the commit) being the same
	functions_time() {
		psql -X -At -d "$LGIT_BENCH_DB" \
			-c "SELECT coalesce(sum(self_time), 0) FROM pg_stat_user_functions WHERE schemaname IN ('lgit', 'peer')"
	}
	run() {	# kind clients first last -> tps, the CPU time of the run's backends and the time in
		# the functions of lgit or of the peer, per move (µs)
		local user=postgres bench pid line used=0 functions_before
		local -a pids stat
		local -A ticks
		[ "${1#*_}" = app ] && user=bench_app
		functions_before=$(functions_time)
		PGOPTIONS="-c lgit.actor=b_authority -c synchronous_commit=off" \
			"$PG_BIN/pgbench" -n -M prepared -U "$user" -c "$2" -j "$2" -T "$seconds" -D first="$3" -D last="$4" \
			-f "$dir/$1.sql" "$LGIT_BENCH_DB" >"$dir/$1.out" 2>&1 &
		bench=$!
		# the run's backends, once they are all connected
		while kill -0 "$bench" 2>/dev/null; do
			mapfile -t pids < <(psql -X -At -d "$LGIT_BENCH_DB" \
				-c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'")
			[ "${#pids[@]}" -ge "$2" ] && break
			read -rt 0.05 -u "$pause" || true
		done
		# their CPU time (user and system), read until each has ended
		while true; do
			line=
			for pid in "${pids[@]}"; do
				if read -r line 2>/dev/null <"/proc/$pid/stat"; then
					read -ra stat <<<"$line"
					ticks[$pid]=$((stat[13] + stat[14]))
				fi
			done
			[ -n "$line" ] || kill -0 "$bench" 2>/dev/null || break
			read -rt 0.02 -u "$pause" || true
		done
		wait "$bench" || { cat "$dir/$1.out" >&2; return 1; }
		for pid in "${!ticks[@]}"; do used=$((used + ticks[$pid])); done
		# the backends have ended, so each has reported its functions' time
		awk -v used="$used" -v tick="$tick" -v functions="$(functions_time)" -v functions_before="$functions_before" '
			/^number of transactions actually processed:/ { moves = $6 }
			/^tps = / { tps = $3 }
			END { printf "%s %.1f %.1f\n", tps, used * 1000000 / tick / moves, (functions - functions_before) * 1000 / moves }' "$dir/$1.out"
	}

	psql -X -q -d "$LGIT_BENCH_DB" -c "ALTER DATABASE $LGIT_BENCH_DB SET track_functions = 'all'"
	: >"$dir/results"
	for rep in $(seq "$reps"); do
		for clients in 1 2; do
			for kind in floor update advance app plpgsql; do
				echo "cycle $clients $rep $kind $(run "cycle_$kind" "$clients" "$first" "$last")" >>"$dir/results"
			done
			for kind in floor update advance plpgsql; do
				echo "gate $clients $rep $kind $(run "gate_$kind" "$clients" "$gfirst" "$glast")" >>"$dir/results"
			done
		done
	done

	# The bulk resumption: every B- project suspended, then resumed by one statement, on each
	# copy; timed by the server (psql's \timing), interleaved.
	bulk() {	# kind -> ms of the resuming statement
		local suspend_sql resume_sql chosen='SELECT project_id FROM'
		case $1 in
		floor)
			suspend_sql=$(lgit_bench_floor_move "p.project_id IN ($chosen floor.project WHERE code LIKE 'B-%' ORDER BY project_id LIMIT $resume) AND p.stage = 'construction'" \
				"'suspended'" "'construction'::lgit.stage" "current_setting('lgit.actor')" "'bench'")
			resume_sql=$(lgit_bench_floor_move "p.project_id IN ($chosen floor.project WHERE code LIKE 'B-%' ORDER BY project_id LIMIT $resume) AND p.stage = 'suspended'" \
				"'construction'" "'suspended'::lgit.stage" "current_setting('lgit.actor')" "NULL")
			suspend_sql=${suspend_sql%;}
			resume_sql=${resume_sql%;} ;;
		*)
			suspend_sql="UPDATE $1.project SET stage = 'suspended' WHERE project_id IN (SELECT project_id FROM $1.project WHERE code LIKE 'B-%' ORDER BY project_id LIMIT $resume) AND stage = 'construction'"
			resume_sql="UPDATE $1.project SET stage = 'construction' WHERE project_id IN (SELECT project_id FROM $1.project WHERE code LIKE 'B-%' ORDER BY project_id LIMIT $resume) AND stage = 'suspended'" ;;
		esac
		psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" <<SQL >/dev/null
SET lgit.actor = 'b_authority';
SET synchronous_commit = off;
BEGIN; SET LOCAL lgit.reason = 'bench'; $suspend_sql; COMMIT;
SQL
		psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
SET lgit.actor = 'b_authority';
SET synchronous_commit = off;
VACUUM ANALYZE $1.project;
\\timing on
$resume_sql;
SQL
	}
	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" <<'SQL'
-- every B- project back at construction (the cycles leave about half suspended)
SET lgit.actor = 'b_authority';
UPDATE lgit.project SET stage = 'construction' WHERE code LIKE 'B-%' AND stage = 'suspended';
UPDATE peer.project SET stage = 'construction' WHERE code LIKE 'B-%' AND stage = 'suspended';
SQL
	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -c "SET lgit.actor = 'b_authority'" \
		-c "$(lgit_bench_floor_move "p.code LIKE 'B-%' AND p.stage = 'suspended'" "'construction'" "'suspended'::lgit.stage" \
			"current_setting('lgit.actor')" "NULL")" >/dev/null
	# Maintenance the cycles left due (autovacuum of the three histories, a checkpoint) would
	# land on whichever statement it ran beside: done first, for every copy alike.
	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
	for rep in $(seq "$bulk_reps"); do
		for kind in floor lgit peer; do
			echo "bulk 1 $rep $kind $(bulk "$kind")" >>"$dir/results"
		done
	done

	awk -v seconds="$seconds" -v reps="$reps" -v resume="$resume" '
	function median(list,   n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ v[$1, $2, $3, $4] = $5; cpu[$1, $2, $3, $4] = $6; fn[$1, $2, $3, $4] = $7; reps_seen[$3] = 1 }
	# the median over the repetitions of one figure (m: v, cpu or fn) of a move kind
	function typical(m, what, clients, kind,   r, list) {
		list = ""
		for (r in reps_seen) list = list " " m[what, clients, r, kind]
		return median(list)
	}
	# the median over the repetitions of the ratio of one figure of two move kinds, a / b
	function ratio(m, what, clients, a, b,   r, list) {
		list = ""
		for (r in reps_seen) if (m[what, clients, r, a] > 0 && m[what, clients, r, b] > 0)
			list = list " " m[what, clients, r, a] / m[what, clients, r, b]
		return median(list)
	}
	# ratio of costs: time per move, from tps (moves) or ms (the bulk statement)
	function cost_ratio(what, clients, a, b) {
		return what == "bulk" ? ratio(v, what, clients, a, b) : ratio(v, what, clients, b, a)
	}
	function cpu_ratio(what, clients, a, b) { return ratio(cpu, what, clients, a, b) }
	function tps(what, clients, kind) { return typical(v, what, clients, kind) }
	function line(what, clients, kind, label) {
		printf "    %-44s%8.0f    %.2fx           %.2fx", label, tps(what, clients, kind),
			cost_ratio(what, clients, kind, "floor"), cpu_ratio(what, clients, kind, "floor")
		if (kind == "plpgsql") {
			printf "  (%.2fx lgit UPDATE; CPU %.2fx)\n", cost_ratio(what, clients, kind, "update"), cpu_ratio(what, clients, kind, "update")
			printf "    in the trigger, per move: lgit %.0f µs, the PL/pgSQL peer %.0f µs: %.2fx lgit", typical(fn, what, clients, "update"),
				typical(fn, what, clients, kind), ratio(fn, what, clients, kind, "update")
		}
		printf "\n"
	}
	END {
		printf "stage moves: %d s runs, pgbench -M prepared, %d interleaved repetitions; medians of per-repetition ratios\n", seconds, reps
		printf "(cost = time of a move / time of the same move on the floor; CPU = the backends'"'"' CPU time per\n"
		printf " move / the floor'"'"'s; PL/pgSQL = its time, and its CPU time, / lgit'"'"'s; in the trigger = the\n"
		printf " time spent in the functions of lgit (its triggers, by UPDATE) or of the peer, as track_functions counts it)\n"
		for (c = 1; c <= 2; c++) {
			printf "\n  cycle construction <-> suspended, %d client%s            tps    cost vs floor   CPU vs floor\n", c, (c > 1 ? "s" : "")
			printf "    floor (UPDATE + history + head, no checks)  %8.0f\n", tps("cycle", c, "floor")
			line("cycle", c, "update", "UPDATE under lgit")
			line("cycle", c, "advance", "lgit.advance()")
			line("cycle", c, "app", "UPDATE as lgit_app member, lgit.actor set")
			line("cycle", c, "plpgsql", "PL/pgSQL peer")
			printf "  gate-heavy established <-> design_submitted, %d client%s\n", c, (c > 1 ? "s" : "")
			printf "    floor                                       %8.0f\n", tps("gate", c, "floor")
			line("gate", c, "update", "UPDATE under lgit")
			line("gate", c, "advance", "lgit.advance()")
			line("gate", c, "plpgsql", "PL/pgSQL peer")
		}
		printf "\n  one statement resuming %d suspended projects         ms    cost vs floor\n", resume
		printf "    floor (set-based)                           %8.0f\n", tps("bulk", 1, "floor")
		printf "    lgit                                        %8.0f    %.2fx\n", tps("bulk", 1, "lgit"), cost_ratio("bulk", 1, "lgit", "floor")
		printf "    PL/pgSQL peer                               %8.0f    %.2fx  (%.2fx lgit)\n", tps("bulk", 1, "peer"), cost_ratio("bulk", 1, "peer", "floor"), cost_ratio("bulk", 1, "peer", "lgit")
		printf "    lgit / floor, each repetition:             "
		for (r = 1; v["bulk", 1, r, "lgit"] > 0; r++) printf " %.2fx", v["bulk", 1, r, "lgit"] / v["bulk", 1, r, "floor"]
		printf "\n"
	}' "$dir/results"
	[ -z "${LGIT_BENCH_KEEP_RESULTS:-}" ] || cp "$dir/results" "$LGIT_BENCH_KEEP_RESULTS"
	rm -rf "$dir"
	psql -X -At -d "$LGIT_BENCH_DB" -c "SELECT 'history rows: ' || count(*) || ', lgit.verify() problems: ' || (SELECT count(*) FROM lgit.verify()) FROM lgit.history"
}

lgit_bench_stage_moves
