/*
 * spi_plan.c
 *		SPI plans prepared once, kept, and run under a fixed search_path.
 *
 * Every query lgit runs names its objects with their schema, but operators
 * and functions would still resolve through the caller's search_path, which
 * a caller could point at look-alikes.  So plans are prepared and executed
 * with search_path = pg_catalog, pg_temp (the temporary schema is then never
 * searched for functions and operators, and for relations and types only
 * after pg_catalog); the plan cache then never sees a different path and
 * never replans for one.  The path is set as a function's SET clause would
 * set it (a GUC nest level), which works on PostgreSQL 15 to 17; the
 * override search path of earlier releases is gone in 17.  On error the
 * transaction's or subtransaction's abort restores the caller's path.
 *
 * lgit's own reads and writes (its catalogs, the actor registry, history)
 * run as the owner of the lgit schema: callers need no privilege on them,
 * and so get none, which keeps history out of reach of direct writes.
 * Queries that act for the caller (the UPDATE of lgit.advance, verify's
 * reading) run as the caller, under the caller's privileges and policies.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "catalog/namespace.h"
#include "utils/guc.h"

#include "lgit.h"

#define SAFE_SEARCH_PATH "pg_catalog, pg_temp"

/*
 * Puts the safe path in place; returns the GUC nest level to leave, or 0
 * when it is in place already (lgit's own query running lgit's trigger, or a
 * trigger that entered it once for all the queries it runs).
 */
int
lgit_enter_safe_search_path(void)
{
	int			nest_level;

	if (namespace_search_path != NULL && strcmp(namespace_search_path, SAFE_SEARCH_PATH) == 0)
		return 0;
	nest_level = NewGUCNestLevel();
	(void) set_config_option("search_path", SAFE_SEARCH_PATH, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return nest_level;
}

void
lgit_leave_safe_search_path(int nest_level)
{
	if (nest_level > 0)
		AtEOXact_GUC(true, nest_level);
}

void
lgit_spi_connect(void)
{
	int			rc = SPI_connect();

	if (rc != SPI_OK_CONNECT)
		elog(ERROR, "lgit: SPI_connect failed: %s", SPI_result_code_string(rc));
}

void
lgit_spi_finish(void)
{
	int			rc = SPI_finish();

	if (rc != SPI_OK_FINISH)
		elog(ERROR, "lgit: SPI_finish failed: %s", SPI_result_code_string(rc));
}

/*
 * Returns the plan kept in *slot, preparing and keeping it on first use.
 */
SPIPlanPtr
lgit_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan;
	int			nest_level;

	if (*slot != NULL)
		return *slot;

	nest_level = lgit_enter_safe_search_path();

	/*
	 * Every lgit query is keyed by ids that an index answers, so one generic
	 * plan serves all calls; left to choose, the plan cache keeps planning
	 * custom plans for ORDER BY ... LIMIT lookups on every call.
	 */
	plan = SPI_prepare_cursor(sql, nargs, argtypes, CURSOR_OPT_GENERIC_PLAN);
	lgit_leave_safe_search_path(nest_level);

	if (plan == NULL)
		elog(ERROR, "lgit: SPI_prepare failed for \"%s\": %s",
			 sql, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "lgit: SPI_keepplan failed");
	*slot = plan;
	return plan;
}

int
lgit_execute(SPIPlanPtr plan, Datum *values, const char *nulls, bool read_only, long count)
{
	int			rc;
	int			nest_level;

	nest_level = lgit_enter_safe_search_path();
	rc = SPI_execute_plan(plan, values, nulls, read_only, count);
	lgit_leave_safe_search_path(nest_level);

	if (rc < 0)
		elog(ERROR, "lgit: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return rc;
}

Portal
lgit_cursor_open(SPIPlanPtr plan, Datum *values, const char *nulls)
{
	Portal		portal;
	int			nest_level;

	nest_level = lgit_enter_safe_search_path();
	portal = SPI_cursor_open(NULL, plan, values, nulls, true);
	lgit_leave_safe_search_path(nest_level);

	if (portal == NULL)
		elog(ERROR, "lgit: SPI_cursor_open failed: %s", SPI_result_code_string(SPI_result));
	return portal;
}

/* Runs what follows as the extension's owner, in a restricted security context, until lgit_restore_user(). */
void
lgit_become_owner(LgitSavedUser *saved)
{
	GetUserIdAndSecContext(&saved->userid, &saved->sec_context);
	SetUserIdAndSecContext(lgit_schema_owner(), saved->sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
}

void
lgit_restore_user(const LgitSavedUser *saved)
{
	SetUserIdAndSecContext(saved->userid, saved->sec_context);
}

int
lgit_execute_as_owner(SPIPlanPtr plan, Datum *values, const char *nulls, bool read_only, long count)
{
	LgitSavedUser saved;
	volatile int rc = 0;

	lgit_become_owner(&saved);
	PG_TRY();
	{
		rc = lgit_execute(plan, values, nulls, read_only, count);
	}
	PG_FINALLY();
	{
		lgit_restore_user(&saved);
	}
	PG_END_TRY();
	return rc;
}
