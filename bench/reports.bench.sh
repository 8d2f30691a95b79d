# The report views at scale (issue 13: every report under a second at 100,000 projects, growing
# linearly), on the fixtures of bench/fixture.sh of LGIT_BENCH_PROJECTS projects (default
# "10000 100000").  Each view is read two ways: `count(*)` (what the planner may leave out of
# an unread column is left out) and `count(v.*)` (every column of every row computed, as a BI
# tool's SELECT * does).  Each read runs twice in one session and the faster run counts; a read
# over LGIT_BENCH_TIMEOUT seconds (default 60) is cancelled, reported as ">limit" and not
# repeated.  The table printed at the end puts the sizes side by side with the ratio between
# the largest and the smallest fixture (10x the projects: about 10 is linear).  The reads come
# after one lgit.refresh_findings(), as a district schedules it, so lgit.annual_assessment
# reads the figures it keeps, and with the year's targets set (lgit.assessment_vs_target).
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).
source "$LGIT_ROOT/bench/fixture.sh"

# The report views, as lgit ships them (violations and unit_scorecard are measured by
# bench/compliance.bench.sh).
LGIT_BENCH_REPORTS="pipeline project_register contract_funds project_funds unit_funds
	unit_deadlines review_turnaround monthly_stage_entries monthly_investment annual_assessment
	assessment_vs_target rectification_status om_lists_sent om_eligible sharing_status overdue"

# Prints "measure|seconds" lines (seconds empty when cancelled) for one fixture.
lgit_bench_reports_measure() {
	local db=$1 view
	{
		cat <<SQL
SET client_min_messages = error;
CREATE TEMP TABLE timing (measure text, seconds numeric);
CREATE FUNCTION pg_temp.best_of_two(measure text, statement text) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE
  t0 timestamptz;
  best numeric;
BEGIN
  FOR i IN 1..2 LOOP
    t0 := clock_timestamp();
    BEGIN
      EXECUTE statement;
    EXCEPTION WHEN query_canceled THEN
      INSERT INTO timing VALUES (measure, NULL);
      RETURN;
    END;
    best := least(best, extract(epoch FROM clock_timestamp() - t0));
  END LOOP;
  INSERT INTO timing VALUES (measure, best);
END \$\$;
SET statement_timeout = '${LGIT_BENCH_TIMEOUT:-60}s';
SQL
		for view in $LGIT_BENCH_REPORTS; do
			echo "SELECT pg_temp.best_of_two('$view count(*)', 'SELECT count(*) FROM lgit.$view');"
			echo "SELECT pg_temp.best_of_two('$view count(v.*)', 'SELECT count(v.*) FROM lgit.$view v');"
		done
		cat <<'SQL'
RESET statement_timeout;
SELECT format('%s|%s', measure, round(seconds, 3)) FROM timing;
SELECT format('projects|%s', count(*)) FROM lgit.project;
SELECT format('history rows|%s', count(*)) FROM lgit.history;
SELECT format('documents|%s', count(*)) FROM lgit.document;
SQL
	} | psql -X -q -At -v ON_ERROR_STOP=1 -d "$db"
}

lgit_bench_reports() {
	local sizes=${LGIT_BENCH_PROJECTS:-10000 100000}
	local out n
	out=$(mktemp)
	for n in $sizes; do
		log "report fixture: $n projects"
		SECONDS=0
		lgit_bench_fixture "${LGIT_BENCH_DB}_$n" "$n"
		psql -X -q -d "${LGIT_BENCH_DB}_$n" -c 'VACUUM ANALYZE'
		echo "built in ${SECONDS}s"
		# as a district runs it (scheduled): what lgit keeps, kept for every project
		SECONDS=0
		psql -X -q -d "${LGIT_BENCH_DB}_$n" -c 'SELECT lgit.refresh_findings()' >/dev/null
		echo "lgit.refresh_findings() in ${SECONDS}s"
		# the authority's targets for every year assessed, so that assessment_vs_target has
		# something to compare (with none it reads nothing)
		psql -X -q -v ON_ERROR_STOP=1 -d "${LGIT_BENCH_DB}_$n" -c 'SET session_replication_role = replica' \
			-c "INSERT INTO lgit.assessment_target (year, measure, target, set_on, set_by)
			    SELECT a.year, m, 1, current_date, 'bench' FROM (SELECT DISTINCT year FROM lgit.annual_assessment) a
			    CROSS JOIN unnest(ARRAY['deadlines_met_share', 'deadlines_missed', 'deadlines_met_late',
			                            'progress_reports_filed', 'performance_reports_filed',
			                            'results_registered', 'sanctions_imposed']) AS m"
		lgit_bench_reports_measure "${LGIT_BENCH_DB}_$n" | grep '|' | sed "s/^/$n|/" >>"$out"
	done
	log "report views (seconds, best of two; >${LGIT_BENCH_TIMEOUT:-60} = cancelled)"
	lgit_bench_reports_table "$sizes" "$out"
	rm -f "$out"
}

# One row per measure, one column per size, then largest/smallest.
lgit_bench_reports_table() {
	awk -F'|' -v sizes="$1" -v limit=">${LGIT_BENCH_TIMEOUT:-60}" '
		{ v[$2, $1] = $3; if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 } }
		END {
			k = split(sizes, s, " ")
			printf "%-36s", "measure"; for (i = 1; i <= k; i++) printf "%10s", s[i]
			printf "%14s\n", s[k] "/" s[1]
			for (j = 1; j <= m; j++) {
				r = order[j]; printf "%-36s", r
				for (i = 1; i <= k; i++) printf "%10s", v[r, s[i]] == "" ? limit : v[r, s[i]]
				if (v[r, s[1]] > 0 && v[r, s[k]] != "" && r !~ /^(projects|history rows|documents)$/)
					printf "%13.1fx", v[r, s[k]] / v[r, s[1]]
				print ""
			}
		}' "$2"
}

lgit_bench_reports
