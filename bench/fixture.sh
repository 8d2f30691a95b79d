# The fixture of the scale benchmarks (bench/compliance.bench.sh, bench/reports.bench.sh): a
# database of at least $2 projects with full, valid histories, built from nine templates
# (bench/fixture_templates.sql) copied by bench/fixture_replicate.sql.  Not a benchmark itself
# (bench/run.sh runs *.bench.sh only); sourced, with PGHOST, PGPORT, PGUSER and LGIT_ROOT set.

lgit_bench_fixture() {
	local db=$1 projects=$2
	createdb "$db"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION lgit CASCADE'
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$LGIT_ROOT/test/support/evidence.sql" \
		-f "$LGIT_ROOT/test/support/guard_world.sql" -f "$LGIT_ROOT/bench/fixture_templates.sql" >/dev/null
	# nine templates, copied until there are at least $projects projects
	psql -X -q -v ON_ERROR_STOP=1 -v copies=$(((projects + 8) / 9 - 1)) -d "$db" \
		-f "$LGIT_ROOT/bench/fixture_replicate.sql"
}
