-- pgTAP: the report views are fit for BI tools - every view and column commented in Chinese
-- and English, money numeric(16,2), counts integer or bigint, dates date, no enum (stage as
-- text next to its ordinal), a Chinese-named copy of each - and each shows a unit person their
-- own unit only, while the tables the authority writes for them refuse everybody else.
BEGIN;
-- (the calendar's warning before the year's end is not what is tested here)
SET LOCAL client_min_messages = error;
SELECT plan(34);

CREATE TEMP TABLE report (view_name regclass, copy_name regclass);
INSERT INTO report
SELECT format('lgit.%I', v)::regclass, format('lgit.%I', c)::regclass
FROM (VALUES ('stage_order', '阶段维度'), ('pipeline', '项目储备与资金'), ('unit_scorecard', '单位记分卡'),
             ('project_register', '项目台账'), ('contract_funds', '合同资金执行'), ('project_funds', '项目资金执行'),
             ('unit_funds', '单位资金执行'), ('om_lists_sent', '运维清单发送记录'),
             ('monthly_stage_entries', '月度阶段进入'), ('monthly_investment', '月度投资'),
             ('unit_deadlines', '单位时限履行'), ('review_turnaround', '审核时效'),
             ('rectification_status', '整改通知'), ('annual_assessment', '年度绩效考评'),
             ('assessment_vs_target', '考评目标对照')) AS r(v, c);
CREATE TEMP VIEW report_column AS
SELECT r.view_name, a.attname::text AS col, format_type(a.atttypid, a.atttypmod) AS type, t.typtype,
       col_description(a.attrelid, a.attnum) AS note
FROM report r JOIN pg_attribute a ON a.attrelid IN (r.view_name, r.copy_name) AND a.attnum > 0
JOIN pg_type t ON t.oid = a.atttypid;

-- Fit for the tools ---------------------------------------------------------------------------
SELECT is_empty($$SELECT view_name FROM report WHERE obj_description(view_name, 'pg_class') IS NULL
                  OR obj_description(copy_name, 'pg_class') IS NULL$$,
                'every report view and its Chinese copy has a comment');
SELECT is_empty($$SELECT view_name, col FROM report_column WHERE note IS NULL OR note !~ '^\S*[一-龥]\S* / [[:alnum:]]'$$,
                'every column of every report view and copy has a comment: Chinese / English');
SELECT is_empty($$SELECT view_name, col, type FROM report_column
                  WHERE view_name <> 'lgit.pipeline'::regclass AND typtype = 'e'$$,
                'no report column is an enum (pipeline keeps 0.1.0''s stage column)');
SELECT is_empty($$SELECT view_name, col, type FROM report_column
                  WHERE col ~ '(_total|_amount|^fund_|investment|^district_funds|_estimate)$' AND type <> 'numeric(16,2)'$$,
                'every sum of money is numeric(16,2)');
SELECT is_empty($$SELECT view_name, col, type FROM report_column
                  WHERE (col ~ '_on$' OR col = 'month') AND type <> 'date'$$,
                'every day is a date');
SELECT is_empty($$SELECT view_name, col, type FROM report_column
                  WHERE col ~ '^(projects|contracts|payments|entries|approvals|units|change_orders|violations|overdue_items)$|^projects_|^deadlines_(due|met|met_late|missed)$|_(filed|registered|sanctions|orders|imposed|signed|in_force)$'
                    AND type NOT IN ('integer', 'bigint')$$,
                'every count is integer or bigint');
SELECT is_empty($$SELECT s.view_name FROM report_column s
                  WHERE s.col = 'stage' AND s.view_name <> 'lgit.pipeline'::regclass
                    AND NOT EXISTS (SELECT FROM report_column o WHERE o.view_name = s.view_name AND o.col = 'stage_ordinal')$$,
                'every stage column comes with its lifecycle ordinal');
SELECT is((SELECT array_agg(stage ORDER BY stage_ordinal)::text FROM lgit.stage_order), enum_range(NULL::lgit.stage)::text,
          'lgit.stage_order sorts the stages in lifecycle order');
SELECT is((SELECT count(*)::int FROM lgit."项目台账"), (SELECT count(*)::int FROM lgit.project_register),
          'the Chinese copy of the register has its rows');

