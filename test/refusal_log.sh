#!/usr/bin/env bash
# Refused attempts are kept although their transaction rolled back (README "Refused attempts").
# Starts a throwaway cluster of its own (unix socket in a private directory, no TCP), first
# without lgit in shared_preload_libraries, then with it, and shows that
#
#   - without preloading, lgit.refusal_log_status() says mode = log and each refusal is one
#     "lgit refusal:" line of the server log, read here from log_destination = jsonlog;
#   - preloaded with lgit.refusal_log_database, a refused lgit.advance(), a refused plain UPDATE
#     of lgit.project and a refused change of a document each leave exactly one row in
#     lgit.refusal after ROLLBACK, with who, what and which rule; a committed move leaves none;
#   - lgit.refusal is append-only (LG002 for the owner too) and read by the authority and audit,
#     not by a unit;
#   - a flood larger than the ring leaves the ring's capacity in rows and the rest counted as
#     dropped (in the status and on the next row), with the shared memory the same size;
#   - a clean shutdown writes what is queued; a crash (kill -9 of a backend) loses at most what
#     was queued and not yet written, and the worker resumes after the restart.
#
# Stops and removes the cluster whatever happens.  Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"	# PG_BIN, lgit_as_postgres
BASE=$(mktemp -d /tmp/lgit-refusal-log.XXXXXX)
PORT=54381
DATA=$BASE/data
LOG=$BASE/server.log
DB="host=$BASE port=$PORT user=postgres dbname=lgit"
RING=16

stop_cluster() {
	[ -d "$DATA" ] && lgit_as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$BASE"
}
trap stop_cluster EXIT

fail() {
	echo "refusal_log: FAILED: $*" >&2
	[ -f "$LOG" ] && tail -n 30 "$LOG" >&2
	exit 1
}
start() {	# start OPTIONS...: the cluster with these server options
	lgit_as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -w -l "$LOG" \
		-o "-c listen_addresses='' -c unix_socket_directories='$BASE' -p $PORT $*" start >/dev/null ||
		fail "the server did not start"
}
stop() {	# stop MODE
	lgit_as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -w -m "$1" stop >/dev/null || fail "pg_ctl stop -m $1"
}
sql() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
}
expect() {	# expect WHAT QUERY VALUE
	local got
	got=$(sql "$2") || fail "$1: the query failed"
	[ "$got" = "$3" ] || fail "$1: '$got' instead of '$3'"
}
attempt() {	# attempt SQLSTATE SCRIPT: the script (psql, not stopping on errors) is refused with SQLSTATE
	local out
	out=$(psql -X -q -At -v VERBOSITY=sqlstate -d "$DB" 2>&1 <<<"$2") || true
	grep -q "ERROR:  $1" <<<"$out" || fail "not refused with $1 but '$out': $2"
}
wait_for() {	# wait_for WHAT QUERY: until the query returns t, at most 30 s
	local i
	for i in $(seq 1 60); do
		[ "$(sql "$2" 2>/dev/null)" = t ] && return 0
		sleep 0.5
	done
	fail "$1: still not so after 30 s"
}
rows() { sql "SELECT count(*) FROM lgit.refusal"; }
set_interval() {	# set_interval VALUE: how often the worker writes, from now on
	sql "ALTER SYSTEM SET lgit.refusal_log_interval = '$1'" && sql "SELECT pg_reload_conf()" >/dev/null ||
		fail "setting lgit.refusal_log_interval"
}
# Restarts with the worker writing once a minute: after its first pass (at start, with the ring
# empty) what is refused stays queued; a reload is not enough, as the worker might read it late.
restart_slow() {
	sql "ALTER SYSTEM SET lgit.refusal_log_interval = '60s'" || fail "setting lgit.refusal_log_interval"
	stop fast
	start "$PRELOAD"
	wait_for "the worker runs" "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'lgit refusal log'"
	sleep 1
}

chown postgres: "$BASE" 2>/dev/null || true
chmod 755 "$BASE"
lgit_as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$BASE/initdb.log"

