#!/usr/bin/env bash
# Prints the differences between the schemas of two databases of one cluster, extension
# members included (pg_dump --binary-upgrade dumps them), ignoring OIDs, xids and line order.
# Exit status 0 when they are the same.  Used to check that an upgraded database has exactly
# the objects of a fresh install:  tools/schema_compare.sh fresh_db upgraded_db
set -euo pipefail
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
normalized_schema() {
	"$PG_BIN/pg_dump" --binary-upgrade --schema-only --no-owner "$1" 2>/dev/null |
		grep -v -e 'binary_upgrade_set_next' -e 'binary_upgrade_create_empty_extension' \
			-e 'relfrozenxid' -e "^WHERE oid = '[0-9]*';$" -e '^\\\(un\)\?restrict ' -e '^--' -e '^$' |
		sort
}
diff <(normalized_schema "$1") <(normalized_schema "$2")
