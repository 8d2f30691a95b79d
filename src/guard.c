/*
 * guard.c
 *		The one guard of every registry, lgit.registry_guard(), driven by the
 *		registry's description in lgit.registry and lgit.registry_column
 *		(Art 4: each body acts in its own capacity; Art 21: what is on record
 *		stays as it was).
 *
 * For each row written it
 *	- takes the row lock of the project the row belongs to (FOR SHARE), old
 *	  and new, before judging anything: a move of that project holds the same
 *	  row, so a write and a move relying on the row are serialized, and the
 *	  judgement below reads what was committed before it (fresh snapshot);
 *	- requires the actor to be entitled to the row as it was and as it will
 *	  be (capacity; a unit only for its own projects), so an update cannot
 *	  turn another body's record into one's own;
 *	- lets only the body named in lgit.registry_column set, change, clear or
 *	  carry away the columns stating its act;
 *	- refuses references to rows the actor cannot see, without saying whether
 *	  they exist (guard_references.c);
 *	- refuses altering or removing a row that froze: relied on by a move,
 *	  part of a filed contract, past the stage its registry names, or in an
 *	  append-only registry.
 * What is particular to one table (a document's kind and parts, the money
 * rules) is in guard_rules.c; the locks a move takes on what it relied on
 * are in guard_locks.c.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "lgit.h"
#include "guard.h"

static const char *const operation_done[] = {"added", "altered", "removed"};

/* Capacity bits from a comma-separated list of capacity names. */
static uint8
capacity_bits(const char *names)
{
	uint8		bits = 0;
	char	   *copy = pstrdup(names ? names : "");
	char	   *name;
	char	   *save = NULL;
	int			c;

	for (name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save))
		for (c = 0; c < NUM_CAPACITIES; c++)
			if (strcmp(name, lgit_capacity_names[c]) == 0)
				bits |= 1 << c;
	return bits;
}

static char *
capacity_list(uint8 bits)
{
	List	   *names = NIL;
	int			c;

	for (c = 0; c < NUM_CAPACITIES; c++)
		if (bits & (1 << c))
			names = lappend(names, (char *) lgit_capacity_names[c]);
	return names ? lgit_join(names, ", ") : pstrdup("(nobody)");
}

/*
 * The descriptions of lgit.registry and lgit.registry_column, copied once per
 * backend and reloaded when either table changes (a statement trigger sends
 * the invalidation, src/cache.c).
 */
typedef struct CachedColumn
{
	char	   *name;
	uint8		writers;
	bool		after_freeze;
	int			frozen_from;
	char	   *article;
} CachedColumn;

typedef struct CachedRegistry
{
	char	   *relname;
	char	   *owner_column;
	uint8		writers;
	bool		writers_by_kind;
	bool		append_only;
	int			frozen_from;
	bool		frozen_when_relied_on;
	bool		frozen_when_filed;
	List	   *columns;		/* of CachedColumn */
} CachedRegistry;

/* The stage of a label, or STAGE_NONE for none. */
static int
stage_named(const char *label)
{
	int			stage;

	for (stage = 0; label && stage < NUM_STAGES; stage++)
		if (strcmp(label, lgit_stage_names[stage]) == 0)
			return stage;
	return STAGE_NONE;
}

static LgitCache registry_cache = {{"registry", "registry_column"}};
static bool registry_cache_registered = false;
static MemoryContext registry_context = NULL;
static List *registries = NIL;	/* of CachedRegistry */

