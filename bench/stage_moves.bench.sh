# Stage moves (doc/lgit.md §3): what lgit's checks cost a move, against the floor of keeping
# the same history without them, and against the same checks in PL/pgSQL.
#
# The fixture and the moves: bench/stage_moves_lib.sh.
#
# Measured with pgbench -M prepared, LGIT_BENCH_SECONDS (default 5) per run, at 1 and 2
# clients, LGIT_BENCH_REPS (default 3) interleaved repetitions, each in another order of the
# kinds, each run after a VACUUM of the three copies' tables; each figure is the median of the
# per-repetition ratios (the machine is shared: only ratios of runs side by side mean
# anything).  Commits do not wait for the WAL flush (synchronous_commit = off): the figures
# are what the work of a move costs, not how long the shared disk takes to sync.  Besides the
# time, each run reads the CPU time of its own backends (/proc/<pid>/stat, until each ends)
# and compares it per move with the floor's: that leaves out what the pgbench clients and
# the scheduling of two cores add to the time at 2 clients; and the time the run spends in
# the functions of lgit (its triggers, for a move by UPDATE) or of the peer (its trigger), as
# track_functions = all counts it on the benchmark's database: where C and PL/pgSQL differ, the
# rest of a move (the UPDATE itself, the commit) being the same for both.
# Measured: the cycle and the gate-heavy move of bench/stage_moves_lib.sh, and
# - bulk: one statement resuming LGIT_BENCH_RESUME (default 10,000) suspended projects, on
#   lgit, on the floor (set-based) and on the peer, LGIT_BENCH_BULK_REPS (default 5)
#   interleaved repetitions after a VACUUM ANALYZE and a checkpoint (the maintenance the
#   cycles left due would otherwise fall on one of them); each repetition's ratio is printed.
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).
# LGIT_BENCH_PROJECTS (default 10000, at least LGIT_BENCH_RESUME) projects are walked to
# construction through legal moves, LGIT_BENCH_GATED (default 2000) to design_submitted.
# With LGIT_BENCH_REUSE=1 a database that has the copies already is measured again as it is.

source "$LGIT_ROOT/bench/stage_moves_lib.sh"

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

	lgit_bench_move_scripts "$dir"

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

	# The maintenance a run leaves due (the dead rows of the copy it moved, which autovacuum
	# would clean while the next run is timed, on one of the two cores): done before each run,
	# on the three copies alike, and any autovacuum worker still busy on the database waited
	# for (at most 30 s).
	local waited=0 longest=0
	settle() {
		local second=0
		psql -X -q -d "$LGIT_BENCH_DB" -c "VACUUM floor.project, floor.history, floor.history_head,
			lgit.project, lgit.history, lgit.history_head, peer.project, peer.history, peer.history_head"
		while [ "$second" -lt 30 ] && [ "$(psql -X -At -d "$LGIT_BENCH_DB" -c "SELECT count(*) FROM pg_stat_activity
				WHERE backend_type = 'autovacuum worker' AND datname = current_database()")" != 0 ]; do
			read -rt 1 -u "$pause" || true
			second=$((second + 1))
		done
		[ "$second" = 0 ] || waited=$((waited + 1))
		[ "$second" -le "$longest" ] || longest=$second
	}
	# Each repetition runs the kinds in another order (rotated by one), so that no kind is
	# always the one after the floor, or after the peer.
	rotated() {	# rep kind... -> the kinds, starting at the rep-th (cyclically)
		local rep=$1
		shift
		local -a kinds=("$@")
		local i n=$#
		for ((i = 0; i < n; i++)); do printf '%s ' "${kinds[(i + rep - 1) % n]}"; done
	}

	psql -X -q -d "$LGIT_BENCH_DB" -c "ALTER DATABASE $LGIT_BENCH_DB SET track_functions = 'all'"
	: >"$dir/results"
	for rep in $(seq "$reps"); do
		for clients in 1 2; do
			for kind in $(rotated "$rep" floor update advance app plpgsql); do
				settle
				echo "cycle $clients $rep $kind $(run "cycle_$kind" "$clients" "$first" "$last")" >>"$dir/results"
			done
			for kind in $(rotated "$rep" floor update advance plpgsql); do
				settle
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
	echo "runs that waited for autovacuum before they started: $waited (the longest wait $longest s)"
	psql -X -At -d "$LGIT_BENCH_DB" -c "SELECT 'history rows: ' || count(*) || ', lgit.verify() problems: ' || (SELECT count(*) FROM lgit.verify()) FROM lgit.history"
}

lgit_bench_stage_moves
