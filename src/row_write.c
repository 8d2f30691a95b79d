/*
 * row_write.c
 *		Rows lgit writes on every move, written without SPI.
 *
 * A move appends one history row and moves its project's head.  As SPI
 * statements, their executor start-up was most of what a move cost beyond
 * its own UPDATE.  Here the rows go through the executor's simple-relation
 * path (the one logical replication applies rows with): the tables' check
 * constraints, indexes and own triggers (the guards, the finding marks, the
 * foreign keys, fired when the write ends) run as for an INSERT or UPDATE.
 * lgit writes them as the extension's owner, as its queries do.  Columns not
 * given take their defaults (the history's identity among them).
 */
#include "postgres.h"

#include "miscadmin.h"
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "parser/parse_relation.h"
#include "rewrite/rewriteHandler.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "lgit.h"

void
lgit_columns_set(LgitColumns *columns, const char *name, Datum value, bool isnull)
{
	if (columns->n >= LGIT_MAX_COLUMNS)
		elog(ERROR, "lgit: too many columns for one row");
	columns->names[columns->n] = name;
	columns->values[columns->n] = value;
	columns->nulls[columns->n] = isnull;
	columns->n++;
}

/*
 * Default expressions of the tables written here, planned once per relation
 * and forgotten when the relation changes (an ALTER TABLE, the extension's
 * update): building an identity's default reads pg_depend.
 */
typedef struct TableDefaults
{
	Oid			relid;
	int			natts;
	Expr	  **defaults;		/* [natts], NULL where a column has none */
} TableDefaults;

#define MAX_TABLES 4
static TableDefaults table_defaults[MAX_TABLES];
static MemoryContext defaults_context = NULL;

static void
forget_defaults(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < MAX_TABLES; i++)
		if (!OidIsValid(relid) || table_defaults[i].relid == relid)
			table_defaults[i].relid = InvalidOid;
}

static TableDefaults *
defaults_of(Relation rel)
{
	Oid			relid = RelationGetRelid(rel);
	TupleDesc	desc = RelationGetDescr(rel);
	TableDefaults *entry = NULL;
	MemoryContext old;
	int			i;

	if (defaults_context == NULL)
	{
		defaults_context = AllocSetContextCreate(CacheMemoryContext, "lgit column defaults",
												 ALLOCSET_SMALL_SIZES);
		CacheRegisterRelcacheCallback(forget_defaults, (Datum) 0);
	}
	for (i = 0; i < MAX_TABLES; i++)
		if (table_defaults[i].relid == relid)
			return &table_defaults[i];
	for (i = 0; i < MAX_TABLES && entry == NULL; i++)
		if (!OidIsValid(table_defaults[i].relid))
			entry = &table_defaults[i];
	if (entry == NULL)
	{
		/* more tables than slots: start again (the few entries are cheap to rebuild) */
		MemoryContextReset(defaults_context);
		forget_defaults((Datum) 0, InvalidOid);
		entry = &table_defaults[0];
	}
	old = MemoryContextSwitchTo(defaults_context);
	entry->natts = desc->natts;
	entry->defaults = palloc0(sizeof(Expr *) * Max(desc->natts, 1));
	for (i = 0; i < desc->natts; i++)
	{
		Node	   *expr;

		if (TupleDescAttr(desc, i)->attisdropped)
			continue;
		expr = build_column_default(rel, i + 1);
		if (expr != NULL)
			entry->defaults[i] = expression_planner((Expr *) expr);
	}
	MemoryContextSwitchTo(old);
	entry->relid = relid;
	return entry;
}

/* A table opened for one write, as an executor would for a one-row INSERT or UPDATE. */
typedef struct RowWrite
{
	Relation	rel;
	EState	   *estate;
	ResultRelInfo *result;
	TupleTableSlot *slot;		/* the row to write */
	LgitSavedUser saved;
} RowWrite;

static void
row_write_begin(RowWrite *w, const char *table)
{
	RangeTblEntry *rte = makeNode(RangeTblEntry);

	w->rel = table_open(lgit_relid(table), RowExclusiveLock);
	w->estate = CreateExecutorState();
	rte->rtekind = RTE_RELATION;
	rte->relid = RelationGetRelid(w->rel);
	rte->relkind = w->rel->rd_rel->relkind;
	rte->rellockmode = RowExclusiveLock;
	ExecInitRangeTable(w->estate, list_make1(rte));
	w->result = makeNode(ResultRelInfo);
	InitResultRelInfo(w->result, w->rel, 1, NULL, 0);
	/* where the AFTER triggers look for it, rather than opening the table again */
	w->estate->es_opened_result_relations = list_make1(w->result);
	w->estate->es_output_cid = GetCurrentCommandId(true);
	w->estate->es_snapshot = GetActiveSnapshot();
	ExecOpenIndices(w->result, false);
	w->slot = ExecInitExtraTupleSlot(w->estate, RelationGetDescr(w->rel), &TTSOpsVirtual);
	ExecClearTuple(w->slot);

	/* as the owner: lgit's own write, whoever moved the project */
	lgit_become_owner(&w->saved);
	AfterTriggerBeginQuery();
}