# 1. Not preloaded (lgit's default): the fallback, one JSON line per refusal in the server log.
start "-c logging_collector=on -c log_destination=jsonlog -c log_directory=log"
psql -X -q -d "host=$BASE port=$PORT user=postgres dbname=postgres" -c 'CREATE DATABASE lgit'
(cd "$ROOT" && PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL') >"$BASE/setup.log" 2>&1 ||
CREATE EXTENSION lgit CASCADE;
\i demo/sample.sql
\i test/support/evidence.sql
SET lgit.actor = 'lc_wang';
SELECT lgit_test.file_complete_evidence(1);
SQL
	{ cat "$BASE/setup.log"; fail "the sample did not load"; }
expect "not preloaded: fallback mode" "SELECT mode, database IS NULL, ring_size FROM lgit.refusal_log_status()" "log|t|0"
attempt LG000 "BEGIN; SET LOCAL lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed'); ROLLBACK;"
fallback=""
for _ in $(seq 1 20); do
	fallback=$(cat "$DATA"/log/*.json 2>/dev/null | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    message = entry.get("message", "")
    if message.startswith("lgit refusal: "):
        r = json.loads(message[len("lgit refusal: "):])
        print("|".join(str(r.get(k)) for k in
              ("database", "session_user_name", "actor", "capacity", "project_id", "from_stage", "to_stage", "code")))
') || fail "the jsonlog file is not JSON"
	[ -n "$fallback" ] && break
	sleep 0.5
done
[ "$fallback" = "lgit|postgres|lc_wang|unit|1|draft|completed|LG000" ] ||
	fail "fallback log line: '$fallback' instead of 'lgit|postgres|lc_wang|unit|1|draft|completed|LG000'"
expect "the fallback wrote no row" "SELECT count(*) FROM lgit.refusal" "0"
stop fast

# 2. Preloaded: the worker writes each refusal to lgit.refusal.
PRELOAD="-c shared_preload_libraries=lgit -c lgit.refusal_log_database=lgit -c lgit.refusal_log_size=$RING"
start "$PRELOAD"
set_interval 100ms
expect "preloaded: table mode" "SELECT mode, database, ring_size, queued, dropped FROM lgit.refusal_log_status()" "table|lgit|$RING|0|0"
wait_for "the worker runs" "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'lgit refusal log'"

attempt LG000 "BEGIN; SET LOCAL lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed'); ROLLBACK;"
wait_for "a refused advance leaves a row" "SELECT count(*) = 1 FROM lgit.refusal"
expect "the refused advance: who, what, which rule" \
	"SELECT database, session_user_name, actor, capacity, project_id, project_code, from_stage, to_stage, code, message <> '', dropped_before FROM lgit.refusal" \
	"lgit|postgres|lc_wang|unit|1|LG-2027-001|draft|completed|LG000|t|0"

attempt LG001 "BEGIN; SET LOCAL lgit.actor = 'bj_li'; UPDATE lgit.project SET stage = 'proposed' WHERE project_id = 1; ROLLBACK;"
wait_for "a refused UPDATE leaves a row" "SELECT count(*) = 2 FROM lgit.refusal"
expect "the refused UPDATE" \
	"SELECT actor, capacity, project_id, from_stage, to_stage, code FROM lgit.refusal ORDER BY refusal_id DESC LIMIT 1" \
	"bj_li|unit|1|draft|proposed|LG001"

# A committed move leaves none.
sql "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'proposed')" >/dev/null || fail "the committed move"
sleep 1
expect "a committed move leaves no row" "SELECT count(*) FROM lgit.refusal" "2"

document=$(sql "SELECT evidence[1] FROM lgit.history WHERE project_id = 1 AND to_stage = 'proposed'")
[ -n "$document" ] || fail "the move relied on no document"
# (as an application does: a member of lgit_app naming the person; row-level security has lgit
# resolve the person, so the row has their capacity although the guard refuses before it looks)
attempt LG002 "BEGIN; SET LOCAL ROLE lgit_app; SET LOCAL lgit.actor = 'lc_wang'; UPDATE lgit.document SET doc_number = 'changed' WHERE document_id = $document; ROLLBACK;"
wait_for "a refused document change leaves a row" "SELECT count(*) = 3 FROM lgit.refusal"
expect "the refused document change: the record touched" \
	"SELECT actor, capacity, code, (facts->>'document_id')::bigint = $document FROM lgit.refusal ORDER BY refusal_id DESC LIMIT 1" \
	"lc_wang|unit|LG002|t"
expect "the rolled-back transactions changed nothing" \
	"SELECT stage || ' ' || (SELECT doc_number <> 'changed' FROM lgit.document WHERE document_id = $document) FROM lgit.project WHERE project_id = 1" \
	"proposed true"

# Append-only, for the owner too; each attempt is itself a refusal on record.
attempt LG002 "INSERT INTO lgit.refusal (refused_at, database, session_user_name, code, message, backend_pid) VALUES (now(), 'lgit', 'x', 'LG000', 'forged', 0);"
attempt LG002 "UPDATE lgit.refusal SET actor = 'nobody';"
attempt LG002 "DELETE FROM lgit.refusal;"
attempt LG002 "TRUNCATE lgit.refusal;"
wait_for "the four attempts on lgit.refusal are on record" \
	"SELECT count(*) = 4 FROM lgit.refusal WHERE table_name = 'lgit.refusal' AND code = 'LG002'"
expect "nothing forged" "SELECT count(*) FROM lgit.refusal WHERE message = 'forged'" "0"

# The authority and audit read it (as the view too), a unit does not.
for who in zsj_chen:7 sjj_zhou:7 lc_wang:0; do
	expect "${who%%:*} reads ${who##*:} refused attempts" \
		"SET ROLE lgit_app; SET lgit.actor = '${who%%:*}'; SELECT (SELECT count(*) FROM lgit.refusal) || ' ' || (SELECT count(*) FROM lgit.refused_attempts)" \
		"${who##*:} ${who##*:}"
done

# 3. A flood larger than the ring: the worker waits a minute, the ring keeps RING, the rest is
# counted as dropped; shared memory stays the size it was given at start.
restart_slow
shmem=$(sql "SELECT size FROM pg_shmem_allocations WHERE name = 'lgit refusal log'")
[ -n "$shmem" ] || fail "no shared memory for the ring"
before=$(rows)
FLOOD=100
{
	echo "SET lgit.actor = 'lc_wang';"
	for _ in $(seq 1 $FLOOD); do echo "SELECT lgit.advance(1, 'completed');"; done
} | psql -X -q -d "$DB" >/dev/null 2>&1 || true
expect "the flood: the ring is full and the rest dropped" \
	"SELECT queued, dropped FROM lgit.refusal_log_status()" "$RING|$((FLOOD - RING))"
expect "shared memory is the size it was" \
	"SELECT size FROM pg_shmem_allocations WHERE name = 'lgit refusal log'" "$shmem"
set_interval 100ms
wait_for "the ring is written" "SELECT queued = 0 FROM lgit.refusal_log_status()"
expect "the flood left the ring's capacity in rows" "SELECT count(*) - $before FROM lgit.refusal" "$RING"
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
wait_for "the next refusal is written" "SELECT count(*) = $before + $RING + 1 FROM lgit.refusal"
expect "the next row tells how many were dropped before it" \
	"SELECT dropped_before FROM lgit.refusal ORDER BY refusal_id DESC LIMIT 1" "$((FLOOD - RING))"

# 4. A clean shutdown writes what is queued.
restart_slow
before=$(rows)
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
expect "two queued" "SELECT queued FROM lgit.refusal_log_status()" "2"
restart_slow
expect "a clean shutdown wrote what was queued" "SELECT count(*) - $before FROM lgit.refusal" "2"

# 5. A crash loses at most what was queued and not yet written (the documented bound), keeps
# every row written before, and the worker resumes after the restart.
before=$(rows)
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
expect "three queued" "SELECT queued FROM lgit.refusal_log_status()" "3"
psql -X -q -d "$DB" -c 'SELECT pg_sleep(60)' >/dev/null 2>&1 &
sleeper=$!
wait_for "a backend to kill" "SELECT count(*) = 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'"
victim=$(sql "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'")
kill -9 "$victim"
wait "$sleeper" 2>/dev/null || true
for _ in $(seq 1 60); do grep -q "reinitializing" "$LOG" && break; sleep 0.5; done
grep -q "terminated by signal 9" "$LOG" || fail "no crash in the server log"
wait_for "the server restarts after the crash" "SELECT true"
expect "the crash lost the three queued refusals (at most lgit.refusal_log_size), nothing written" \
	"SELECT count(*) - $before, (SELECT queued || ' ' || written FROM lgit.refusal_log_status()) FROM lgit.refusal" "0|0 0"
set_interval 100ms
wait_for "the worker runs again" "SELECT count(*) = 1 FROM pg_stat_activity WHERE backend_type = 'lgit refusal log'"
attempt LG000 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(1, 'completed');"
wait_for "the worker resumed" "SELECT count(*) = $before + 1 FROM lgit.refusal"
stop fast
echo "refusal_log: ok"
