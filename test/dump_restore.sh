#!/usr/bin/env bash
# Dump and restore (issue 6): a database with full project histories is dumped with
# pg_dump and restored into a fresh database with the recipe of the README ("Security model"):
#
#   pg_dump -Fc -d SRC -f lgit.dump
#   createdb DST
#   PGOPTIONS='-c session_replication_role=replica' \
#     pg_restore --exit-on-error --single-transaction -d DST lgit.dump      # as a superuser
#
# and shows that every row of every lgit table and every id sequence is identical (no seed row
# doubled, no creation row added, the owner's change of a shipped policy row kept), that the
# hash chains verify and no rule is broken, and that enforcement is on again afterwards.  It
# also shows that a restore which skips the recipe fails instead of going half-way.
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER (a superuser), as scripts/test.sh leaves
# it; creates and drops its own databases.  Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=lgit_dump_src
DST=lgit_dump_dst
BAD=lgit_dump_plain
WORK=$(mktemp -d /tmp/lgit-dump.XXXXXX)

drop_databases() {
	for db in $SRC $DST $BAD; do dropdb --if-exists "$db" 2>/dev/null || true; done
}
cleanup() {
	drop_databases
	rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
	echo "dump_restore: FAILED: $*" >&2
	exit 1
}
sql() {	# sql DB STATEMENTS: the unaligned result, stopping at the first error
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
expect() {	# expect WHAT DB QUERY VALUE: the query returns that value
	local got
	got=$(sql "$2" "$3") || fail "$1: the query failed"
	[ "$got" = "$4" ] || fail "$1: '$got' instead of '$4'"
}
same_on_both() {	# same_on_both WHAT QUERY: the query returns the same before and after
	local before after
	before=$(sql $SRC "$2") || fail "$1: the query failed on the source"
	after=$(sql $DST "$2") || fail "$1: the query failed on the restored database"
	[ "$before" = "$after" ] || fail "$1: '$before' before, '$after' after"
}
refused() {	# refused DB SQLSTATE STATEMENTS: the statements must fail with that SQLSTATE
	local out
	if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate -d "$1" -c "$3" 2>&1); then
		fail "not refused in $1: $3"
	fi
	grep -q "ERROR:  $2" <<<"$out" || fail "refused with '$out' instead of $2: $3"
}

drop_databases
createdb "$SRC"