/* Fires the AFTER triggers the write queued, then makes the row visible to what follows. */
static void
row_write_end(RowWrite *w)
{
	AfterTriggerEndQuery(w->estate);
	lgit_restore_user(&w->saved);
	ExecCloseResultRelations(w->estate);
	ExecCloseRangeTableRelations(w->estate);
	ExecResetTupleTable(w->estate->es_tupleTable, false);
	FreeExecutorState(w->estate);
	table_close(w->rel, NoLock);
	CommandCounterIncrement();
}

/* Puts the given columns into the slot, by name; the others keep what the slot holds. */
static void
fill_slot(RowWrite *w, const LgitColumns *columns)
{
	int			i;

	for (i = 0; i < columns->n; i++)
	{
		AttrNumber	attnum = attnameAttNum(w->rel, columns->names[i], false);

		if (attnum <= 0)
			elog(ERROR, "lgit: lgit.%s has no column %s", RelationGetRelationName(w->rel), columns->names[i]);
		w->slot->tts_values[attnum - 1] = columns->values[i];
		w->slot->tts_isnull[attnum - 1] = columns->nulls[i];
	}
}

/*
 * Inserts a row of lgit.<table> made of the given columns and the others'
 * defaults, as the owner.  Returns the row as stored, as a composite datum.
 */
Datum
lgit_insert_row(const char *table, const LgitColumns *columns)
{
	RowWrite	w;
	TableDefaults *defaults;
	ExprContext *econtext;
	Datum		stored;
	int			i;

	row_write_begin(&w, table);
	PG_TRY();
	{
		defaults = defaults_of(w.rel);
		econtext = GetPerTupleExprContext(w.estate);
		for (i = 0; i < defaults->natts; i++)
		{
			w.slot->tts_isnull[i] = true;
			w.slot->tts_values[i] = (Datum) 0;
			if (defaults->defaults[i] != NULL)
				w.slot->tts_values[i] = ExecEvalExprSwitchContext(ExecInitExpr(defaults->defaults[i], NULL),
																  econtext, &w.slot->tts_isnull[i]);
		}
		fill_slot(&w, columns);
		ExecStoreVirtualTuple(w.slot);
		ExecSimpleRelationInsert(w.result, w.estate, w.slot);
		stored = ExecFetchSlotHeapTupleDatum(w.slot);
	}
	PG_CATCH();
	{
		lgit_restore_user(&w.saved);
		PG_RE_THROW();
	}
	PG_END_TRY();
	row_write_end(&w);
	return stored;
}

/*
 * Updates the given columns of the row of lgit.<table> whose primary key (a
 * single bigint column) is key, as the owner; false if there is none.  The row
 * is found in a fresh snapshot: the caller holds what serializes its writers.
 */
bool
lgit_update_row_by_key(const char *table, int64 key, const LgitColumns *columns)
{
	RowWrite	w;
	volatile bool found = false;

	row_write_begin(&w, table);
	PG_TRY();
	{
		Relation	index = index_open(RelationGetPrimaryKeyIndex(w.rel), AccessShareLock);
		TupleTableSlot *current = table_slot_create(w.rel, &w.estate->es_tupleTable);
		IndexScanDesc scan;
		ScanKeyData scankey;

		if (index->rd_index->indnkeyatts != 1 ||
			TupleDescAttr(RelationGetDescr(w.rel), index->rd_index->indkey.values[0] - 1)->atttypid != INT8OID)
			elog(ERROR, "lgit: the primary key of lgit.%s is not one bigint", table);
		ScanKeyInit(&scankey, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
		scan = index_beginscan(w.rel, index, w.estate->es_snapshot, 1, 0);
		index_rescan(scan, &scankey, 1, NULL, 0);
		if (index_getnext_slot(scan, ForwardScanDirection, current))
		{
			EPQState	epq;

			found = true;
			slot_getallattrs(current);
			memcpy(w.slot->tts_values, current->tts_values, sizeof(Datum) * current->tts_nvalid);
			memcpy(w.slot->tts_isnull, current->tts_isnull, sizeof(bool) * current->tts_nvalid);
			fill_slot(&w, columns);
			ExecStoreVirtualTuple(w.slot);
			EvalPlanQualInit(&epq, w.estate, NULL, NIL, -1);
			ExecSimpleRelationUpdate(w.result, w.estate, &epq, current, w.slot);
			EvalPlanQualEnd(&epq);
		}
		index_endscan(scan);
		index_close(index, NoLock);
	}
	PG_CATCH();
	{
		lgit_restore_user(&w.saved);
		PG_RE_THROW();
	}
	PG_END_TRY();
	row_write_end(&w);
	return found;
}
