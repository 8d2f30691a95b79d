#!/usr/bin/env bash
# Real-time sharing by logical replication (doc/lgit.md §8; Art 29's spirit applied to lgit itself):
# the district database publishes its registry, the authority's read-only copy on a second
# cluster subscribes, rows arrive as they are written, and the copy refuses writes.  The recipe
# is the README's ("Security model"); this script starts two throwaway clusters of its own
# (unix sockets in a private directory, no TCP), and stops and removes them whatever happens.
# Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"	# PG_BIN, lgit_as_postgres
BASE=$(mktemp -d /tmp/lgit-replication.XXXXXX)
PUB_PORT=54361
SUB_PORT=54362
PUB="host=$BASE port=$PUB_PORT user=postgres dbname=lgit"
SUB="host=$BASE port=$SUB_PORT user=postgres dbname=lgit"

stop_clusters() {
	for c in pub sub; do
		[ -d "$BASE/$c" ] && lgit_as_postgres "$PG_BIN/pg_ctl" -D "$BASE/$c" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$BASE"
}
trap stop_clusters EXIT

fail() {
	echo "replication: FAILED: $*" >&2
	for c in pub sub; do [ -f "$BASE/$c.log" ] && tail -n 20 "$BASE/$c.log" >&2; done
	exit 1
}
sql() {	# sql CONNINFO STATEMENTS
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
expect() {	# expect WHAT CONNINFO QUERY VALUE
	local got
	got=$(sql "$2" "$3") || fail "$1: the query failed"
	[ "$got" = "$4" ] || fail "$1: '$got' instead of '$4'"
}
refused() {	# refused CONNINFO SQLSTATE STATEMENTS
	local out
	if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate -d "$1" -c "$3" 2>&1); then
		fail "not refused on the copy: $3"
	fi
	grep -q "ERROR:  $2" <<<"$out" || fail "refused with '$out' instead of $2: $3"
}
wait_for() {	# wait_for WHAT CONNINFO QUERY: until the query returns t, at most 60 s
	local i
	for i in $(seq 1 120); do
		[ "$(sql "$2" "$3" 2>/dev/null)" = t ] && return 0
		sleep 0.5
	done
	fail "$1: still not there after 60 s"
}
same_on_both() {	# same_on_both WHAT QUERY
	local a b
	a=$(sql "$PUB" "$2") || fail "$1: the query failed on the district database"
	b=$(sql "$SUB" "$2") || fail "$1: the query failed on the copy"
	[ "$a" = "$b" ] || fail "$1: '$a' on the district database, '$b' on the copy"
}

chown postgres: "$BASE" 2>/dev/null || true
chmod 755 "$BASE"
for c in pub sub; do
	lgit_as_postgres "$PG_BIN/initdb" -D "$BASE/$c" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$BASE/$c.initdb.log"
done
lgit_as_postgres "$PG_BIN/pg_ctl" -D "$BASE/pub" -w -l "$BASE/pub.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$BASE' -p $PUB_PORT -c wal_level=logical" start >/dev/null
lgit_as_postgres "$PG_BIN/pg_ctl" -D "$BASE/sub" -w -l "$BASE/sub.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$BASE' -p $SUB_PORT" start >/dev/null