static void
load_registries(void)
{
	static SPIPlanPtr registry_plan = NULL;
	static SPIPlanPtr column_plan = NULL;
	MemoryContext old;
	uint64		seen;
	uint64		row;
	ListCell   *lc;

	if (!registry_cache_registered)
	{
		lgit_cache_register(&registry_cache);
		registry_cache_registered = true;
	}
	if (lgit_cache_is_valid(&registry_cache))
		return;
	seen = lgit_cache_load_begin(&registry_cache);
	if (registry_context == NULL)
		registry_context = AllocSetContextCreate(TopMemoryContext, "lgit registry descriptions",
												 ALLOCSET_SMALL_SIZES);
	MemoryContextReset(registry_context);
	registries = NIL;

	lgit_spi_connect();
	lgit_execute_as_owner(lgit_plan(&registry_plan,
									"SELECT relname::text, owner_column::text, array_to_string(writers, ','), "
									"  writers_by_kind, append_only, frozen_from::text, frozen_when_relied_on, "
									"  frozen_when_filed FROM lgit.registry ORDER BY relname",
									0, NULL),
						  NULL, NULL, true, 0);
	old = MemoryContextSwitchTo(registry_context);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	t = SPI_tuptable->vals[row];
		TupleDesc	d = SPI_tuptable->tupdesc;
		CachedRegistry *reg = palloc0(sizeof(CachedRegistry));
		char	   *frozen_from = SPI_getvalue(t, d, 6);
		bool		isnull;

		reg->relname = pstrdup(SPI_getvalue(t, d, 1));
		reg->owner_column = pstrdup(SPI_getvalue(t, d, 2));
		reg->writers = capacity_bits(SPI_getvalue(t, d, 3));
		reg->writers_by_kind = DatumGetBool(SPI_getbinval(t, d, 4, &isnull));
		reg->append_only = DatumGetBool(SPI_getbinval(t, d, 5, &isnull));
		reg->frozen_from = stage_named(frozen_from);
		reg->frozen_when_relied_on = DatumGetBool(SPI_getbinval(t, d, 7, &isnull));
		reg->frozen_when_filed = DatumGetBool(SPI_getbinval(t, d, 8, &isnull));
		registries = lappend(registries, reg);
	}
	MemoryContextSwitchTo(old);

	lgit_execute_as_owner(lgit_plan(&column_plan,
									"SELECT relname::text, attname::text, array_to_string(writers, ','), "
									"  after_freeze, article, frozen_from::text FROM lgit.registry_column ORDER BY relname, attname",
									0, NULL),
						  NULL, NULL, true, 0);
	old = MemoryContextSwitchTo(registry_context);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	t = SPI_tuptable->vals[row];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *relname = SPI_getvalue(t, d, 1);
		bool		isnull;

		foreach(lc, registries)
		{
			CachedRegistry *reg = lfirst(lc);
			CachedColumn *column;

			if (strcmp(reg->relname, relname) != 0)
				continue;
			column = palloc0(sizeof(CachedColumn));
			column->name = pstrdup(SPI_getvalue(t, d, 2));
			column->writers = capacity_bits(SPI_getvalue(t, d, 3));
			column->after_freeze = DatumGetBool(SPI_getbinval(t, d, 4, &isnull));
			column->article = pstrdup(SPI_getvalue(t, d, 5));
			column->frozen_from = stage_named(SPI_getvalue(t, d, 6));
			reg->columns = lappend(reg->columns, column);
		}
	}
	MemoryContextSwitchTo(old);
	lgit_spi_finish();
	lgit_cache_load_end(&registry_cache, seen);
}

static int
compare_names(const ListCell *a, const ListCell *b)
{
	return strcmp(lfirst(a), lfirst(b));
}

/*
 * The registries kept by project that freeze, whole or in a column, when a
 * project enters `stage`, by name (as the name type sorts); from the cache,
 * so a move asks no query for them.
 */
List *
lgit_registries_frozen_at(LgitStage stage)
{
	List	   *names = NIL;
	ListCell   *lc;

	load_registries();
	foreach(lc, registries)
	{
		CachedRegistry *reg = lfirst(lc);
		bool		frozen = reg->frozen_from == (int) stage;
		ListCell   *col;

		if (strcmp(reg->owner_column, "project_id") != 0)
			continue;
		foreach(col, reg->columns)
			frozen = frozen || ((CachedColumn *) lfirst(col))->frozen_from == (int) stage;
		if (frozen)
			names = lappend(names, pstrdup(reg->relname));
	}
	list_sort(names, compare_names);
	return names;
}

