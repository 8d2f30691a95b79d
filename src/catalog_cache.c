/*
 * catalog_cache.c
 *		Per-backend copies of what every check reads: the OIDs of the
 *		lgit.stage and lgit.capacity labels, the stage graph (lgit.stage_edge)
 *		and the policy values (lgit.policy).
 *
 * The graph and the policy are rebuilt on first use after a change to their
 * table (see cache.c).  Dropping and re-creating the extension changes the
 * types and the schema, caught by syscache callbacks that make every copy
 * stale.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "lgit.h"

/* Identity of the installed types: valid until pg_type changes. */
static bool identity_valid = false;
static Oid	lgit_namespace = InvalidOid;
static Oid	lgit_owner = InvalidOid;
static Oid	capacity_type = InvalidOid;
static Oid	stage_oids[NUM_STAGES];
static Oid	capacity_oids[NUM_CAPACITIES];

static LgitCache graph_cache = {{"stage_edge", NULL}};
static LgitEdge graph[NUM_STAGES][NUM_STAGES];

typedef struct PolicyEntry
{
	char	   *key;
	Numeric		value;
	DateADT		from;
	DateADT		to;				/* exclusive; DATEVAL_NOEND when open */
} PolicyEntry;

static LgitCache policy_cache = {{"policy", NULL}};
static MemoryContext policy_context = NULL;
static PolicyEntry *policy_entries = NULL;
static int	policy_count = 0;

static const char *const edge_kind_names[] = {
	"forward", "filing", "return", "suspend", "resume", "terminate"
};

static void
identity_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	identity_valid = false;
	lgit_cache_invalidate_all();
}

void
lgit_cache_init(void)
{
	lgit_cache_register(&graph_cache);
	lgit_cache_register(&policy_cache);
	CacheRegisterSyscacheCallback(TYPEOID, identity_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(NAMESPACEOID, identity_callback, (Datum) 0);
}

static Oid
enum_label_oid(Oid typoid, const char *typname, const char *label)
{
	Oid			oid = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
									  ObjectIdGetDatum(typoid), CStringGetDatum(label));

	if (!OidIsValid(oid))
		elog(ERROR, "lgit: type lgit.%s has no label \"%s\"; the extension's install script and library differ",
			 typname, label);
	return oid;
}

static Oid
lgit_type_oid(const char *typname)
{
	Oid			oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									  CStringGetDatum(typname), ObjectIdGetDatum(lgit_namespace));

	if (!OidIsValid(oid))
		elog(ERROR, "lgit: type lgit.%s does not exist", typname);
	return oid;
}

static Oid
namespace_owner(Oid nspid)
{
	HeapTuple	tuple = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(nspid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "lgit: cache lookup failed for schema %u", nspid);
	owner = ((Form_pg_namespace) GETSTRUCT(tuple))->nspowner;
	ReleaseSysCache(tuple);
	return owner;
}

static void
load_identity(void)
{
	Oid			stage_type;
	int			i;

	if (identity_valid)
		return;
	lgit_namespace = get_namespace_oid(LGIT_SCHEMA, false);
	lgit_owner = namespace_owner(lgit_namespace);
	stage_type = lgit_type_oid("stage");
	capacity_type = lgit_type_oid("capacity");
	for (i = 0; i < NUM_STAGES; i++)
		stage_oids[i] = enum_label_oid(stage_type, "stage", lgit_stage_names[i]);
	for (i = 0; i < NUM_CAPACITIES; i++)
		capacity_oids[i] = enum_label_oid(capacity_type, "capacity", lgit_capacity_names[i]);
	identity_valid = true;
}

/* The owner of the lgit schema, as whom lgit's own queries run. */
Oid
lgit_schema_owner(void)
{
	load_identity();
	return lgit_owner;
}

Oid
lgit_relid(const char *relname)
{
	Oid			relid;

	load_identity();
	relid = get_relname_relid(relname, lgit_namespace);
	/* a library newer than the objects: installed, but ALTER EXTENSION UPDATE not yet run */
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("lgit: relation lgit.%s does not exist", relname),
				 errdetail("The installed lgit library reads lgit.%s, which this database's lgit objects do not have.",
						   relname),
				 errhint("If the lgit library was just upgraded, run ALTER EXTENSION lgit UPDATE.")));
	return relid;
}

LgitStage
lgit_stage_from_datum(Datum value)
{
	Oid			oid = DatumGetObjectId(value);
	int			i;

	load_identity();
	for (i = 0; i < NUM_STAGES; i++)
		if (stage_oids[i] == oid)
			return (LgitStage) i;
	elog(ERROR, "lgit: %u is not a label of lgit.stage", oid);
	pg_unreachable();
}

