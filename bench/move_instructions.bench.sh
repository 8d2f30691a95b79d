# Move instructions: the instructions one backend executes for a stage move, lgit against the
# floor and the PL/pgSQL peer (bench/stage_moves_lib.sh's fixture and moves), counted by
# valgrind's callgrind.  A count does not move with what else the machine runs, as time
# does (bench/stage_moves.bench.sh): it is the work a move asks of the backend, the same in
# every run, and it tells a change of a few per cent from noise.  It leaves out what the
# time has besides: the kernel (the commit's wakeup of the WAL writer, the client's socket),
# waiting for memory that is not in a cache, and two clients at once.
#
# Each kind of move is made by one single-user backend (postgres --single under callgrind),
# the server stopped meanwhile: a prepared statement moving each of the first n projects to
# the other stage of its cycle and then back, so the fixture ends as it began.  It runs
# twice, with n = 10 and n = LGIT_BENCH_INSTR_PROJECTS (default 210); the difference between
# the two counts, divided by the moves between them, is a move's count without the backend's
# start, its caches' first fill and its end.
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).  About
# 5 minutes; installs valgrind when it is missing.

source "$LGIT_ROOT/bench/stage_moves_lib.sh"

lgit_bench_move_instructions() {
	local projects=${LGIT_BENCH_INSTR_PROJECTS:-210} few=10
	local dir move kind
	lgit_install_packages valgrind
	dir=$(mktemp -d)
	chmod 777 "$dir"
	lgit_bench_stage_moves_setup "$projects" "$projects"
	lgit_bench_move_scripts "$dir"
	psql -X -At -d "$LGIT_BENCH_DB" \
		-c "SELECT project_id FROM lgit.project WHERE code LIKE 'B-%' ORDER BY project_id LIMIT $projects" >"$dir/cycle.ids"
	psql -X -At -d "$LGIT_BENCH_DB" \
		-c "SELECT project_id FROM lgit.project WHERE code LIKE 'G-%' ORDER BY project_id LIMIT $projects" >"$dir/gate.ids"

	# The single-user backend's input (statements end with a semicolon and an empty line):
	# the session as pgbench's, the move prepared, then each project moved there and back.
	single_user_input() {	# move kind n
		local statement
		statement=$(tail -n +2 "$dir/$1_$2.sql" | sed 's/:p/$1/g; s/;[[:space:]]*$//')
		[ "$2" != app ] || printf 'SET SESSION AUTHORIZATION bench_app;\n\n'
		printf "SET lgit.actor = 'b_authority';\n\nSET synchronous_commit = off;\n\n"
		printf 'PREPARE move(bigint) AS %s;\n\n' "$statement"
		head -n "$3" "$dir/$1.ids" | sed 's/.*/EXECUTE move(&);\n/'
		head -n "$3" "$dir/$1.ids" | sed 's/.*/EXECUTE move(&);\n/'
	}
	instructions() {	# move kind n -> the instructions the backend executed, and those of them
		# in ExecConstraints (each table's CHECK constraints, read again from the catalog and
		# compiled for every statement, one the floor's statement pays for two tables)
		single_user_input "$1" "$2" "$3" >"$dir/input.sql"
		runuser -u postgres -- valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
			"$PG_BIN/postgres" --single -j -D "$LGIT_CLUSTER_DIR/data" "$LGIT_BENCH_DB" \
			<"$dir/input.sql" >"$dir/backend.log" 2>&1
		if grep -q '^ERROR:\|FATAL:' "$dir/backend.log"; then
			grep -m3 '^ERROR:\|FATAL:' "$dir/backend.log" >&2
			return 1
		fi
		printf '%s %s\n' "$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$dir/backend.log")" \
			"$(callgrind_annotate --inclusive=yes "$dir/callgrind.out" |
				awk '/:ExecConstraints / { gsub(",", "", $1); n = $1; exit } END { print n + 0 }')"
	}

	lgit_stop_server
	: >"$dir/results"
	for move in cycle gate; do
		for kind in floor update advance app plpgsql; do
			[ -f "$dir/${move}_$kind.sql" ] || continue
			echo "$move $kind $(instructions $move $kind $few) $(instructions $move $kind "$projects")" >>"$dir/results"
		done
	done
	lgit_start_server

	awk -v moves=$((2 * (projects - few))) '
		# fields: move kind; the few moves run: instructions, of them in ExecConstraints; the
		# many moves run: the same
		{ per[$1, $2] = ($5 - $3) / moves; rest[$1, $2] = ($5 - $6 - $3 + $4) / moves }
		function line(what, move, kind) {
			printf "    %-44s %10.0f %10.0f", what, per[move, kind], rest[move, kind]
			if (kind != "floor")
				printf "    %.2fx  %.2fx", per[move, kind] / per[move, "floor"], rest[move, kind] / rest[move, "floor"]
			if (kind == "plpgsql")
				printf "  (%.2fx  %.2fx lgit UPDATE)", per[move, kind] / per[move, "update"], rest[move, kind] / rest[move, "update"]
			printf "\n"
		}
		END {
			printf "instructions per move (callgrind, one backend; %d moves between the two runs of each kind);\n", moves
			printf "all of them, then all but ExecConstraints (CHECK constraints read and compiled again per statement)\n"
			printf "\n  cycle construction <-> suspended                      all  but CHECK    vs floor\n"
			line("floor (UPDATE + history + head, no checks)", "cycle", "floor")
			line("UPDATE under lgit", "cycle", "update")
			line("lgit.advance()", "cycle", "advance")
			line("UPDATE as lgit_app member, lgit.actor set", "cycle", "app")
			line("PL/pgSQL peer", "cycle", "plpgsql")
			printf "  gate-heavy established <-> design_submitted\n"
			line("floor", "gate", "floor")
			line("UPDATE under lgit", "gate", "update")
			line("lgit.advance()", "gate", "advance")
			line("PL/pgSQL peer", "gate", "plpgsql")
		}' "$dir/results"
	rm -rf "$dir"
}

lgit_bench_move_instructions
