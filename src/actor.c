/*
 * actor.c
 *		Who is acting (doc/lgit.md §2).
 *
 * The actor is the person named in lgit.actor when the session's role is a
 * member of lgit_app (an application that authenticates people itself), and
 * session_user otherwise.  lgit.actor maps the actor to a unit and a capacity;
 * an actor missing from it may write nothing.  With lgit.actor_scope =
 * transaction (behind a pooler), lgit.actor counts only in the transaction
 * that set it (lgit.c).  The registry and the unit
 * names are cached per backend (cache.c) and reloaded after lgit.actor or
 * lgit.unit change.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "access/htup_details.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/memutils.h"

#include "lgit.h"

typedef struct ActorEntry
{
	char	   *name;
	LgitCapacity capacity;
	int32		unit_id;
} ActorEntry;

typedef struct UnitEntry
{
	int32		unit_id;
	char	   *name;
} UnitEntry;

static LgitCache registry_cache = {{"actor", "unit"}};
static MemoryContext registry_context = NULL;
static ActorEntry *actors = NULL;
static int	actor_count = 0;
static UnitEntry *units = NULL;
static int	unit_count = 0;

void
lgit_actor_cache_init(void)
{
	lgit_cache_register(&registry_cache);
}

static int
actor_cmp(const void *a, const void *b)
{
	return strcmp(((const ActorEntry *) a)->name, ((const ActorEntry *) b)->name);
}

static int
unit_cmp(const void *a, const void *b)
{
	int32		x = ((const UnitEntry *) a)->unit_id;
	int32		y = ((const UnitEntry *) b)->unit_id;

	return (x > y) - (x < y);
}

static void
load_registry(void)
{
	static SPIPlanPtr actor_plan = NULL;
	static SPIPlanPtr unit_plan = NULL;
	MemoryContext old;
	uint64		seen = lgit_cache_load_begin(&registry_cache);
	uint64		row;
	bool		isnull;

	if (registry_context == NULL)
		registry_context = AllocSetContextCreate(CacheMemoryContext, "lgit actor registry",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContextReset(registry_context);
	actors = NULL;
	units = NULL;
	actor_count = unit_count = 0;

	lgit_spi_connect();
	lgit_plan(&actor_plan, "SELECT actor_name, capacity, unit_id FROM lgit.actor", 0, NULL);
	lgit_execute_as_owner(actor_plan, NULL, NULL, true, 0);
	old = MemoryContextSwitchTo(registry_context);
	actors = palloc0(sizeof(ActorEntry) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		actors[row].name = TextDatumGetCString(SPI_getbinval(tuple, desc, 1, &isnull));
		actors[row].capacity = lgit_capacity_from_datum(SPI_getbinval(tuple, desc, 2, &isnull));
		actors[row].unit_id = DatumGetInt32(SPI_getbinval(tuple, desc, 3, &isnull));
	}
	actor_count = SPI_processed;
	qsort(actors, actor_count, sizeof(ActorEntry), actor_cmp);
	MemoryContextSwitchTo(old);

	lgit_plan(&unit_plan, "SELECT unit_id, name_zh FROM lgit.unit", 0, NULL);
	lgit_execute_as_owner(unit_plan, NULL, NULL, true, 0);
	old = MemoryContextSwitchTo(registry_context);
	units = palloc0(sizeof(UnitEntry) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		units[row].unit_id = DatumGetInt32(SPI_getbinval(tuple, desc, 1, &isnull));
		units[row].name = TextDatumGetCString(SPI_getbinval(tuple, desc, 2, &isnull));
	}
	unit_count = SPI_processed;
	qsort(units, unit_count, sizeof(UnitEntry), unit_cmp);
	MemoryContextSwitchTo(old);
	lgit_spi_finish();
	lgit_cache_load_end(&registry_cache, seen);
}

/* The unit's Chinese name, or its number if the unit is unknown. */
char *
lgit_unit_name(int32 unit_id)
{
	UnitEntry	key = {unit_id, NULL};
	UnitEntry  *found;

	if (!lgit_cache_is_valid(&registry_cache))
		load_registry();
	found = bsearch(&key, units, unit_count, sizeof(UnitEntry), unit_cmp);
	return found ? pstrdup(found->name) : psprintf("unit %d", unit_id);
}

/*
 * Fills *actor with the acting person; registered = false when the registry
 * does not know them.  Asserting lgit.actor without lgit_app is an error.
 */
void
lgit_current_actor(LgitActor *actor)
{
	Oid			session_role = GetSessionUserId();
	ActorEntry	key = {0};
	ActorEntry *found;

	memset(actor, 0, sizeof(*actor));
	if (lgit_actor_setting != NULL && lgit_actor_setting[0] != '\0')
	{
		Oid			app_role = get_role_oid("lgit_app", true);

		if (!OidIsValid(app_role) || !is_member_of_role(session_role, app_role))
			ereport(ERROR,
					(errcode(LGIT_SQLSTATE(RULE_CAPACITY)),
					 errmsg("role \"%s\" may not assert lgit.actor",
							GetUserNameFromId(session_role, false)),
					 errdetail("lgit.actor is set to \"%s\", but only members of lgit_app may name the person acting; everyone else acts as their own role.",
							   lgit_actor_setting),
					 errhint("Grant lgit_app to the application's role, or RESET lgit.actor to act as \"%s\".",
							 GetUserNameFromId(session_role, false))));
		/* behind a pooler, a value left by an earlier transaction may be another client's */
		if (lgit_actor_scope == ACTOR_SCOPE_TRANSACTION && !lgit_actor_set_in_this_transaction())
			ereport(ERROR,
					(errcode(LGIT_SQLSTATE(RULE_CAPACITY)),
					 errmsg("lgit.actor was set in an earlier transaction"),
					 errdetail("lgit.actor_scope is \"transaction\": the person acting is named in each transaction, and \"%s\" was named in an earlier one, perhaps by another client of the same pooled connection.",
							   lgit_actor_setting),
					 errhint("Name the person at the start of each transaction: SELECT set_config('lgit.actor', $1, true), or SET LOCAL lgit.actor.")));
		actor->name = pstrdup(lgit_actor_setting);
	}
	else
		actor->name = GetUserNameFromId(session_role, false);

	if (!lgit_cache_is_valid(&registry_cache))
		load_registry();
	key.name = actor->name;
	found = bsearch(&key, actors, actor_count, sizeof(ActorEntry), actor_cmp);
	lgit_refusal_note_actor(actor->name, found ? lgit_capacity_names[found->capacity] : NULL);
	if (found == NULL)
		return;
	actor->registered = true;
	actor->capacity = found->capacity;
	actor->unit_id = found->unit_id;
	actor->unit_name = lgit_unit_name(found->unit_id);
}

/*
 * lgit.current_actor(): who lgit believes is acting.  The row type is built
 * from the OUT parameters once per call site (fn_extra), not at every call.
 */
PG_FUNCTION_INFO_V1(lgit_current_actor_sql);
Datum
lgit_current_actor_sql(PG_FUNCTION_ARGS)
{
	TupleDesc	desc = (TupleDesc) fcinfo->flinfo->fn_extra;
	LgitActor	actor;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "lgit: current_actor must return a composite type");
		desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = desc;
	}
	lgit_current_actor(&actor);
	values[0] = CStringGetTextDatum(actor.name);
	if (actor.registered)
	{
		values[1] = lgit_capacity_datum(actor.capacity);
		values[2] = Int32GetDatum(actor.unit_id);
	}
	else
		nulls[1] = nulls[2] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
