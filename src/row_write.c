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
 * One check is left out where it cannot fail: a move's own rows (its history
 * and head) name its project, whose row the move holds, and the check that a
 * key names an existing project would only lock that row again
 * (lgit_row_writer_open_for_project()).
 * lgit writes them as the extension's owner, as its queries do.  Columns not
 * given take their defaults (the history's identity among them).
 *
 * A statement moving many projects writes a history row, a head and a mark
 * for each.  Opening a table and its indexes and building an executor state
 * for every one of those rows was about a sixth of such a statement's time,
 * so each table's writer is kept open until the
 * transaction ends: its relation and indexes held by the transaction's
 * resource owner, its state in the transaction's memory.  What belongs to one
 * write - its statement triggers, its AFTER trigger queue, its command id and
 * snapshot - still begins at lgit_row_writer_open() and ends at
 * lgit_row_writer_close().  Commit closes the kept writers, an abort forgets
 * them (it releases what they held), a utility statement closes them first
 * (ALTER TABLE and DROP refuse a table this session holds open), and a change
 * of the table retires its writer at its next use.
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
#include "tcop/utility.h"
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
#include "utils/resowner.h"
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

static void forget_plans(Datum arg, Oid relid);

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

/* A set of the table's triggers, with what the executor keeps beside it per trigger. */
typedef struct WriterTriggers
{
	TriggerDesc *desc;			/* NULL: none */
	FmgrInfo   *functions;		/* [numtriggers], looked up at first call */
	ExprState **when;			/* [numtriggers], WHEN conditions compiled at first use */
} WriterTriggers;

/* A table opened for writes, as an executor would for an INSERT or UPDATE statement. */
struct LgitRowWriter
{
	Oid			relid;
	Relation	rel;
	EState	   *estate;
	ResultRelInfo *result;
	TupleTableSlot *slot;		/* the row to write */
	int			natts;
	ExprState **defaults;		/* [natts], NULL where a column has none */
	bool		kept;			/* one of kept_writers, open until the transaction ends */
	bool		in_use;			/* between lgit_row_writer_open() and _close() */
	SubTransactionId opened_in; /* the subtransaction of that open */
	bool		stale;			/* its table changed: closed at its next use */
	bool		inserted;		/* statement triggers fired: BEFORE at the first row, AFTER at close */
	bool		updated;
	WriterTriggers all_triggers;	/* the table's, as InitResultRelInfo copied them */
	WriterTriggers held_triggers;	/* less the checks of its key to a held project (built at first use) */
	AttrNumber	project_attnum; /* that key, a bigint; 0 until held_triggers are built */
	int64		held_project_id;	/* this write's rows name this project, whose row is held; 0: none said */
};

#define MAX_KEPT_WRITERS 4
static LgitRowWriter *kept_writers[MAX_KEPT_WRITERS];
static ProcessUtility_hook_type prev_process_utility = NULL;

/* A table changed (or every table, relid invalid): its plans go, its kept writer retires. */
static void
forget_plans(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < MAX_TABLES; i++)
		if (!OidIsValid(relid) || table_plans[i].relid == relid)
			table_plans[i].relid = InvalidOid;
	for (i = 0; i < MAX_KEPT_WRITERS; i++)
		if (kept_writers[i] != NULL && (!OidIsValid(relid) || kept_writers[i]->relid == relid))
			kept_writers[i]->stale = true;
}

/*
 * The writer's table, indexes and executor state, for the transaction (kept)
 * or for one write.
 */