/* The description of the relation the trigger fired on; an error if it has none. */
static void
load_registry(GuardRegistry *reg, Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	const CachedRegistry *cached = NULL;
	ListCell   *lc;

	load_registries();
	memset(reg, 0, sizeof(*reg));
	reg->relname = RelationGetRelationName(rel);
	foreach(lc, registries)
		if (strcmp(((CachedRegistry *) lfirst(lc))->relname, reg->relname) == 0)
			cached = lfirst(lc);
	if (cached == NULL)
		elog(ERROR, "lgit: lgit.%s is guarded by lgit.registry_guard() but not described in lgit.registry",
			 reg->relname);

	reg->owner_attno = SPI_fnumber(desc, cached->owner_column);
	reg->owner_kind = cached->owner_column[0];
	if (reg->owner_attno <= 0)
		elog(ERROR, "lgit: lgit.%s has no column %s", reg->relname, cached->owner_column);
	reg->writers = cached->writers;
	reg->writers_by_kind = cached->writers_by_kind;
	reg->append_only = cached->append_only;
	reg->frozen_from = cached->frozen_from;
	reg->frozen_when_relied_on = cached->frozen_when_relied_on;
	reg->frozen_when_filed = cached->frozen_when_filed;
	reg->columns = palloc0(sizeof(GuardColumn) * (list_length(cached->columns) + 1));
	foreach(lc, cached->columns)
	{
		const CachedColumn *c = lfirst(lc);
		GuardColumn *column = &reg->columns[reg->ncolumns++];

		column->name = c->name;
		column->attno = SPI_fnumber(desc, c->name);
		if (column->attno <= 0)
			elog(ERROR, "lgit: lgit.registry_column names lgit.%s.%s, which does not exist",
				 reg->relname, c->name);
		column->writers = c->writers;
		column->after_freeze = c->after_freeze;
		column->frozen_from = c->frozen_from;
		column->article = c->article;
	}
}

/*
 * The project and unit a row belongs to, through its owner column; the
 * project's row is locked FOR SHARE so that no move of it runs meanwhile.
 */
static void
resolve_owner(const GuardRegistry *reg, HeapTuple row, TupleDesc desc, GuardOwner *owner)
{
	static SPIPlanPtr project_plan = NULL;
	static SPIPlanPtr contract_plan = NULL;
	Oid			types[1] = {INT8OID};
	bool		isnull;
	Datum		value = SPI_getbinval(row, desc, reg->owner_attno, &isnull);
	int			attno;

	memset(owner, 0, sizeof(*owner));
	if ((attno = SPI_fnumber(desc, "contract_id")) > 0)
	{
		bool		null_contract;
		Datum		contract = SPI_getbinval(row, desc, attno, &null_contract);

		if (!null_contract)
			owner->contract_id = DatumGetInt64(contract);
	}
	if (isnull)
	{
		owner->missing = true;	/* NOT NULL reports it */
		return;
	}
	if (reg->owner_kind == 'u')
	{
		owner->found = true;
		owner->unit_id = DatumGetInt32(value);
		return;
	}

	lgit_spi_connect();
	if (reg->owner_kind == 'p')
		lgit_plan(&project_plan,
				  "SELECT project_id, unit_id FROM lgit.project WHERE project_id = $1 FOR SHARE",
				  1, types);
	else
		lgit_plan(&contract_plan,
				  "SELECT p.project_id, p.unit_id FROM lgit.contract c JOIN lgit.project p USING (project_id) "
				  "WHERE c.contract_id = $1 FOR SHARE OF p",
				  1, types);
	/* not read-only: a fresh snapshot once the lock is ours */
	lgit_execute_as_owner(reg->owner_kind == 'p' ? project_plan : contract_plan, &value, NULL, false, 1);
	if (SPI_processed == 1)
	{
		owner->found = true;
		owner->project_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		owner->unit_id = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	}
	lgit_spi_finish();
}

static void
refuse(const LgitActor *actor, const char *table, const char *hint, const char *message)
{
	List	   *findings = NIL;
	LgitFinding *finding = lgit_finding(&findings, RULE_CAPACITY, hint, "%s", message);

	lgit_fact(finding, "table", table);
	lgit_fact(finding, "actor", actor->name);
	lgit_fact(finding, "capacity", actor->registered ? lgit_capacity_names[actor->capacity] : NULL);
	lgit_fact(finding, "actor_unit", actor->registered ? actor->unit_name : NULL);
	lgit_raise(findings);
}

