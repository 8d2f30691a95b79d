# Shared by scripts/demo.sh, scripts/test.sh and bench/run.sh: install what is missing,
# build and install lgit, and run a throwaway PostgreSQL 15 cluster as the postgres user
# on a unix socket in a temporary directory (no TCP).

# PG_BIN may point at another PostgreSQL 15 installation (one per parallel checkout).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
LGIT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '\n== %s\n' "$*"; }

# Debian packages lgit needs to build and test, and any named as arguments (a benchmark's);
# installed only when missing.
lgit_install_packages() {
	local wanted=(make gcc postgresql-15 postgresql-server-dev-15 postgresql-contrib
		postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl pgbouncer python3-psycopg libfaketime
		postgresql-15-cron "$@")
	local missing=() pkg
	for pkg in "${wanted[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		[ "$(id -u)" = 0 ] || { echo "run as root to install: ${missing[*]}" >&2; return 1; }
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
	fi
}

lgit_build_and_install() {
	log "building lgit"
	make -C "$LGIT_ROOT" -s -j2 PG_CONFIG=$PG_BIN/pg_config
	make -C "$LGIT_ROOT" -s install PG_CONFIG=$PG_BIN/pg_config
}

# libfaketime's library, which makes a server's clock read another moment when preloaded.
lgit_libfaketime() {
	dpkg -L libfaketime | grep -m1 '/libfaketime\.so\.1$'
}

# Runs a command as the postgres user (directly when not root).  With LGIT_CLOCK set (say
# LGIT_CLOCK='2027-01-05 10:00:00', UTC), under libfaketime with the clock running from that
# moment: every server the tests start then takes it for now, so the whole suite can be run
# as of another day (a year's first days, the day a deadline falls).
lgit_as_postgres() {
	local -a clock=()
	[ -z "${LGIT_CLOCK:-}" ] || clock=(env TZ=UTC LD_PRELOAD="$(lgit_libfaketime)" FAKETIME="@$LGIT_CLOCK" FAKETIME_DONT_FAKE_MONOTONIC=1)
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${clock[@]}" "$@"; else "${clock[@]}" "$@"; fi
}

# Starts a cluster and exports PGHOST, PGPORT and PGUSER for psql, pg_regress and pg_prove.
# Arguments, if any, are a command the server is started under: test/year_boundary.sh starts
# it under env with libfaketime preloaded, for a cluster whose clock reads another day;
# without, it runs as lgit_as_postgres runs it.
lgit_start_cluster() {
	LGIT_CLUSTER_DIR=$(mktemp -d /tmp/lgit-cluster.XXXXXX)
	chown postgres: "$LGIT_CLUSTER_DIR"
	chmod 755 "$LGIT_CLUSTER_DIR"
	export PGHOST=$LGIT_CLUSTER_DIR PGPORT=${LGIT_PORT:-54329} PGUSER=postgres
	log "starting a throwaway cluster in $LGIT_CLUSTER_DIR"
	runuser -u postgres -- "$PG_BIN/initdb" -D "$LGIT_CLUSTER_DIR/data" -U postgres \
		--auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$LGIT_CLUSTER_DIR/initdb.log"
	lgit_start_server "$@"
}

# Starts the server of the cluster lgit_start_cluster made (again, after lgit_stop_server).
lgit_start_server() {
	local -a start_as=(lgit_as_postgres)
	[ $# -eq 0 ] || start_as=(runuser -u postgres -- "$@")
	"${start_as[@]}" "$PG_BIN/pg_ctl" -D "$LGIT_CLUSTER_DIR/data" -w \
		-l "$LGIT_CLUSTER_DIR/server.log" \
		-o "-c listen_addresses='' -c unix_socket_directories='$LGIT_CLUSTER_DIR' -p $PGPORT -c max_prepared_transactions=10" \
		start >/dev/null
}

# Stops it, keeping its data: bench/move_instructions.bench.sh runs a single-user backend on it.
lgit_stop_server() {
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$LGIT_CLUSTER_DIR/data" -m fast stop >/dev/null 2>&1 || true
}

lgit_stop_cluster() {
	[ -n "${LGIT_CLUSTER_DIR:-}" ] && [ -d "$LGIT_CLUSTER_DIR/data" ] || return 0
	lgit_stop_server
	rm -rf "$LGIT_CLUSTER_DIR"
	LGIT_CLUSTER_DIR=
}
