#!/usr/bin/env bash
# Sets up everything and runs the lgit demo on a throwaway cluster: installs missing Debian
# packages (needs root), builds and installs lgit, starts PostgreSQL 15 as the postgres user
# on a unix socket in a temporary directory, and runs demo/demo.sql, then demo/reports.sql
# (the reports the authority reads, with things gone wrong to show in them).
#
#   bash scripts/demo.sh          stop and remove the cluster afterwards
#   bash scripts/demo.sh --keep   leave it running and print how to connect and stop it
set -euo pipefail
source "$(dirname "$0")/lib.sh"

keep=false
[ "${1:-}" = "--keep" ] && keep=true

lgit_install_packages
lgit_build_and_install
$keep || trap lgit_stop_cluster EXIT
lgit_start_cluster

createdb lgit_demo
(cd "$LGIT_ROOT" && psql -X -q -d lgit_demo -f demo/demo.sql && psql -X -q -d lgit_demo -f demo/reports.sql)

if $keep; then
	log "the demo cluster is still running"
	echo "connect:  psql -h $PGHOST -p $PGPORT -U postgres lgit_demo"
	echo "stop:     runuser -u postgres -- $PG_BIN/pg_ctl -D $LGIT_CLUSTER_DIR/data stop && rm -rf $LGIT_CLUSTER_DIR"
else
	log "demo done; the cluster is stopped and removed (run with --keep to explore it)"
fi
