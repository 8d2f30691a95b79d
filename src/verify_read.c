/*
 * verify_read.c
 *		The lines lgit.verify() replays, read in chain order.
 *
 * verify() reads as its caller: under the caller's privileges and row-level
 * security, a unit replays its own chains only.  A caller that may read all
 * of the history, projects and heads (SELECT on each, no policy applying to
 * it: the owner, a superuser, a role that bypasses row-level security) gets
 * them by walking three indexes in project order side by side - the full join
 * of the replay query without its sort or its copies through SPI.  Any other
 * caller, and a schema changed around lgit so that the indexes are not what
 * this expects, gets the query itself, which applies the caller's policies
 * and raises the caller's permission errors.  Both give the same lines.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_am.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "lgit.h"
#include "verify.h"

/* A table read in project_id order through a btree index. */
typedef struct OrderedScan
{
	Relation	heap;
	Relation	index;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	project_id;
	MemoryContext context;		/* the scan's: it allocates as it goes */
	bool		has_row;
	int64		key;			/* the row's project_id */
} OrderedScan;

struct VerifyReader
{
	bool		heads_kept;
	bool		direct;
	/* the replay query, through SPI */
	Portal		portal;
	SPITupleTable *batch;
	uint64		fetched;
	uint64		next;
	/* or the three tables side by side */
	OrderedScan history;
	OrderedScan project;
	OrderedScan head;
	AttrNumber	history_attnums[VERIFY_COLUMNS];
	AttrNumber	stage_attnum;
	AttrNumber	head_seq_attnum;
	AttrNumber	head_hash_attnum;
	bool		history_read;	/* the line returned last holds the history row */
	bool		project_read;	/* ... or the project row */
	Datum		kind_move;
	MemoryContext context;		/* the reader's */
	/* the last judged fields as text: a chain repeats them from row to row */
	Jsonb	   *judged;
	Datum		judged_text;
};

/* history's columns a line takes; ANYENUMOID: an enum; sealed: only in 0.2.0's schema */
static const struct
{
	VerifyColumn col;
	const char *name;
	Oid			type;
	bool		sealed;
}			history_columns[] =
{
	{COL_HISTORY_ID, "history_id", INT8OID, false},
	{COL_SEQ, "seq", INT4OID, false},
	{COL_FROM, "from_stage", ANYENUMOID, false},
	{COL_TO, "to_stage", ANYENUMOID, false},
	{COL_ACTOR, "actor", TEXTOID, false},
	{COL_CAPACITY, "capacity", ANYENUMOID, false},
	{COL_ACTOR_UNIT, "actor_unit_id", INT4OID, false},
	{COL_PROJECT_UNIT, "project_unit_id", INT4OID, false},
	{COL_CHANGED_AT, "changed_at", TIMESTAMPTZOID, false},
	{COL_REASON, "reason", TEXTOID, false},
	{COL_EVIDENCE, "evidence", INT8ARRAYOID, false},
	{COL_PREV_HASH, "prev_hash", BYTEAOID, false},
	{COL_ROW_HASH, "row_hash", BYTEAOID, false},
	{COL_HASH_VERSION, "hash_version", INT4OID, true},
	{COL_KIND, "kind", TEXTOID, true},
	{COL_JUDGED, "judged", JSONBOID, true},
	{COL_EVIDENCE_HASH, "evidence_hash", BYTEAOID, true},
};

/* The column's number if it is there with that type (ANYENUMOID: any enum), else 0. */
static AttrNumber
typed_column(Relation rel, const char *name, Oid type)
{
	AttrNumber	attnum = get_attnum(RelationGetRelid(rel), name);
	Oid			actual;

	if (attnum <= 0)
		return 0;
	actual = TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid;
	if (type == ANYENUMOID ? get_typtype(actual) != TYPTYPE_ENUM : actual != type)
		return 0;
	return attnum;
}

/* Whether the caller reads every row of the table with a plain SELECT, and nothing else does. */
static bool
readable_whole(Oid relid)
{
	return get_rel_relkind(relid) == RELKIND_RELATION && !has_subclass(relid) &&
		pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) == ACLCHECK_OK &&
		check_enable_rls(relid, InvalidOid, true) != RLS_ENABLED;
}

