#!/usr/bin/env bash
# The upgrade path a district takes: lgit 0.1.0 (built from the git tag v0.1.0) holds a
# registry with real histories; the current build is installed over it (lgit.so replaced while
# the database keeps 0.1.0's objects) and ALTER EXTENSION lgit UPDATE runs in a new session.
# Then:
#   - the extension is at the version lgit.control names, and lgit.verify() is empty;
#   - every row 0.1.0 held is still there, unchanged (the columns 0.1.0 had, in every table
#     pg_dump keeps; the keys of every shipped catalog), history hash for hash;
#   - a new write is judged by the current rules, lgit.check_project() and lgit.violations run
#     over the old history, and each check in test/upgrade_checks/*.sql passes;
#   - the updated database has exactly the objects of a fresh CREATE EXTENSION (columns in
#     order, constraints, indexes, triggers, policies, functions, views, types, privileges,
#     comments, what pg_dump keeps: test/support/describe_lgit.sql), and an empty 0.1.0 updated
#     with the current lgit.so also has the same shipped catalog rows.
# Each failure prints what differs.  Runs against the cluster in PGHOST/PGPORT/PGUSER (a
# superuser), as scripts/test.sh leaves it, with the PostgreSQL of PG_BIN (default: Debian's
# 15); creates and drops its own databases, and installs the current build again when it ends,
# whatever happened.  Needs the release's commit (releases/lgit--0.1.0.commit) in the checkout.
#
# Each file test/upgrade_checks/*.sql is run (psql, ON_ERROR_STOP, in name order) against the
# updated database (the v0.1.0 demo's data and the histories above): put there what shows that
# a rule of this release applies to a new write after an update, and that lgit.check_project()
# reports what it would have refused in the old history (raise an error when it does not).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_CONFIG=$PG_BIN/pg_config
OLD=0.1.0
NEW=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$ROOT/lgit.control")
DATA=lgit_upgrade_data      # 0.1.0 with histories, updated
EMPTY=lgit_upgrade_empty    # 0.1.0 created by the current build, updated
FRESH=lgit_upgrade_fresh    # CREATE EXTENSION of the current version
WORK=$(mktemp -d /tmp/lgit-upgrade.XXXXXX)
export PGOPTIONS='-c client_min_messages=warning'

install_current() {
	make -C "$ROOT" -s install PG_CONFIG="$PG_CONFIG" >"$WORK/install-current.log" 2>&1 ||
		{ cat "$WORK/install-current.log" >&2; return 1; }
}
cleanup() {
	local rc=$?
	install_current || { echo "upgrade: FAILED to install the current build again" >&2; rc=1; }
	for db in $DATA $EMPTY $FRESH; do dropdb --if-exists "$db" 2>/dev/null || true; done
	rm -rf "$WORK"
	exit $rc
}
trap cleanup EXIT

fail() {
	echo "upgrade: FAILED: $*" >&2
	exit 1
}
sql() {	# sql DB STATEMENTS: the unaligned result, stopping at the first error
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
expect() {	# expect WHAT DB QUERY VALUE
	local got
	got=$(sql "$2" "$3" 2>&1) || fail "$1: the query failed: $got"
	[ "$got" = "$4" ] || fail "$1: '$got' instead of '$4'"
}
refused() {	# refused DB SQLSTATE STATEMENTS
	local out
	if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate -d "$1" -c "$3" 2>&1); then
		fail "not refused: $3"
	fi
	grep -q "ERROR:  $2" <<<"$out" || fail "refused with '$out' instead of $2: $3"
}
run_file() {	# run_file WHAT DB DIR FILE: psql -f FILE from DIR, its output shown on failure
	(cd "$3" && psql -X -q -v ON_ERROR_STOP=1 -d "$2" -f "$4") >"$WORK/run.log" 2>&1 ||
		{ cat "$WORK/run.log" >&2; fail "$1"; }
}
same_lines() {	# same_lines WHAT FILE1 FILE2 LABEL1 LABEL2: identical, or their diff and fail
	if ! diff -u --label "$4" --label "$5" "$2" "$3" >"$WORK/diff" 2>&1; then
		echo "upgrade: $1 differ (- $4, + $5):" >&2
		head -n 60 "$WORK/diff" >&2
		[ "$(wc -l <"$WORK/diff")" -le 60 ] || echo "... ($(wc -l <"$WORK/diff") lines of diff)" >&2
		fail "$1"
	fi
}

for db in $DATA $EMPTY $FRESH; do dropdb --if-exists "$db" 2>/dev/null || true; done

# 0.1.0, from its tag, installed with the same pg_config as the current build.  A clone
# without tags still has the release's commit (main descends from it), which releases/ names.
release=$(cat "$ROOT/releases/lgit--$OLD.commit")
if tagged=$(git -C "$ROOT" rev-parse -q --verify "refs/tags/v$OLD^{commit}"); then
	[ "$tagged" = "$release" ] || fail "the tag v$OLD is $tagged, but releases/lgit--$OLD.commit says $release"
