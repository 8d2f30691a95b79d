/*
 * finding_cache.c
 *		lgit.finding: each project's standing findings, kept so that
 *		lgit.violations and the reports over it read them rather than judge
 *		every history again (doc/lgit.md §7).
 *
 * Never stale.  Every write that could change what lgit.check_project()
 * finds for a project marks the project in lgit.finding_dirty, in the
 * writing transaction itself: lgit.finding_mark(), an AFTER ROW trigger on
 * each table the checks read (schema/94_finding_marks.sql).  A move is the
 * exception: the history row lgit appends for it moves the project's head,
 * and the kept findings name the head they were judged at (judged_seq).
 * lgit.violations judges live every project that is marked, moved since or
 * never judged, and reads the kept findings of the others.
 * lgit.refresh_findings() judges those projects again and removes their
 * marks: it removes the marks its snapshot sees before it judges, with a
 * snapshot taken after that, so a write it does not see keeps its mark; and
 * it reads each head before judging, so a move it does not see leaves the
 * head past the one kept.  A project it kept is one whose every committed
 * change it judged.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "lgit.h"

/*
 * What a marked row names: one project (and its next phases), the next phases
 * alone (a move: its head is the project's own mark), a contract's project, a
 * unit's projects, or every project.
 */
typedef enum MarkScope
{
	MARK_PROJECT,
	MARK_NEXT_PHASES,
	MARK_CONTRACT,
	MARK_UNIT,
	MARK_ALL
} MarkScope;

typedef struct MarkKey
{
	int64		id;
	int32		scope;			/* MarkScope */
	int32		pad;			/* zeroed: the key is hashed as bytes */
} MarkKey;

/*
 * What this transaction has marked already: a project is marked once however
 * many rows of it a transaction writes.  Forgotten at the transaction's end,
 * and wholly when a subtransaction aborts (its marks went with it).
 */
static HTAB *marked = NULL;
static bool all_marked = false;
static bool callbacks_registered = false;

/* Set while lgit itself writes the cache tables; their guard refuses everyone else. */
static bool cache_writing = false;

static void
forget_marks(void)
{
	marked = NULL;				/* its memory is the transaction's */
	all_marked = false;
}

static void
finding_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			forget_marks();
			cache_writing = false;
			break;
		default:
			break;
	}
}

static void
finding_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						 SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
	{
		if (marked != NULL)
			hash_destroy(marked);
		forget_marks();
		cache_writing = false;
	}
}

