#!/usr/bin/env bash
# Runs every test of lgit on a throwaway cluster: pg_regress (sql/ -> expected/), the
# isolation specs (specs/), the pgTAP suites (test/*.sql) with pg_prove, then the scripts
# that need databases or clusters of their own (test/*.sh: dump and restore, logical
# replication, the upgrade from the last release, the year boundary on a clock set to 2027,
# every benchmark at a small size; test/*.py: a real client, psycopg).
# Installs missing Debian packages first (needs root).  Exits non-zero on any failure;
# the cluster is stopped and removed either way.  The last line counts every test.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lgit_install_packages
# lgit's own tests build with warnings as errors (a plain make does not: see the Makefile)
export LGIT_WERROR=1
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
make -C "$LGIT_ROOT" -s prove PG_CONFIG=$PG_BIN/pg_config 2>&1 | tee "$out" || status=1
tap_run=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$out")
tap_failed=$(sed -n 's/^Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')
passed=$((passed + ${tap_run:-0} - tap_failed))
failed=$((failed + tap_failed))

# test/*.py with Debian's python3, the one python3-psycopg installs into
for t in "$LGIT_ROOT"/test/*.sh "$LGIT_ROOT"/test/*.py; do
	log "$(basename "$t")"
	case "$t" in *.py) run=/usr/bin/python3 ;; *) run=bash ;; esac
	if "$run" "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
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