# The source: the demo (8M project draft -> completed with its contract, acceptance chain,
# results and O&M money; a 60M project through established), and more of what users write.
(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$SRC" -f demo/demo.sql) >"$WORK/demo.log" 2>&1 ||
	{ cat "$WORK/demo.log"; fail "the demo did not run"; }
(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$SRC") >"$WORK/source.log" 2>&1 <<'SQL' ||
SET client_min_messages = warning;
\i test/support/evidence.sql
-- Art 31, 23-24: the completed project's payment on final acceptance, and a change order
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 33000000, '2026-11-20' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-011';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, 'business_adjustment', '增加家庭医生签约模块', 100000, '2026-11-12', true, true, true
FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-011';
-- Art 47-50: a sanction imposed and lifted; doc/lgit.md §5: the authority loads the year 2027
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason, doc_number)
SELECT unit_id, 'data_sharing', '2026-06-01', '2026-09-01', '未按要求共享数据资源', '深龙政数〔2026〕3号'
FROM lgit.unit WHERE code = 'BTJD';
SELECT lgit.load_calendar_year(2027, 'test fixture, not the official notice for 2027', ARRAY['2027-01-01']::date[], NULL);
-- a proposal returned with its reason
SELECT lgit_test.file_complete_evidence(project_id) FROM lgit.project WHERE code = 'LG-2027-002';
SET lgit.actor = 'jyj_liu';
SELECT (lgit.advance(project_id, 'proposed')).seq FROM lgit.project WHERE code = 'LG-2027-002';
SET lgit.actor = 'zsj_chen';
SELECT (lgit.advance(project_id, 'draft', '请补充整合共享计划')).seq FROM lgit.project WHERE code = 'LG-2027-002';
-- Art 34: a project terminated on the industry review and the district leader's approval,
-- and its audit settlement
SET lgit.actor = 'qzf_lin';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, k, '终止-' || k, k, '区人民政府', '2026-11-20', sha256(convert_to(k, 'UTF8')), 'approved'
FROM lgit.project, unnest(ARRAY['industry_review', 'termination_approval']) AS k WHERE code = 'LG-2027-004';
SELECT (lgit.advance(project_id, 'terminated', '纯设备购置，不适用本办法')).seq FROM lgit.project WHERE code = 'LG-2027-004';
SET lgit.actor = 'sjj_zhou';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'audit_settlement', '深龙审结〔2026〕7号', '审计结算意见', '区审计局', '2026-11-25',
       sha256('审计结算'::bytea), 'approved'
FROM lgit.project WHERE code = 'LG-2027-004';
RESET lgit.actor;
-- the owner lowers a threshold from 2027: the shipped row's range is closed, a new row added
UPDATE lgit.policy SET in_force = daterange('2020-01-01', '2027-01-01') WHERE key = 'feasibility_min_investment';
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('feasibility_min_investment', 45000000, daterange('2027-01-01', NULL), '调整后的可研门槛');
-- the owner adds to the shipped catalogs: a document kind of the district's own with a part
-- (a unit then registers one), a policy key with its value, a permitted change of stage
INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by)
VALUES ('street_committee_minutes', '街道工委会议纪要', 'street committee minutes', '10', '{unit}');
INSERT INTO lgit.document_part (kind, part, label_zh, label_en, required)
VALUES ('street_committee_minutes', 'attendance', '出席人员', 'attendance', false);
INSERT INTO lgit.policy_key (key, unit, article, description)
VALUES ('street_review_workdays', 'workdays', '10', '街道工委审议时限');
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('street_review_workdays', 5, daterange('2026-01-01', NULL), '区内规定');
SET lgit.actor = 'jyj_liu';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, 'street_committee_minutes', '教育局工委纪要〔2026〕5号', '工委会议纪要', '区教育局', '2026-11-10',
       sha256('工委纪要'::bytea)
FROM lgit.project WHERE code = 'LG-2027-002';
RESET lgit.actor;
SQL
	{ cat "$WORK/source.log"; fail "the source data could not be written"; }