/* True the first time this transaction asks for the key. */
static bool
first_mark(MarkScope scope, int64 id)
{
	MarkKey		key;
	bool		found;

	if (!callbacks_registered)
	{
		RegisterXactCallback(finding_xact_callback, NULL);
		RegisterSubXactCallback(finding_subxact_callback, NULL);
		callbacks_registered = true;
	}
	if (all_marked)
		return false;
	if (scope == MARK_ALL)
		return true;
	if (marked == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(MarkKey);
		ctl.entrysize = sizeof(MarkKey);
		ctl.hcxt = TopTransactionContext;
		marked = hash_create("lgit marked projects", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	memset(&key, 0, sizeof(key));
	key.id = id;
	key.scope = scope;
	(void) hash_search(marked, &key, HASH_ENTER, &found);
	return !found;
}

/* Runs one of lgit's writes of the cache tables, as the owner, past their guard. */
static void
write_cache(SPIPlanPtr plan, Datum *values, const char *nulls)
{
	cache_writing = true;
	PG_TRY();
	{
		lgit_execute_as_owner(plan, values, nulls, false, 0);
	}
	PG_FINALLY();
	{
		cache_writing = false;
	}
	PG_END_TRY();
}

/* Projects to mark. */
typedef struct ProjectIds
{
	int64	   *ids;
	int			count;
	int			allocated;
} ProjectIds;

static void
add_project(ProjectIds *projects, TupleTableSlot *slot, AttrNumber project_attno)
{
	bool		isnull;
	Datum		id = slot_getattr(slot, project_attno, &isnull);

	if (projects->count == projects->allocated)
	{
		projects->allocated = Max(8, projects->allocated * 2);
		projects->ids = projects->ids ? repalloc_huge(projects->ids, sizeof(int64) * projects->allocated)
			: palloc(sizeof(int64) * projects->allocated);
	}
	projects->ids[projects->count++] = DatumGetInt64(id);
}

/*
 * Adds the project_id of each row of lgit.<table> whose column equals id (of
 * every row when column is NULL), as a new statement sees them.
 */
static void
add_projects_of(ProjectIds *projects, const char *table, const char *column, int64 id, Snapshot snapshot)
{
	Relation	rel = table_open(lgit_relid(table), AccessShareLock);
	AttrNumber	project_attno = get_attnum(RelationGetRelid(rel), "project_id");
	TupleTableSlot *slot = table_slot_create(rel, NULL);

	if (column == NULL)
	{
		TableScanDesc scan = table_beginscan(rel, snapshot, 0, NULL);

		while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
			add_project(projects, slot, project_attno);
		table_endscan(scan);
	}
	else
	{
		AttrNumber	attno = get_attnum(RelationGetRelid(rel), column);
		bool		int8_key = TupleDescAttr(RelationGetDescr(rel), attno - 1)->atttypid == INT8OID;
		Relation	index = lgit_open_index_leading(rel, 1, &attno);
		IndexScanDesc scan = index_beginscan(rel, index, snapshot, 1, 0);
		ScanKeyData key;

		ScanKeyInit(&key, 1, BTEqualStrategyNumber, int8_key ? F_INT8EQ : F_INT4EQ,
					int8_key ? Int64GetDatum(id) : Int32GetDatum((int32) id));
		index_rescan(scan, &key, 1, NULL, 0);
		while (index_getnext_slot(scan, ForwardScanDirection, slot))
			add_project(projects, slot, project_attno);
		index_endscan(scan);
		index_close(index, AccessShareLock);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
}

/* Marks the projects in lgit.finding_dirty, a row each, without a query (row_write.c), past its guard. */
static void
insert_marks(const ProjectIds *projects)
{
	LgitRowWriter *writer;
	int			p;

	if (projects->count == 0)
		return;
	writer = lgit_row_writer_open("finding_dirty");
	cache_writing = true;
	PG_TRY();
	{
		for (p = 0; p < projects->count; p++)
		{
			LgitColumns mark = {0};

			lgit_columns_set(&mark, "project_id", Int64GetDatum(projects->ids[p]), false);
			(void) lgit_row_writer_insert(writer, &mark);
		}
		lgit_row_writer_close(writer);
	}
	PG_FINALLY();
	{
		cache_writing = false;
	}
	PG_END_TRY();
}

/*
 * Marks the projects a row bears on, once per transaction: a project and
 * its next phases (they read its stage, Art 16, LG330), the next phases
 * alone, a contract's project, a unit's projects, or every project.
 */
static void
mark(MarkScope scope, int64 id)
{
	Snapshot	snapshot;
	ProjectIds	projects = {NULL, 0, 0};

	if (!first_mark(scope, id))
		return;
	snapshot = lgit_statement_snapshot();
	switch (scope)
	{
		case MARK_PROJECT:
			projects.ids = palloc(sizeof(int64) * 8);
			projects.allocated = 8;
			projects.ids[projects.count++] = id;
			/* FALLTHROUGH */
		case MARK_NEXT_PHASES:
			add_projects_of(&projects, "project", "previous_phase_id", id, snapshot);
			break;
		case MARK_CONTRACT:
			add_projects_of(&projects, "contract", "contract_id", id, snapshot);
			break;
		case MARK_UNIT:
			add_projects_of(&projects, "project", "unit_id", id, snapshot);
			break;
		default:
			add_projects_of(&projects, "project", NULL, 0, snapshot);
			break;
	}
	insert_marks(&projects);
	UnregisterSnapshot(snapshot);
	if (scope == MARK_ALL)
		all_marked = true;
}

/* The id a column of the row holds, as int8; false when NULL. */
static bool
row_id(HeapTuple tuple, TupleDesc desc, int attnum, int64 *id)
{
	bool		isnull;
	Datum		value = heap_getattr(tuple, attnum, desc, &isnull);

	if (isnull)
		return false;
	*id = TupleDescAttr(desc, attnum - 1)->atttypid == INT8OID ? DatumGetInt64(value)
		: (int64) DatumGetInt32(value);
	return true;
}

/*
 * Whether an UPDATE of lgit.project is a move alone (its stage changed, no
 * other column) that lgit.project_guard() judges in this session: the guard
 * then appends the move's history row, or refuses the move.
 */
static bool
bare_move_appended(TriggerData *trigdata)
{
	Relation	rel = trigdata->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	int			stage_attno;
	bool		old_null;
	bool		new_null;
	Datum		old_stage;
	Datum		new_stage;

	if (!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) || RelationGetRelid(rel) != lgit_relid("project"))
		return false;
	stage_attno = SPI_fnumber(desc, "stage");
	old_stage = heap_getattr(trigdata->tg_trigtuple, stage_attno, desc, &old_null);
	new_stage = heap_getattr(trigdata->tg_newtuple, stage_attno, desc, &new_null);
	return !old_null && !new_null && DatumGetObjectId(old_stage) != DatumGetObjectId(new_stage) &&
		!lgit_edits_beyond_stage(trigdata->tg_trigtuple, trigdata->tg_newtuple, desc) &&
		lgit_stage_guard_fires(rel);
}

/*
 * lgit.finding_mark(column ...): AFTER INSERT OR UPDATE OR DELETE FOR EACH
 * ROW.  Each argument names a column of the row that says which projects the
 * row bears on: project_id (that project, and the projects naming it as
 * their previous phase), contract_id (the contract's project), unit_id
 * (every project of the unit); no argument, every project (a catalog, the
 * calendar, policy).  Old and new row both count.
 *
 * A move is not marked: the history row lgit appends for it moves the
 * project's head (lgit.history_head), and the kept findings and figures hold
 * only for the head they were judged at.  So a move alone of a project marks
 * nothing, and the row lgit appends marks only the projects naming the
 * project as their previous phase (they read its stage).  Saved for the
 * kept findings: a row in lgit.finding_dirty and its index entries on every
 * move, most of what they were written for.
 */
PG_FUNCTION_INFO_V1(lgit_finding_mark);
Datum
lgit_finding_mark(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	TupleDesc	desc;
	HeapTuple	rows[2];
	int			i;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.finding_mark() must be fired AFTER INSERT, UPDATE or DELETE FOR EACH ROW")));
	trigger = trigdata->tg_trigger;
	desc = RelationGetDescr(trigdata->tg_relation);
	rows[0] = trigdata->tg_trigtuple;
	rows[1] = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : NULL;

	if (bare_move_appended(trigdata))
		return PointerGetDatum(NULL);
	if (trigger->tgnargs == 0)
		mark(MARK_ALL, 0);
	for (i = 0; i < trigger->tgnargs; i++)
	{
		const char *column = trigger->tgargs[i];
		int			attnum = SPI_fnumber(desc, column);
		MarkScope	scope;
		int			r;

		if (strcmp(column, "project_id") == 0)
			scope = RelationGetRelid(trigdata->tg_relation) == lgit_relid("history") &&
				lgit_history_appending_with_head() ? MARK_NEXT_PHASES : MARK_PROJECT;
		else if (strcmp(column, "contract_id") == 0)
			scope = MARK_CONTRACT;
		else if (strcmp(column, "unit_id") == 0)
			scope = MARK_UNIT;
		else
			attnum = SPI_ERROR_NOATTRIBUTE;
		if (attnum <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("lgit.finding_mark(): \"%s\" is not a project_id, contract_id or unit_id column of %s",
							column, RelationGetRelationName(trigdata->tg_relation))));
		for (r = 0; r < 2; r++)
		{
			int64		id;

			if (rows[r] != NULL && row_id(rows[r], desc, attnum, &id))
				mark(scope, id);
		}
	}
	return PointerGetDatum(NULL);
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE on lgit.finding, lgit.finding_state and
 * lgit.finding_dirty: what lgit.violations trusts is written by lgit alone,
 * the owner included (LG002).  Emptying them (TRUNCATE) only makes every
 * project judged live again.
 */
PG_FUNCTION_INFO_V1(lgit_finding_cache_guard);
Datum
lgit_finding_cache_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	lgit_require_before_row(fcinfo, "lgit.finding_cache_guard()");
	if (cache_writing)
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple
							   : trigdata->tg_trigtuple);
	lgit_refuse_write_by_others(psprintf("lgit.%s", RelationGetRelationName(trigdata->tg_relation)),
								"lgit's marks and lgit.refresh_findings()",
								"lgit.refresh_findings() judges the marked projects again; nothing else writes the kept findings.");
}