/* Whether key column k of the index ascends by integer order. */
static bool
ascending_integer_key(Relation index, int k, AttrNumber attnum)
{
	return index->rd_index->indnkeyatts > k && index->rd_index->indkey.values[k] == attnum &&
		index->rd_opfamily[k] == INTEGER_BTREE_FAM_OID && index->rd_indoption[k] == 0;
}

/*
 * Opens the table with a valid btree index leading with project_id (bigint)
 * and then, if then_by is given, that column; false when it has none.
 */
static bool
ordered_scan_open(OrderedScan *s, Oid relid, const char *then_by)
{
	AttrNumber	second = 0;
	ListCell   *lc;

	s->heap = table_open(relid, AccessShareLock);
	s->project_id = typed_column(s->heap, "project_id", INT8OID);
	if (then_by != NULL)
		second = typed_column(s->heap, then_by, INT4OID);
	if (s->project_id == 0 || (then_by != NULL && second == 0))
		return false;
	foreach(lc, RelationGetIndexList(s->heap))
	{
		Relation	index = index_open(lfirst_oid(lc), AccessShareLock);

		if (index->rd_rel->relam == BTREE_AM_OID && index->rd_index->indisvalid &&
			RelationGetIndexPredicate(index) == NIL &&
			ascending_integer_key(index, 0, s->project_id) &&
			(then_by == NULL || ascending_integer_key(index, 1, second)))
		{
			s->index = index;
			break;
		}
		index_close(index, AccessShareLock);
	}
	if (s->index == NULL)
		return false;
	s->context = CurrentMemoryContext;
	s->slot = table_slot_create(s->heap, NULL);
	s->scan = index_beginscan(s->heap, s->index, GetActiveSnapshot(), 0, 0);
	index_rescan(s->scan, NULL, 0, NULL, 0);
	return true;
}

static void
ordered_scan_advance(OrderedScan *s)
{
	MemoryContext old = MemoryContextSwitchTo(s->context);
	bool		isnull;

	s->has_row = index_getnext_slot(s->scan, ForwardScanDirection, s->slot);
	MemoryContextSwitchTo(old);
	if (s->has_row)
	{
		Datum		key = slot_getattr(s->slot, s->project_id, &isnull);

		s->key = isnull ? PG_INT64_MAX : DatumGetInt64(key);
	}
}

static void
ordered_scan_close(OrderedScan *s)
{
	if (s->scan != NULL)
		index_endscan(s->scan);
	if (s->slot != NULL)
		ExecDropSingleTupleTableSlot(s->slot);
	if (s->index != NULL)
		index_close(s->index, NoLock);
	if (s->heap != NULL)
		table_close(s->heap, NoLock);
}

/* Opens the three tables side by side, or returns false when the caller must use the query. */
static bool
direct_open(VerifyReader *reader)
{
	Oid			history = lgit_relid("history");
	Oid			project = lgit_relid("project");
	Oid			head = reader->heads_kept ? lgit_relid("history_head") : InvalidOid;
	int			i;

	if (!readable_whole(history) || !readable_whole(project) || (reader->heads_kept && !readable_whole(head)))
		return false;
	if (!ordered_scan_open(&reader->history, history, "seq") ||
		!ordered_scan_open(&reader->project, project, NULL) ||
		(reader->heads_kept && !ordered_scan_open(&reader->head, head, NULL)))
		return false;
	for (i = 0; i < lengthof(history_columns); i++)
	{
		AttrNumber	attnum;

		if (history_columns[i].sealed && !reader->heads_kept)
			continue;
		attnum = typed_column(reader->history.heap, history_columns[i].name, history_columns[i].type);
		if (attnum == 0)
			return false;
		reader->history_attnums[history_columns[i].col] = attnum;
	}
	reader->stage_attnum = typed_column(reader->project.heap, "stage", ANYENUMOID);
	if (reader->stage_attnum == 0)
		return false;
	if (reader->heads_kept)
	{
		reader->head_seq_attnum = typed_column(reader->head.heap, "seq", INT4OID);
		reader->head_hash_attnum = typed_column(reader->head.heap, "row_hash", BYTEAOID);
		if (reader->head_seq_attnum == 0 || reader->head_hash_attnum == 0)
			return false;
	}
	reader->kind_move = CStringGetTextDatum("move");
	ordered_scan_advance(&reader->history);
	ordered_scan_advance(&reader->project);
	if (reader->heads_kept)
		ordered_scan_advance(&reader->head);
	return true;
}