static LgitRowWriter *
writer_create(Oid relid, bool kept)
{
	MemoryContext old = MemoryContextSwitchTo(kept ? TopTransactionContext : CurrentMemoryContext);
	ResourceOwner owner = CurrentResourceOwner;
	LgitRowWriter *w = palloc0(sizeof(LgitRowWriter));
	RangeTblEntry *rte = makeNode(RangeTblEntry);
	TablePlans *plans;
	int			i;

	w->relid = relid;
	w->kept = kept;
	if (kept)
		CurrentResourceOwner = TopTransactionResourceOwner;
	PG_TRY();
	{
		w->rel = table_open(relid, RowExclusiveLock);
		w->estate = CreateExecutorState();
		rte->rtekind = RTE_RELATION;
		rte->relid = relid;
		rte->relkind = w->rel->rd_rel->relkind;
		rte->rellockmode = RowExclusiveLock;
		ExecInitRangeTable(w->estate, list_make1(rte));
		w->result = makeNode(ResultRelInfo);
		InitResultRelInfo(w->result, w->rel, 1, NULL, 0);
		w->all_triggers.desc = w->result->ri_TrigDesc;
		w->all_triggers.functions = w->result->ri_TrigFunctions;
		w->all_triggers.when = w->result->ri_TrigWhenExprs;
		/* where the AFTER triggers look for it, rather than opening the table again */
		w->estate->es_opened_result_relations = list_make1(w->result);
		ExecOpenIndices(w->result, false);
		/*
		 * Slots pin the table's descriptor, so they are made here, under the
		 * owner that releases them: the row's, and the ones the triggers
		 * would otherwise make at their first row.
		 */
		w->slot = ExecInitExtraTupleSlot(w->estate, RelationGetDescr(w->rel), &TTSOpsVirtual);
		(void) ExecGetTriggerOldSlot(w->estate, w->result);
		(void) ExecGetTriggerNewSlot(w->estate, w->result);
	}
	PG_FINALLY();
	{
		CurrentResourceOwner = owner;
	}
	PG_END_TRY();

	/*
	 * The defaults and the check constraints as an INSERT would prepare them,
	 * compiled from plans made once (copies: the plans may be rebuilt while
	 * this writer lives).
	 */
	plans = plans_of(w->rel);
	MemoryContextSwitchTo(w->estate->es_query_cxt);
	w->natts = plans->natts;
	w->defaults = palloc0(sizeof(ExprState *) * Max(plans->natts, 1));
	for (i = 0; i < plans->natts; i++)
		if (plans->defaults[i] != NULL)
			w->defaults[i] = ExecInitExpr(copyObject(plans->defaults[i]), NULL);
	if (plans->nchecks > 0)
	{
		w->result->ri_ConstraintExprs = palloc(sizeof(ExprState *) * plans->nchecks);
		for (i = 0; i < plans->nchecks; i++)
			w->result->ri_ConstraintExprs[i] = ExecInitExpr(copyObject(plans->checks[i]), NULL);
	}
	MemoryContextSwitchTo(old);
	return w;
}

/* Closes what the writer opened, under the owner that holds it. */
static void
writer_release(LgitRowWriter *w)
{
	ResourceOwner owner = CurrentResourceOwner;

	if (w->kept)
		CurrentResourceOwner = TopTransactionResourceOwner;
	ExecCloseResultRelations(w->estate);
	ExecResetTupleTable(w->estate->es_tupleTable, false);
	FreeExecutorState(w->estate);
	table_close(w->rel, NoLock);
	CurrentResourceOwner = owner;
	pfree(w);
}

/* Closes the kept writers not writing now (all of them, between statements). */
static void
release_kept_writers(void)
{
	int			i;

	for (i = 0; i < MAX_KEPT_WRITERS; i++)
		if (kept_writers[i] != NULL && !kept_writers[i]->in_use)
		{
			LgitRowWriter *w = kept_writers[i];

			kept_writers[i] = NULL;
			writer_release(w);
		}
}

/*
 * Commit and prepare close the kept writers; an abort forgets them, having
 * released what they held.  A subtransaction's abort retires a writer it
 * interrupted (opened in it or in one of its children): what the write had
 * taken under the subtransaction (buffers, the relations its AFTER triggers
 * opened) goes with the subtransaction, what the writer holds for the
 * transaction (its table, indexes, slots' descriptors) is released here.
 */
static void
kept_writers_xact_callback(XactEvent event, void *arg)
{
	int			i;

	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			release_kept_writers();
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			for (i = 0; i < MAX_KEPT_WRITERS; i++)
				kept_writers[i] = NULL;		/* memory and references are the transaction's */
			break;
		default:
			break;
	}
}

