#!/usr/bin/env bash
# A real client reads lgit's refusals (test/client_refusals.py, psycopg from Debian's
# python3-psycopg): SQLSTATE, the article quoted, and the facts as JSON.  Runs against the
# cluster in PGHOST/PGPORT/PGUSER (a superuser), as scripts/test.sh leaves it; creates and
# drops its own database.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=lgit_client_refusals
dropdb --if-exists "$DB" 2>/dev/null || true
trap 'dropdb --if-exists "$DB" 2>/dev/null || true' EXIT
createdb "$DB"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c 'SET client_min_messages = warning; CREATE EXTENSION lgit CASCADE;'
(cd "$ROOT" && psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f demo/sample.sql)
# Debian's interpreter, where python3-psycopg is installed (not whatever python3 is first in PATH)
/usr/bin/python3 "$ROOT/test/client_refusals.py" "$DB"
