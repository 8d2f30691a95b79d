#!/usr/bin/env bash
# Every benchmark (bench/*.bench.sh) runs to its end at a small size, each by the command that
# reproduces its figures (bench/run.sh, on a throwaway cluster of its own): the benchmarks are
# run by hand, a session at a time, and one that no longer runs would be found only by the
# next person who needs its figures.  Not the figures themselves: at these sizes they mean
# nothing, and times are never tested.  A benchmark without a small size below fails here.
# (The memory benchmark's least is 1,000,000 working-day calls: one statement of 100,000 a
# tenth.)
# About 3 minutes; installs valgrind (bench/move_instructions.bench.sh) when it is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
declare -A small=(
	[stage_moves]="LGIT_BENCH_PROJECTS=60 LGIT_BENCH_GATED=20 LGIT_BENCH_RESUME=20 LGIT_BENCH_SECONDS=1 LGIT_BENCH_REPS=2 LGIT_BENCH_BULK_REPS=1"
	[move_instructions]="LGIT_BENCH_INSTR_PROJECTS=12"
	[compliance]="LGIT_BENCH_PROJECTS=18"
	[reports]="LGIT_BENCH_PROJECTS=18"
	[overdue]="LGIT_BENCH_OVERDUE_PROJECTS=200"
	[workdays]="LGIT_BENCH_WORKDAY_CALLS=1000"
	[memory]="LGIT_BENCH_MEMORY_CALLS=1000000 LGIT_BENCH_MEMORY_CHECKS=100 LGIT_BENCH_MEMORY_MOVES=100 LGIT_BENCH_MEMORY_PROJECTS=20"
)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
for bench in "$ROOT"/bench/*.bench.sh; do
	name=$(basename "$bench" .bench.sh)
	if [ -z "${small[$name]:-}" ]; then
		echo "not ok - $name: no small size in test/benchmarks.sh"
		failed=1
		continue
	fi
	# shellcheck disable=SC2086 # the size is a list of assignments
	if env ${small[$name]} LGIT_BENCH_ONLY="$name" LGIT_PORT=54381 bash "$ROOT/bench/run.sh" >"$log" 2>&1 &&
		! grep -q 'ERROR\|FATAL' "$log"; then
		echo "ok - $name runs to its end ($(wc -l <"$log") lines)"
	else
		echo "not ok - $name"
		tail -n 20 "$log"
		failed=1
	fi
done
exit $failed
