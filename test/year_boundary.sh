#!/usr/bin/env bash
# The year boundary, played on a cluster whose clock reads January 2027 (test/year_boundary/):
# the scenario registers contracts signed and filed in late December 2026 and on 6 January
# 2027, and lgit refuses a date of record after today in Shenzhen (LG008), so the server must
# really be in 2027.  Starts its own throwaway cluster with libfaketime preloaded, runs the
# PGXS pg_regress on it, and stops and removes the cluster whatever happens.  Exits non-zero
# when the output differs from test/year_boundary/expected/.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"

# Wednesday 6 January 2027, 10:00 UTC (18:00 in Shenzhen): on or after every date of record in
# the scenario.  '@' starts each process's clock there and lets it run (the postmaster's
# backends are forked from it and share its clock); TZ=UTC says how the moment is read.
# libfaketime is preloaded directly: the faketime wrapper would wait for the server to exit.
FAKE_NOW='@2027-01-06 10:00:00'
DB=lgit_year_boundary
SUITE=$LGIT_ROOT/test/year_boundary
PG_REGRESS=$(dirname "$("$PG_BIN/pg_config" --pgxs)")/../test/regress/pg_regress

lgit_install_packages
OUT=$(mktemp -d /tmp/lgit-year-boundary.XXXXXX)
cleanup() {
	lgit_stop_cluster
	rm -rf "$OUT"
}
trap cleanup EXIT
LGIT_PORT=54371
lgit_start_cluster env TZ=UTC LD_PRELOAD="$(lgit_libfaketime)" FAKETIME="$FAKE_NOW"

createdb "$DB"
# psql runs in the repository's top directory: the scenario \i's demo/ and test/support/.
cd "$LGIT_ROOT"
if ! "$PG_REGRESS" --use-existing --bindir="$PG_BIN" --dbname="$DB" \
	--inputdir="$SUITE" --outputdir="$OUT" year_boundary; then
	cat "$OUT/regression.diffs" 2>/dev/null || true
	exit 1
fi