-- What each person sees ----------------------------------------------------------------------
INSERT INTO lgit.unit (code, name_zh, kind) VALUES
  ('RV-A', '视图甲街道', 'street'), ('RV-B', '视图乙街道', 'street'), ('RV-D', '视图区直机关', 'authority');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('rv_a', 'RV-A', 'unit'), ('rv_authority', 'RV-D', 'authority')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
SET LOCAL session_replication_role = replica;
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget, stage)
SELECT code || '-P', code || ' 项目', unit_id, 'application', 'new', 1000000, 'construction'
FROM lgit.unit WHERE code IN ('RV-A', 'RV-B');
INSERT INTO lgit.history (project_id, seq, to_stage, actor, capacity, actor_unit_id, project_unit_id, changed_at, row_hash)
SELECT project_id, 1, 'construction', 'rv', 'unit', unit_id, unit_id, '2026-03-02', '\x00'
FROM lgit.project WHERE code IN ('RV-A-P', 'RV-B-P');
INSERT INTO lgit.contract (project_id, contractor, amount, signed_on, filed_on, warranty_months)
SELECT project_id, '承建单位', 900000, '2026-03-02', '2026-03-30', 24 FROM lgit.project WHERE code IN ('RV-A-P', 'RV-B-P');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
SELECT project_id, 'RV-UNFILED', '承建单位', 100000, '2026-03-02', 24 FROM lgit.project WHERE code = 'RV-A-P';
SET LOCAL session_replication_role = origin;
CREATE ROLE regress_rv_app IN ROLE lgit_app;
CREATE ROLE regress_rv_bi IN ROLE lgit_reader;
CREATE FUNCTION pg_temp.value_as(role text, actor text, query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v text;
BEGIN
  PERFORM set_config('lgit.actor', actor, true);
  PERFORM set_config('role', role, true);
  BEGIN
    EXECUTE query INTO v;
  EXCEPTION WHEN OTHERS THEN
    PERFORM set_config('role', 'none', true);
    PERFORM set_config('lgit.actor', '', true);
    RAISE;
  END;
  PERFORM set_config('role', 'none', true);
  PERFORM set_config('lgit.actor', '', true);
  RETURN v;
END $$;

SELECT is(pg_temp.value_as('regress_rv_app', 'rv_a', 'SELECT string_agg(unit_zh, '','') FROM lgit.unit_funds'),
          '视图甲街道', 'unit A''s person sees its own unit in lgit.unit_funds, no other unit');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_a', 'SELECT string_agg(DISTINCT unit_zh, '','') FROM lgit.annual_assessment'),
          '视图甲街道', '... and in lgit.annual_assessment');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_a', 'SELECT string_agg(DISTINCT "项目编号", '','') FROM lgit."项目台账"'),
          'RV-A-P', '... and its own project only in the Chinese register');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_a', 'SELECT string_agg(DISTINCT project_code, '','') FROM lgit.unit_deadlines'),
          'RV-A-P', '... and its own deadlines only');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_a', 'SELECT string_agg(contracts || '':'' || contract_total, '','') FROM lgit.contract_totals()'),
          '2:1000000.00', '... and its own project''s contracts only in lgit.contract_totals()');
-- the register and the funds read the money from the same functions: the same figures
SELECT bag_eq($$SELECT project_id, approved_estimate, contracts, contract_total, change_total, scheduled_total, paid_total
                FROM lgit.project_register$$,
              $$SELECT project_id, approved_estimate, contracts, contract_total, change_total, scheduled_total, paid_total
                FROM lgit.project_funds$$,
              'lgit.project_register shows the money lgit.project_funds shows');
SELECT is(pg_temp.value_as('regress_rv_bi', '', 'SELECT string_agg(DISTINCT unit_zh, '','' ORDER BY unit_zh) FROM lgit.annual_assessment WHERE unit_zh LIKE ''视图%'''),
          '视图乙街道,视图甲街道', 'a reporting tool sees both units in the assessment');
SELECT is(pg_temp.value_as('regress_rv_bi', '', $q$SELECT status || ':' || done_on FROM lgit.unit_deadlines WHERE project_code = 'RV-B-P' AND article = '19'$q$),
          'met_late:2026-03-30', 'a contract filed 19 days after signing stays visible as met late');

