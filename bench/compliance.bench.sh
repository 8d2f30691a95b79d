# Compliance reads at scale (doc/lgit.md §7): lgit.violations and lgit.unit_scorecard over the
# kept findings (after one lgit.refresh_findings(), itself timed), and with 1,000 projects marked
# as written since; lgit.overdue,
# lgit.check_project() of a completed project and lgit.verify(), on fixtures of
# LGIT_BENCH_PROJECTS projects (default "10000 100000") with full, valid histories
# (bench/fixture_templates.sql, bench/fixture_replicate.sql: lgit.verify() is empty on them).
# Each measure runs twice in one session and the faster run counts; the table printed at the
# end puts the sizes side by side: seconds, the ratio between the largest and the smallest
# fixture, and the ratio to a floor query measured in the same session (a plain scan of the
# same rows: projects with their documents for the reports, the history in chain order for
# verify).
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).

source "$LGIT_ROOT/bench/fixture.sh"

# Prints "measure seconds" lines for one fixture.
lgit_bench_compliance_measure() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SET client_min_messages = error;
CREATE TEMP TABLE timing (measure text, seconds numeric);
CREATE FUNCTION pg_temp.best_of_two(measure text, statement text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz;
  best numeric;
BEGIN
  FOR i IN 1..2 LOOP
    t0 := clock_timestamp();
    EXECUTE statement;
    best := least(best, extract(epoch FROM clock_timestamp() - t0));
  END LOOP;
  INSERT INTO timing VALUES (measure, best);
END $$;
SELECT setseed(0.12);
CREATE TEMP TABLE sample AS
SELECT project_id FROM lgit.project WHERE stage = 'completed' ORDER BY random() LIMIT 500;
-- the kept findings (72_finding_cache.sql): judging every project once, then reading what is kept
CREATE FUNCTION pg_temp.once(measure text, statement text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE statement;
  INSERT INTO timing VALUES (measure, extract(epoch FROM clock_timestamp() - t0));
END $$;
SELECT pg_temp.once('refresh_findings, every project judged', 'SELECT lgit.refresh_findings()');
SELECT pg_temp.best_of_two('violations', 'SELECT count(*) FROM lgit.violations');
SELECT pg_temp.best_of_two('unit_scorecard', 'SELECT count(*) FROM lgit.unit_scorecard');
-- 1,000 projects written since (a restore-style write marks as any other), judged live; then
-- the refresh that keeps them again
SET session_replication_role = replica;
UPDATE lgit.project SET name = name WHERE project_id IN (SELECT project_id FROM lgit.project ORDER BY project_id DESC LIMIT 1000);
RESET session_replication_role;
SELECT pg_temp.best_of_two('violations, 1,000 projects marked', 'SELECT count(*) FROM lgit.violations');
SELECT pg_temp.once('refresh_findings, 1,000 marked', 'SELECT lgit.refresh_findings()');
SELECT pg_temp.best_of_two('overdue', 'SELECT count(*) FROM lgit.overdue');
SELECT pg_temp.best_of_two('check_project, completed (ms a call)',
                           'SELECT count(*) FROM sample, lgit.check_project(sample.project_id)');
UPDATE timing SET seconds = seconds * 1000 / 500 WHERE measure LIKE 'check_project%';
SELECT pg_temp.best_of_two('verify', 'SELECT count(*) FROM lgit.verify()');
-- floors: the same rows read plainly
SELECT pg_temp.best_of_two('floor: projects with their documents',
                           'SELECT count(s.*) FROM (SELECT p.*, d.* FROM lgit.project p JOIN lgit.document d USING (project_id)) s');
SELECT pg_temp.best_of_two('floor: history in chain order',
                           'SELECT count(s.*) FROM (SELECT h.*, p.stage, hd.seq AS head_seq, hd.row_hash AS head_hash
                             FROM lgit.history h FULL JOIN lgit.project p USING (project_id)
                             LEFT JOIN lgit.history_head hd ON hd.project_id = h.project_id ORDER BY h.project_id, h.seq) s');
SELECT pg_temp.best_of_two('floor: sha256 of every history row',
                           'SELECT count(sha256(h.row_hash || h.evidence_hash)) FROM lgit.history h');
SELECT format('%s|%s', measure, round(seconds, 3)) FROM timing;
SELECT format('projects|%s', count(*)) FROM lgit.project;
SELECT format('history rows|%s', count(*)) FROM lgit.history;
SELECT format('documents|%s', count(*)) FROM lgit.document;
SELECT format('verify problems|%s', count(*)) FROM lgit.verify();
SQL
}

lgit_bench_compliance() {
	local sizes=${LGIT_BENCH_PROJECTS:-10000 100000}
	local out n
	out=$(mktemp)
	for n in $sizes; do
		log "compliance fixture: $n projects"
		SECONDS=0
		lgit_bench_fixture "${LGIT_BENCH_DB}_$n" "$n"
		echo "built in ${SECONDS}s"
		lgit_bench_compliance_measure "${LGIT_BENCH_DB}_$n" | grep '|' | sed "s/^/$n|/" >>"$out"
	done
	log "compliance reads (seconds, best of two; check_project in ms a call, over 500 completed projects)"
	# one row per measure, one column per size, then largest/smallest and the ratio to its floor
	awk -F'|' -v sizes="$sizes" '
		{ v[$2, $1] = $3; if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 } }
		END {
			k = split(sizes, s, " ")
			floor["violations"] = floor["unit_scorecard"] = floor["overdue"] = "floor: projects with their documents"
			floor["verify"] = "floor: history in chain order"
			printf "%-38s", "measure"; for (i = 1; i <= k; i++) printf "%14s", s[i]
			printf "%14s", s[k] "/" s[1]; for (i = 1; i <= k; i++) printf "%14s", "/floor@" s[i]; print ""
			for (j = 1; j <= m; j++) {
				r = order[j]; printf "%-38s", r
				for (i = 1; i <= k; i++) printf "%14s", v[r, s[i]]
				if (v[r, s[1]] > 0 && r !~ /^(projects|history rows|documents|verify problems)$/)
					printf "%13.1fx", v[r, s[k]] / v[r, s[1]]
				else printf "%14s", ""
				for (i = 1; i <= k && (r in floor); i++) printf "%13.1fx", v[r, s[i]] / v[floor[r], s[i]]
				print ""
			}
		}' "$out"
	rm -f "$out"
}

lgit_bench_compliance
