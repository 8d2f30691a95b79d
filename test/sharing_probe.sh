#!/usr/bin/env bash
# The data-sharing probe (Art 29, 47) against a real second PostgreSQL cluster, the unit's
# system: a "health" database whose accounts log in with scram-sha-256 passwords over a unix
# socket.  The authority's database runs the demo; the probe of LG-2027-001's handover is
# refused for each way a shared database can fall short - a wrong password, a wrong key, an
# unreachable host, a server that never answers, a link with passfile= or without a host, a
# trust login, a missing table, a wrong column type, a stale table, an account that can write,
# a query that sleeps forever (with a statement_timeout override), the caller's own
# statement_timeout - each with its own finding, before a correct read-only account passes and
# the handover gate opens.  Then the O&M side (Art 47): the completed LG-2027-003 is listed as
# not sharing and draws no O&M money until a probe of it passes, and when that probe is too old.
# Last, one probe scheduled with pg_cron runs (when pg_cron is installed for this PostgreSQL).
# Both clusters are stopped and removed whatever happens.  Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"	# PG_BIN, lgit_as_postgres
# Always on the machine's clock: under libfaketime (LGIT_CLOCK) no statement_timeout fires
# (SET statement_timeout = '1s'; SELECT pg_sleep(3) sleeps the 3 s), and this script's waits
# for the probe's deadlines and cancels rely on them.
unset LGIT_CLOCK
BASE=$(mktemp -d /tmp/lgit-sharing-probe.XXXXXX)
AUTH_PORT=54381
UNIT_PORT=54382
AUTH="host=$BASE port=$AUTH_PORT user=postgres dbname=lgit"
UNIT="host=$BASE port=$UNIT_PORT user=postgres dbname=health"
LINK="host=$BASE port=$UNIT_PORT dbname=health"
READER_PASSWORD='Rd0nly-2026-health'
WRITER_PASSWORD='Wr1te-2026-health'
KEY='key held by the authority'
SILENT_PIDS=()