static void
kept_writers_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
							  SubTransactionId parentSubid, void *arg)
{
	int			i;

	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	for (i = 0; i < MAX_KEPT_WRITERS; i++)
	{
		LgitRowWriter *w = kept_writers[i];
		ResourceOwner owner = CurrentResourceOwner;
		ListCell   *lc;

		if (w == NULL || !w->in_use || w->opened_in < mySubid)
			continue;
		kept_writers[i] = NULL;
		CurrentResourceOwner = TopTransactionResourceOwner;
		ExecCloseIndices(w->result);
		table_close(w->rel, NoLock);
		/*
		 * The slots' descriptors, not their contents: a buffer a slot still
		 * holds was pinned for the subtransaction, which releases it.
		 */
		foreach(lc, w->estate->es_tupleTable)
		{
			TupleTableSlot *slot = (TupleTableSlot *) lfirst(lc);

			if (slot->tts_tupleDescriptor != NULL)
				ReleaseTupleDesc(slot->tts_tupleDescriptor);
		}
		CurrentResourceOwner = owner;
		/* the rest is memory of the transaction */
	}
}

/* ALTER TABLE, DROP and the like refuse a table this session holds open: close the kept writers first. */
static void
kept_writers_process_utility(PlannedStmt *pstmt, const char *queryString, bool readOnlyTree,
							 ProcessUtilityContext context, ParamListInfo params,
							 QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc)
{
	release_kept_writers();
	if (prev_process_utility)
		prev_process_utility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc);
}

/* From _PG_init: the hooks that end the kept writers. */
void
lgit_row_write_init(void)
{
	prev_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = kept_writers_process_utility;
	RegisterXactCallback(kept_writers_xact_callback, NULL);
	RegisterSubXactCallback(kept_writers_subxact_callback, NULL);
}

/*
 * A writer for lgit.<table>: this transaction's kept one, or, while that one
 * is writing (a trigger of its table writing the same table), one of its own.
 */
