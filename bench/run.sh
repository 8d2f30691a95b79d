#!/usr/bin/env bash
# Runs every benchmark (bench/*.bench.sh) on a throwaway cluster and prints each one's
# figures as ratios against a baseline measured side by side in the same run.
# Not part of the tests: `make bench` or `bash bench/run.sh`.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"

lgit_install_packages
lgit_build_and_install
trap lgit_stop_cluster EXIT
lgit_start_cluster

export LGIT_BENCH_DB=lgit_bench
createdb "$LGIT_BENCH_DB"
psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -c 'CREATE EXTENSION lgit CASCADE' 2>/dev/null

for bench in "$LGIT_ROOT"/bench/*.bench.sh; do
	log "$(basename "$bench" .bench.sh)"
	source "$bench"
done