orphans() {	# orphans DB: every foreign key's rows that point at no row, as "constraint|count"
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" <<'SQL' | grep -v '|0$' || true
SELECT format('SELECT %L, count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT FROM %s p WHERE %s)',
              co.conrelid::regclass || '.' || co.conname, co.conrelid::regclass,
              string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND '), co.confrelid::regclass,
              string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND '))
FROM pg_constraint co
CROSS JOIN LATERAL unnest(co.conkey, co.confkey) AS k(child, parent)
JOIN pg_attribute ca ON ca.attrelid = co.conrelid AND ca.attnum = k.child
JOIN pg_attribute pa ON pa.attrelid = co.confrelid AND pa.attnum = k.parent
WHERE co.contype = 'f' AND co.connamespace = 'lgit'::regnamespace
GROUP BY co.oid, co.conrelid, co.confrelid, co.conname \gexec
SQL
}

expect "the payment and change order written on the source" $SRC \
	"SELECT (SELECT count(*) FROM lgit.payment) || ' ' || (SELECT count(*) FROM lgit.change_order)" "2 1"
expect "lgit.verify() on the source" $SRC 'SELECT count(*) FROM lgit.verify()' 0
expect "lgit.violations on the source" $SRC 'SELECT count(*) FROM lgit.violations' 0
# the source keeps its findings; the restored side, without them, judges live
sql $SRC 'SELECT lgit.refresh_findings()' >/dev/null

# Dump, and restore with the recipe.
pg_dump -Fc -d "$SRC" -f "$WORK/lgit.dump" 2>"$WORK/dump.log" || { cat "$WORK/dump.log"; fail "pg_dump"; }
createdb "$DST"
PGOPTIONS='-c session_replication_role=replica' \
	pg_restore --exit-on-error --single-transaction -d "$DST" "$WORK/lgit.dump" 2>"$WORK/restore.log" ||
	{ cat "$WORK/restore.log"; fail "pg_restore in replica mode"; }

# Every table of lgit, row by row, and every sequence, the same on both sides; but the kept
# findings and assessment figures, which are derived and not dumped (the restored side judges
# and counts every project live).
tables=$(sql $SRC "SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'lgit'::regnamespace
                   AND c.relkind = 'r' AND c.oid <> ALL (ARRAY['lgit.finding', 'lgit.finding_state', 'lgit.finding_dirty', 'lgit.assessment_state', 'lgit.assessment_fact']::regclass[]) ORDER BY c.relname")
[ -n "$tables" ] || fail "no tables found in schema lgit"
ntables=0
rows=0
for t in $tables; do
	same_on_both "rows of $t (count and md5)" \
		"SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) FROM $t t"
	ntables=$((ntables + 1))
	rows=$((rows + $(sql $DST "SELECT count(*) FROM $t")))
done
same_on_both "sequences" \
	"SELECT string_agg(sequencename || '=' || coalesce(last_value::text, '-'), ' ' ORDER BY sequencename)
	 FROM pg_sequences WHERE schemaname = 'lgit' AND sequencename <> 'finding_dirty_mark_id_seq'"
nseqs=$(sql $DST "SELECT count(*) FROM pg_sequences WHERE schemaname = 'lgit' AND sequencename <> 'finding_dirty_mark_id_seq'")
# Nothing shipped was doubled: the catalogs hold what a fresh CREATE EXTENSION puts in.
createdb "$BAD"
sql $BAD "CREATE EXTENSION lgit CASCADE" 2>/dev/null
for t in lgit.article lgit.rule lgit.policy_key lgit.stage_info lgit.stage_edge lgit.document_kind \
	lgit.document_part lgit.calendar_year lgit.calendar_day; do
	fresh=$(sql $BAD "SELECT count(*) FROM $t")
	expect "shipped rows of $t, as a fresh install has them" $DST \
		"SELECT count(*) FROM $t t WHERE coalesce((to_jsonb(t)->>'seeded')::boolean, true)" "$fresh"
done

# What the owner added to the shipped catalogs came along (it is not shipped, so pg_dump kept
# it), and no restored row points at a catalog row that is missing: with triggers off, a
# restore does not check foreign keys, so this is checked here, key by key.
expect "the owner's rows in the shipped catalogs" $DST \
	"SELECT (SELECT count(*) FROM lgit.document_kind WHERE kind = 'street_committee_minutes' AND NOT seeded)
	     || ' ' || (SELECT count(*) FROM lgit.document_part WHERE kind = 'street_committee_minutes' AND NOT seeded)
	     || ' ' || (SELECT count(*) FROM lgit.policy_key WHERE key = 'street_review_workdays' AND NOT seeded)
	     || ' ' || (SELECT count(*) FROM lgit.document WHERE kind = 'street_committee_minutes')" "1 1 1 1"
[ -z "$(orphans $SRC)" ] || fail "rows pointing at nothing on the source: $(orphans $SRC)"
missing=$(orphans $DST)
[ -z "$missing" ] || fail "restored rows point at catalog rows that are missing (constraint|rows): $missing"
nfks=$(sql $DST "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'lgit'::regnamespace")

# The restored database is honest and breaks no rule ...
expect "lgit.verify() after restore" $DST 'SELECT count(*) FROM lgit.verify()' 0
expect "lgit.violations after restore" $DST 'SELECT count(*) FROM lgit.violations' 0
same_on_both "lgit.annual_assessment (kept on the source, counted live after restore)" \
	"SELECT count(*) || ' ' || md5(coalesce(string_agg(a::text, E'\n' ORDER BY a::text), '')) FROM lgit.annual_assessment a"
expect "the owner's policy change" $DST "SELECT lgit.policy_in_force('feasibility_min_investment', '2026-12-31')
                                        || ' ' || lgit.policy_in_force('feasibility_min_investment', '2027-01-01')" \
	"50000000 45000000"
expect "the calendar year the authority added" $DST "SELECT lgit.is_workday('2027-01-01')" f

# ... and enforcement is back on: no trigger was left disabled, every table keeps row-level
# security and its privileges, an illegal move is refused, history stays append-only, a
# person acts only as registered, and a new project gets a fresh id and its creation row.
same_on_both "lgit's triggers and how each is enabled" \
	"SELECT count(*) || ' ' || string_agg(t.tgrelid::regclass::text || '.' || t.tgname || ':' || t.tgenabled::text, ' '
	                                       ORDER BY t.tgrelid::regclass::text, t.tgname)
	 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
	 WHERE c.relnamespace = 'lgit'::regnamespace AND NOT t.tgisinternal"
expect "lgit's triggers disabled" $DST "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                                      WHERE c.relnamespace = 'lgit'::regnamespace AND t.tgenabled = 'D'" 0
same_on_both "row-level security and privileges" \
	"SELECT string_agg(c.relname || ':' || c.relrowsecurity || ':' || coalesce(c.relacl::text, ''), ' ' ORDER BY c.relname)
	 FROM pg_class c WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind IN ('r', 'v')"
same_on_both "row-level security policies" \
	"SELECT string_agg(tablename || '.' || policyname || ':' || cmd || ':' || coalesce(qual, '') || ':'
	                   || coalesce(with_check, ''), ' ' ORDER BY tablename, policyname)
	 FROM pg_policies WHERE schemaname = 'lgit'"