static int
compare_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* Appends the first column (int8) of every row SPI returned. */
static void
collect_ids(int64 **ids, int *count, int *capacity)
{
	uint64		row;

	for (row = 0; row < SPI_processed; row++)
	{
		bool		isnull;

		if (*count == *capacity)
		{
			*capacity *= 2;
			*ids = repalloc_huge(*ids, sizeof(int64) * *capacity);
		}
		(*ids)[(*count)++] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[row],
														 SPI_tuptable->tupdesc, 1, &isnull));
	}
}

/*
 * Projects judged again, written to the cache tables REFRESH_BATCH at a time:
 * one statement per table and batch, keyed by arrays, so that no per-row
 * plan is made while those tables are still small and then kept for them
 * grown large.
 */
#define REFRESH_BATCH 1000

typedef struct RefreshBatch
{
	int			projects;
	Datum		project_ids[REFRESH_BATCH];
	bool		found[REFRESH_BATCH];	/* false: the project is gone, only forgotten */
	int32		head_seqs[REFRESH_BATCH];	/* the head the judgement saw, 0 for none */
	/* one element per finding */
	List	   *f_project;
	List	   *f_ord;
	List	   *f_code;
	List	   *f_article;
	List	   *f_severity;
	List	   *f_message;
	List	   *f_facts;
	MemoryContext context;		/* holds the findings until the batch is written */
} RefreshBatch;

