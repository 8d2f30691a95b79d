# Backend memory: whether one session's memory stays flat over many calls and moves - a leak
# into a context that lives as long as the backend (the caches, the kept plans, the kept row
# writers) would grow with every call.  One backend makes, in tenths:
# - LGIT_BENCH_MEMORY_CALLS (default 1,000,000) calls of lgit.add_workdays() and as many of
#   lgit.workdays_between(), 100,000 per statement (a tenth is whole statements);
# - LGIT_BENCH_MEMORY_CHECKS (default 100,000) calls of lgit.check_project(), over the
#   projects below, one statement each round;
# - LGIT_BENCH_MEMORY_MOVES (default 100,000) stage moves, each its own transaction, by
#   lgit.advance() and by UPDATE in turn: LGIT_BENCH_MEMORY_PROJECTS (default 500) projects
#   walked to construction through the real triggers, cycled construction <-> suspended by
#   the authority.
# After each tenth it sums the backend's memory contexts (pg_backend_memory_contexts); the
# baseline is the first tenth, once every cache is warm.  Printed: the memory after each tenth
# and what it grew from the first tenth to the last, in all and per 1,000 calls or moves.
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).

lgit_bench_memory_setup() {
	PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -v projects="$1" -d "$LGIT_BENCH_DB" \
		-f "$LGIT_ROOT/test/support/evidence.sql" -f "$LGIT_ROOT/test/support/guard_world.sql" -f - <<'SQL'
SET client_min_messages = warning;
SELECT lgit_test.guard_world() \g /dev/null
SET lgit.actor = 'gw_a';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'M-' || i, '内存基准项目' || i, unit_id, 'application', 'new', 1000000 + i
FROM lgit.unit, generate_series(1, :projects) AS i WHERE code = 'GW-A';
SELECT count(lgit_test.file_complete_evidence(project_id)) FROM lgit.project WHERE code LIKE 'M-%' \g /dev/null
SELECT count(lgit_test.walk_to(project_id, 'construction')) FROM lgit.project WHERE code LIKE 'M-%' \g /dev/null
RESET lgit.actor;
VACUUM ANALYZE lgit.project, lgit.history, lgit.history_head;
SQL
}

# One phase of the session's script, in tenths of $3 rounds: the statement of a round $5 (and
# $6 for the even rounds, when given), $4 calls or moves each; after each tenth the memory is
# sampled as phase $1, $2.
lgit_bench_memory_phase() {
	local ord=$1 label=$2 rounds=$3 per_round=$4 odd=$5 even=${6:-$5} tenth round
	for tenth in $(seq 10); do
		for round in $(seq "$rounds"); do
			if [ $((round % 2)) = 1 ]; then echo "$odd"; else echo "$even"; fi
		done
		echo "INSERT INTO memory_sample SELECT $ord, '$label', $tenth, $tenth * $rounds * $per_round, sum(total_bytes) FROM pg_backend_memory_contexts;"
	done
}

# The session's script: each phase in tenths, the memory sampled after each.
lgit_bench_memory_script() {
	local calls=$1 checks=$2 moves=$3 projects=$4
	local call_statements=$(((calls / 10 + 99999) / 100000))
	local check_rounds=$(((checks / 10 + projects - 1) / projects))
	local move_rounds=$(((moves / 10 + projects - 1) / projects))
	local cycle="CASE stage WHEN 'construction' THEN 'suspended'::lgit.stage ELSE 'construction' END"
	cat <<SQL
SET client_min_messages = warning;
SET synchronous_commit = off;
CREATE TEMP TABLE memory_sample (ord int, phase text, tenth int, done bigint, bytes bigint);
CREATE TEMP TABLE bench_day AS
  SELECT date '2020-04-01' + (random() * 2300)::int AS a, (random() * 60)::int - 30 AS n
  FROM generate_series(1, 100000);
SQL
	lgit_bench_memory_phase 1 'working-day calls, each' "$call_statements" 100000 \
		"SELECT sum(lgit.add_workdays(a, n) - a) + sum(lgit.workdays_between(a, a + n)) FROM bench_day \\g /dev/null"
	echo "SET lgit.actor = 'gw_authority';"
	lgit_bench_memory_phase 2 'check_project calls' "$check_rounds" "$projects" \
		"SELECT count(*) FROM lgit.project p, lgit.check_project(p.project_id) WHERE p.code LIKE 'M-%' \\g /dev/null"
	echo '\o /dev/null'
	lgit_bench_memory_phase 3 'stage moves' "$move_rounds" "$projects" \
		"SELECT format('SELECT lgit.advance(%s, %L, ''bench'')', project_id, $cycle) FROM lgit.project WHERE code LIKE 'M-%' ORDER BY project_id \\gexec" \
		"SELECT format('UPDATE lgit.project SET stage = %L FROM (SELECT set_config(''lgit.reason'', ''bench'', true)) r WHERE project_id = %s', $cycle, project_id) FROM lgit.project WHERE code LIKE 'M-%' ORDER BY project_id \\gexec"
	cat <<'SQL'
\o
SELECT format('  %-26s %s', phase, string_agg(round(bytes / 1024.0)::text, ' ' ORDER BY tenth))
FROM memory_sample GROUP BY ord, phase ORDER BY ord;
SELECT format('  %-26s after %s: %s kB more than after the first tenth (%s bytes per 1,000)',
              f.phase, l.done, round((l.bytes - f.bytes) / 1024.0, 1),
              round((l.bytes - f.bytes) * 1000.0 / (l.done - f.done)))
FROM memory_sample f JOIN memory_sample l ON l.phase = f.phase AND l.tenth = 10
WHERE f.tenth = 1 ORDER BY f.ord;
SQL
}

lgit_bench_memory() {
	local calls=${LGIT_BENCH_MEMORY_CALLS:-1000000}
	local checks=${LGIT_BENCH_MEMORY_CHECKS:-100000}
	local moves=${LGIT_BENCH_MEMORY_MOVES:-100000}
	local projects=${LGIT_BENCH_MEMORY_PROJECTS:-500}

	lgit_bench_memory_setup "$projects"
	echo "backend memory, one session: kB summed over its memory contexts after each tenth"
	lgit_bench_memory_script "$calls" "$checks" "$moves" "$projects" |
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -f -
	psql -X -At -d "$LGIT_BENCH_DB" -c "SELECT '  history rows: ' || count(*) || ', lgit.verify() problems: ' || (SELECT count(*) FROM lgit.verify()) FROM lgit.history"
}

lgit_bench_memory