/* Whether the actor's unit is a department (部门), not a street or a district body. */
static bool
actor_unit_is_department(const LgitActor *actor)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT4OID};
	Datum		values[1];
	bool		department;

	values[0] = Int32GetDatum(actor->unit_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT 1 FROM lgit.unit WHERE unit_id = $1 AND kind = 'department'", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	department = SPI_processed == 1;
	lgit_spi_finish();
	return department;
}

/*
 * LG001 unless the actor may write the row: a capacity among the row's
 * writers, and in the unit capacity only for rows of its own unit - or, for
 * a kind registered by another department (Art 34), only for rows of another
 * unit.  The refusal never names the unit a row belongs to.
 */
static void
require_entitled(const LgitActor *actor, const GuardRegistry *reg, const GuardRowWriters *writers,
				 const GuardOwner *owner, const char *table, const char *verb)
{
	if (!actor->registered)
		refuse(actor, table,
			   "Register the person in lgit.actor with their unit and capacity, or act as a registered person.",
			   psprintf("actor \"%s\" is not registered in lgit.actor", actor->name));
	if (!(writers->capacities & (1 << actor->capacity)))
	{
		if (writers->kind_name)
			refuse(actor, table,
				   psprintf("Documents of this kind are registered in the capacity of: %s.",
							writers->names ? writers->names
							: capacity_list(writers->capacities)),
				   psprintf("capacity %s may not %s a %s",
							lgit_capacity_names[actor->capacity], verb, writers->kind_name));
		refuse(actor, table,
			   psprintf("%s is written in the capacity of: %s.", table, capacity_list(writers->capacities)),
			   psprintf("capacity %s may not write %s", lgit_capacity_names[actor->capacity], table));
	}
	if (actor->capacity != CAPACITY_UNIT || owner->missing)
		return;
	if (writers->by_other_department)
	{
		if (owner->found && owner->unit_id != actor->unit_id && actor_unit_is_department(actor))
			return;
		refuse(actor, table,
			   "The industry department of the project registers it, never the project's own unit (Art 34).",
			   psprintf("actor \"%s\" of %s may not register a %s for this project",
						actor->name, actor->unit_name, writers->kind_name));
	}
	if (owner->found && owner->unit_id == actor->unit_id)
		return;
	refuse(actor, table, "A unit keeps the records of its own projects only.",
		   psprintf("actor \"%s\" of %s may write %s only for its own unit's projects",
					actor->name, actor->unit_name, table));
}

/*
 * A write outside the registries' own rows (the working-day calendar, the
 * structure of a data sharing handover): the actor must be registered, act in
 * one of the capacities and, as a unit, for the project's unit (project_unit;
 * 0 when the write belongs to no project).
 */
void
lgit_require_capacity(const LgitActor *actor, int32 project_unit, const char *table, uint8 capacities)
{
	GuardRowWriters writers = {0};
	GuardOwner	owner = {0};

	writers.capacities = capacities;
	owner.missing = project_unit == 0;
	owner.found = project_unit != 0;
	owner.unit_id = project_unit;
	require_entitled(actor, NULL, &writers, &owner, table, "write");
}

/* The unit that owns a project, or 0 when there is none. */
int32
lgit_project_unit(int64 project_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	int32		unit = 0;
	bool		isnull;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT unit_id FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
		unit = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	lgit_spi_finish();
	return unit;
}

/* Whether a column has the same value in both versions of a row. */
bool
lgit_guard_same_value(HeapTuple a, HeapTuple b, TupleDesc desc, int attno)
{
	Form_pg_attribute att = TupleDescAttr(desc, attno - 1);
	bool		a_null;
	bool		b_null;
	Datum		a_value = heap_getattr(a, attno, desc, &a_null);
	Datum		b_value = heap_getattr(b, attno, desc, &b_null);

	if (a_null || b_null)
		return a_null == b_null;
	return datumIsEqual(a_value, b_value, att->attbyval, att->attlen);
}