stop_all() {
	[ ${#SILENT_PIDS[@]} -gt 0 ] && kill "${SILENT_PIDS[@]}" 2>/dev/null || true
	for c in auth unit; do
		[ -d "$BASE/$c" ] && lgit_as_postgres "$PG_BIN/pg_ctl" -D "$BASE/$c" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$BASE"
}
trap stop_all EXIT

fail() {
	echo "sharing_probe: FAILED: $*" >&2
	for c in auth unit; do [ -f "$BASE/$c.log" ] && tail -n 20 "$BASE/$c.log" >&2; done
	exit 1
}
sql() {	# sql CONNINFO STATEMENTS: the last statement's rows, unaligned
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
expect() {	# expect WHAT CONNINFO QUERY VALUE
	local got
	got=$(sql "$2" "$3" 2>&1) || fail "$1: the query failed: $got"
	[ "$got" = "$4" ] || fail "$1: '$got' instead of '$4'"
	echo "ok - $1"
}
refused() {	# refused WHAT CONNINFO SQLSTATE STATEMENTS
	local out
	if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$2" -c "$4" 2>&1); then
		fail "$1: not refused"
	fi
	grep -q "ERROR:  $3" <<<"$out" || fail "$1: refused with '$out' instead of $3"
	echo "ok - $1"
}
# probe WHAT EXPECTED ARGS: runs the authority's probe of LG-2027-001 and compares
# "passed:checks" (the distinct checks of its findings, in name order) with EXPECTED.
probe() {
	expect "$1" "$AUTH" "SET lgit.actor = 'zsj_chen';
		SELECT passed || ':' || coalesce((SELECT string_agg(DISTINCT f->>'check', ',') FROM jsonb_array_elements(findings) f), '')
		FROM lgit.probe_sharing((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-001'), $3)" "$2"
}
as_unit() {	# as_unit STATEMENTS: the unit of LG-2027-001 (龙城街道) changes its handover
	sql "$AUTH" "SET lgit.actor = 'lc_wang'; $1" >/dev/null || fail "the unit's change failed: $1"
}
on_target() {	# on_target STATEMENTS: the unit changes its own system
	sql "$UNIT" "$1" >/dev/null || fail "the change on the unit's system failed: $1"
}

chown postgres: "$BASE" 2>/dev/null || true
chmod 755 "$BASE"
for c in auth unit; do
	lgit_as_postgres "$PG_BIN/initdb" -D "$BASE/$c" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$BASE/$c.initdb.log"
done
# The unit's system: its superuser by trust (to set the test up), every other account by password.
printf 'local all postgres trust\nlocal all all scram-sha-256\n' >"$BASE/unit/pg_hba.conf"

# pg_cron, when installed for this PostgreSQL, runs one scheduled probe at the end.
CRON=
if [ -f "$("$PG_BIN/pg_config" --pkglibdir)/pg_cron.so" ]; then
	CRON="-c shared_preload_libraries=pg_cron -c cron.database_name=lgit -c cron.use_background_workers=on -c max_worker_processes=16"
fi
lgit_as_postgres "$PG_BIN/pg_ctl" -D "$BASE/auth" -w -l "$BASE/auth.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$BASE' -p $AUTH_PORT $CRON" start >/dev/null
lgit_as_postgres "$PG_BIN/pg_ctl" -D "$BASE/unit" -w -l "$BASE/unit.log" \
	-o "-c listen_addresses='' -c unix_socket_directories='$BASE' -p $UNIT_PORT" start >/dev/null

# The unit's system: visits (with a change timestamp) and clinics; a read-only account, and an
# account that can also write.
psql -X -q -d "host=$BASE port=$UNIT_PORT user=postgres dbname=postgres" -c 'CREATE DATABASE health'
psql -X -q -v ON_ERROR_STOP=1 -d "$UNIT" >/dev/null <<SQL || fail "the unit's system"
CREATE TABLE public.clinic (clinic_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.patient_visit (visit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  clinic_id int NOT NULL REFERENCES public.clinic, amount numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL);
INSERT INTO public.clinic VALUES (1, '龙城社康中心'), (2, '布吉社康中心'), (3, '坂田社康中心');
INSERT INTO public.patient_visit (clinic_id, amount, updated_at)
SELECT 1 + i % 3, 100 + i, now() - make_interval(mins => i) FROM generate_series(1, 20) AS i;
CREATE ROLE health_reader LOGIN PASSWORD '$READER_PASSWORD';
GRANT SELECT ON public.clinic, public.patient_visit TO health_reader;
CREATE ROLE health_writer LOGIN PASSWORD '$WRITER_PASSWORD';
GRANT SELECT ON public.clinic, public.patient_visit TO health_writer;
GRANT INSERT ON public.patient_visit TO health_writer;
SQL

# The authority's database: the demo, then LG-2027-001 (龙城街道, 8,000,000) walked to the
# security test on complete evidence.
psql -X -q -d "host=$BASE port=$AUTH_PORT user=postgres dbname=postgres" -c 'CREATE DATABASE lgit'
(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$AUTH" -f demo/demo.sql) >"$BASE/demo.log" 2>&1 ||
	{ cat "$BASE/demo.log"; fail "the demo did not run"; }
(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$AUTH") >"$BASE/walk.log" 2>&1 <<'SQL' || { cat "$BASE/walk.log"; fail "the walk to security_tested"; }
\i test/support/evidence.sql
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-001'')'
SELECT lgit_test.file_complete_evidence(:p);
SET lgit.actor = 'lc_wang';
SELECT lgit.advance(:p, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT lgit.advance(:p, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';
SELECT lgit.advance(:p, 'established');
SET lgit.actor = 'lc_wang';
SELECT lgit.advance(:p, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT lgit.advance(:p, 'design_prereviewed');
SELECT lgit.advance(:p, 'design_reviewed');
SET lgit.actor = 'fgj_zhao';
SELECT lgit.advance(:p, 'design_approved');
SET lgit.actor = 'lc_wang';
SELECT lgit.advance(:p, s) FROM unnest('{procurement,contracted,construction,self_tested,trial_operation,final_accepted}'::lgit.stage[]) AS s;
SET lgit.actor = 'zsj_chen';
SELECT lgit.advance(:p, 'security_tested');
SQL

# The unit hands over its real system: the account with its password encrypted with the
# authority's key, the link, and a new handover whose data-structure document lists the tables.
as_unit "INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_encrypted, delivered_on)
	SELECT project_id, 'health_reader', '$LINK', pgp_sym_encrypt('$READER_PASSWORD', '$KEY'), current_date
	FROM lgit.project WHERE code = 'LG-2027-001';
	INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
	SELECT project_id, 'data_sharing_handover', '龙城共享〔2026〕1号', '业务数据共享移交材料', '龙城街道办事处', current_date,
	       sha256('health'::bytea), '{full_realtime_sharing,readonly_account,connection,data_structure_document}'
	FROM lgit.project WHERE code = 'LG-2027-001';
	INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type, marks_change)
	SELECT d.document_id, 'public', t, c, ty, m FROM lgit.document d,
	  (VALUES ('clinic', 'clinic_id', 'integer', false), ('clinic', 'name', 'text', false),
	          ('patient_visit', 'visit_id', 'bigint', false), ('patient_visit', 'clinic_id', 'integer', false),
	          ('patient_visit', 'amount', 'numeric(12,2)', false),
	          ('patient_visit', 'updated_at', 'timestamp with time zone', true)) AS v(t, c, ty, m)
	WHERE d.doc_number = '龙城共享〔2026〕1号'"
P1="(SELECT project_id FROM lgit.project WHERE code = 'LG-2027-001')"
expect "LG290: the handover waits for a probe of the new handover" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT code || ' ' || (message LIKE '%核验的不是最新的业务数据共享移交材料%')
	 FROM lgit.blockers($P1, 'handover_verified')" "LG290 true"

echo "# who may probe, and with what secret"
refused "only the authority probes (LG001)" "$AUTH" LG001 \
	"SET lgit.actor = 'lc_wang'; SELECT lgit.probe_sharing($P1, password => 'any')"
refused "the probe needs the password or the key" "$AUTH" 22023 \
	"SET lgit.actor = 'zsj_chen'; SELECT lgit.probe_sharing($P1)"
out=$(psql -X -q -At -d "$AUTH" -c "SET lgit.actor = 'zsj_chen'; SELECT lgit.probe_sharing($P1, key => 'not the key')" 2>&1) &&
	fail "a wrong key was not refused"
grep -q "Wrong key" <<<"$out" || fail "a wrong key: '$out'"
grep -q "not the key" <<<"$out" && fail "the error shows the key: $out"
echo "ok - a wrong key is refused, and the error does not show it"
expect "nothing was recorded by the refused calls" "$AUTH" "SELECT count(*) FROM lgit.sharing_probe WHERE project_id = $P1 AND probed_by <> 'lgit_test'" 0

echo "# connections refused"
probe "a wrong password: authentication" "false:authentication" "password => 'not the password'"
as_unit "UPDATE lgit.data_access_credential SET connection = 'host=127.0.0.1 port=1 dbname=health' WHERE account = 'health_reader'"
probe "an unreachable host: connection" "false:connection" "key => '$KEY'"
as_unit "UPDATE lgit.data_access_credential SET connection = '$LINK passfile=/var/lib/postgresql/.pgpass' WHERE account = 'health_reader'"
probe "a link with passfile=: option_refused" "false:option_refused" "key => '$KEY'"
as_unit "UPDATE lgit.data_access_credential SET connection = '$LINK sslkey=/etc/ssl/private/ssl-cert-snakeoil.key service=x' WHERE account = 'health_reader'"
probe "a link with sslkey= and service=: option_refused" "false:option_refused" "key => '$KEY'"
as_unit "UPDATE lgit.data_access_credential SET connection = 'dbname=health' WHERE account = 'health_reader'"
probe "a link without a host (this server's own socket): option_refused" "false:option_refused" "key => '$KEY'"
as_unit "UPDATE lgit.data_access_credential SET account = 'postgres', connection = 'host=$BASE port=$AUTH_PORT dbname=postgres' WHERE account = 'health_reader'"
probe "a trust login that never used the password: password_not_used" "false:password_not_used" "key => '$KEY'"
as_unit "UPDATE lgit.data_access_credential SET account = 'health_reader', connection = '$LINK' WHERE account = 'postgres'"
if command -v python3 >/dev/null; then
	# Servers that never answer: one that accepts the connection and says nothing, one that
	# takes the password, lets the account in and then never answers a query.
	cat >"$BASE/silent_server.py" <<'PY'
import socket, struct, sys, threading, time
mode = sys.argv[1]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
print(server.getsockname()[1], flush=True)

def packet(c, typed):
    head = c.recv(5 if typed else 4, socket.MSG_WAITALL)
    return c.recv(struct.unpack("!i", head[-4:])[0] - 4, socket.MSG_WAITALL)

def serve(c):
    if mode == "login":
        if struct.unpack("!i", packet(c, False)[:4])[0] == 80877103:   # SSLRequest: no
            c.sendall(b"N")
            packet(c, False)
        c.sendall(b"R" + struct.pack("!ii", 8, 3))                     # the password, please
        packet(c, True)
        c.sendall(b"R" + struct.pack("!ii", 8, 0) + b"K" + struct.pack("!iii", 12, 1, 1)
                  + b"Z" + struct.pack("!i", 5) + b"I")
    time.sleep(3600)

while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
	sql "$AUTH" "UPDATE lgit.policy SET value = 2 WHERE key = 'sharing_probe_timeout_seconds'" >/dev/null
	for mode in mute login; do
		python3 "$BASE/silent_server.py" $mode >"$BASE/$mode.port" &
		SILENT_PIDS+=($!)
		for i in $(seq 1 50); do [ -s "$BASE/$mode.port" ] && break; sleep 0.1; done
		as_unit "UPDATE lgit.data_access_credential SET connection = 'host=127.0.0.1 port=$(cat "$BASE/$mode.port") dbname=health'
			WHERE account = 'health_reader'"
		start=$SECONDS
		case $mode in
		mute) probe "a server that never answers the connection: timeout" "false:timeout" "key => '$KEY'" ;;
		login) probe "a server that lets the account in and never answers a query: timeout" "false:timeout" "key => '$KEY'" ;;
		esac
		[ $((SECONDS - start)) -lt 15 ] || fail "the silent server held the probe $((SECONDS - start)) s"
	done
	expect "... the waits were the probe's own deadline" "$AUTH" \
		"SELECT string_agg(findings->0->>'message', ' / ' ORDER BY probe_id) FROM (SELECT * FROM lgit.sharing_probe
		 WHERE project_id = $P1 ORDER BY probe_id DESC LIMIT 2) p" \
		"no connection within 2000 ms / the shared database did not answer within 2000 ms (the account's privileges)"
	sql "$AUTH" "UPDATE lgit.policy SET value = 10 WHERE key = 'sharing_probe_timeout_seconds'" >/dev/null
	as_unit "UPDATE lgit.data_access_credential SET connection = '$LINK' WHERE account = 'health_reader'"
else
	echo "# skipped: servers that never answer (python3 is not installed)"
fi

echo "# the shared database itself"
on_target "ALTER TABLE public.clinic RENAME TO clinic_archive"
probe "a table of the data-structure document is missing: table_missing" "false:table_missing" "key => '$KEY'"
on_target "ALTER TABLE public.clinic_archive RENAME TO clinic"
on_target "ALTER TABLE public.patient_visit ALTER amount TYPE numeric(14,2)"
probe "a column of another type: column_type" "false:column_type" "key => '$KEY'"
expect "... and the finding says what differs" "$AUTH" \
	"SELECT f->>'stated' || ' / ' || (f->>'actual') FROM lgit.sharing_probe, jsonb_array_elements(findings) f
	 WHERE project_id = $P1 ORDER BY probe_id DESC LIMIT 1" "numeric(12,2) / numeric(14,2)"
on_target "ALTER TABLE public.patient_visit ALTER amount TYPE numeric(12,2)"
on_target "UPDATE public.patient_visit SET updated_at = updated_at - interval '3 days'"
probe "the newest change is 3 days old: stale" "false:stale" "key => '$KEY'"
on_target "UPDATE public.patient_visit SET updated_at = updated_at + interval '3 days'"
as_unit "UPDATE lgit.data_access_credential SET account = 'health_writer' WHERE account = 'health_reader'"
probe "an account that can write: write_privilege, and the attempted write accepted" "false:write_accepted,write_privilege" \
	"password => '$WRITER_PASSWORD'"
expect "... inside a rolled-back transaction: nothing was written on the target" "$UNIT" "SELECT count(*) FROM public.patient_visit" 20
as_unit "UPDATE lgit.data_access_credential SET account = 'health_reader' WHERE account = 'health_writer'"
on_target "ALTER TABLE public.clinic RENAME TO clinic_data;
	CREATE FUNCTION public.clinic_slowly() RETURNS SETOF public.clinic_data LANGUAGE sql SET statement_timeout = 0
	  AS 'SELECT pg_sleep(3600); SELECT * FROM public.clinic_data';
	CREATE VIEW public.clinic AS SELECT * FROM public.clinic_slowly();
	GRANT SELECT ON public.clinic, public.clinic_data TO health_reader"
sql "$AUTH" "UPDATE lgit.policy SET value = 2 WHERE key = 'sharing_probe_timeout_seconds'" >/dev/null
start=$SECONDS
probe "a table that sleeps forever, lifting its statement_timeout: timeout" "false:timeout" "key => '$KEY'"
[ $((SECONDS - start)) -lt 15 ] || fail "the sleeping table held the probe $((SECONDS - start)) s"
sql "$AUTH" "UPDATE lgit.policy SET value = 10 WHERE key = 'sharing_probe_timeout_seconds'" >/dev/null
start=$SECONDS
refused "the caller's own statement_timeout cancels a probe that waits" "$AUTH" 57014 \
	"SET statement_timeout = '1s'; SET lgit.actor = 'zsj_chen'; SELECT lgit.probe_sharing($P1, key => '$KEY')"
[ $((SECONDS - start)) -lt 8 ] || fail "the cancel took $((SECONDS - start)) s"
expect "the backend still works, and holds no connection to the target" "$UNIT" \
	"SELECT count(*) FROM pg_stat_activity WHERE usename = 'health_reader' AND state <> 'active' AND query NOT LIKE '%pg_sleep%'" 0
on_target "DROP VIEW public.clinic; DROP FUNCTION public.clinic_slowly(); ALTER TABLE public.clinic_data RENAME TO clinic"
expect "LG290: the latest probe failed" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT code || ' ' || (message LIKE '%未通过%') FROM lgit.blockers($P1, 'handover_verified')" "LG290 true"

echo "# a correct read-only account passes, and the handover gate opens"
probe "the read-only account, the password decrypted with the key: passed" "true:" "key => '$KEY'"
expect "the record: the target, the account, who probed; row counts and lag" "$AUTH" \
	"SELECT target_host = '$BASE', target_port, target_dbname, target_user, probed_by,
	        facts #>> '{tables,0,rows}', facts #>> '{tables,1,rows}', (facts #>> '{tables,1,lag_hours}')::numeric < 1
	 FROM lgit.sharing_probe WHERE project_id = $P1 ORDER BY probe_id DESC LIMIT 1" \
	"t|$UNIT_PORT|health|health_reader|zsj_chen|3|20|t"
expect "no record holds a password or the key" "$AUTH" \
	"SELECT count(*) FROM lgit.sharing_probe s WHERE s::text LIKE '%$READER_PASSWORD%' OR s::text LIKE '%$WRITER_PASSWORD%' OR s::text LIKE '%$KEY%'" 0
grep -q -e "$READER_PASSWORD" -e "$WRITER_PASSWORD" -e "$KEY" "$BASE/auth.log" &&
	fail "the authority's server log holds a secret (only a call that raises an error logs its statement)"
echo "ok - the authority's server log holds no secret"
expect "the handover gate opens" "$AUTH" "SET lgit.actor = 'zsj_chen'; SELECT count(*) FROM lgit.blockers($P1, 'handover_verified')" 0
expect "handover_verified" "$AUTH" "SET lgit.actor = 'zsj_chen'; SELECT to_stage FROM lgit.advance($P1, 'handover_verified')" handover_verified
refused "the data-structure document relied on is frozen (LG002)" "$AUTH" LG002 \
	"SET lgit.actor = 'lc_wang'; UPDATE lgit.shared_column SET data_type = 'text' WHERE column_name = 'amount'"
refused "nobody writes a probe record but the probe (LG002)" "$AUTH" LG002 \
	"INSERT INTO lgit.sharing_probe (project_id, credential_id, probed_at, probed_by, target_user, passed, findings, facts)
	 SELECT project_id, credential_id, now(), 'x', account, true, '[]', '{}' FROM lgit.data_access_credential LIMIT 1"
refused "probe records are never altered (LG002)" "$AUTH" LG002 "UPDATE lgit.sharing_probe SET passed = true"

echo "# Art 47: a completed system that is not verified as sharing gets no O&M money"
P3="(SELECT project_id FROM lgit.project WHERE code = 'LG-2027-003')"
expect "LG-2027-003 is completed and sharing (the demo's probe)" "$AUTH" \
	"SELECT project_code || ' ' || sharing FROM lgit.sharing_status" "LG-2027-003 true"
sql "$AUTH" "SET lgit.actor = 'wjj_huang';
	UPDATE lgit.data_access_credential SET account = 'health_reader', connection = '$LINK' WHERE project_id = $P3" >/dev/null
expect "its unit hands over a link, but no structure: the probe fails" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT passed || ':' || (findings->0->>'check') FROM lgit.probe_sharing($P3, password => '$READER_PASSWORD')" \
	"false:no_structure"
expect "lgit.sharing_status lists it as not sharing" "$AUTH" \
	"SELECT sharing || ' ' || (problem LIKE '%未通过%') FROM lgit.sharing_status WHERE project_code = 'LG-2027-003'" "false true"
expect "lgit.om_blockers(): LG471 for that system" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT string_agg(code, ',') FROM lgit.om_blockers($P3)" LG471
expect "it is off the list to finance" "$AUTH" "SELECT count(*) FROM lgit.om_eligible WHERE project_code = 'LG-2027-003'" 0
refused "finance cannot grant it O&M money (LG471)" "$AUTH" LG471 \
	"SET lgit.actor = 'czj_sun'; INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES ($P3, 2028, 100000, (now() AT TIME ZONE 'Asia/Shanghai')::date)"
expect "the unit's other system is not touched: LG-2027-001 has no LG471" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT count(*) FROM lgit.om_blockers($P1) WHERE code = 'LG471'" 0
sql "$AUTH" "SET lgit.actor = 'wjj_huang';
	INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
	SELECT $P3, 'data_sharing_handover', '共享-2026-041', '业务数据共享移交材料（数据结构）', '区卫生健康局', current_date,
	       sha256('共享2'::bytea), '{full_realtime_sharing,readonly_account,connection,data_structure_document}';
	INSERT INTO lgit.shared_column (document_id, table_schema, table_name, column_name, data_type, marks_change)
	SELECT document_id, 'public', 'patient_visit', 'updated_at', 'timestamp with time zone', true
	FROM lgit.document WHERE doc_number = '共享-2026-041'" >/dev/null
expect "with its structure registered, the probe passes" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT passed FROM lgit.probe_sharing($P3, password => '$READER_PASSWORD')" t
expect "... and it is sharing again" "$AUTH" \
	"SELECT sharing FROM lgit.sharing_status WHERE project_code = 'LG-2027-003'" t
expect "... and may draw O&M money" "$AUTH" "SET lgit.actor = 'zsj_chen'; SELECT count(*) FROM lgit.om_blockers($P3)" 0
expect "31 days later the probe is too old: LG471 again" "$AUTH" \
	"SET lgit.actor = 'zsj_chen'; SELECT code || ' ' || (facts->>'sharing' LIKE '%已过31天%')
	 FROM lgit.om_blockers($P3, (now() AT TIME ZONE 'Asia/Shanghai')::date + 31)" "LG471 true"

if [ -n "$CRON" ]; then
	echo "# a probe scheduled with pg_cron"
	sql "$AUTH" "CREATE EXTENSION pg_cron; CREATE ROLE zsj_chen LOGIN IN ROLE lgit_authority" >/dev/null
	before=$(sql "$AUTH" "SELECT count(*) FROM lgit.sharing_probe WHERE project_id = $P3 AND probed_by = 'zsj_chen' AND passed")
	sql "$AUTH" "SELECT cron.schedule_in_database('lgit-sharing-probe-LG-2027-003', '* * * * *',
		format('SELECT lgit.probe_sharing(%s, password => %L)', $P3, '$READER_PASSWORD'), 'lgit', 'zsj_chen')" >/dev/null
	for i in $(seq 1 150); do
		[ "$(sql "$AUTH" "SELECT count(*) FROM lgit.sharing_probe WHERE project_id = $P3 AND probed_by = 'zsj_chen' AND passed")" -gt "$before" ] && break
		sleep 0.5
	done
	expect "the scheduled probe ran as the authority and passed" "$AUTH" \
		"SELECT count(*) > $before FROM lgit.sharing_probe WHERE project_id = $P3 AND probed_by = 'zsj_chen' AND passed" t
	expect "pg_cron reports the run succeeded" "$AUTH" \
		"SELECT status FROM cron.job_run_details ORDER BY runid DESC LIMIT 1" succeeded
	sql "$AUTH" "SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = 'lgit-sharing-probe-LG-2027-003'" >/dev/null
else
	echo "# skipped: the scheduled probe (pg_cron is not installed for $PG_BIN)"
fi
echo "sharing_probe: all checks passed"
