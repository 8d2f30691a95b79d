# lgit: PGXS build.  The install script is assembled from schema/*.sql in file-name order.

EXTENSION = lgit
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" lgit.control)

MODULE_big = lgit
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# Released install scripts are frozen in releases/; the upgrade script to the version being made
# is assembled from the fragments in upgrade/FROM--TO/, in file-name order.  A fragment that does
# for a 0.1.0 database exactly what a whole schema file does for a fresh one is a symbolic link
# to that file; so when a version is released, its upgrade script is frozen into releases/ too
# and its fragments removed, so that later schema changes never alter a released upgrade.
UPGRADE_DIRS = $(sort $(wildcard upgrade/*--*))
UPGRADE_SCRIPTS = $(patsubst upgrade/%,lgit--%.sql,$(UPGRADE_DIRS))
DATA = $(sort $(wildcard releases/lgit--*.sql))
DOCS = doc/lgit.md
DATA_built = lgit--$(EXTVERSION).sql $(UPGRADE_SCRIPTS)
SCHEMA_SOURCES = $(sort $(wildcard schema/*.sql))

# pg_regress scripts run in file-name order; the first creates the extension.
REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=btree_gist
ISOLATION = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=btree_gist

# The server's own warning flags plus -Wextra, minus what its headers trip.  Warnings are
# errors only where lgit's own tests and CI build it (scripts/test.sh sets LGIT_WERROR=1): a
# plain `make` must work with compilers the server's flags were not written for
# (make CC=clang-14 warns about -fexcess-precision and goes on).
PG_CFLAGS = -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
ifeq ($(LGIT_WERROR),1)
PG_CFLAGS += -Werror
endif

# lgit.probe_sharing() is a libpq client (src/probe_connection.c), as contrib's dblink is; the
# client headers come from pg_config's include directory, else from pkg-config's libpq.
SHLIB_LINK_INTERNAL = $(libpq)
PG_CPPFLAGS += -I$(libpq_srcdir) $(shell pkg-config --cflags-only-I libpq 2>/dev/null)

EXTRA_CLEAN = results output_iso regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: an object built against an older src/*.h (a struct that
# has since grown a field) would link and misbehave, so every object depends on every header.
$(OBJS): $(wildcard src/*.h)

# src/field_hash.c hashes through OpenSSL's EVP interface when the server was built with it.
ifeq ($(with_ssl),openssl)
SHLIB_LINK += -lcrypto
endif

lgit--$(EXTVERSION).sql: $(SCHEMA_SOURCES) schema lgit.control
	{ echo '-- complain if script is sourced in psql, rather than via CREATE EXTENSION'; \
	  printf '%s\n' '\echo Use "CREATE EXTENSION lgit" to load this file. \quit'; \
	  for f in $(SCHEMA_SOURCES); do echo; echo "-- $$f"; cat $$f; done; } > $@

.SECONDEXPANSION:
# (the directory too: a fragment removed changes its time, not any fragment's)
lgit--%.sql: $$(sort $$(wildcard upgrade/$$*/*.sql)) upgrade/$$*
	{ echo '-- complain if script is sourced in psql, rather than via ALTER EXTENSION'; \
	  printf '%s\n' '\echo Use "ALTER EXTENSION lgit UPDATE" to load this file. \quit'; \
	  for f in $(filter %.sql,$^); do echo; echo "-- $$f"; cat $$f; done; } > $@

.PHONY: prove bench
# The pgTAP suites (test/*.sql; test/support/ holds what they include) in a database of their
# own, PROVE_DB, made afresh with pgTAP and lgit, on the server libpq's environment names
# (PGHOST, PGPORT, PGUSER: a superuser), like installcheck.  scripts/test.sh runs this target.
PROVE_DB ?= lgit_prove
prove:
	$(bindir)/dropdb --if-exists $(PROVE_DB)
	$(bindir)/createdb $(PROVE_DB)
	$(bindir)/psql -X -q -v ON_ERROR_STOP=1 -d $(PROVE_DB) -c 'SET client_min_messages = warning' \
		-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION lgit CASCADE'
	pg_prove --psql-bin $(bindir)/psql -d $(PROVE_DB) --ext .sql $(sort $(wildcard test/*.sql))

# Benchmarks on a throwaway cluster of the PostgreSQL PG_CONFIG names (needs root: it starts
# the cluster as the postgres user).
bench:
	PG_BIN=$(bindir) bash bench/run.sh