static void
direct_close(VerifyReader *reader)
{
	ordered_scan_close(&reader->history);
	ordered_scan_close(&reader->project);
	ordered_scan_close(&reader->head);
}

/* judged::text, printed again only when it differs from the last row's */
static Datum
judged_text(VerifyReader *reader, Jsonb *judged)
{
	char	   *printed;
	MemoryContext old;

	if (reader->judged != NULL && VARSIZE(reader->judged) == VARSIZE(judged) &&
		memcmp(reader->judged, judged, VARSIZE(judged)) == 0)
		return reader->judged_text;
	if (reader->judged != NULL)
	{
		pfree(reader->judged);
		pfree(DatumGetPointer(reader->judged_text));
	}
	/* printed in the line's context, which frees what printing leaves; kept in the reader's */
	printed = DatumGetCString(DirectFunctionCall1(jsonb_out, JsonbPGetDatum(judged)));
	old = MemoryContextSwitchTo(reader->context);
	reader->judged = palloc(VARSIZE(judged));
	memcpy(reader->judged, judged, VARSIZE(judged));
	reader->judged_text = CStringGetTextDatum(printed);
	MemoryContextSwitchTo(old);
	return reader->judged_text;
}

/* The history row's columns into the line. */
static void
history_line(VerifyReader *reader, VerifyLine *line)
{
	TupleTableSlot *slot = reader->history.slot;
	int			i;

	slot_getallattrs(slot);
	for (i = 0; i < lengthof(history_columns); i++)
	{
		VerifyColumn col = history_columns[i].col;
		AttrNumber	attnum = reader->history_attnums[col];

		if (attnum == 0)
			continue;			/* 0.1.0: set below */
		line->values[col] = slot->tts_values[attnum - 1];
		line->nulls[col] = slot->tts_isnull[attnum - 1];
	}
	if (!reader->heads_kept)
	{
		line->values[COL_HASH_VERSION] = Int32GetDatum(1);
		line->nulls[COL_HASH_VERSION] = false;
		line->values[COL_KIND] = reader->kind_move;
		line->nulls[COL_KIND] = false;
	}
	else if (!line->nulls[COL_JUDGED])
		line->values[COL_JUDGED] = judged_text(reader, DatumGetJsonbP(line->values[COL_JUDGED]));
}

/*
 * The next line of the full join: history rows in (project_id, seq) order,
 * each with its project and head; a project without history on a line alone.
 */
static bool
direct_next(VerifyReader *reader, VerifyLine *line)
{
	OrderedScan *history = &reader->history;
	OrderedScan *project = &reader->project;
	OrderedScan *head = &reader->head;
	int64		key;
	int			i;

	/* the rows of the last line stayed in their slots until now */
	if (reader->history_read)
		ordered_scan_advance(history);
	if (reader->project_read && (!history->has_row || history->key > project->key))
		ordered_scan_advance(project);
	reader->history_read = reader->project_read = false;
	if (!history->has_row && !project->has_row)
		return false;

	for (i = 0; i < VERIFY_COLUMNS; i++)
		line->nulls[i] = true;
	if (history->has_row && (!project->has_row || history->key <= project->key))
	{
		key = history->key;
		history_line(reader, line);
		reader->history_read = true;
	}
	else
		key = project->key;
	line->values[COL_PROJECT_ID] = Int64GetDatum(key);
	line->nulls[COL_PROJECT_ID] = false;
	line->values[COL_PROJECT_EXISTS] = BoolGetDatum(project->has_row && project->key == key);
	line->nulls[COL_PROJECT_EXISTS] = false;
	if (DatumGetBool(line->values[COL_PROJECT_EXISTS]))
	{
		line->values[COL_PROJECT_STAGE] = slot_getattr(project->slot, reader->stage_attnum,
													   &line->nulls[COL_PROJECT_STAGE]);
		reader->project_read = true;
	}
	if (reader->heads_kept)
	{
		while (head->has_row && head->key < key)
			ordered_scan_advance(head);
		if (head->has_row && head->key == key)
		{
			line->values[COL_HEAD_SEQ] = slot_getattr(head->slot, reader->head_seq_attnum,
													  &line->nulls[COL_HEAD_SEQ]);
			line->values[COL_HEAD_HASH] = slot_getattr(head->slot, reader->head_hash_attnum,
													   &line->nulls[COL_HEAD_HASH]);
		}
	}
	return true;
}

