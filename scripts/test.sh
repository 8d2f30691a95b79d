#!/usr/bin/env bash
# Runs every test of lgit on a throwaway cluster: pg_regress (sql/ -> expected/), the
# isolation specs (specs/), the pgTAP suites (test/*.sql) with pg_prove, then the scripts
# that need clusters of their own (test/*.sh: dump and restore, logical replication, the year
# boundary on a clock set to 2027).
# Installs missing Debian packages first (needs root).  Exits non-zero on any failure;
# the cluster is stopped and removed either way.  The last line counts every test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lgit_install_packages
lgit_build_and_install
trap lgit_stop_cluster EXIT
lgit_start_cluster

status=0
passed=0
failed=0
out=$(mktemp)

log "pg_regress and isolation tests"
if ! make -C "$LGIT_ROOT" -s installcheck PG_CONFIG=$PG_BIN/pg_config | tee "$out"; then
	status=1
	for diffs in "$LGIT_ROOT"/regression.diffs "$LGIT_ROOT"/output_iso/regression.diffs; do
		[ -f "$diffs" ] && cat "$diffs"
	done
fi
passed=$((passed + $(grep -c '^test .* \.\.\. ok' "$out" || true)))
failed=$((failed + $(grep -c '^test .* \.\.\. FAILED' "$out" || true)))

log "pgTAP suites"
createdb lgit_tap
psql -q -v ON_ERROR_STOP=1 -d lgit_tap -c 'CREATE EXTENSION pgtap; CREATE EXTENSION lgit CASCADE;'
pg_prove -d lgit_tap --ext .sql "$LGIT_ROOT"/test/*.sql 2>&1 | tee "$out" || status=1
tap_run=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$out")
tap_failed=$(sed -n 's/^Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')
passed=$((passed + ${tap_run:-0} - tap_failed))
failed=$((failed + tap_failed))

for t in "$LGIT_ROOT"/test/*.sh; do
	log "$(basename "$t" .sh)"
	if bash "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done
rm -f "$out"

if [ $status -ne 0 ]; then
	log "FAILED"
	failed=$((failed > 0 ? failed : 1))
else
	log "all tests passed"
fi
echo "lgit: $passed passed, $failed failed"
exit $status