static const GuardColumn *
designated(const GuardRegistry *reg, int attno)
{
	int			i;

	for (i = 0; i < reg->ncolumns; i++)
		if (reg->columns[i].attno == attno)
			return &reg->columns[i];
	return NULL;
}

/*
 * Art 4: a column stating another body's act is set, changed, cleared - or
 * removed with its row - only by that body (a unit only for its own rows).
 */
static void
require_column_writers(const LgitActor *actor, const GuardRegistry *reg, const GuardOwner *owner,
					   HeapTuple old, HeapTuple new, TupleDesc desc)
{
	int			i;

	for (i = 0; i < reg->ncolumns; i++)
	{
		const GuardColumn *column = &reg->columns[i];
		bool		touched;
		bool		isnull;
		List	   *findings = NIL;
		LgitFinding *finding;

		if (old && new)
			touched = !lgit_guard_same_value(old, new, desc, column->attno);
		else
		{
			heap_getattr(old ? old : new, column->attno, desc, &isnull);
			touched = !isnull;
		}
		if (!touched)
			continue;
		if (actor->registered && (column->writers & (1 << actor->capacity)) &&
			(actor->capacity != CAPACITY_UNIT || (owner->found && owner->unit_id == actor->unit_id)))
			continue;
		finding = lgit_finding(&findings, RULE_CAPACITY,
							   psprintf("lgit.%s.%s records the act of: %s (Art %s); leave it to them.",
										reg->relname, column->name, capacity_list(column->writers), column->article),
							   new ? "capacity %s may not record lgit.%s.%s"
							   : "capacity %s may not remove lgit.%s carrying lgit.%s.%s",
							   actor->registered ? lgit_capacity_names[actor->capacity] : "(unregistered)",
							   reg->relname, new ? column->name : reg->relname, column->name);
		lgit_fact(finding, "table", psprintf("lgit.%s", reg->relname));
		lgit_fact(finding, "column", column->name);
		lgit_fact(finding, "actor", actor->name);
		lgit_fact(finding, "capacity", actor->registered ? lgit_capacity_names[actor->capacity] : NULL);
		lgit_raise(findings);
	}
}

/* Whether an update changes any column other than those stating a body's act. */
static bool
body_changed(const GuardRegistry *reg, HeapTuple old, HeapTuple new, TupleDesc desc)
{
	int			attno;

	for (attno = 1; attno <= desc->natts; attno++)
		if (!TupleDescAttr(desc, attno - 1)->attisdropped && !designated(reg, attno) &&
			!lgit_guard_same_value(old, new, desc, attno))
			return true;
	return false;
}

/* Whether the project's history has entered a stage (fresh snapshot). */
static bool
project_entered(int64 project_id, int stage)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	bool		entered;

	values[0] = Int64GetDatum(project_id);
	values[1] = CStringGetTextDatum(lgit_stage_names[stage]);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT 1 FROM lgit.history WHERE project_id = $1 AND to_stage = $2::lgit.stage LIMIT 1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, false, 1);
	entered = SPI_processed == 1;
	lgit_spi_finish();
	return entered;
}

/* Why a row is part of the record, or FROZEN_NOT. */
static GuardFrozen
frozen_because(const GuardRegistry *reg, HeapTuple old, TupleDesc desc, const GuardOwner *owner,
			   int64 *history_id, char **filed_on)
{
	static SPIPlanPtr relied_plan = NULL;
	static SPIPlanPtr filed_plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	GuardFrozen frozen = FROZEN_NOT;
	bool		isnull;

	lgit_spi_connect();
	/* every query below is not read-only: a fresh snapshot, taken after the project's lock */
	if (reg->frozen_when_relied_on)
	{
		Oid			types[1] = {INT8OID};
		Datum		id = SPI_getbinval(old, desc, SPI_fnumber(desc, psprintf("%s_id", reg->relname)), &isnull);

		lgit_plan(&relied_plan,
				  "SELECT history_id FROM lgit.history WHERE evidence @> ARRAY[$1] ORDER BY history_id LIMIT 1",
				  1, types);
		lgit_execute_as_owner(relied_plan, &id, NULL, false, 1);
		if (SPI_processed == 1)
		{
			frozen = FROZEN_RELIED_ON;
			*history_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		}
	}
	if (frozen == FROZEN_NOT && reg->frozen_when_filed && owner->contract_id != 0)
	{
		Oid			types[1] = {INT8OID};
		Datum		id = Int64GetDatum(owner->contract_id);

		lgit_plan(&filed_plan,
				  "SELECT to_char(filed_on, 'YYYY-MM-DD') FROM lgit.contract "
				  "WHERE contract_id = $1 AND filed_on IS NOT NULL",
				  1, types);
		lgit_execute_as_owner(filed_plan, &id, NULL, false, 1);
		if (SPI_processed == 1)
		{
			frozen = FROZEN_FILED;
			*filed_on = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
		}
	}
	lgit_spi_finish();
	if (frozen == FROZEN_NOT && reg->frozen_from != STAGE_NONE && owner->project_id != 0 &&
		project_entered(owner->project_id, reg->frozen_from))
		frozen = FROZEN_STAGE;
	return frozen;
}

