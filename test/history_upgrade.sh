#!/usr/bin/env bash
# History across the upgrade from 0.1.0 (issue 9, classes 3 and 11): a database created at
# 0.1.0 with a history as 0.1.0 wrote it verifies before and after ALTER EXTENSION UPDATE (this
# library reading 0.1.0's schema, then its own); its rows keep hash format 1, its chains get
# heads; a move after the update chains a format-2 row to them; lgit.check_project() reports, for a project established before
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
# The 0.1.0 history is written as 0.1.0 wrote it (replica mode, its hash format computed here),
# so the test does not depend on this library's other code running on 0.1.0's schema.
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >/dev/null <<'SQL'
CREATE EXTENSION lgit VERSION '0.1.0' CASCADE;
SET session_replication_role = replica;
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('UP-U', '升级测试街道', 'street'), ('UP-A', '升级测试主管部门', 'authority'), ('UP-D', '升级测试发改局', 'drc');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.n, u.unit_id, a.c::lgit.capacity FROM (VALUES ('up_unit', 'UP-U', 'unit'), ('up_authority', 'UP-A', 'authority'),
  ('up_drc', 'UP-D', 'drc')) AS a(n, u, c) JOIN lgit.unit u ON u.code = a.u;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget, stage)
SELECT 'UP-1', '升级测试项目', unit_id, 'application', 'new', 2027, 8000000, 'established' FROM lgit.unit WHERE code = 'UP-U';
INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id, project_unit_id,
                          changed_at, prev_hash, row_hash)
SELECT p.project_id, m.seq, m.from_stage::lgit.stage, m.to_stage::lgit.stage, a.actor_name, a.capacity,
       a.unit_id, p.unit_id, timestamptz '2026-03-02 10:00+08' + m.seq * interval '1 day',
       CASE WHEN m.seq > 1 THEN '\x00'::bytea END, '\x00'
FROM lgit.project p,
     (VALUES (1, NULL, 'draft', 'up_unit'), (2, 'draft', 'proposed', 'up_unit'),
             (3, 'proposed', 'proposal_approved', 'up_authority'), (4, 'proposal_approved', 'established', 'up_drc'))
       AS m(seq, from_stage, to_stage, actor)
JOIN lgit.actor a ON a.actor_name = m.actor;
-- lgit 0.1.0's row hash: "name:length:value" fields, then the previous row's hash.
CREATE FUNCTION pg_temp.field(name text, value bytea) RETURNS bytea LANGUAGE sql AS
$$ SELECT convert_to(name || ':' || coalesce(length(value)::text, '-1') || ':', 'UTF8') || coalesce(value, '') $$;
CREATE FUNCTION pg_temp.hash_v1(h lgit.history) RETURNS bytea LANGUAGE sql AS $$
  SELECT sha256(pg_temp.field('format', 'lgit-history-1')
    || pg_temp.field('project_id', convert_to(h.project_id::text, 'UTF8'))
    || pg_temp.field('seq', convert_to(h.seq::text, 'UTF8'))
    || pg_temp.field('from_stage', convert_to(h.from_stage::text, 'UTF8'))
    || pg_temp.field('to_stage', convert_to(h.to_stage::text, 'UTF8'))
    || pg_temp.field('actor', convert_to(h.actor, 'UTF8'))
    || pg_temp.field('capacity', convert_to(h.capacity::text, 'UTF8'))
    || pg_temp.field('actor_unit_id', convert_to(h.actor_unit_id::text, 'UTF8'))
    || pg_temp.field('project_unit_id', convert_to(h.project_unit_id::text, 'UTF8'))
    || pg_temp.field('changed_at', convert_to(((extract(epoch FROM h.changed_at) * 1000000)::bigint
                                               - 946684800000000)::text, 'UTF8'))
    || pg_temp.field('reason', convert_to(h.reason, 'UTF8'))
    || pg_temp.field('evidence', convert_to(array_to_string(h.evidence, ','), 'UTF8'))
    || pg_temp.field('prev_hash', h.prev_hash)) $$;
DO $$
DECLARE
  s int;
BEGIN
  FOR s IN 1..4 LOOP
    UPDATE lgit.history h SET prev_hash = (SELECT g.row_hash FROM lgit.history g WHERE g.seq = s - 1) WHERE h.seq = s AND s > 1;
    UPDATE lgit.history h SET row_hash = pg_temp.hash_v1(h) WHERE h.seq = s;
  END LOOP;
END $$;
SQL

[ "$(sql "SELECT count(*) FROM lgit.history")" = 4 ] || fail "the 0.1.0 history does not have 4 rows"
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