Datum
lgit_stage_datum(LgitStage stage)
{
	load_identity();
	return ObjectIdGetDatum(stage_oids[stage]);
}

LgitCapacity
lgit_capacity_from_datum(Datum value)
{
	Oid			oid = DatumGetObjectId(value);
	int			i;

	load_identity();
	for (i = 0; i < NUM_CAPACITIES; i++)
		if (capacity_oids[i] == oid)
			return (LgitCapacity) i;
	elog(ERROR, "lgit: %u is not a label of lgit.capacity", oid);
	pg_unreachable();
}

Datum
lgit_capacity_datum(LgitCapacity capacity)
{
	load_identity();
	return ObjectIdGetDatum(capacity_oids[capacity]);
}

static EdgeKind
edge_kind_from_name(const char *name)
{
	int			i;

	for (i = 0; i < lengthof(edge_kind_names); i++)
		if (strcmp(edge_kind_names[i], name) == 0)
			return (EdgeKind) i;
	elog(ERROR, "lgit: unknown stage edge kind \"%s\"", name);
	pg_unreachable();
}

static EdgeCondition
edge_condition_from_name(const char *name)
{
	if (name == NULL)
		return EDGE_UNCONDITIONAL;
	if (strcmp(name, "feasibility_required") == 0)
		return EDGE_FEASIBILITY_REQUIRED;
	if (strcmp(name, "feasibility_not_required") == 0)
		return EDGE_FEASIBILITY_NOT_REQUIRED;
	if (strcmp(name, "superior_funded") == 0)
		return EDGE_SUPERIOR_FUNDED;
	elog(ERROR, "lgit: unknown stage edge condition \"%s\"", name);
	pg_unreachable();
}

static void
load_graph(void)
{
	static SPIPlanPtr plan = NULL;
	uint64		seen = lgit_cache_load_begin(&graph_cache);
	uint64		row;

	load_identity();
	memset(graph, 0, sizeof(graph));
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT from_stage, to_stage, capacities, kind, condition, origin_of, "
			  "reason_required, article FROM lgit.stage_edge",
			  0, NULL);
	lgit_execute_as_owner(plan, NULL, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		LgitStage	from = lgit_stage_from_datum(SPI_getbinval(tuple, desc, 1, &isnull));
		LgitStage	to = lgit_stage_from_datum(SPI_getbinval(tuple, desc, 2, &isnull));
		ArrayType  *capacities = DatumGetArrayTypeP(SPI_getbinval(tuple, desc, 3, &isnull));
		Datum		origin = SPI_getbinval(tuple, desc, 6, &isnull);
		char	   *article = SPI_getvalue(tuple, desc, 8);
		LgitEdge   *edge = &graph[from][to];
		Datum	   *elems;
		int			nelems;
		int			i;

		edge->exists = true;
		edge->kind = edge_kind_from_name(SPI_getvalue(tuple, desc, 4));
		edge->condition = edge_condition_from_name(SPI_getvalue(tuple, desc, 5));
		edge->origin_of = isnull ? STAGE_NONE : lgit_stage_from_datum(origin);
		edge->reason_required = DatumGetBool(SPI_getbinval(tuple, desc, 7, &isnull));
		strlcpy(edge->article, article ? article : "", sizeof(edge->article));
		deconstruct_array(capacities, capacity_type, sizeof(Oid), true, TYPALIGN_INT,
						  &elems, NULL, &nelems);
		for (i = 0; i < nelems; i++)
			edge->capacities |= 1 << lgit_capacity_from_datum(elems[i]);
	}
	lgit_spi_finish();
	lgit_cache_load_end(&graph_cache, seen);
}

/*
 * The edge from -> to, or one with exists = false.  A new project (from =
 * STAGE_NONE) starts at draft, entered by its unit, or is filed straight
 * into established (Art 14) along the draft -> established edge.
 */
const LgitEdge *
lgit_edge(int from, LgitStage to)
{
	static const LgitEdge no_edge = {false};
	static const LgitEdge create_draft = {
		true, EDGE_CREATE, 1 << CAPACITY_UNIT, EDGE_UNCONDITIONAL, STAGE_NONE, false, ""
	};

	if (!lgit_cache_is_valid(&graph_cache))
		load_graph();
	if (from == STAGE_NONE)
	{
		if (to == STAGE_DRAFT)
			return &create_draft;
		if (graph[STAGE_DRAFT][to].exists && graph[STAGE_DRAFT][to].kind == EDGE_FILING)
			return &graph[STAGE_DRAFT][to];
		return &no_edge;
	}
	return &graph[from][to];
}

