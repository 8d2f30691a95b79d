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
 * What the executor would parse and plan again for every row of the tables
 * written here, planned once per relation and forgotten when the relation
 * changes (an ALTER TABLE, the extension's update): the columns' defaults
 * (building an identity's reads pg_depend) and the check constraints.
 */
typedef struct TablePlans
{
	Oid			relid;
	int			natts;
	Expr	  **defaults;		/* [natts], NULL where a column has none */
	int			nchecks;
	Expr	  **checks;			/* [nchecks], as the relation's constraints list them */
} TablePlans;

#define MAX_TABLES 4
static TablePlans table_plans[MAX_TABLES];
static MemoryContext plans_context = NULL;

static void
forget_plans(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < MAX_TABLES; i++)
		if (!OidIsValid(relid) || table_plans[i].relid == relid)
			table_plans[i].relid = InvalidOid;
}

static TablePlans *
plans_of(Relation rel)
{
	Oid			relid = RelationGetRelid(rel);
	TupleDesc	desc = RelationGetDescr(rel);
	TablePlans *entry = NULL;
	MemoryContext old;
	int			i;

	if (plans_context == NULL)
	{
		plans_context = AllocSetContextCreate(CacheMemoryContext, "lgit row write plans",
											  ALLOCSET_SMALL_SIZES);
		CacheRegisterRelcacheCallback(forget_plans, (Datum) 0);
	}
	for (i = 0; i < MAX_TABLES; i++)
		if (table_plans[i].relid == relid)
			return &table_plans[i];
	for (i = 0; i < MAX_TABLES && entry == NULL; i++)
		if (!OidIsValid(table_plans[i].relid))
			entry = &table_plans[i];
	if (entry == NULL)
	{
		/* more tables than slots: start again (the few entries are cheap to rebuild) */
		MemoryContextReset(plans_context);
		forget_plans((Datum) 0, InvalidOid);
		entry = &table_plans[0];
	}
	old = MemoryContextSwitchTo(plans_context);
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
	entry->nchecks = desc->constr ? desc->constr->num_check : 0;
	entry->checks = palloc0(sizeof(Expr *) * Max(entry->nchecks, 1));
	for (i = 0; i < entry->nchecks; i++)
		entry->checks[i] = expression_planner(stringToNode(desc->constr->check[i].ccbin));
	MemoryContextSwitchTo(old);
	entry->relid = relid;
	return entry;
}

/* A table opened for writes, as an executor would for an INSERT or UPDATE statement. */
struct LgitRowWriter
{
	Relation	rel;
	EState	   *estate;
	ResultRelInfo *result;
	TupleTableSlot *slot;		/* the row to write */
	TablePlans *plans;
	bool		inserted;		/* statement triggers fired: BEFORE at the first row, AFTER at close */
	bool		updated;
};

/*
 * Opens lgit.<table> for rows written with lgit_row_writer_insert() and
 * lgit_row_writer_update_by_key(); lgit_row_writer_close() ends the writes.
 */
LgitRowWriter *
lgit_row_writer_open(const char *table)
{
	LgitRowWriter *w = palloc0(sizeof(LgitRowWriter));
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
	/* the check constraints as ExecConstraints() would prepare them, from plans made once */
	w->plans = plans_of(w->rel);
	if (w->plans->nchecks > 0)
	{
		int			i;

		w->result->ri_ConstraintExprs = palloc(sizeof(ExprState *) * w->plans->nchecks);
		for (i = 0; i < w->plans->nchecks; i++)
			w->result->ri_ConstraintExprs[i] = ExecInitExpr(w->plans->checks[i], NULL);
	}
	/* where the AFTER triggers look for it, rather than opening the table again */
	w->estate->es_opened_result_relations = list_make1(w->result);
	w->estate->es_output_cid = GetCurrentCommandId(true);
	w->estate->es_snapshot = GetActiveSnapshot();
	ExecOpenIndices(w->result, false);
	w->slot = ExecInitExtraTupleSlot(w->estate, RelationGetDescr(w->rel), &TTSOpsVirtual);
	AfterTriggerBeginQuery();
	return w;
}

/*
 * Fires the AFTER triggers the writes queued (as the owner, like the writes),
 * then makes the rows visible to what follows.
 */
void
lgit_row_writer_close(LgitRowWriter *w)
{
	LgitSavedUser saved;

	lgit_become_owner(&saved);
	PG_TRY();
	{
		if (w->inserted)
			ExecASInsertTriggers(w->estate, w->result, NULL);
		if (w->updated)
			ExecASUpdateTriggers(w->estate, w->result, NULL);
		AfterTriggerEndQuery(w->estate);
	}
	PG_FINALLY();
	{
		lgit_restore_user(&saved);
	}
	PG_END_TRY();
	ExecCloseResultRelations(w->estate);
	ExecCloseRangeTableRelations(w->estate);
	ExecResetTupleTable(w->estate->es_tupleTable, false);
	FreeExecutorState(w->estate);
	table_close(w->rel, NoLock);
	pfree(w);
	CommandCounterIncrement();
}

/* Each given column's number, by name. */
static AttrNumber
column_attnum(LgitRowWriter *w, const char *name)
{
	AttrNumber	attnum = attnameAttNum(w->rel, name, false);

	if (attnum <= 0)
		elog(ERROR, "lgit: lgit.%s has no column %s", RelationGetRelationName(w->rel), name);
	return attnum;
}

/*
 * The given columns as the ones the statement names, for the triggers that
 * fire on some columns only; their numbers into attnums, for fill_slot().
 */
static void
name_columns(LgitRowWriter *w, const LgitColumns *columns, bool update, AttrNumber *attnums)
{
	RangeTblEntry *rte = exec_rt_fetch(w->result->ri_RangeTableIndex, w->estate);
	MemoryContext old = MemoryContextSwitchTo(w->estate->es_query_cxt);
	int			i;

	for (i = 0; i < columns->n; i++)
	{
		int			member;

		attnums[i] = column_attnum(w, columns->names[i]);
		member = attnums[i] - FirstLowInvalidHeapAttributeNumber;

		if (update)
			rte->updatedCols = bms_add_member(rte->updatedCols, member);
		else
			rte->insertedCols = bms_add_member(rte->insertedCols, member);
	}
	MemoryContextSwitchTo(old);
}

/*
 * Puts the given columns into the slot, and marks them in named (when given);
 * the others keep what the slot holds.
 */
static void
fill_slot(LgitRowWriter *w, const LgitColumns *columns, const AttrNumber *attnums, bool *named)
{
	int			i;

	for (i = 0; i < columns->n; i++)
	{
		AttrNumber	attnum = attnums[i];

		w->slot->tts_values[attnum - 1] = columns->values[i];
		w->slot->tts_isnull[attnum - 1] = columns->nulls[i];
		if (named != NULL)
			named[attnum - 1] = true;
	}
}

/*
 * Inserts a row made of the given columns and the others' defaults, as the
 * owner.  Returns the row as stored, as a composite datum.
 */
Datum
lgit_row_writer_insert(LgitRowWriter *w, const LgitColumns *columns)
{
	ExprContext *econtext = GetPerTupleExprContext(w->estate);
	bool	   *named = palloc0(sizeof(bool) * Max(w->plans->natts, 1));
	AttrNumber	attnums[LGIT_MAX_COLUMNS];
	LgitSavedUser saved;
	volatile Datum stored = (Datum) 0;
	int			i;

	ExecClearTuple(w->slot);
	ResetExprContext(econtext);
	lgit_become_owner(&saved);
	PG_TRY();
	{
		name_columns(w, columns, false, attnums);
		if (!w->inserted)
			ExecBSInsertTriggers(w->estate, w->result);
		w->inserted = true;
		for (i = 0; i < w->plans->natts; i++)
		{
			w->slot->tts_isnull[i] = true;
			w->slot->tts_values[i] = (Datum) 0;
		}
		fill_slot(w, columns, attnums, named);
		/* the columns not named take their defaults, as in an INSERT */
		for (i = 0; i < w->plans->natts; i++)
			if (w->plans->defaults[i] != NULL && !named[i])
				w->slot->tts_values[i] = ExecEvalExprSwitchContext(ExecInitExpr(w->plans->defaults[i], NULL),
																   econtext, &w->slot->tts_isnull[i]);
		ExecStoreVirtualTuple(w->slot);
		ExecSimpleRelationInsert(w->result, w->estate, w->slot);
		stored = ExecFetchSlotHeapTupleDatum(w->slot);
	}
	PG_FINALLY();
	{
		lgit_restore_user(&saved);
	}
	PG_END_TRY();
	return stored;
}

/*
 * Updates the given columns of the row whose primary key (a single bigint
 * column) is key, as the owner; false if there is none.  The row is found in
 * the active snapshot: the caller holds what serializes its writers.
 */
bool
lgit_row_writer_update_by_key(LgitRowWriter *w, int64 key, const LgitColumns *columns)
{
	AttrNumber	attnums[LGIT_MAX_COLUMNS];
	LgitSavedUser saved;
	volatile bool found = false;

	ExecClearTuple(w->slot);
	lgit_become_owner(&saved);
	PG_TRY();
	{
		Relation	index = index_open(RelationGetPrimaryKeyIndex(w->rel), AccessShareLock);
		TupleTableSlot *current = table_slot_create(w->rel, &w->estate->es_tupleTable);
		IndexScanDesc scan;
		ScanKeyData scankey;

		if (index->rd_index->indnkeyatts != 1 ||
			TupleDescAttr(RelationGetDescr(w->rel), index->rd_index->indkey.values[0] - 1)->atttypid != INT8OID)
			elog(ERROR, "lgit: the primary key of lgit.%s is not one bigint", RelationGetRelationName(w->rel));
		ScanKeyInit(&scankey, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
		scan = index_beginscan(w->rel, index, w->estate->es_snapshot, 1, 0);
		index_rescan(scan, &scankey, 1, NULL, 0);
		name_columns(w, columns, true, attnums);
		if (!w->updated)
			ExecBSUpdateTriggers(w->estate, w->result);
		w->updated = true;
		if (index_getnext_slot(scan, ForwardScanDirection, current))
		{
			EPQState	epq;

			found = true;
			slot_getallattrs(current);
			memcpy(w->slot->tts_values, current->tts_values, sizeof(Datum) * current->tts_nvalid);
			memcpy(w->slot->tts_isnull, current->tts_isnull, sizeof(bool) * current->tts_nvalid);
			fill_slot(w, columns, attnums, NULL);
			ExecStoreVirtualTuple(w->slot);
			EvalPlanQualInit(&epq, w->estate, NULL, NIL, -1);
			ExecSimpleRelationUpdate(w->result, w->estate, &epq, current, w->slot);
			EvalPlanQualEnd(&epq);
		}
		index_endscan(scan);
		index_close(index, NoLock);
	}
	PG_FINALLY();
	{
		lgit_restore_user(&saved);
	}
	PG_END_TRY();
	return found;
}

/* One row inserted into lgit.<table>: lgit_row_writer_insert() between its open and close. */
Datum
lgit_insert_row(const char *table, const LgitColumns *columns)
{
	LgitRowWriter *w = lgit_row_writer_open(table);
	Datum		stored = lgit_row_writer_insert(w, columns);

	lgit_row_writer_close(w);
	return stored;
}

/* One row of lgit.<table> updated: lgit_row_writer_update_by_key() between its open and close. */
bool
lgit_update_row_by_key(const char *table, int64 key, const LgitColumns *columns)
{
	LgitRowWriter *w = lgit_row_writer_open(table);
	bool		found = lgit_row_writer_update_by_key(w, key, columns);

	lgit_row_writer_close(w);
	return found;
}
