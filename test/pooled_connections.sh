#!/usr/bin/env bash
# Pooled connections (README "Behind a connection pooler"): through a real pgbouncer in
# transaction mode with one server connection, so that every client is handed the same
# PostgreSQL session in turn, shows that
#
#   - a reason client A left with a session-level SET lgit.reason does not count for client B:
#     B's plain UPDATE ... SET stage = 'draft' is refused with LG003 and nothing is written;
#   - with lgit.actor_scope = transaction, B cannot act as the person A named with a
#     session-level SET lgit.actor (LG001), and acts as whoever it names itself with
#     set_config('lgit.actor', $1, true) in its own transaction;
#   - the pooled pattern (both settings by set_config(..., true) in the transaction) works.
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER (a superuser), as scripts/test.sh leaves it;
# runs pgbouncer as the postgres user on a unix socket directory of its own, and stops it and
# drops its database whatever happens.  Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=lgit_pool
POOL_DIR=$(mktemp -d /tmp/lgit-pool.XXXXXX)
POOL_PORT=$((PGPORT + 1000))

cleanup() {
	if [ -f "$POOL_DIR/pgbouncer.pid" ]; then
		kill "$(cat "$POOL_DIR/pgbouncer.pid")" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do [ -f "$POOL_DIR/pgbouncer.pid" ] || break; sleep 0.2; done
	fi
	dropdb --if-exists "$DB" 2>/dev/null || true
	rm -rf "$POOL_DIR"
}
trap cleanup EXIT

fail() {
	echo "pooled_connections: FAILED: $*" >&2
	exit 1
}
pooled() {	# pooled STATEMENTS: one client of the pooler; the unaligned result
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$POOL_DIR" -p "$POOL_PORT" -d "$DB" -c "$1"
}
expect() {	# expect WHAT STATEMENTS VALUE: a pooled client gets that value
	local got
	got=$(pooled "$2") || fail "$1: the statements failed"
	[ "$got" = "$3" ] || fail "$1: '$got' instead of '$3'"
}
refused() {	# refused WHAT SQLSTATE STATEMENTS: a pooled client is refused with that SQLSTATE
	local out
	if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate -h "$POOL_DIR" -p "$POOL_PORT" \
		-d "$DB" -c "$3" 2>&1); then
		fail "$1: not refused"
	fi
	grep -q "ERROR:  $2" <<<"$out" || fail "$1: refused with '$out' instead of $2"
}

command -v pgbouncer >/dev/null || PATH=$PATH:/usr/sbin
command -v pgbouncer >/dev/null || fail "pgbouncer is not installed (Debian package pgbouncer)"

dropdb --if-exists "$DB" 2>/dev/null
createdb "$DB"
PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >/dev/null <<'SQL'
CREATE EXTENSION lgit CASCADE;
\i demo/sample.sql
\i test/support/evidence.sql
SET lgit.actor = 'lc_wang';
SELECT lgit_test.file_complete_evidence(1);
SELECT lgit.advance(1, 'proposed');
RESET lgit.actor;
ALTER DATABASE lgit_pool SET lgit.actor_scope = 'transaction';
SQL

chown postgres: "$POOL_DIR"
cat >"$POOL_DIR/pgbouncer.ini" <<INI
[databases]
$DB = host=$PGHOST port=$PGPORT dbname=$DB user=$PGUSER

[pgbouncer]
listen_addr =
listen_port = $POOL_PORT
unix_socket_dir = $POOL_DIR
auth_type = trust
auth_file = $POOL_DIR/users.txt
pool_mode = transaction
default_pool_size = 1
max_client_conn = 10
logfile = $POOL_DIR/pgbouncer.log
pidfile = $POOL_DIR/pgbouncer.pid
INI
echo "\"$PGUSER\" \"\"" >"$POOL_DIR/users.txt"
chown postgres: "$POOL_DIR"/*
(cd "$ROOT" && runuser -u postgres -- pgbouncer -d -q "$POOL_DIR/pgbouncer.ini") ||
	fail "pgbouncer did not start: $(cat "$POOL_DIR/pgbouncer.log" 2>/dev/null)"
for _ in $(seq 50); do [ -S "$POOL_DIR/.s.PGSQL.$POOL_PORT" ] && break; sleep 0.1; done

# Client A names the authority's person and a reason for the whole session, then leaves.
a_pid=$(pooled "SET lgit.actor = 'zsj_chen'; SET lgit.reason = 'A 的退回理由'; SELECT pg_backend_pid()")

# Client B is handed the same PostgreSQL session ...
expect "B gets A's server session" "SELECT pg_backend_pid()" "$a_pid"
# ... where A's settings are still there, but count for nothing.
expect "A's settings are still in the session" "SELECT current_setting('lgit.actor') || ' / ' || current_setting('lgit.reason')" \
	"zsj_chen / A 的退回理由"
refused "B acting as A's person" LG001 "SELECT actor FROM lgit.current_actor()"
# (one implicit transaction, so that the refusal leaves no transaction open on the session)
refused "B's return with A's reason" LG003 \
	"SELECT set_config('lgit.actor', 'zsj_chen', true); UPDATE lgit.project SET stage = 'draft' WHERE project_id = 1;"
expect "nothing was written" "SELECT stage || ' ' || (SELECT count(*) FROM lgit.history WHERE project_id = 1) FROM lgit.project WHERE project_id = 1" \
	"proposed 2"

# B names its own person in its transaction, and is that person only there.
expect "B acts as the person it names in its transaction" \
	"BEGIN; SELECT set_config('lgit.actor', 'lc_wang', true); SELECT actor || ' ' || capacity FROM lgit.current_actor(); COMMIT;" \
	"lc_wang
lc_wang unit"
refused "after B's transaction, A's session-level actor still does not count" LG001 \
	"SELECT actor FROM lgit.current_actor()"

# The pooled pattern: actor and reason set with set_config(..., true) in the transaction.
expect "the pooled pattern moves the project with B's reason" \
	"BEGIN;
	 SELECT set_config('lgit.actor', 'zsj_chen', true), set_config('lgit.reason', 'B 的退回理由', true);
	 UPDATE lgit.project SET stage = 'draft' WHERE project_id = 1;
	 SELECT reason FROM lgit.history WHERE project_id = 1 ORDER BY seq DESC LIMIT 1;
	 COMMIT;" \
	"zsj_chen|B 的退回理由
B 的退回理由"
expect "every client was served by the same PostgreSQL session" "SELECT pg_backend_pid()" "$a_pid"

echo "pooled_connections: ok - through pgbouncer (transaction mode), a reason or actor left by another client's transaction does not count; set_config(..., true) in the transaction does"
