#!/usr/bin/env bash
# Runs every test of lgit on a throwaway cluster: pg_regress (sql/ -> expected/), the
# isolation specs (specs/), then the pgTAP suites (test/*.sql) with pg_prove.
# Installs missing Debian packages first (needs root).  Exits non-zero on any failure;
# the cluster is stopped and removed either way.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lgit_install_packages
lgit_build_and_install
trap lgit_stop_cluster EXIT
lgit_start_cluster

status=0
log "pg_regress and isolation tests"
if ! make -C "$LGIT_ROOT" -s installcheck PG_CONFIG=$PG_BIN/pg_config; then
	status=1
	for diffs in "$LGIT_ROOT"/regression.diffs "$LGIT_ROOT"/output_iso/regression.diffs; do
		[ -f "$diffs" ] && cat "$diffs"
	done
fi

log "pgTAP suites"
createdb lgit_tap
psql -q -v ON_ERROR_STOP=1 -d lgit_tap -c 'CREATE EXTENSION pgtap; CREATE EXTENSION lgit CASCADE;'
pg_prove -d lgit_tap --ext .sql "$LGIT_ROOT"/test/*.sql || status=1
for t in "$LGIT_ROOT"/test/*.sh; do log "$(basename "$t" .sh)"; bash "$t" || status=1; done

if [ $status -ne 0 ]; then
	log "FAILED"
else
	log "all tests passed"
fi
exit $status
