# lgit.overdue at city scale (doc/lgit.md §8: 100,000 projects): the time lgit.overdue_on() takes, and
# its ratio to a plain scan joining the same tables, measured side by side in one session.
# The fixture is written directly with lgit's triggers disabled, then enabled again (a benchmark,
# not a record):
# LGIT_BENCH_OVERDUE_PROJECTS (default 100000) projects, half of them in construction since
# a day in 2025-2026 with a few monthly reports, each with a contract, one in five unfiled.
#
# Sourced by bench/run.sh (PGHOST, PGPORT, PGUSER exported, $LGIT_BENCH_DB has lgit).

lgit_bench_overdue() {
	local projects=${LGIT_BENCH_OVERDUE_PROJECTS:-100000}

	psql -X -q -At -v ON_ERROR_STOP=1 -v projects="$projects" -d "$LGIT_BENCH_DB" <<'SQL'
SET client_min_messages = warning;
SELECT setseed(0.42) \g /dev/null
ALTER TABLE lgit.project DISABLE TRIGGER USER;
ALTER TABLE lgit.history DISABLE TRIGGER USER;
ALTER TABLE lgit.contract DISABLE TRIGGER USER;
ALTER TABLE lgit.document DISABLE TRIGGER USER;
INSERT INTO lgit.unit (code, name_zh, kind) SELECT 'OV-' || i, '规模测试单位' || i, 'department' FROM generate_series(1, 50) i;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT 'OV-' || i, '规模测试', (SELECT min(unit_id) FROM lgit.unit WHERE code LIKE 'OV-%') + i % 50,
       'application', 'new', 1000000, CASE WHEN i % 2 = 0 THEN 'construction' ELSE 'design_approved' END::lgit.stage
FROM generate_series(1, :projects) i;
INSERT INTO lgit.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id, project_unit_id,
                          changed_at, prev_hash, row_hash)
SELECT project_id, 1, NULL, 'construction', 'bench', 'unit', unit_id, unit_id,
       timestamptz '2025-01-02 10:00+08' + (random() * 600)::int * interval '1 day', NULL, '\x00'
FROM lgit.project WHERE code LIKE 'OV-%' AND stage = 'construction';
INSERT INTO lgit.contract (project_id, contractor, amount, signed_on, filed_on, warranty_months)
SELECT project_id, '规模测试承建', 800000, d, CASE WHEN project_id % 5 = 0 THEN NULL ELSE d + 7 END, 24
FROM (SELECT project_id, date '2025-01-02' + (random() * 600)::int AS d FROM lgit.project WHERE code LIKE 'OV-%') s;
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
SELECT h.project_id, 'progress_report', '月报', '规模测试', (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date + k * 30,
       sha256(convert_to(h.project_id || '/' || k, 'UTF8'))
FROM lgit.history h JOIN lgit.project p USING (project_id), generate_series(0, 3) k
WHERE p.code LIKE 'OV-%';
ALTER TABLE lgit.project ENABLE TRIGGER USER;
ALTER TABLE lgit.history ENABLE TRIGGER USER;
ALTER TABLE lgit.contract ENABLE TRIGGER USER;
ALTER TABLE lgit.document ENABLE TRIGGER USER;
ANALYZE;
SQL

	psql -X -q -At -d "$LGIT_BENCH_DB" <<'SQL'
-- warm the caches (calendar, policy) and the tables
SELECT count(*) FROM lgit.overdue_on('2026-11-26') \g /dev/null
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) AS scan_rows FROM lgit.project p JOIN lgit.unit u USING (unit_id)
  LEFT JOIN lgit.contract c USING (project_id) LEFT JOIN lgit.history h USING (project_id) \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS scan_s, clock_timestamp() AS t0 \gset
SELECT count(*) AS late_items, count(DISTINCT project_id) AS late_projects FROM lgit.overdue_on('2026-11-26') \gset
SELECT extract(epoch FROM clock_timestamp() - :'t0') AS overdue_s \gset
SELECT format('overdue: %s projects, %s late items on %s projects in %s s (%s us per project); '
              'a plain scan joining the same tables: %s s; ratio %sx',
              (SELECT count(*) FROM lgit.project), :late_items, :late_projects, round(:overdue_s, 3),
              round(:overdue_s * 1e6 / (SELECT count(*) FROM lgit.project)), round(:scan_s, 3),
              round(:overdue_s / greatest(:scan_s, 0.001), 1));
SQL
}

lgit_bench_overdue