/*
 * Whether an update of a frozen row changes only what may still change: an
 * act recorded late (from empty to a value), or - unless a move relied on
 * the row itself - a column that freezes at a later stage of its own (a
 * contract's supervisor, judged only at construction, 监理 being engaged
 * apart from the contract filed).
 */
static bool
changes_allowed_after_freeze(const GuardRegistry *reg, HeapTuple old, HeapTuple new, TupleDesc desc,
							 GuardFrozen frozen, int64 project_id, int *frozen_at)
{
	int			attno;

	*frozen_at = reg->frozen_from;

	for (attno = 1; attno <= desc->natts; attno++)
	{
		const GuardColumn *column;
		bool		isnull;

		if (TupleDescAttr(desc, attno - 1)->attisdropped || lgit_guard_same_value(old, new, desc, attno))
			continue;
		column = designated(reg, attno);
		if (column == NULL)
			return false;
		heap_getattr(old, attno, desc, &isnull);
		if (column->after_freeze && isnull)
			continue;
		if (frozen != FROZEN_RELIED_ON && column->frozen_from != STAGE_NONE)
		{
			if (!project_entered(project_id, column->frozen_from))
				continue;
			*frozen_at = column->frozen_from;
		}
		return false;
	}
	return true;
}

/* How a row is named in a refusal. */
static char *
describe_row(const GuardRegistry *reg, HeapTuple row, TupleDesc desc)
{
	if (strcmp(reg->relname, "document") == 0)
	{
		char	   *number = SPI_getvalue(row, desc, SPI_fnumber(desc, "doc_number"));

		return psprintf("%s %s", lgit_document_kind_name(SPI_getvalue(row, desc, SPI_fnumber(desc, "kind"))),
						number ? number : "(no number)");
	}
	if (strcmp(reg->relname, "contract") == 0)
		return psprintf("contract with %s", SPI_getvalue(row, desc, SPI_fnumber(desc, "contractor")));
	if (strcmp(reg->relname, "payment_milestone") == 0)
		return psprintf("payment at %s", SPI_getvalue(row, desc, SPI_fnumber(desc, "stage")));
	return psprintf("row of lgit.%s", reg->relname);
}

static void
refuse_frozen(const GuardRegistry *reg, HeapTuple old, TupleDesc desc, GuardFrozen frozen,
			  int64 history_id, const char *filed_on, int frozen_at, int operation)
{
	List	   *findings = NIL;
	LgitFinding *finding;
	char	   *row = describe_row(reg, old, desc);

	switch (frozen)
	{
		case FROZEN_RELIED_ON:
			finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
								   "Register a new document instead; the one on record stays as the evidence of that change.",
								   "the %s was relied on by a stage change and cannot be %s",
								   row, operation_done[operation]);
			lgit_fact_int(finding, psprintf("%s_id", reg->relname),
						  DatumGetInt64(SPI_getbinval(old, desc, SPI_fnumber(desc, psprintf("%s_id", reg->relname)),
													  &(bool){false})));
			lgit_fact_int(finding, "history_id", history_id);
			break;
		case FROZEN_FILED:
			finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
								   "A filed contract and its payment schedule change only by change orders (lgit.change_order).",
								   strcmp(reg->relname, "contract") == 0
								   ? "the %s was filed with the authority on %s and cannot be %s"
								   : "the %s is part of the contract filed with the authority on %s and cannot be %s",
								   row, filed_on, operation_done[operation]);
			lgit_fact(finding, "table", psprintf("lgit.%s", reg->relname));
			lgit_fact(finding, "filed_on", filed_on);
			break;
		default:
			finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
								   "Record a change order (lgit.change_order) instead; what the project relied on stays as it was.",
								   "the %s is part of the record once the project entered %s and cannot be %s",
								   row, lgit_stage_names[frozen_at], operation_done[operation]);
			lgit_fact(finding, "table", psprintf("lgit.%s", reg->relname));
			break;
	}
	lgit_raise(findings);
}