static void
load_policy(void)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext old;
	uint64		seen = lgit_cache_load_begin(&policy_cache);
	uint64		row;

	if (policy_context == NULL)
		policy_context = AllocSetContextCreate(CacheMemoryContext, "lgit policy",
											   ALLOCSET_SMALL_SIZES);
	MemoryContextReset(policy_context);
	policy_entries = NULL;
	policy_count = 0;

	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT key, value, lower(in_force), coalesce(upper(in_force), 'infinity'::date) "
			  "FROM lgit.policy",
			  0, NULL);
	lgit_execute_as_owner(plan, NULL, NULL, true, 0);
	old = MemoryContextSwitchTo(policy_context);
	policy_entries = palloc0(sizeof(PolicyEntry) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		PolicyEntry *entry = &policy_entries[row];
		bool		isnull;

		entry->key = pstrdup(TextDatumGetCString(SPI_getbinval(tuple, desc, 1, &isnull)));
		entry->value = DatumGetNumeric(datumCopy(SPI_getbinval(tuple, desc, 2, &isnull), false, -1));
		entry->from = DatumGetDateADT(SPI_getbinval(tuple, desc, 3, &isnull));
		entry->to = DatumGetDateADT(SPI_getbinval(tuple, desc, 4, &isnull));
	}
	policy_count = SPI_processed;
	MemoryContextSwitchTo(old);
	lgit_spi_finish();
	lgit_cache_load_end(&policy_cache, seen);
}

/*
 * The value of a policy key in force on a date, copied into the caller's
 * memory; *in_force_from, if given, receives the first day of that value.
 */
Numeric
lgit_policy_value(const char *key, DateADT on, DateADT *in_force_from)
{
	int			i;

	if (!lgit_cache_is_valid(&policy_cache))
		load_policy();
	for (i = 0; i < policy_count; i++)
	{
		PolicyEntry *entry = &policy_entries[i];

		if (strcmp(entry->key, key) == 0 && entry->from <= on && on < entry->to)
		{
			if (in_force_from)
				*in_force_from = entry->from;
			return DatumGetNumeric(datumCopy(NumericGetDatum(entry->value), false, -1));
		}
	}
	for (i = 0; i < policy_count; i++)
		if (strcmp(policy_entries[i].key, key) == 0)
			break;
	if (i == policy_count)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("policy key \"%s\" does not exist", key),
				 errhint("The keys are listed in lgit.policy_key.")));
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("no value of policy \"%s\" is in force on %s", key, lgit_date_text(on)),
			 errdetail("A rule is judged by the policy in force on the date that matters."),
			 errhint("Add a row to lgit.policy whose in_force range covers that date.")));
	pg_unreachable();
}

/*
 * lgit.policy_in_force(key, on_date): the value the rules use on that date.
 */
PG_FUNCTION_INFO_V1(lgit_policy_in_force);
Datum
lgit_policy_in_force(PG_FUNCTION_ARGS)
{
	char	   *key = text_to_cstring(PG_GETARG_TEXT_PP(0));

	PG_RETURN_NUMERIC(lgit_policy_value(key, PG_GETARG_DATEADT(1), NULL));
}

/*
 * BEFORE INSERT on lgit.policy, enabled in replica mode only (pg_restore of a
 * dump, a logical-replication subscriber): a policy row arriving from a dump
 * or a publisher replaces the rows of its key whose dates it overlaps - the
 * shipped values CREATE EXTENSION put in - so the owner's changes win and
 * nothing is doubled.  It enforces nothing.
 */
PG_FUNCTION_INFO_V1(lgit_policy_supersede);
Datum
lgit_policy_supersede(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	Oid			types[2] = {TEXTOID, DATERANGEOID};
	Datum		values[2];
	bool		isnull;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.policy_supersede() must be fired BEFORE INSERT FOR EACH ROW")));
	desc = RelationGetDescr(trigdata->tg_relation);
	row = trigdata->tg_trigtuple;
	values[0] = SPI_getbinval(row, desc, SPI_fnumber(desc, "key"), &isnull);
	values[1] = SPI_getbinval(row, desc, SPI_fnumber(desc, "in_force"), &isnull);
	lgit_spi_connect();
	lgit_plan(&plan, "DELETE FROM lgit.policy WHERE key = $1 AND in_force && $2", 2, types);
	lgit_execute_as_owner(plan, values, NULL, false, 0);
	lgit_spi_finish();
	return PointerGetDatum(row);
}