-- lgit.overdue and lgit.violations carry the project's name, unit and the rule's title.
SELECT is((SELECT string_agg(project_name || ':' || unit_zh || ':' || rule_title_zh, ',') FROM lgit.overdue
           WHERE project_code = 'RV-A-P' AND rule_code = 'LG191'),
          (SELECT 'RV-A 项目:视图甲街道:' || title_zh FROM lgit.rule WHERE code = 'LG191'),
          'lgit.overdue names the project, its unit and the rule (the unfiled contract, LG191)');
SELECT is_empty($$SELECT v, c FROM unnest(ARRAY['lgit.violations', 'lgit.overdue']::regclass[]) v,
                                   unnest(ARRAY['project_name', 'unit_zh', 'rule_code', 'rule_title_zh', 'rule_title_en']) c
                  WHERE NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = v AND a.attname = c
                                    AND col_description(v, a.attnum) IS NOT NULL)$$,
                'lgit.violations and lgit.overdue have project_name, unit_zh, rule_code and the rule''s titles, commented');

-- The tables the authority writes for the reports -------------------------------------------
SELECT throws_ok($$SELECT pg_temp.value_as('regress_rv_app', 'rv_a', 'INSERT INTO lgit.assessment_target (year, measure, target, set_on) VALUES (2026, ''results_registered'', 0, ''2026-01-01'') RETURNING 1')$$,
                 '42501', NULL, 'a unit sets no assessment target');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_authority', 'INSERT INTO lgit.assessment_target (year, measure, target, set_on) VALUES (2026, ''results_registered'', 1, ''2026-01-01'') RETURNING set_by'),
          'rv_authority', 'the authority sets a target, recorded as set by the person acting');
-- Art 49: a year is assessed at its end against its targets.  The targets of a year that has
-- ended stay as they were (LG002); those of the current year may still change; and who set or
-- changed a target is whoever wrote it, whatever the row says.
CREATE TEMP TABLE target_year AS
SELECT extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int AS this_year;
GRANT SELECT ON target_year TO PUBLIC;
INSERT INTO lgit.assessment_target (year, measure, target, set_on, set_by)
SELECT y, 'deadlines_missed', 3, make_date(this_year - 1, 1, 1), 'typed in'
FROM target_year, unnest(ARRAY[this_year - 1, this_year]) AS y;
SELECT is((SELECT array_agg(DISTINCT set_by) FROM lgit.assessment_target WHERE measure = 'deadlines_missed'),
          ARRAY[(lgit.current_actor()).actor], 'set_by is who wrote the target, not what the row says');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_authority',
                           format('UPDATE lgit.assessment_target SET target = 2 WHERE year = %s AND measure = ''deadlines_missed'' RETURNING set_by',
                                  (SELECT this_year FROM target_year))),
          'rv_authority', 'the authority changes a target of the current year, and is recorded as the one who set it');
SELECT throws_ok(format($$SELECT pg_temp.value_as('regress_rv_app', 'rv_authority', 'UPDATE lgit.assessment_target SET target = 2 WHERE year = %s AND measure = ''deadlines_missed'' RETURNING 1')$$,
                        (SELECT this_year - 1 FROM target_year)),
                 'LG002', NULL, 'a target of the year before, assessed at its end, is not changed');
SELECT throws_ok(format($$SELECT pg_temp.value_as('regress_rv_app', 'rv_authority', 'DELETE FROM lgit.assessment_target WHERE year = %s AND measure = ''deadlines_missed'' RETURNING 1')$$,
                        (SELECT this_year - 1 FROM target_year)),
                 'LG002', NULL, 'nor removed');
SELECT is(pg_temp.value_as('regress_rv_app', 'rv_authority',
                           format('DELETE FROM lgit.assessment_target WHERE year = %s AND measure = ''deadlines_missed'' RETURNING year::text',
                                  (SELECT this_year FROM target_year))),
          (SELECT this_year::text FROM target_year), 'a target of the current year may still be removed');