static void
refuse_append_only(const GuardRegistry *reg, int operation)
{
	List	   *findings = NIL;
	LgitFinding *finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
										"What is on record stays; record a correction as a new entry.",
										"rows of lgit.%s cannot be %s", reg->relname,
										operation == GUARD_DELETE ? "deleted" : "updated");

	lgit_fact(finding, "table", psprintf("lgit.%s", reg->relname));
	lgit_raise(findings);
}

/*
 * The guard itself.  Old C entry points of 0.1.0 (one per table) call this
 * too, so a database not yet updated keeps its triggers working.
 */
Datum
lgit_guard_row(FunctionCallInfo fcinfo)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	GuardRegistry reg;
	GuardWrite	write;
	LgitActor	actor;
	GuardOwner	old_owner;
	GuardOwner	new_owner;
	char	   *table;

	lgit_require_before_row(fcinfo, "lgit.registry_guard()");
	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	load_registry(&reg, rel);
	table = psprintf("lgit.%s", reg.relname);

	memset(&write, 0, sizeof(write));
	write.reg = &reg;
	write.rel = rel;
	write.actor = &actor;
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		write.operation = GUARD_INSERT;
		write.new = trigdata->tg_trigtuple;
	}
	else if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		write.operation = GUARD_UPDATE;
		write.old = trigdata->tg_trigtuple;
		write.new = trigdata->tg_newtuple;
	}
	else
	{
		write.operation = GUARD_DELETE;
		write.old = trigdata->tg_trigtuple;
	}
	if (reg.append_only && write.old)
		refuse_append_only(&reg, write.operation);

	lgit_current_actor(&actor);
	/* what lgit records about the row itself (who registered it) is not the actor's to change */
	write.new = lgit_guard_keep_own_columns(&write);

	/* lock the project(s) first, old before new, so two writers lock in one order */
	if (write.old)
		resolve_owner(&reg, write.old, desc, &old_owner);
	if (write.new)
		resolve_owner(&reg, write.new, desc, &new_owner);
	write.old_owner = write.old ? &old_owner : NULL;
	write.new_owner = write.new ? &new_owner : NULL;

	/* Art 19, 31: nothing is added to a filed contract either (its payment schedule) */
	if (write.operation == GUARD_INSERT && reg.frozen_when_filed)
	{
		int64		history_id = 0;
		char	   *filed_on = NULL;
		GuardOwner	filed_owner = new_owner;

		filed_owner.project_id = 0; /* only the filing counts for a new row */
		if (frozen_because(&reg, write.new, desc, &filed_owner, &history_id, &filed_on) == FROZEN_FILED)
			refuse_frozen(&reg, write.new, desc, FROZEN_FILED, history_id, filed_on, STAGE_NONE, 0);
	}

	/* Art 21: what froze stays as it was */
	if (write.old)
	{
		int64		history_id = 0;
		char	   *filed_on = NULL;
		GuardFrozen frozen = frozen_because(&reg, write.old, desc, &old_owner, &history_id, &filed_on);
		int			frozen_at = reg.frozen_from;

		if (frozen != FROZEN_NOT &&
			(write.operation == GUARD_DELETE ||
			 !changes_allowed_after_freeze(&reg, write.old, write.new, desc, frozen, old_owner.project_id,
										   &frozen_at)))
			refuse_frozen(&reg, write.old, desc, frozen, history_id, filed_on, frozen_at,
						  write.operation == GUARD_DELETE ? 2 : 1);
	}

	/* Art 4: entitled to the row as it was and as it will be */
	if (write.operation != GUARD_UPDATE || body_changed(&reg, write.old, write.new, desc))
	{
		GuardRowWriters writers;

		if (write.old)
		{
			lgit_guard_row_writers(&write, write.old, &writers);
			require_entitled(&actor, &reg, &writers, &old_owner, table,
							 write.operation == GUARD_DELETE ? "remove" : "alter");
		}
		if (write.new)
		{
			lgit_guard_row_writers(&write, write.new, &writers);
			require_entitled(&actor, &reg, &writers, &new_owner, table, "register");
		}
	}
	require_column_writers(&actor, &reg, write.new ? &new_owner : &old_owner, write.old, write.new, desc);
	if (write.new)
		lgit_require_visible_references(rel, write.old, write.new, reg.owner_attno);

	lgit_guard_table_rules(&write);
	return PointerGetDatum(write.new ? write.new : write.old);
}