static LgitRowWriter *
writer_for(Oid relid)
{
	int			i;
	int			free_slot = -1;

	for (i = 0; i < MAX_KEPT_WRITERS; i++)
	{
		LgitRowWriter *w = kept_writers[i];

		if (w != NULL && w->relid == relid && w->stale && !w->in_use)
		{
			kept_writers[i] = NULL;
			writer_release(w);
			w = NULL;
		}
		if (w != NULL && w->relid == relid)
			return w->in_use ? writer_create(relid, false) : w;
		if (w == NULL && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0)
		return writer_create(relid, false);
	kept_writers[free_slot] = writer_create(relid, true);
	return kept_writers[free_slot];
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
 * Whether the trigger is the check that a foreign key of the writer's table
 * names an existing project: one of fkeys (the table's) whose only column,
 * own_attnum, references lgit.project's project_id.
 */
static bool
checks_project_key(const Trigger *trigger, List *fkeys, AttrNumber own_attnum,
				   Oid project, AttrNumber project_attnum)
{
	ListCell   *lc;

	if (trigger->tgfoid != F_RI_FKEY_CHECK_INS && trigger->tgfoid != F_RI_FKEY_CHECK_UPD)
		return false;
	foreach(lc, fkeys)
	{
		ForeignKeyCacheInfo *fkey = lfirst(lc);

		if (fkey->conoid == trigger->tgconstraint)
			return fkey->confrelid == project && fkey->nkeys == 1 &&
				fkey->conkey[0] == own_attnum && fkey->confkey[0] == project_attnum;
	}
	return false;
}

/*
 * The table's triggers less the checks that its project key names an
 * existing project, with their own function and WHEN slots (the executor
 * finds those by a trigger's position).
 */
static void
build_held_triggers(LgitRowWriter *w)
{
	AttrNumber	project_attnum = column_attnum(w, "project_id");
	Oid			project = lgit_relid("project");
	AttrNumber	referenced = get_attnum(project, "project_id");
	MemoryContext old;
	TriggerDesc *desc = w->all_triggers.desc;
	int			kept = 0;
	int			i;

	if (TupleDescAttr(RelationGetDescr(w->rel), project_attnum - 1)->atttypid != INT8OID)
		elog(ERROR, "lgit: lgit.%s.project_id is not a bigint", RelationGetRelationName(w->rel));
	old = MemoryContextSwitchTo(GetMemoryChunkContext(w));
	if (desc != NULL)
	{
		/* the relcache's list, read with no catalog look-up in between */
		List	   *fkeys = RelationGetFKeyList(w->rel);

		desc = CopyTriggerDesc(desc);
		for (i = 0; i < desc->numtriggers; i++)
			if (!checks_project_key(&desc->triggers[i], fkeys, project_attnum, project, referenced))
				desc->triggers[kept++] = desc->triggers[i];
		/* the flags still say which events have triggers: they may only say too much */
		desc->numtriggers = kept;
		w->held_triggers.functions = palloc0(sizeof(FmgrInfo) * Max(kept, 1));
		w->held_triggers.when = palloc0(sizeof(ExprState *) * Max(kept, 1));
	}
	w->held_triggers.desc = desc;
	w->project_attnum = project_attnum;
	MemoryContextSwitchTo(old);
}

static void
use_triggers(LgitRowWriter *w, const WriterTriggers *triggers)
{
	w->result->ri_TrigDesc = triggers->desc;
	w->result->ri_TrigFunctions = triggers->functions;
	w->result->ri_TrigWhenExprs = triggers->when;
}

/* Begins a write with the writer (its open), for rows of held_project_id when not 0. */
static LgitRowWriter *
writer_open(const char *table, int64 held_project_id)
{
	LgitRowWriter *w = writer_for(lgit_relid(table));
	RangeTblEntry *rte = exec_rt_fetch(w->result->ri_RangeTableIndex, w->estate);

	if (held_project_id != 0 && w->project_attnum == 0)
		build_held_triggers(w);
	use_triggers(w, held_project_id != 0 ? &w->held_triggers : &w->all_triggers);
	w->held_project_id = held_project_id;
	w->in_use = true;
	w->opened_in = GetCurrentSubTransactionId();
	w->inserted = w->updated = false;
	/* this write's columns, command, snapshot and memory */
	bms_free(rte->insertedCols);
	bms_free(rte->updatedCols);
	rte->insertedCols = rte->updatedCols = NULL;
	ResetPerTupleExprContext(w->estate);
	w->estate->es_output_cid = GetCurrentCommandId(true);
	w->estate->es_snapshot = GetActiveSnapshot();
	AfterTriggerBeginQuery();
	return w;
}

/*
 * Opens lgit.<table> for rows written with lgit_row_writer_insert() and
 * lgit_row_writer_update_by_key(); lgit_row_writer_close() ends the writes.
 */
LgitRowWriter *
lgit_row_writer_open(const char *table)
{
	return writer_open(table, 0);
}

/*
 * As lgit_row_writer_open(), for rows naming, in their project_id, the
 * project whose row this transaction holds: the move's own, written by the
 * UPDATE or INSERT whose AFTER trigger writes them.  The check that their key
 * names an existing project is left out: the project's row is there and
 * locked until commit (projects are never deleted; a delete would wait for
 * this transaction, then meet these rows' key).  Each row written is held to
 * name that project.
 */
static LgitRowWriter *
lgit_row_writer_open_for_project(const char *table, int64 project_id)
{
	if (project_id == 0)
		elog(ERROR, "lgit: rows of lgit.%s written for no project", table);
	return writer_open(table, project_id);
}

/*
 * Fires the AFTER triggers the writes queued (as the owner, like the writes),
 * then makes the rows visible to what follows.
 */
void
lgit_row_writer_close(LgitRowWriter *w)
{
	LgitSavedUser saved;
	ListCell   *lc;

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
	/* buffers the triggers' slots hold, and tables the AFTER triggers opened, under their owner */
	foreach(lc, w->estate->es_tupleTable)
		ExecClearTuple((TupleTableSlot *) lfirst(lc));
	foreach(lc, w->estate->es_trig_target_relations)
		table_close(((ResultRelInfo *) lfirst(lc))->ri_RelationDesc, NoLock);
	w->estate->es_trig_target_relations = NIL;
	w->in_use = false;
	if (!w->kept)
		writer_release(w);
	CommandCounterIncrement();
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

/* A row written for a held project names that project (lgit_row_writer_open_for_project()). */
static void
require_held_project(LgitRowWriter *w)
{
	AttrNumber	attnum = w->project_attnum;

	if (w->held_project_id == 0)
		return;
	if (w->slot->tts_isnull[attnum - 1] ||
		DatumGetInt64(w->slot->tts_values[attnum - 1]) != w->held_project_id)
		elog(ERROR, "lgit: a row of lgit.%s written for project " INT64_FORMAT " names another project",
			 RelationGetRelationName(w->rel), w->held_project_id);
}

/*
 * Inserts a row made of the given columns and the others' defaults, as the
 * owner.  Returns the row as stored, as a composite datum.
 */
Datum
lgit_row_writer_insert(LgitRowWriter *w, const LgitColumns *columns)
{
	ExprContext *econtext = GetPerTupleExprContext(w->estate);
	bool	   *named = palloc0(sizeof(bool) * Max(w->natts, 1));
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
		for (i = 0; i < w->natts; i++)
		{
			w->slot->tts_isnull[i] = true;
			w->slot->tts_values[i] = (Datum) 0;
		}
		fill_slot(w, columns, attnums, named);
		/* the columns not named take their defaults, as in an INSERT */
		for (i = 0; i < w->natts; i++)
			if (w->defaults[i] != NULL && !named[i])
				w->slot->tts_values[i] = ExecEvalExprSwitchContext(w->defaults[i], econtext,
																   &w->slot->tts_isnull[i]);
		require_held_project(w);
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

/* The writer's table's primary key, among the indexes it opened; a single bigint column. */
static Relation
primary_key_index(LgitRowWriter *w)
{
	Oid			pkey = RelationGetPrimaryKeyIndex(w->rel);
	int			i;

	for (i = 0; i < w->result->ri_NumIndices; i++)
	{
		Relation	index = w->result->ri_IndexRelationDescs[i];

		if (RelationGetRelid(index) != pkey)
			continue;
		if (index->rd_index->indnkeyatts != 1 ||
			TupleDescAttr(RelationGetDescr(w->rel), index->rd_index->indkey.values[0] - 1)->atttypid != INT8OID)
			break;
		return index;
	}
	elog(ERROR, "lgit: the primary key of lgit.%s is not one bigint", RelationGetRelationName(w->rel));
	pg_unreachable();
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
	ResetPerTupleExprContext(w->estate);
	lgit_become_owner(&saved);
	PG_TRY();
	{
		Relation	index = primary_key_index(w);
		TupleTableSlot *current = table_slot_create(w->rel, NULL);
		IndexScanDesc scan;
		ScanKeyData scankey;

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
			require_held_project(w);
			ExecStoreVirtualTuple(w->slot);
			EvalPlanQualInit(&epq, w->estate, NULL, NIL, -1);
			ExecSimpleRelationUpdate(w->result, w->estate, &epq, current, w->slot);
			EvalPlanQualEnd(&epq);
		}
		index_endscan(scan);
		ExecDropSingleTupleTableSlot(current);
	}
	PG_FINALLY();
	{
		lgit_restore_user(&saved);
	}
	PG_END_TRY();
	return found;
}

/*
 * One row of the project whose row this transaction holds inserted into
 * lgit.<table>: lgit_row_writer_insert() between its open and close.
 */
Datum
lgit_insert_project_row(const char *table, int64 project_id, const LgitColumns *columns)
{
	LgitRowWriter *w = lgit_row_writer_open_for_project(table, project_id);
	Datum		stored = lgit_row_writer_insert(w, columns);

	lgit_row_writer_close(w);
	return stored;
}

/*
 * The row of lgit.<table> keyed by the project whose row this transaction
 * holds, updated: lgit_row_writer_update_by_key() between its open and close.
 */
bool
lgit_update_project_row(const char *table, int64 project_id, const LgitColumns *columns)
{
	LgitRowWriter *w = lgit_row_writer_open_for_project(table, project_id);
	bool		found = lgit_row_writer_update_by_key(w, project_id, columns);

	lgit_row_writer_close(w);
	return found;
}
