/*
 * cache.c
 *		When a backend may trust its copy of one of lgit's tables.
 *
 * lgit keeps per-backend copies of the tables every check reads: the stage
 * graph, the policy, the actor registry, the working-day calendar.  Writes to
 * those tables fire lgit.invalidate_cache(), a statement trigger that sends a
 * relcache invalidation for the table to every backend; the callback here
 * turns it into "reload before the next use".  Callbacks only clear flags:
 * they may run where catalog access is not allowed.
 *
 * Two subtleties, each guarded below:
 *  - A statement inside a READ COMMITTED transaction block may take no new
 *    lock, and so process no invalidation, although its snapshot already sees
 *    the change.  Each use therefore looks for pending invalidations first (a
 *    cheap unlocked test when there are none).
 *  - A load reads with the calling statement's snapshot (one statement sees
 *    one calendar, one graph), which may predate a change whose invalidation
 *    this backend already processed, e.g. in a REPEATABLE READ transaction.
 *    A load that ran after an invalidation arrived in the same transaction is
 *    trusted only until that transaction ends.
 */
#include "postgres.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "utils/inval.h"

#include "lgit.h"

#define MAX_CACHES 8

static LgitCache *caches[MAX_CACHES];
static int	ncaches = 0;

static void
mark_invalid(LgitCache *cache)
{
	cache->valid = false;
	cache->invalidations++;
}

static void
cache_relcache_callback(Datum arg, Oid relid)
{
	int			i;
	int			r;

	for (i = 0; i < ncaches; i++)
		for (r = 0; r < lengthof(caches[i]->relids); r++)
			if (relid == InvalidOid || (OidIsValid(relid) && relid == caches[i]->relids[r]))
			{
				mark_invalid(caches[i]);
				break;
			}
}

static void
cache_xact_callback(XactEvent event, void *arg)
{
	int			i;

	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_PARALLEL_COMMIT &&
		event != XACT_EVENT_ABORT && event != XACT_EVENT_PARALLEL_ABORT &&
		event != XACT_EVENT_PREPARE)
		return;
	for (i = 0; i < ncaches; i++)
	{
		if (caches[i]->xact_scoped)
			caches[i]->valid = false;
		caches[i]->xact_scoped = false;
		caches[i]->invalidations_at_xact_start = caches[i]->invalidations;
	}
}

/*
 * Registers a cache (a static LgitCache naming its tables) from _PG_init.
 * Counting starts one ahead: invalidations before the library was loaded are
 * unknown, so the first load is trusted for its transaction only.
 */
void
lgit_cache_register(LgitCache *cache)
{
	if (ncaches == 0)
	{
		CacheRegisterRelcacheCallback(cache_relcache_callback, (Datum) 0);
		RegisterXactCallback(cache_xact_callback, NULL);
	}
	if (ncaches >= MAX_CACHES)
		elog(ERROR, "lgit: too many caches");
	cache->valid = false;
	cache->invalidations = 1;
	cache->invalidations_at_xact_start = 0;
	caches[ncaches++] = cache;
}

/* Whether the copy may be used now; false means: load it. */
bool
lgit_cache_is_valid(LgitCache *cache)
{
	AcceptInvalidationMessages();
	return cache->valid;
}

/* Every copy is stale: the extension's types or schema changed. */
void
lgit_cache_invalidate_all(void)
{
	int			i;

	for (i = 0; i < ncaches; i++)
		mark_invalid(caches[i]);
}

/*
 * Brackets a load: begin() learns the tables' OIDs before reading, so that a
 * change during the load is caught; end() trusts the copy only if none was.
 */
uint64
lgit_cache_load_begin(LgitCache *cache)
{
	int			r;

	for (r = 0; r < lengthof(cache->relids); r++)
		cache->relids[r] = cache->relnames[r] ? lgit_relid(cache->relnames[r]) : InvalidOid;
	return cache->invalidations;
}

void
lgit_cache_load_end(LgitCache *cache, uint64 seen)
{
	cache->valid = (seen == cache->invalidations);
	cache->xact_scoped = (seen != cache->invalidations_at_xact_start);
}

/*
 * Statement trigger on the cached tables: every backend reloads its copy.
 */
PG_FUNCTION_INFO_V1(lgit_invalidate_cache);
Datum
lgit_invalidate_cache(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.invalidate_cache() must be called as a trigger")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
