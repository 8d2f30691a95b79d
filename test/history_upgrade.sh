#!/usr/bin/env bash
# History across the upgrade from 0.1.0 (issue 9, classes 3 and 11): a database created at
# 0.1.0 and given moves by this library before ALTER EXTENSION UPDATE verifies before and after
# the update; its rows keep hash format 1, its chains get heads; a move after the update chains
# a format-2 row to them; lgit.check_project() reports, for a project established before
# approvals were sealed, that what its approval judged is not on record (LG231) - until the DRC
# confirms it with lgit.reapprove().
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER (a superuser), as scripts/test.sh leaves
# it; creates and drops its own database.  Exits non-zero on the first failure.
set -euo pipefail

DB=lgit_history_upgrade
export PGOPTIONS='-c client_min_messages=warning'
trap 'dropdb --if-exists "$DB" 2>/dev/null || true' EXIT
fail() {
	echo "history_upgrade: FAILED: $*" >&2
	exit 1
}
sql() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
}

dropdb --if-exists "$DB" 2>/dev/null || true
createdb "$DB"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >/dev/null <<'SQL'
CREATE EXTENSION lgit VERSION '0.1.0' CASCADE;
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('UP-U', '升级测试街道', 'street'), ('UP-A', '升级测试主管部门', 'authority'), ('UP-D', '升级测试发改局', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.n, u.unit_id, a.c::lgit.capacity FROM (VALUES ('up_unit', 'UP-U', 'unit'), ('up_authority', 'UP-A', 'authority'),
  ('up_drc', 'UP-D', 'drc')) AS a(n, u, c) JOIN lgit.unit u ON u.code = a.u;
SET lgit.actor = 'up_authority';
INSERT INTO lgit.special_plan (unit_id, title, years, filed_on)
SELECT unit_id, '升级测试专项规划', int4range(2020, 2031), '2020-03-01' FROM lgit.unit WHERE code = 'UP-U';
SET lgit.actor = 'up_unit';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget,
                          responsible_person, implementing_body)
SELECT 'UP-1', '升级测试项目', unit_id, 'application', 'new', 2027, (SELECT plan_id FROM lgit.special_plan), 8000000,
       '责任人', '实施机构'
FROM lgit.unit WHERE code = 'UP-U';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT project_id, 'proposal', 'UP-P-1', '项目建议书', '升级测试街道', '2026-01-05', sha256('p'::bytea),
       ARRAY(SELECT part FROM lgit.document_part WHERE kind = 'proposal') FROM lgit.project;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
SELECT project_id, 'unit_leadership_minutes', 'UP-M-1', '班子会议纪要', '升级测试街道', '2026-01-05', sha256('m'::bytea)
FROM lgit.project;
SELECT lgit.advance(project_id, 'proposed') FROM lgit.project;
SET lgit.actor = 'up_authority';
SELECT lgit.advance(project_id, 'proposal_approved') FROM lgit.project;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
SELECT project_id, 'authority_proposal_opinion', 'UP-O-1', '立项审核意见', '升级测试主管部门', '2026-01-10',
       sha256('o'::bytea), 'approved' FROM lgit.project;
SET lgit.actor = 'up_drc';
SELECT lgit.advance(project_id, 'established') FROM lgit.project;
SQL

[ "$(sql "SELECT count(*) FROM lgit.history")" = 4 ] || fail "the 0.1.0 walk did not write 4 history rows"
[ -z "$(sql "SELECT * FROM lgit.verify()")" ] || fail "verify() is not empty at 0.1.0"

sql "ALTER EXTENSION lgit UPDATE"
[ "$(sql "SELECT extversion FROM pg_extension WHERE extname = 'lgit'")" = 0.2.0 ] || fail "not updated to 0.2.0"
[ -z "$(sql "SELECT * FROM lgit.verify()")" ] || fail "verify() is not empty after the update: $(sql "SELECT * FROM lgit.verify()")"
[ "$(sql "SELECT string_agg(DISTINCT hash_version::text, ',') FROM lgit.history")" = 1 ] ||
	fail "0.1.0's rows do not keep hash format 1"
[ "$(sql "SELECT count(*) FROM lgit.history_head hd JOIN lgit.history h USING (project_id, seq, row_hash)")" = 1 ] ||
	fail "the chain's head is not its last row"
findings=$(sql "SELECT string_agg(code, ',' ORDER BY code) FROM lgit.check_project((SELECT project_id FROM lgit.project))")
[[ ",$findings," == *,LG231,* ]] || fail "check_project() does not say what the approval judged is not on record: $findings"

# After the update: the DRC confirms what it approved; the move after it chains a format-2 row.
sql "SET lgit.actor = 'up_drc'; SELECT lgit.reapprove(project_id, '{}', 'UP-R-1', '补录立项批复所审定的项目要素') FROM lgit.project" >/dev/null
findings=$(sql "SELECT string_agg(code, ',' ORDER BY code) FROM lgit.check_project((SELECT project_id FROM lgit.project))")
[[ ",$findings," != *,LG231,* ]] || fail "check_project() still reports LG231 after the confirmation: $findings"
sql "SET lgit.actor = 'up_authority'; SELECT lgit.advance(project_id, 'suspended', '升级后暂缓') FROM lgit.project" >/dev/null
[ "$(sql "SELECT string_agg(hash_version::text, ',' ORDER BY seq) FROM lgit.history")" = 1,1,1,1,2,2 ] ||
	fail "rows after the update are not sealed in format 2"
[ -z "$(sql "SELECT * FROM lgit.verify()")" ] || fail "verify() is not empty after new moves: $(sql "SELECT * FROM lgit.verify()")"
echo "history_upgrade: ok"