static ArrayType *
datum_array(List *values, Oid type)
{
	int			n = list_length(values);
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));
	int16		typlen;
	bool		typbyval;
	char		typalign;
	ListCell   *lc;

	foreach(lc, values)
		elems[foreach_current_index(lc)] = (Datum) lfirst(lc);
	get_typlenbyvalalign(type, &typlen, &typbyval, &typalign);
	return construct_array(elems, n, type, typlen, typbyval, typalign);
}

static void
write_batch(RefreshBatch *batch)
{
	static SPIPlanPtr forget_state_plan = NULL;
	static SPIPlanPtr forget_findings_plan = NULL;
	static SPIPlanPtr state_plan = NULL;
	static SPIPlanPtr finding_plan = NULL;
	Oid			ids_type[1] = {INT8ARRAYOID};
	Oid			state_types[2] = {INT8ARRAYOID, INT4ARRAYOID};
	Oid			finding_types[7] = {INT8ARRAYOID, INT4ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	TEXTARRAYOID, JSONBARRAYOID};
	Datum		values[7];
	List	   *judged_ids = NIL;
	List	   *found_ids = NIL;
	List	   *found_seqs = NIL;
	int			i;

	if (batch->projects == 0)
		return;
	for (i = 0; i < batch->projects; i++)
	{
		judged_ids = lappend(judged_ids, (void *) batch->project_ids[i]);
		if (batch->found[i])
		{
			found_ids = lappend(found_ids, (void *) batch->project_ids[i]);
			found_seqs = lappend(found_seqs, (void *) Int32GetDatum(batch->head_seqs[i]));
		}
	}
	lgit_spi_connect();
	values[0] = PointerGetDatum(datum_array(judged_ids, INT8OID));
	lgit_plan(&forget_findings_plan, "DELETE FROM lgit.finding WHERE project_id = ANY ($1)", 1, ids_type);
	write_cache(forget_findings_plan, values, NULL);
	lgit_plan(&forget_state_plan, "DELETE FROM lgit.finding_state WHERE project_id = ANY ($1)", 1, ids_type);
	write_cache(forget_state_plan, values, NULL);

	/* a project gone (or never there) is only forgotten */
	values[0] = PointerGetDatum(datum_array(found_ids, INT8OID));
	values[1] = PointerGetDatum(datum_array(found_seqs, INT4OID));
	lgit_plan(&state_plan,
			  "INSERT INTO lgit.finding_state (project_id, judged_at, judged_seq) "
			  "SELECT id, now(), nullif(seq, 0) FROM unnest($1, $2) AS s(id, seq)",
			  2, state_types);
	write_cache(state_plan, values, NULL);

	if (batch->f_project != NIL)
	{
		values[0] = PointerGetDatum(datum_array(batch->f_project, INT8OID));
		values[1] = PointerGetDatum(datum_array(batch->f_ord, INT4OID));
		values[2] = PointerGetDatum(datum_array(batch->f_code, TEXTOID));
		values[3] = PointerGetDatum(datum_array(batch->f_article, TEXTOID));
		values[4] = PointerGetDatum(datum_array(batch->f_severity, TEXTOID));
		values[5] = PointerGetDatum(datum_array(batch->f_message, TEXTOID));
		values[6] = PointerGetDatum(datum_array(batch->f_facts, JSONBOID));
		lgit_plan(&finding_plan,
				  "INSERT INTO lgit.finding (project_id, ord, code, article, severity, message, facts) "
				  "SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)",
				  7, finding_types);
		write_cache(finding_plan, values, NULL);
	}
	lgit_spi_finish();

	batch->projects = 0;
	batch->f_project = batch->f_ord = batch->f_code = batch->f_article = NIL;
	batch->f_severity = batch->f_message = batch->f_facts = NIL;
	MemoryContextReset(batch->context);
}