refused $DST LG000 "SET lgit.actor = 'jyj_liu'; UPDATE lgit.project SET stage = 'construction' WHERE code = 'LG-2027-002'"
refused $DST LG001 "SET lgit.actor = 'bj_li'; SELECT lgit.advance(project_id, 'proposed') FROM lgit.project WHERE code = 'LG-2027-002'"
refused $DST LG002 "UPDATE lgit.history SET reason = '改写' WHERE seq = 2"
refused $DST LG002 "DELETE FROM lgit.history WHERE seq = 1"
refused $DST LG002 "DELETE FROM lgit.project WHERE code = 'LG-2027-004'"
refused $DST LG003 "SET lgit.actor = 'qzf_lin'; SELECT lgit.advance(project_id, 'terminated') FROM lgit.project WHERE code = 'LG-2027-002'"
expect "a new project's id is fresh" $DST \
	"SET lgit.actor = 'lc_wang';
	 INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
	 SELECT 'LG-2028-001', '恢复后新建的项目', unit_id, 'application', 'new', 1000000 FROM lgit.unit WHERE code = 'LCJD'
	 RETURNING project_id > (SELECT max(project_id) FROM lgit.history)" t
expect "a new project's history" $DST \
	"SELECT string_agg(seq || ':' || to_stage, ',') FROM lgit.history h
	 JOIN lgit.project p USING (project_id) WHERE p.code = 'LG-2028-001'" "1:draft"
expect "lgit.verify() after a new write" $DST 'SELECT count(*) FROM lgit.verify()' 0

# Restoring without the recipe does not go half-way: lgit refuses the restore's own writes
# (a restored project would be judged as a new one, a restored history row as a forgery).
dropdb "$BAD"
createdb "$BAD"
if pg_restore --exit-on-error --single-transaction -d "$BAD" "$WORK/lgit.dump" 2>"$WORK/plain.log"; then
	fail "a restore outside replica mode went through"
fi
plain_error=$(grep -m1 'ERROR:' "$WORK/plain.log") || fail "a plain restore failed without an error"
expect "schema lgit left behind by the refused restore" $BAD "SELECT count(*) FROM pg_namespace WHERE nspname = 'lgit'" 0

echo "dump_restore: a plain pg_restore (triggers on) is refused: ${plain_error#*ERROR:  }"
echo "dump_restore: ok - $ntables tables ($rows rows) and $nseqs sequences identical after pg_dump/pg_restore, the owner's catalog rows kept, no row pointing at nothing ($nfks foreign keys); verify() and violations empty; enforcement on"