fi
git -C "$ROOT" cat-file -e "$release^{commit}" 2>/dev/null ||
	fail "the commit of release $OLD ($release) is not in this checkout"
mkdir "$WORK/v$OLD"
git -C "$ROOT" archive "$release" | tar -x -C "$WORK/v$OLD"
make -C "$WORK/v$OLD" -s -j2 PG_CONFIG="$PG_CONFIG" >"$WORK/build-old.log" 2>&1 &&
	make -C "$WORK/v$OLD" -s install PG_CONFIG="$PG_CONFIG" >>"$WORK/build-old.log" 2>&1 ||
	{ cat "$WORK/build-old.log" >&2; fail "building and installing v$OLD"; }

# A registry with histories, written by 0.1.0 with 0.1.0's own demo and test support: the
# demo's projects walked through their stages on their evidence, then returns, a termination
# and its audit settlement, payments, a change order, a sanction, a calendar year the authority
# added, and a policy change.
createdb "$DATA"
run_file "the v$OLD demo" $DATA "$WORK/v$OLD" demo/demo.sql
run_file "the v$OLD histories" $DATA "$WORK/v$OLD" "$ROOT/test/support/upgrade_histories.sql"
expect "the version written by the demo" $DATA "SELECT extversion FROM pg_extension WHERE extname = 'lgit'" "$OLD"
expect "lgit.verify() on $OLD" $DATA 'SELECT count(*) FROM lgit.verify()' 0

# What 0.1.0 holds, table by table: every row of a table pg_dump keeps (the columns it has
# now; the rows its dump condition selects), and the key of every row of a shipped catalog.
mkdir "$WORK/before" "$WORK/after"
sql $DATA "
SELECT c.oid::regclass,
       CASE WHEN x.rel IS NULL THEN 'catalog' ELSE 'data' END,
       (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          AND (x.rel IS NOT NULL OR a.attnum = ANY (i.indkey))),
       coalesce(nullif(x.cond, ''), '-')
FROM pg_class c
LEFT JOIN (SELECT u.rel, u.cond FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(rel, cond)
           WHERE e.extname = 'lgit') x ON x.rel = c.oid
LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r'
ORDER BY c.relname" -F '|' >"$WORK/tables"
snapshot() {	# snapshot DIR: each table's rows (as listed in $WORK/tables), sorted
	local table kind columns cond
	while IFS='|' read -r table kind columns cond; do
		[ "$cond" = - ] && cond=
		psql -X -q -At -v ON_ERROR_STOP=1 -d $DATA \
			-c "COPY (SELECT $columns FROM $table $cond) TO STDOUT" 2>"$WORK/copy.log" |
			LC_ALL=C sort >"$1/$table" || { cat "$WORK/copy.log" >&2; fail "reading $table"; }
	done <"$WORK/tables"
}
snapshot "$WORK/before"
empty=$(cd "$WORK/before" && for t in *; do [ -s "$t" ] || printf '%s ' "$t"; done)
[ -z "$empty" ] || fail "the v$OLD histories leave tables empty, so their update is not tested: $empty"
history_rows=$(wc -l <"$WORK/before/lgit.history")
[ "$history_rows" -gt 20 ] || fail "only $history_rows history rows written by the v$OLD demo"

# The district installs the new build over the old one, then updates in a new session.
install_current || fail "installing the current build"
psql -X -q -v ON_ERROR_STOP=1 -d $DATA -c 'ALTER EXTENSION lgit UPDATE' >"$WORK/update.log" 2>&1 ||
	{ cat "$WORK/update.log" >&2; fail "ALTER EXTENSION lgit UPDATE from $OLD with histories"; }
expect "the version after the update" $DATA "SELECT extversion FROM pg_extension WHERE extname = 'lgit'" "$NEW"
verify_out=$(sql $DATA 'SELECT * FROM lgit.verify()') || fail "lgit.verify() after the update failed"
[ -z "$verify_out" ] || fail "lgit.verify() after the update reports:
$verify_out"

# Every row of 0.1.0 is still there, as it was.
snapshot "$WORK/after"
tables=0
rows=0
while IFS='|' read -r table kind columns cond; do
	gone=$(LC_ALL=C comm -23 "$WORK/before/$table" "$WORK/after/$table")
	if [ -n "$gone" ]; then
		echo "upgrade: rows of $table ($kind; columns $columns) that 0.1.0 had and the update lost or changed:" >&2
		head -n 20 <<<"$gone" >&2
		echo "upgrade: the same table after the update holds:" >&2
		head -n 20 "$WORK/after/$table" >&2
		fail "rows of $table"
	fi
	tables=$((tables + 1))
	rows=$((rows + $(wc -l <"$WORK/before/$table")))
done <"$WORK/tables"
expect "history rows after the update" $DATA 'SELECT count(*) FROM lgit.history' "$history_rows"