SELECT throws_ok($$SELECT pg_temp.value_as('regress_rv_app', 'rv_authority', 'INSERT INTO lgit.om_list_sent (sent_on, project_id, project_code, project_name, unit_zh, sent_by) SELECT ''2026-12-01'', project_id, code, name, ''x'', ''someone else'' FROM lgit.project WHERE code = ''RV-A-P'' RETURNING 1')$$,
                 '42501', NULL, 'nobody types in who sent an Art 32 list');
SELECT throws_ok($$SELECT pg_temp.value_as('regress_rv_bi', '', 'SELECT count(*) FROM lgit.send_om_list(''2026-12-01'')')$$,
                 '42501', NULL, 'a reporting tool sends no Art 32 list');

-- lgit.review_turnaround_on() finds the move that ends a clock among the moves out of the
-- stages it names (so that history_review_end_idx serves): every stage a clock is held in must
-- be named there, and the index must hold the moves out of each, or a clock ends unseen.
CREATE TEMP TABLE turnaround_stages AS
SELECT (SELECT array_agg(DISTINCT m[1] ORDER BY m[1])
        FROM regexp_matches(prosrc, '''([a-z_]+)''::lgit\.stage', 'g') AS m) AS held,
       (SELECT array_agg(DISTINCT m[1] ORDER BY m[1])
        FROM regexp_matches(substring(prosrc FROM 'from_stage IN \(([^)]*)\)'), '''([a-z_]+)''', 'g') AS m) AS named,
       (SELECT array_agg(DISTINCT m[1] ORDER BY m[1])
        FROM pg_index i, regexp_matches(pg_get_expr(i.indpred, i.indrelid), '''([a-z_]+)''', 'g') AS m
        WHERE i.indexrelid = 'lgit.history_review_end_idx'::regclass) AS indexed
FROM pg_proc WHERE oid = 'lgit.review_turnaround_on(date)'::regprocedure;
SELECT ok((SELECT cardinality(held) = 4 AND held <@ named FROM turnaround_stages),
          'every stage a review clock is held in is among the stages whose moves end a clock');
SELECT is((SELECT indexed FROM turnaround_stages), (SELECT named FROM turnaround_stages),
          'history_review_end_idx holds the moves out of exactly those stages');

-- The month a moment is filed under is the month in Shenzhen, whatever the session's zone:
-- lgit.shenzhen_month() gives what date_trunc('month', at AT TIME ZONE 'Asia/Shanghai') gives,
-- on each side of every month's first midnight from 1985 to 2030 (China kept summer time in
-- 1986-1991).
SET LOCAL TIME ZONE 'America/New_York';
SELECT is((SELECT ARRAY[count(*), count(*) FILTER (WHERE lgit.shenzhen_month(at) IS DISTINCT FROM
                                                            date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date)]
           FROM generate_series('1985-01-01'::timestamp, '2030-12-01', '1 month') AS d,
                 LATERAL (SELECT d AT TIME ZONE 'Asia/Shanghai') AS b(m),
                 unnest(ARRAY[m - interval '1 hour', m - interval '1 microsecond', m, m + interval '1 hour']) AS at),
          ARRAY[552 * 4, 0]::bigint[], 'lgit.shenzhen_month() is the month in Shenzhen at each end of every month, 1985-2030');
SELECT is(ARRAY[lgit.shenzhen_month('2026-11-30 15:59:59.999999+00'), lgit.shenzhen_month('2026-11-30 16:00:00+00')],
          ARRAY['2026-11-01', '2026-12-01']::date[],
          'a move at midnight in Shenzhen is filed under the month it begins');
SELECT is(ARRAY[lgit.shenzhen_month('-infinity'), lgit.shenzhen_month('infinity'), lgit.shenzhen_month(NULL)],
          ARRAY['-infinity', 'infinity', NULL]::date[], 'the month of an infinite moment is infinite, of none none');
SELECT is((SELECT provolatile::text || proparallel::text FROM pg_proc WHERE oid = 'lgit.shenzhen_month(timestamptz)'::regprocedure),
          'is', 'lgit.shenzhen_month() is immutable and parallel safe, as timezone(text, timestamptz) is');
RESET TIME ZONE;

SELECT * FROM finish();
ROLLBACK;