/*
 * One project judged again; its findings join the batch, with the history
 * head read before the judgement (a move after it moves the head past it,
 * whether the judgement saw the move or not).
 */
static void
judge_project(RefreshBatch *batch, int64 project_id)
{
	static SPIPlanPtr head_plan = NULL;
	Oid			id_type[1] = {INT8OID};
	Datum		id = Int64GetDatum(project_id);
	int32		head_seq = 0;
	List	   *findings;
	bool		found;
	ListCell   *lc;

	lgit_spi_connect();
	lgit_plan(&head_plan, "SELECT seq FROM lgit.history_head WHERE project_id = $1", 1, id_type);
	lgit_execute(head_plan, &id, NULL, true, 1);
	if (SPI_processed == 1)
	{
		bool		isnull;

		head_seq = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	found = lgit_standing_findings(project_id, &findings);
	if (found)
	{
		MemoryContext old = MemoryContextSwitchTo(batch->context);

		foreach(lc, findings)
		{
			Datum		columns[5];

			lgit_finding_columns(lfirst(lc), columns);
			batch->f_project = lappend(batch->f_project, (void *) Int64GetDatum(project_id));
			batch->f_ord = lappend(batch->f_ord, (void *) Int32GetDatum(foreach_current_index(lc) + 1));
			batch->f_code = lappend(batch->f_code, (void *) columns[0]);
			batch->f_article = lappend(batch->f_article, (void *) columns[1]);
			batch->f_severity = lappend(batch->f_severity, (void *) columns[2]);
			batch->f_message = lappend(batch->f_message, (void *) columns[3]);
			batch->f_facts = lappend(batch->f_facts, (void *) columns[4]);
		}
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	batch->project_ids[batch->projects] = Int64GetDatum(project_id);
	batch->found[batch->projects] = found;
	batch->head_seqs[batch->projects] = head_seq;
	if (++batch->projects == REFRESH_BATCH)
		write_batch(batch);
}

/*
 * Keeps the assessment figures (lgit.assessment_fact, schema/87_assessment_kept.sql)
 * of the projects just judged and of every project whose kept figures no longer
 * hold today (a new year, month or due day, a move since), counted with a
 * snapshot taken after the marks were removed, as the findings are, with the
 * head that snapshot sees.  Returns how many projects.
 */
static int64
keep_assessment(int64 *ids, int count)
{
	static SPIPlanPtr targets_plan = NULL;
	static SPIPlanPtr forget_facts_plan = NULL;
	static SPIPlanPtr forget_state_plan = NULL;
	static SPIPlanPtr keep_plan = NULL;
	Oid			ids_type[1] = {INT8ARRAYOID};
	Datum	   *elems = palloc(sizeof(Datum) * Max(count, 1));
	Datum		values[1];
	bool		isnull;
	ArrayType  *targets;
	int64		kept;
	int			i;

	for (i = 0; i < count; i++)
		elems[i] = Int64GetDatum(ids[i]);
	values[0] = PointerGetDatum(construct_array(elems, count, INT8OID, sizeof(int64), FLOAT8PASSBYVAL,
												TYPALIGN_DOUBLE));

	lgit_spi_connect();
	lgit_plan(&targets_plan,
			  "SELECT array_agg(project_id) FROM ("
			  "SELECT unnest($1) AS project_id "
			  "UNION SELECT p.project_id FROM lgit.project p WHERE NOT EXISTS ("
			  "SELECT FROM lgit.assessment_state s WHERE s.project_id = p.project_id "
			  "AND NOT EXISTS (SELECT FROM lgit.history_head h "
			  "WHERE h.project_id = s.project_id AND h.seq IS DISTINCT FROM s.kept_seq) "
			  "AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN s.kept_on AND s.valid_until)) t",
			  1, ids_type);
	lgit_execute(targets_plan, values, NULL, true, 0);
	values[0] = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
	{
		lgit_spi_finish();
		pfree(elems);
		return 0;
	}
	targets = DatumGetArrayTypeP(values[0]);
	kept = ArrayGetNItems(ARR_NDIM(targets), ARR_DIMS(targets));

	lgit_plan(&forget_facts_plan,
			  "DELETE FROM lgit.assessment_fact WHERE project_id IN (SELECT unnest($1))", 1, ids_type);
	write_cache(forget_facts_plan, values, NULL);
	lgit_plan(&forget_state_plan,
			  "DELETE FROM lgit.assessment_state WHERE project_id IN (SELECT unnest($1))", 1, ids_type);
	write_cache(forget_state_plan, values, NULL);
	lgit_plan(&keep_plan,
			  "WITH f AS (SELECT * FROM lgit.assessment_facts((now() AT TIME ZONE 'Asia/Shanghai')::date, $1)), "
			  "facts AS (INSERT INTO lgit.assessment_fact (project_id, year, projects, preparing, in_delivery, "
			  "completed, suspended, terminated, due, met, met_late, missed, progress, performance, results) "
			  "SELECT project_id, year, projects, preparing, in_delivery, completed, suspended, terminated, "
			  "due, met, met_late, missed, progress, performance, results FROM f) "
			  "INSERT INTO lgit.assessment_state (project_id, kept_on, valid_until, kept_seq) "
			  "SELECT f.project_id, (now() AT TIME ZONE 'Asia/Shanghai')::date, min(f.valid_until), "
			  "(SELECT h.seq FROM lgit.history_head h WHERE h.project_id = f.project_id) "
			  "FROM f GROUP BY f.project_id",
			  1, ids_type);
	write_cache(keep_plan, values, NULL);
	lgit_spi_finish();
	pfree(elems);
	return kept;
}

/*
 * Judges again the marked projects and those never judged (all of them with
 * rebuild); returns how many.
 */
static int
refresh_marked(bool rebuild)
{
	static SPIPlanPtr lock_plan = NULL;
	static SPIPlanPtr unmark_plan = NULL;
	static SPIPlanPtr unjudged_plan = NULL;
	static SPIPlanPtr analyze_plan = NULL;
	Oid			types[1] = {BOOLOID};
	Datum		values[1];
	int			capacity = 1024;
	int64	   *ids = palloc(sizeof(int64) * capacity);
	int			count = 0;
	int			judged = 0;
	int64		kept;
	int			i;
	RefreshBatch *batch;

	lgit_spi_connect();
	/* two refreshes must not interleave: an older answer could overwrite a newer one */
	lgit_plan(&lock_plan, "SELECT pg_catalog.pg_advisory_xact_lock(1818716532, 1)", 0, NULL);
	lgit_execute(lock_plan, NULL, NULL, false, 0);

	/* the marks first; everything is then judged with a snapshot taken after their removal */
	lgit_plan(&unmark_plan,
			  "WITH unmarked AS (DELETE FROM lgit.finding_dirty RETURNING project_id) "
			  "SELECT DISTINCT project_id FROM unmarked",
			  0, NULL);
	write_cache(unmark_plan, NULL, NULL);
	collect_ids(&ids, &count, &capacity);
	/* this transaction's own marks are gone too: its next write marks again */
	if (marked != NULL)
		hash_destroy(marked);
	forget_marks();
	/* and those never judged, or moved since: their head is past the one judged */
	lgit_plan(&unjudged_plan,
			  "SELECT project_id FROM lgit.project p WHERE $1 "
			  "OR NOT EXISTS (SELECT FROM lgit.finding_state s WHERE s.project_id = p.project_id "
			  "AND NOT EXISTS (SELECT FROM lgit.history_head h "
			  "WHERE h.project_id = s.project_id AND h.seq IS DISTINCT FROM s.judged_seq))",
			  1, types);
	values[0] = BoolGetDatum(rebuild);
	lgit_execute(unjudged_plan, values, NULL, false, 0);
	collect_ids(&ids, &count, &capacity);
	lgit_spi_finish();

	if (count > 0)
		qsort(ids, count, sizeof(int64), compare_int64);
	batch = palloc0(sizeof(RefreshBatch));
	batch->context = AllocSetContextCreate(CurrentMemoryContext, "lgit refresh batch", ALLOCSET_DEFAULT_SIZES);
	PushActiveSnapshot(GetTransactionSnapshot());
	for (i = 0; i < count; i++)
	{
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		judge_project(batch, ids[i]);
		judged++;
		CHECK_FOR_INTERRUPTS();
	}
	write_batch(batch);
	kept = keep_assessment(ids, count);
	PopActiveSnapshot();

	/*
	 * What the planner believes of the marks decides lgit.violations' plan:
	 * believing them many after a refresh emptied them, it judges every
	 * project to join the few it needs.  So the statistics follow each refresh.
	 */
	if (judged > 0 || kept > 0)
	{
		lgit_spi_connect();
		lgit_plan(&analyze_plan, "ANALYZE lgit.finding_dirty, lgit.finding_state, "
				  "lgit.assessment_state, lgit.assessment_fact", 0, NULL);
		lgit_execute(analyze_plan, NULL, NULL, false, 0);
		lgit_spi_finish();
	}
	MemoryContextDelete(batch->context);
	pfree(batch);
	pfree(ids);
	return judged;
}

/*
 * lgit.refresh_findings(rebuild): judges again every marked project and every
 * project never judged (all of them with rebuild), keeps their findings and
 * removes their marks; returns how many projects it judged.  As the owner of
 * lgit, like the checks of a write; one refresh at a time.
 */
PG_FUNCTION_INFO_V1(lgit_refresh_findings);
Datum
lgit_refresh_findings(PG_FUNCTION_ARGS)
{
	bool		rebuild = !PG_ARGISNULL(0) && PG_GETARG_BOOL(0);
	Oid			save_userid;
	int			save_sec_context;
	volatile int judged = 0;

	PreventCommandIfReadOnly("lgit.refresh_findings()");
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(lgit_schema_owner(), save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	PG_TRY();
	{
		judged = refresh_marked(rebuild);
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
	PG_RETURN_INT64(judged);
}
