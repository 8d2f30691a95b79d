-- pgTAP: the settings that say who acts and why, and for how long (README "Behind a connection
-- pooler").  Across transactions: sql/41_transaction_settings.sql, test/pooled_connections.sh.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(11);

SELECT isnt((SELECT actor FROM lgit.current_actor()), NULL, 'lgit is loaded, with its settings');

SELECT is((SELECT context FROM pg_settings WHERE name = 'lgit.actor_scope'), 'superuser',
          'lgit.actor_scope is set by a superuser (or a role granted SET on it)');
SELECT is((SELECT boot_val FROM pg_settings WHERE name = 'lgit.actor_scope'), 'session',
          'by default lgit.actor holds for the session');
SELECT is((SELECT enumvals FROM pg_settings WHERE name = 'lgit.actor_scope'), '{session,transaction}'::text[],
          'the scopes are session and transaction');
SELECT throws_ok($$ SET lgit.actor_scope = 'statement' $$, '22023', NULL, 'no other scope');

-- Set in this transaction, both count in it, whatever the scope.
SET LOCAL lgit.actor_scope = 'transaction';
SELECT set_config('lgit.actor', 'zsj_chen', true);
SELECT is((SELECT actor FROM lgit.current_actor()), 'zsj_chen', 'an actor named in this transaction acts in it');
SELECT set_config('lgit.reason', '理由', true);
\ir support/evidence.sql
INSERT INTO lgit.unit (code, name_zh, kind) VALUES ('SET-A', '设置测试单位', 'street'), ('SET-AUTH', '设置测试主管部门', 'authority');
INSERT INTO lgit.actor (actor_name, unit_id, capacity)
SELECT a.name, u.unit_id, a.capacity::lgit.capacity
FROM (VALUES ('set_unit', 'SET-A', 'unit'), ('set_authority', 'SET-AUTH', 'authority')) AS a(name, unit_code, capacity)
JOIN lgit.unit u ON u.code = a.unit_code;
SELECT set_config('lgit.actor', 'set_unit', true);
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, fund_general_budget)
SELECT 'SET-001', '设置测试项目', unit_id, 'application', 'new', 2027, 8000000 FROM lgit.unit WHERE code = 'SET-A';
SELECT lgit_test.file_complete_evidence((SELECT project_id FROM lgit.project WHERE code = 'SET-001'));
SELECT set_config('lgit.actor', 'set_unit', true);
SELECT lives_ok($$ SELECT lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'SET-001'), 'proposed') $$,
                'a move in the same transaction');
SELECT set_config('lgit.actor', 'set_authority', true);
SELECT is((SELECT count(*)::int FROM lgit.blockers((SELECT project_id FROM lgit.project WHERE code = 'SET-001'), 'draft')
           WHERE code = 'LG003'), 0, 'a reason given in this transaction is a reason for a return in it');

-- lgit.advance() gives its reason argument to its own move, in place of lgit.reason, and to
-- nothing else.
SELECT throws_ok($$ SELECT lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'SET-001'), 'draft') $$,
                 'LG003', NULL, 'advance() given no reason does not take the one lgit.reason holds');
SELECT is((SELECT reason FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'SET-001'), 'draft',
                                           '退回补充材料')),
          '退回补充材料', 'advance() records its own reason, not lgit.reason''s');
SELECT is(current_setting('lgit.reason'), '理由', 'lgit.reason is as it was after advance()');

SELECT * FROM finish();
ROLLBACK;