# Written before the update, judged now: check_project() and violations run over old history.
findings=$(sql $DATA "SELECT count(*) || ' (' || coalesce(string_agg(DISTINCT f.code, ' '), 'none') || ')'
                      FROM lgit.project p, lgit.check_project(p.project_id) f") ||
	fail "lgit.check_project() over the old projects"
sql $DATA 'SELECT count(*) FROM lgit.violations' >/dev/null || fail "lgit.violations after the update"
sql $DATA 'SELECT count(*) FROM lgit.overdue' >/dev/null || fail "lgit.overdue after the update"

# A new write after the update is judged and chained: a new project with its evidence moves
# forward, a jump and an unregistered actor are refused, the history still verifies.
sql $DATA 'DROP SCHEMA lgit_test CASCADE' >/dev/null
run_file "the current test support" $DATA "$ROOT" test/support/evidence.sql
expect "a new project after the update" $DATA "
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget)
SELECT 'LG-UP-001', '升级后新建的项目', unit_id, 'application', 'new', 2027, plan_id, 2000000
FROM lgit.special_plan WHERE doc_number = '深龙城办〔2026〕8号'
RETURNING project_id > (SELECT max(project_id) FROM lgit.history)" t
refused $DATA LG000 "SET lgit.actor = 'lc_wang'; UPDATE lgit.project SET stage = 'construction' WHERE code = 'LG-UP-001'"
refused $DATA LG001 "SET lgit.actor = 'nobody'; SELECT lgit.advance(project_id, 'proposed') FROM lgit.project WHERE code = 'LG-UP-001'"
refused $DATA LG100 "SET lgit.actor = 'lc_wang'; SELECT lgit.advance(project_id, 'proposed') FROM lgit.project WHERE code = 'LG-UP-001'"
sql $DATA "SELECT lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code = 'LG-UP-001'" >/dev/null ||
	fail "registering the new project's evidence"
expect "a unit's move after the update" $DATA "SET lgit.actor = 'lc_wang';
	SELECT (lgit.advance(project_id, 'proposed')).seq FROM lgit.project WHERE code = 'LG-UP-001'" 2
expect "the authority's move after the update" $DATA "SET lgit.actor = 'zsj_chen';
	SELECT (lgit.advance(project_id, 'proposal_approved')).to_stage FROM lgit.project WHERE code = 'LG-UP-001'" proposal_approved
for check in "$ROOT"/test/upgrade_checks/*.sql; do
	[ -e "$check" ] || continue
	run_file "test/upgrade_checks/$(basename "$check")" $DATA "$ROOT" "$check"
done
expect "lgit.verify() after new writes" $DATA 'SELECT count(*) FROM lgit.verify()' 0

# The updated database has the objects of a fresh install, and so has an empty 0.1.0 created
# by the current lgit.so; that one also has the same shipped catalog rows.
createdb $FRESH
sql $FRESH 'CREATE EXTENSION lgit CASCADE' >/dev/null || fail "CREATE EXTENSION lgit (fresh $NEW)"
createdb $EMPTY
sql $EMPTY "CREATE EXTENSION lgit VERSION '$OLD' CASCADE" >/dev/null ||
	fail "CREATE EXTENSION lgit VERSION '$OLD' with the current lgit.so"
psql -X -q -v ON_ERROR_STOP=1 -d $EMPTY -c 'ALTER EXTENSION lgit UPDATE' >"$WORK/update.log" 2>&1 ||
	{ cat "$WORK/update.log" >&2; fail "ALTER EXTENSION lgit UPDATE of an empty $OLD"; }
for db in $DATA $EMPTY $FRESH; do
	psql -X -q -At -v ON_ERROR_STOP=1 -d $db -f "$ROOT/test/support/describe_lgit.sql" >"$WORK/$db.objects" ||
		fail "describing the objects of $db"
done
same_lines "lgit's objects after the update with histories and after a fresh install" \
	"$WORK/$FRESH.objects" "$WORK/$DATA.objects" "fresh CREATE EXTENSION" "$OLD with histories, updated"
same_lines "lgit's objects after the update of an empty $OLD and after a fresh install" \
	"$WORK/$FRESH.objects" "$WORK/$EMPTY.objects" "fresh CREATE EXTENSION" "empty $OLD, updated"
for db in $EMPTY $FRESH; do
	sql $db "SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r'
	         ORDER BY c.relname" | while read -r table; do
		psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "COPY $table TO STDOUT" | LC_ALL=C sort | sed "s/^/$table: /"
	done >"$WORK/$db.rows"
done
same_lines "shipped catalog rows after the update of an empty $OLD and after a fresh install" \
	"$WORK/$FRESH.rows" "$WORK/$EMPTY.rows" "fresh CREATE EXTENSION" "empty $OLD, updated"

echo "upgrade: ok - $OLD (tag v$OLD) updated to $NEW in place: $rows rows of $tables tables kept, none empty ($history_rows history rows, hashes unchanged), verify() empty, new writes judged; check_project() on the old projects: $findings findings; objects identical to a fresh install ($(wc -l <"$WORK/$FRESH.objects") lines compared)"
