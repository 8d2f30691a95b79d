# Stage moves (doc/lgit.md §3): what lgit's trigger costs a write.  pgbench moves random projects
# along a legal cycle (construction -> suspended -> construction, by the authority, the
# resumption checked against the project's history) and the same UPDATE runs on an
# identical table without lgit's trigger; the runs alternate, side by side in one session,
# and the ratio of their rates is printed.  lgit.advance() is measured the same way.
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).
# LGIT_BENCH_PROJECTS (default 5000) projects are first walked to construction through
# legal moves; LGIT_BENCH_SECONDS (default 15) per run, two runs of each kind.

lgit_bench_stage_moves() {
	local projects=${LGIT_BENCH_PROJECTS:-5000}
	local seconds=${LGIT_BENCH_SECONDS:-15}
	local dir
	dir=$(mktemp -d)

	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -f "$LGIT_ROOT/test/support/evidence.sql"
	psql -X -q -v ON_ERROR_STOP=1 -v projects="$projects" -d "$LGIT_BENCH_DB" <<'SQL'
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
-- complete evidence for every gate on the way (test/support/evidence.sql)
SELECT count(lgit_test.file_complete_evidence(project_id)) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_unit';
-- Walk every project to construction through legal moves, one step at a time.
SELECT count(lgit.advance(project_id, 'proposed')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_authority';
SELECT count(lgit.advance(project_id, 'proposal_approved')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_drc';
SELECT count(lgit.advance(project_id, 'established')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_unit';
SELECT count(lgit.advance(project_id, 'design_submitted')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_authority';
SELECT count(lgit.advance(project_id, 'design_prereviewed')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SELECT count(lgit.advance(project_id, 'design_reviewed')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_drc';
SELECT count(lgit.advance(project_id, 'design_approved')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SET lgit.actor = 'b_unit';
SELECT count(lgit.advance(project_id, 'procurement')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SELECT count(lgit.advance(project_id, 'contracted')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null
SELECT count(lgit.advance(project_id, 'construction')) FROM lgit.project WHERE code LIKE 'B-%' \g /dev/null

-- The baseline: the same rows in a table of the same shape, without lgit's triggers.
CREATE SCHEMA bench;
CREATE TABLE bench.project AS SELECT * FROM lgit.project WHERE code LIKE 'B-%';
ALTER TABLE bench.project ADD PRIMARY KEY (project_id);
VACUUM ANALYZE lgit.project, lgit.history, bench.project;
SQL

	local first last
	read -r first last < <(psql -X -At -F ' ' -d "$LGIT_BENCH_DB" \
		-c "SELECT min(project_id), max(project_id) FROM lgit.project WHERE code LIKE 'B-%'")

	cat >"$dir/plain.sql" <<'PGB'
\set p :first + 2 * random(0, (:last - :first - 1) / 2) + :client_id
UPDATE bench.project SET stage = CASE stage WHEN 'construction' THEN 'suspended'::lgit.stage ELSE 'construction' END WHERE project_id = :p;
PGB
	cat >"$dir/lgit_update.sql" <<'PGB'
\set p :first + 2 * random(0, (:last - :first - 1) / 2) + :client_id
UPDATE lgit.project SET stage = CASE stage WHEN 'construction' THEN 'suspended'::lgit.stage ELSE 'construction' END
FROM (SELECT set_config('lgit.reason', 'bench', true)) AS reason_of_this_transaction WHERE project_id = :p;
PGB
	cat >"$dir/lgit_advance.sql" <<'PGB'
\set p :first + 2 * random(0, (:last - :first - 1) / 2) + :client_id
SELECT lgit.advance(:p, CASE (SELECT stage FROM lgit.project WHERE project_id = :p) WHEN 'construction' THEN 'suspended'::lgit.stage ELSE 'construction' END, 'bench');
PGB

	# Each client moves its own half of the projects (client_id 0 the even offsets, 1 the
	# odd ones), so no move waits for or races another; a failed transaction fails the run.
	run() {
		PGOPTIONS="-c lgit.actor=b_authority" \
			"$PG_BIN/pgbench" -n -c 2 -j 2 -T "$seconds" -D first="$first" -D last="$last" \
			-f "$dir/$1.sql" "$LGIT_BENCH_DB" >"$dir/$1.out" 2>&1 || { cat "$dir/$1.out" >&2; return 1; }
		sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/$1.out"
	}

	local plain1 update1 advance1 plain2 update2 advance2
	plain1=$(run plain)
	update1=$(run lgit_update)
	advance1=$(run lgit_advance)
	plain2=$(run plain)
	update2=$(run lgit_update)
	advance2=$(run lgit_advance)
	rm -rf "$dir"

	awk -v p1="$plain1" -v p2="$plain2" -v u1="$update1" -v u2="$update2" \
		-v a1="$advance1" -v a2="$advance2" -v n="$projects" -v s="$seconds" 'BEGIN {
		p = (p1 + p2) / 2; u = (u1 + u2) / 2; a = (a1 + a2) / 2
		printf "stage moves, %d projects, 2 clients, 2 x %d s each:\n", n, s
		printf "  plain UPDATE, no trigger    %8.0f tps  (runs %.0f, %.0f)\n", p, p1, p2
		printf "  UPDATE under lgit           %8.0f tps  (runs %.0f, %.0f)  ratio %.2f of plain\n", u, u1, u2, u / p
		printf "  lgit.advance()              %8.0f tps  (runs %.0f, %.0f)  ratio %.2f of plain\n", a, a1, a2, a / p
	}'
	psql -X -At -d "$LGIT_BENCH_DB" -c "SELECT 'history rows: ' || count(*) || ', lgit.verify() problems: ' || (SELECT count(*) FROM lgit.verify()) FROM lgit.history"
}

lgit_bench_stage_moves