# The district database: the demo's registry (projects walked through their stages, evidence,
# contracts, O&M money), and the publication of everything users write (what pg_dump keeps),
# the calendar without its shipped rows.
psql -X -q -d "host=$BASE port=$PUB_PORT user=postgres dbname=postgres" -c 'CREATE DATABASE lgit'
(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$PUB" -f demo/demo.sql) >"$BASE/demo.log" 2>&1 ||
	{ cat "$BASE/demo.log"; fail "the demo did not run"; }
psql -X -q -v ON_ERROR_STOP=1 -d "$PUB" >"$BASE/publication.log" 2>&1 <<'SQL' || fail "CREATE PUBLICATION"
SELECT format('CREATE PUBLICATION lgit_registry FOR TABLE %s',
              string_agg(c.oid::regclass::text
                         || regexp_replace(x.cond, '^WHERE (.*)$', ' WHERE (\1)'),
                         ', ' ORDER BY c.relname))
FROM pg_extension e CROSS JOIN unnest(e.extconfig, e.extcondition) AS x(oid, cond) JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'lgit' AND c.relkind = 'r' \gexec
SQL

# The authority's copy: lgit installed (its catalogs and rules, the same version), every role
# of lgit reading only, then the subscription.
psql -X -q -d "host=$BASE port=$SUB_PORT user=postgres dbname=postgres" -c 'CREATE DATABASE lgit'
psql -X -q -v ON_ERROR_STOP=1 -d "$SUB" >"$BASE/copy.log" 2>&1 <<SQL || { cat "$BASE/copy.log"; fail "setting up the copy"; }
SET client_min_messages = warning;
CREATE EXTENSION lgit CASCADE;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA lgit
  FROM lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
REVOKE EXECUTE ON FUNCTION lgit.advance(bigint, lgit.stage, text), lgit.advance(bigint, text, text)
  FROM lgit_unit, lgit_authority, lgit_drc, lgit_leader;
CREATE SUBSCRIPTION lgit_copy CONNECTION '$PUB' PUBLICATION lgit_registry;
SQL

# The first copy of every table arrives, and is the district database's, row for row; the
# shipped catalogs are not doubled, the policy is the district's.
wait_for "the first copy of the registry" "$SUB" \
	"SELECT count(*) > 0 AND bool_and(srsubstate = 'r') FROM pg_subscription_rel"
# (the kept findings and assessment figures are each side's own: derived, not published)
tables=$(sql "$SUB" "SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'lgit'::regnamespace
                     AND c.relkind = 'r' AND c.oid <> ALL (ARRAY['lgit.finding', 'lgit.finding_state', 'lgit.finding_dirty', 'lgit.assessment_state', 'lgit.assessment_fact']::regclass[]) ORDER BY c.relname")
for t in $tables; do
	same_on_both "rows of $t" "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) FROM $t t"
done
expect "lgit.verify() on the copy" "$SUB" "SELECT count(*) FROM lgit.verify()" 0
same_on_both "lgit.violations" "SELECT count(*) FROM lgit.violations"
same_on_both "lgit.annual_assessment" \
	"SELECT count(*) || ' ' || md5(coalesce(string_agg(a::text, E'\n' ORDER BY a::text), '')) FROM lgit.annual_assessment a"

# Rows arrive as they are written: a new project and its first moves, with their history; a
# policy change, which a session already open on the copy sees at once (its cached policy is
# invalidated by the rows applied).
# (A backend trusts its first load of a cache for that transaction only, so the session asks
# twice before the change: the second answer comes from a cache it keeps.)
coproc COPY_SESSION { psql -X -q -At -d "$SUB" 2>&1; }
for i in 1 2; do
	echo "SELECT lgit.policy_in_force('feasibility_min_investment', '2027-06-01');" >&"${COPY_SESSION[1]}"
	read -r -t 30 before <&"${COPY_SESSION[0]}" || fail "the open session on the copy did not answer"
	[ "$before" = 50000000 ] || fail "policy on the copy before the change: $before"
done
psql -X -q -v ON_ERROR_STOP=1 -d "$PUB" >"$BASE/writes.log" 2>&1 <<'SQL' || { cat "$BASE/writes.log"; fail "writing on the district database"; }
SET client_min_messages = warning;
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget)
SELECT 'LG-2028-009', '龙城街道实时共享测试项目', unit_id, 'application', 'new', 2028, plan_id, 2000000
FROM lgit.special_plan WHERE doc_number = '深龙城办〔2026〕8号';
RESET lgit.actor;
UPDATE lgit.policy SET in_force = daterange('2020-01-01', '2027-01-01') WHERE key = 'feasibility_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('feasibility_min_investment', 45000000, daterange('2027-01-01', NULL), '调整后的可研门槛');
SQL
wait_for "the new project and its creation row" "$SUB" \
	"SELECT count(*) = 1 FROM lgit.history h JOIN lgit.project p USING (project_id) WHERE p.code = 'LG-2028-009'"
wait_for "the policy change" "$SUB" \
	"SELECT count(*) = 2 FROM lgit.policy WHERE key = 'feasibility_min_investment'"
echo "SELECT lgit.policy_in_force('feasibility_min_investment', '2027-06-01');" >&"${COPY_SESSION[1]}"
read -r -t 30 after <&"${COPY_SESSION[0]}" || fail "the open session on the copy did not answer"
[ "$after" = 45000000 ] || fail "a session open on the copy still reads the old policy: $after"
echo '\q' >&"${COPY_SESSION[1]}"
for t in lgit.project lgit.history lgit.policy; do
	same_on_both "rows of $t after the writes" \
		"SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) FROM $t t"
done
expect "lgit.verify() on the copy after the writes" "$SUB" "SELECT count(*) FROM lgit.verify()" 0

# The copy refuses writes: the district system, naming the authority itself, may not write a
# table or move a project; a unit still sees only its own projects there.
psql -X -q -d "$SUB" -c "CREATE ROLE regress_copy_reader LOGIN IN ROLE lgit_app" >/dev/null
COPY_AS="host=$BASE port=$SUB_PORT user=regress_copy_reader dbname=lgit"
refused "$COPY_AS" 42501 "SET lgit.actor = 'zsj_chen'; UPDATE lgit.project SET name = '改名' WHERE code = 'LG-2028-009'"
refused "$COPY_AS" 42501 "SET lgit.actor = 'lc_wang'; INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
                          VALUES ('LG-X', 'x', 6, 'application', 'new', 1000000)"
refused "$COPY_AS" 42501 "SET lgit.actor = 'zsj_chen'; SELECT lgit.advance(project_id, 'proposed') FROM lgit.project WHERE code = 'LG-2028-009'"
refused "$COPY_AS" 42501 "SET lgit.actor = 'zsj_chen'; DELETE FROM lgit.document"
refused "$COPY_AS" 42501 "SET lgit.actor = 'czj_sun'; INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (1, 2030, 1, '2030-01-01')"
expect "a unit's view of the copy" "$COPY_AS" \
	"SET lgit.actor = 'lc_wang'; SELECT bool_and(unit_id = 6) AND count(*) > 0 FROM lgit.project" t
expect "the authority's view of the copy" "$COPY_AS" \
	"SET lgit.actor = 'zsj_chen'; SELECT count(*) = (SELECT count(*) FROM lgit.history WHERE seq = 1) FROM lgit.project" t
# Even a superuser's write on the copy is judged by lgit, as it would be on the district's.
refused "$SUB" LG001 "UPDATE lgit.project SET name = '改名' WHERE code = 'LG-2028-009'"
psql -X -q -d "$SUB" -c "DROP ROLE regress_copy_reader" >/dev/null

echo "replication: ok - $(wc -w <<<"$tables") tables identical on the authority's copy; new rows and a policy change arrived, an open session saw the new policy; the copy refuses writes"