/*
 * PostgreSQL checks NOT NULL only after the BEFORE triggers, so a guard would
 * otherwise read a NULL where its table promises a value.  The same error as
 * PostgreSQL's, raised first.
 */
static void
refuse_null_in_not_null_column(TriggerData *trigdata)
{
	Relation	rel = trigdata->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	row;
	int			i;

	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return;
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		/* generated columns are computed after the BEFORE triggers */
		if (att->attnotnull && !att->attisdropped && att->attgenerated == '\0' &&
			heap_attisnull(row, att->attnum, desc))
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
							NameStr(att->attname), RelationGetRelationName(rel)),
					 errtablecol(rel, att->attnum)));
	}
}

void
lgit_require_before_row(FunctionCallInfo fcinfo, const char *name)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be fired BEFORE INSERT, UPDATE or DELETE FOR EACH ROW", name)));
	refuse_null_in_not_null_column(trigdata);
}

/*
 * BEFORE INSERT of a table only lgit's own code writes (the history, the
 * probes' records, the refusal log): the row passes while its writer has set
 * allowed; anyone else, the owner included, is refused (LG002), so nobody can
 * forge a record lgit vouches for.
 */
Datum
lgit_insert_only_by_lgit(FunctionCallInfo fcinfo, bool allowed, const char *table,
						 const char *writer, const char *hint)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("the guard of %s must be fired BEFORE INSERT FOR EACH ROW", table)));
	if (allowed)
		return PointerGetDatum(trigdata->tg_trigtuple);
	lgit_refuse_write_by_others(table, writer, hint);
}

/* LG002: the rows of the table are written only by the writer named. */
void
lgit_refuse_write_by_others(const char *table, const char *writer, const char *hint)
{
	List	   *findings = NIL;
	LgitFinding *finding;

	finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE, hint,
						   "rows of %s are written only by %s", table, writer);
	lgit_fact(finding, "table", table);
	lgit_fact(finding, "role", GetUserNameFromId(GetUserId(), false));
	lgit_raise(findings);
}

/* lgit.registry_guard(): every registry's trigger. */
PG_FUNCTION_INFO_V1(lgit_registry_guard);
Datum
lgit_registry_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}

/*
 * The per-table trigger functions of 0.1.0: a database still running 0.1.0's
 * script with this library gets the one guard through them.
 */
PG_FUNCTION_INFO_V1(lgit_document_guard);
Datum
lgit_document_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}

PG_FUNCTION_INFO_V1(lgit_contract_guard);
Datum
lgit_contract_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}

PG_FUNCTION_INFO_V1(lgit_change_order_guard);
Datum
lgit_change_order_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}

PG_FUNCTION_INFO_V1(lgit_payment_guard);
Datum
lgit_payment_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}

PG_FUNCTION_INFO_V1(lgit_om_funding_guard);
Datum
lgit_om_funding_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}

PG_FUNCTION_INFO_V1(lgit_equipment_guard);
Datum
lgit_equipment_guard(PG_FUNCTION_ARGS)
{
	return lgit_guard_row(fcinfo);
}
