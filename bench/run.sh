#!/usr/bin/env bash
# Runs every benchmark (bench/*.bench.sh) on a throwaway cluster and prints each one's
# figures as ratios against a baseline measured side by side in the same run.
# Not part of the tests: `make bench` or `bash bench/run.sh`; LGIT_BENCH_ONLY=compliance runs one.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"

lgit_install_packages
lgit_build_and_install
trap lgit_stop_cluster EXIT
lgit_start_cluster

# each benchmark gets a database of its own, with lgit installed
for bench in "$LGIT_ROOT"/bench/${LGIT_BENCH_ONLY:-*}.bench.sh; do
	export LGIT_BENCH_DB=lgit_bench_$(basename "$bench" .bench.sh)
	log "$(basename "$bench" .bench.sh)"
	createdb "$LGIT_BENCH_DB"
	psql -X -q -v ON_ERROR_STOP=1 -d "$LGIT_BENCH_DB" -c 'SET client_min_messages = warning' \
		-c 'CREATE EXTENSION lgit CASCADE'
	source "$bench"
done