/* The replay query: a full join, so that projects without history and history without projects show. */
static void
query_open(VerifyReader *reader)
{
	static SPIPlanPtr plan = NULL;
	static SPIPlanPtr plan_v1 = NULL;

	lgit_spi_connect();
	if (!reader->heads_kept)
		lgit_plan(&plan_v1,
				  "SELECT coalesce(h.project_id, p.project_id), p.stage, p.project_id IS NOT NULL, "
				  "h.history_id, h.seq, h.from_stage, h.to_stage, h.actor, h.capacity, "
				  "h.actor_unit_id, h.project_unit_id, h.changed_at, h.reason, h.evidence, h.prev_hash, h.row_hash, "
				  "1, 'move', NULL::jsonb, NULL::bytea, NULL::int, NULL::bytea "
				  "FROM lgit.history h FULL JOIN lgit.project p ON p.project_id = h.project_id "
				  "ORDER BY 1, h.seq",
				  0, NULL);
	else
		lgit_plan(&plan,
				  "SELECT coalesce(h.project_id, p.project_id), p.stage, p.project_id IS NOT NULL, "
				  "h.history_id, h.seq, h.from_stage, h.to_stage, h.actor, h.capacity, "
				  "h.actor_unit_id, h.project_unit_id, h.changed_at, h.reason, h.evidence, h.prev_hash, h.row_hash, "
				  "h.hash_version, h.kind, h.judged, h.evidence_hash, hd.seq, hd.row_hash "
				  "FROM lgit.history h FULL JOIN lgit.project p ON p.project_id = h.project_id "
				  "LEFT JOIN lgit.history_head hd ON hd.project_id = coalesce(h.project_id, p.project_id) "
				  "ORDER BY 1, h.seq",
				  0, NULL);
	reader->portal = lgit_cursor_open(reader->heads_kept ? plan : plan_v1, NULL, NULL);
}

static bool
query_next(VerifyReader *reader, VerifyLine *line)
{
	if (reader->next == reader->fetched)
	{
		if (reader->batch != NULL)
			SPI_freetuptable(reader->batch);
		SPI_cursor_fetch(reader->portal, true, 1000);
		reader->batch = SPI_tuptable;
		reader->fetched = SPI_processed;
		reader->next = 0;
		if (reader->fetched == 0)
			return false;
	}
	heap_deform_tuple(reader->batch->vals[reader->next++], reader->batch->tupdesc, line->values, line->nulls);
	if (!line->nulls[COL_JUDGED])
		line->values[COL_JUDGED] = judged_text(reader, DatumGetJsonbP(line->values[COL_JUDGED]));
	return true;
}

static void
query_close(VerifyReader *reader)
{
	SPI_cursor_close(reader->portal);
	lgit_spi_finish();
}

VerifyReader *
verify_reader_open(bool heads_kept)
{
	VerifyReader *reader = palloc0(sizeof(VerifyReader));

	reader->heads_kept = heads_kept;
	reader->context = CurrentMemoryContext;
	reader->direct = direct_open(reader);
	if (!reader->direct)
	{
		direct_close(reader);
		query_open(reader);
	}
	return reader;
}

bool
verify_reader_next(VerifyReader *reader, VerifyLine *line)
{
	return reader->direct ? direct_next(reader, line) : query_next(reader, line);
}

void
verify_reader_close(VerifyReader *reader)
{
	if (reader->direct)
		direct_close(reader);
	else
		query_close(reader);
}
