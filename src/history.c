/*
 * history.c
 *		The append-only stage history and its hash chain (doc/lgit.md §3).
 *
 * Each row's hash covers its content and the previous row's hash, so a row
 * changed or removed by someone who went around the triggers breaks the
 * chain and lgit.verify() finds it.  Since 0.2.0 (hash_version 2) it also
 * covers the row's kind, the fields the gates judged and the hash of the
 * documents relied on; 0.1.0's rows keep their format.  The last row of each
 * chain is its head (lgit.history_head), moved with every append.  Stages
 * and capacities are hashed by label, not OID: enum OIDs are not kept by
 * pg_dump/restore.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "lgit.h"

/* Set only while lgit itself inserts a history row; see lgit_history_guard(). */
static bool history_insert_allowed = false;
/* ... and the row moves its project's head (a sealed history) */
static bool history_moving_head = false;

/* The documents relied on, as "3,17,20" in the order stored. */
static char *
evidence_text(List *evidence)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, evidence)
	{
		if (buf.len > 0)
			appendStringInfoChar(&buf, ',');
		enlargeStringInfo(&buf, MAXINT8LEN + 1);
		buf.len += pg_lltoa(*(int64 *) lfirst(lc), buf.data + buf.len);
	}
	return buf.data;
}

static int
int64_cmp(const ListCell *a, const ListCell *b)
{
	int64		x = *(int64 *) lfirst(a);
	int64		y = *(int64 *) lfirst(b);

	return (x > y) - (x < y);
}

/* The evidence as stored: ascending, each document once. */
static List *
normalized_evidence(List *evidence)
{
	List	   *sorted = list_copy(evidence);
	List	   *result = NIL;
	ListCell   *lc;

	list_sort(sorted, int64_cmp);
	foreach(lc, sorted)
		if (result == NIL || *(int64 *) llast(result) != *(int64 *) lfirst(lc))
			result = lappend(result, lfirst(lc));
	return result;
}

static Datum
evidence_array(List *evidence)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(list_length(evidence), 1));
	ListCell   *lc;

	foreach(lc, evidence)
		elems[foreach_current_index(lc)] = Int64GetDatum(*(int64 *) lfirst(lc));
	return PointerGetDatum(construct_array(elems, list_length(evidence), INT8OID,
										   sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

void
lgit_history_hash(const LgitHistoryRow *row, uint8 *digest)
{
	LgitFieldHash hash;

	lgit_field_hash_begin(&hash);
	/* each row keeps the format it was sealed with: 0.1.0's rows stay verifiable */
	lgit_field_hash_text(&hash, "format", row->hash_version >= 2 ? "lgit-history-2" : "lgit-history-1");
	lgit_field_hash_int(&hash, "project_id", row->project_id);
	lgit_field_hash_int(&hash, "seq", row->seq);
	lgit_field_hash_text(&hash, "from_stage", row->from == STAGE_NONE ? NULL : lgit_stage_names[row->from]);
	lgit_field_hash_text(&hash, "to_stage", lgit_stage_names[row->to]);
	lgit_field_hash_text(&hash, "actor", row->actor);
	lgit_field_hash_text(&hash, "capacity", lgit_capacity_names[row->capacity]);
	lgit_field_hash_int(&hash, "actor_unit_id", row->actor_unit_id);
	lgit_field_hash_int(&hash, "project_unit_id", row->project_unit_id);
	lgit_field_hash_int(&hash, "changed_at", row->changed_at);
	lgit_field_hash_text(&hash, "reason", row->reason);
	lgit_field_hash_text(&hash, "evidence", evidence_text(row->evidence));
	if (row->hash_version >= 2)
	{
		lgit_field_hash_text(&hash, "kind", row->kind);
		lgit_field_hash_text(&hash, "judged", row->judged);
		lgit_field_hash_field(&hash, "evidence_hash", row->evidence_hash, PG_SHA256_DIGEST_LENGTH);
	}
	lgit_field_hash_field(&hash, "prev_hash", row->prev_hash, PG_SHA256_DIGEST_LENGTH);
	lgit_field_hash_end(&hash, digest);
}

/* The fields of a document the evidence hash covers, in the order hashed. */
static const char *const evidence_field_names[LGIT_EVIDENCE_FIELDS] = {"document_id", "project_id", "kind",
	"doc_number", "title", "issuer", "issuer_qualified", "issued_on", "content_sha256", "parts",
"conclusion", "amount"};

/*
 * SHA-256 over the content of the documents relied on, in document_id order:
 * what identifies each (number, kind, title, issuer, dates) and what it says
 * (file hash, parts, conclusion, amount), each as text in a fixed format.  A
 * document changed or removed after the move no longer gives the stored hash.
 * docs are the documents found among the evidence, each once, by ascending
 * document_id; the ids not found are appended to *missing (of int64 *) when it
 * is given.
 */
void
lgit_evidence_digest(List *evidence, const LgitEvidenceDoc *docs, int ndocs, uint8 *digest, List **missing)
{
	LgitFieldHash hash;
	ListCell   *lc;
	int			row = 0;

	lgit_field_hash_begin(&hash);
	lgit_field_hash_text(&hash, "format", "lgit-evidence-1");
	foreach(lc, evidence)
	{
		int64		id = *(int64 *) lfirst(lc);
		int			col;

		if (row < ndocs && docs[row].document_id == id)
		{
			for (col = 0; col < LGIT_EVIDENCE_FIELDS; col++)
				lgit_field_hash_text(&hash, evidence_field_names[col], docs[row].fields[col]);
			row++;
		}
		else
		{
			lgit_field_hash_int(&hash, "missing", id);
			if (missing != NULL)
			{
				int64	   *copy = palloc(sizeof(int64));

				*copy = id;
				*missing = lappend(*missing, copy);
			}
		}
	}
	lgit_field_hash_end(&hash, digest);
}

/* lgit_evidence_digest() of the documents as a fresh snapshot shows them, read as the owner. */
void
lgit_evidence_hash(List *evidence, uint8 *digest, List **missing)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8ARRAYOID};
	Datum		values[1];
	MemoryContext caller = CurrentMemoryContext;
	LgitEvidenceDoc *docs;
	uint64		row;
	int			col;

	/* a move that relied on nothing (a suspension, a resumption) hashes the format alone */
	if (evidence == NIL)
	{
		lgit_evidence_digest(NIL, NULL, 0, digest, missing);
		return;
	}
	values[0] = evidence_array(evidence);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT d.document_id::text, d.project_id::text, d.kind, d.doc_number, d.title, d.issuer, "
			  "d.issuer_qualified::text, to_char(d.issued_on, 'YYYY-MM-DD'), encode(d.content_sha256, 'hex'), "
			  "d.parts::text, d.conclusion, d.amount::text "
			  "FROM lgit.document d WHERE d.document_id = ANY ($1) ORDER BY d.document_id",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, false, 0);	/* fresh snapshot, as the append */
	docs = MemoryContextAlloc(caller, sizeof(LgitEvidenceDoc) * Max(SPI_processed, 1));
	for (row = 0; row < SPI_processed; row++)
	{
		for (col = 0; col < LGIT_EVIDENCE_FIELDS; col++)
		{
			char	   *value = SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col + 1);

			docs[row].fields[col] = value ? MemoryContextStrdup(caller, value) : NULL;
		}
		docs[row].document_id = pg_strtoint64(docs[row].fields[0]);
	}
	lgit_spi_finish();
	lgit_evidence_digest(evidence, docs, (int) row, digest, missing);
}

static Datum
digest_datum(const uint8 *digest)
{
	bytea	   *value = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);

	SET_VARSIZE(value, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(value), digest, PG_SHA256_DIGEST_LENGTH);
	return PointerGetDatum(value);
}

/*
 * The row this backend appended last, as written, so that lgit.advance() can
 * return it without reading it back; one row at a time, whatever the number
 * of rows a statement moves.
 */
static MemoryContext written_row_context = NULL;
static int64 written_row_id = 0;
static Datum written_row = (Datum) 0;

static void
keep_written_row(int64 history_id, Datum row)
{
	MemoryContext old;

	if (written_row_context == NULL)
		written_row_context = AllocSetContextCreate(TopMemoryContext, "lgit written history row",
													ALLOCSET_SMALL_SIZES);
	MemoryContextReset(written_row_context);
	old = MemoryContextSwitchTo(written_row_context);
	written_row = datumCopy(row, false, -1);
	MemoryContextSwitchTo(old);
	written_row_id = history_id;
}

/* The history row (lgit.history, as a composite) this backend appended as history_id. */
Datum
lgit_history_row_written(int64 history_id)
{
	if (history_id == 0 || history_id != written_row_id)
		elog(ERROR, "lgit: history row " INT64_FORMAT " not found", history_id);
	return datumCopy(written_row, false, -1);
}

/*
 * Whether ALTER EXTENSION UPDATE has brought the schema to this library's
 * version.  A district installs the new library first: until it updates, the
 * 0.1.0 schema has none of the sealed columns, heads or approval kinds, and
 * lgit keeps writing and reading history as 0.1.0 did.
 */
bool
lgit_history_sealed(void)
{
	return get_attnum(lgit_relid("history"), "hash_version") != InvalidAttrNumber;
}

/*
 * lgit.judged_fields($1), planned (the function inlined into the expression
 * it returns) and compiled once; both again when the function or the table
 * changes.  $1 is read from the evaluating context's parameters.
 */
static ExprState *
judged_call(Oid rowtype)
{
	static CachedExpression *judged = NULL;
	static MemoryContext state_context = NULL;
	static ExprState *state = NULL;
	CachedExpression *planned;
	MemoryContext old;
	Param	   *param;
	Oid			function;

	if (judged != NULL && judged->is_valid)
		return state;
	if (judged != NULL)
		FreeCachedExpression(judged);
	judged = NULL;
	state = NULL;
	if (state_context == NULL)
		state_context = AllocSetContextCreate(CacheMemoryContext, "lgit judged fields", ALLOCSET_SMALL_SIZES);
	MemoryContextReset(state_context);
	function = LookupFuncName(list_make2(makeString("lgit"), makeString("judged_fields")), 1, &rowtype, false);
	param = makeNode(Param);
	param->paramkind = PARAM_EXTERN;
	param->paramid = 1;
	param->paramtype = rowtype;
	param->paramtypmod = -1;
	param->paramcollid = InvalidOid;
	param->location = -1;
	planned = GetCachedExpression((Node *) makeFuncExpr(function, JSONBOID, list_make1(param), InvalidOid,
														InvalidOid, COERCE_EXPLICIT_CALL));
	PG_TRY();
	{
		old = MemoryContextSwitchTo(state_context);
		state = ExecInitExprWithParams((Expr *) planned->expr, NULL);
		MemoryContextSwitchTo(old);
	}
	PG_CATCH();
	{
		FreeCachedExpression(planned);
		PG_RE_THROW();
	}
	PG_END_TRY();
	/* kept only once compiled: a failure leaves nothing half made */
	judged = planned;
	return state;
}

/*
 * The project's fields the gates judged, lgit.judged_fields(row), and
 * (*text) as text, planned and evaluated as the owner, like lgit's
 * queries.
 */
static Datum
judged_of(Datum project_row, const char **text)
{
	Oid			rowtype = get_rel_type_id(lgit_relid("project"));
	ParamListInfo params = makeParamList(1);
	ExprContext *econtext = CreateStandaloneExprContext();
	LgitSavedUser saved;
	volatile Datum value = (Datum) 0;
	volatile bool isnull = true;

	params->params[0].value = project_row;
	params->params[0].isnull = false;
	params->params[0].pflags = PARAM_FLAG_CONST;
	params->params[0].ptype = rowtype;
	econtext->ecxt_param_list_info = params;
	lgit_become_owner(&saved);
	PG_TRY();
	{
		bool		result_null;
		Datum		result;

		result = ExecEvalExprSwitchContext(judged_call(rowtype), econtext, &result_null);
		/* out of the expression's memory before it goes */
		value = result_null ? (Datum) 0 : datumCopy(result, false, -1);
		isnull = result_null;
	}
	PG_FINALLY();
	{
		lgit_restore_user(&saved);
	}
	PG_END_TRY();
	FreeExprContext(econtext, true);
	if (isnull)
		elog(ERROR, "lgit: lgit.judged_fields() returned NULL");
	*text = DatumGetCString(DirectFunctionCall1(jsonb_out, value));
	return value;
}

/* SHA-256 of the documents relied on, read by their primary key (by a query if the table is not as expected). */
static void
evidence_hash_now(List *evidence, uint8 *digest)
{
	LgitEvidenceScan *scan = evidence == NIL ? NULL : lgit_evidence_scan_open(true);

	if (scan == NULL)
		lgit_evidence_hash(evidence, digest, NULL);
	else
	{
		lgit_evidence_scan_hash(scan, evidence, digest, NULL);
		lgit_evidence_scan_close(scan);
	}
}

/*
 * Appends the row recording a move (kind "move") or a re-approval (kind
 * "reapproval", from and to the project's stage) and returns its history_id,
 * moving the project's head with it.  project_row is the project as written
 * (the row its trigger judged).  The caller holds the project's row lock (the
 * UPDATE or INSERT being checked), so the chain of one project grows one row
 * at a time.  Read and written without SPI (row_write.c): this runs on every
 * move.
 */
int64
lgit_history_append(const LgitMove *move, List *evidence, const LgitChainEnd *chain_end,
					const char *kind, Datum project_row)
{
	LgitHistoryRow row;
	LgitColumns columns = {0};
	LgitChainEnd end;
	uint8		row_hash[PG_SHA256_DIGEST_LENGTH];
	uint8		evidence_hash[PG_SHA256_DIGEST_LENGTH];
	Datum		judged = (Datum) 0;
	Datum		written;
	bool		isnull;
	int64		history_id;

	memset(&row, 0, sizeof(row));
	row.hash_version = lgit_history_sealed() ? 2 : 1;
	row.kind = kind;
	row.project_id = move->project->project_id;
	row.from = move->from;
	row.to = move->to;
	row.actor = move->actor->name;
	row.capacity = move->actor->capacity;
	row.actor_unit_id = move->actor->unit_id;
	row.project_unit_id = move->project->unit_id;
	/* the clock, not the transaction's start: a transaction opened early does not backdate */
	row.changed_at = GetCurrentTimestamp();
	row.reason = move->reason;
	row.evidence = normalized_evidence(evidence);

	/*
	 * A fresh snapshot: a concurrent move of the same project committed while
	 * this statement waited for the row lock; its row must be the one this
	 * row chains to, and the documents are read as they are now.
	 */
	CommandCounterIncrement();
	PushActiveSnapshot(GetTransactionSnapshot());
	if (row.hash_version >= 2)
	{
		evidence_hash_now(row.evidence, evidence_hash);
		row.evidence_hash = evidence_hash;
		judged = judged_of(project_row, &row.judged);
	}
	/*
	 * The row this one chains to.  A check that walked the chain read it
	 * already, under the same row lock: nothing can have been appended since.
	 */
	if (chain_end != NULL && chain_end->read)
		end = *chain_end;
	else
		lgit_chain_end(row.project_id, &end);
	row.seq = 1;
	if (end.exists)
	{
		row.seq = end.seq + 1;
		row.prev_hash = end.hash;
		/* never before the row it follows, whatever the clocks of two sessions say */
		if (row.changed_at < end.changed_at)
			row.changed_at = end.changed_at;
	}
	lgit_history_hash(&row, row_hash);

	lgit_columns_set(&columns, "project_id", Int64GetDatum(row.project_id), false);
	lgit_columns_set(&columns, "seq", Int32GetDatum(row.seq), false);
	lgit_columns_set(&columns, "from_stage", row.from == STAGE_NONE ? (Datum) 0 : lgit_stage_datum(row.from),
					 row.from == STAGE_NONE);
	lgit_columns_set(&columns, "to_stage", lgit_stage_datum(row.to), false);
	lgit_columns_set(&columns, "actor", CStringGetTextDatum(row.actor), false);
	lgit_columns_set(&columns, "capacity", lgit_capacity_datum(row.capacity), false);
	lgit_columns_set(&columns, "actor_unit_id", Int32GetDatum(row.actor_unit_id), false);
	lgit_columns_set(&columns, "project_unit_id", Int32GetDatum(row.project_unit_id), false);
	lgit_columns_set(&columns, "changed_at", TimestampTzGetDatum(row.changed_at), false);
	lgit_columns_set(&columns, "reason", row.reason ? CStringGetTextDatum(row.reason) : (Datum) 0, row.reason == NULL);
	lgit_columns_set(&columns, "evidence", evidence_array(row.evidence), false);
	lgit_columns_set(&columns, "prev_hash", row.prev_hash ? digest_datum(row.prev_hash) : (Datum) 0,
					 row.prev_hash == NULL);
	lgit_columns_set(&columns, "row_hash", digest_datum(row_hash), false);
	if (row.hash_version >= 2)
	{
		lgit_columns_set(&columns, "hash_version", Int32GetDatum(2), false);
		lgit_columns_set(&columns, "kind", CStringGetTextDatum(row.kind), false);
		lgit_columns_set(&columns, "judged", judged, false);
		lgit_columns_set(&columns, "evidence_hash", digest_datum(row.evidence_hash), false);
	}

	history_insert_allowed = true;
	history_moving_head = row.hash_version >= 2;
	PG_TRY();
	{
		written = lgit_insert_project_row("history", row.project_id, &columns);
		history_id = DatumGetInt64(GetAttributeByName(DatumGetHeapTupleHeader(written), "history_id", &isnull));
		keep_written_row(history_id, written);
		if (row.hash_version >= 2)
		{
			LgitColumns head = {0};

			lgit_columns_set(&head, "project_id", Int64GetDatum(row.project_id), false);
			lgit_columns_set(&head, "seq", Int32GetDatum(row.seq), false);
			lgit_columns_set(&head, "row_hash", digest_datum(row_hash), false);
			lgit_columns_set(&head, "changed_at", TimestampTzGetDatum(row.changed_at), false);
			/* the project's first row (or one of 0.1.0 without a head): the head starts here */
			if (!lgit_update_project_row("history_head", row.project_id, &head))
				lgit_insert_project_row("history_head", row.project_id, &head);
		}
	}
	PG_FINALLY();
	{
		history_insert_allowed = history_moving_head = false;
	}
	PG_END_TRY();
	PopActiveSnapshot();
	return history_id;
}

/* A stored evidence array as the list the hash covers. */
List *
lgit_evidence_from_array(ArrayType *array)
{
	Datum	   *elems;
	int			n;
	int			i;
	List	   *evidence = NIL;

	deconstruct_array(array, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, NULL, &n);
	for (i = 0; i < n; i++)
	{
		int64	   *id = palloc(sizeof(int64));

		*id = DatumGetInt64(elems[i]);
		evidence = lappend(evidence, id);
	}
	return evidence;
}

/* A project's chain, newest first, read straight from its index under a fresh snapshot. */
typedef struct ChainScan
{
	Relation	history;
	Relation	index;
	Snapshot	snapshot;
	SysScanDesc scan;
} ChainScan;

/*
 * The whole chain, or (partial_index) the rows of an index on (project_id,
 * seq) limited to some of them.  A fresh snapshot, as a query that is not
 * read-only takes: a move committed while this one waited for the project's
 * row lock counts.
 */
static void
chain_scan_begin(ChainScan *cs, int64 project_id, const char *partial_index)
{
	ScanKeyData key;
	AttrNumber	chain_order[2];

	cs->history = table_open(lgit_relid("history"), AccessShareLock);
	chain_order[0] = get_attnum(RelationGetRelid(cs->history), "project_id");
	chain_order[1] = get_attnum(RelationGetRelid(cs->history), "seq");
	cs->index = partial_index != NULL
		? index_open(lgit_relid(partial_index), AccessShareLock)
		: lgit_open_index_leading(cs->history, 2, chain_order);
	cs->snapshot = lgit_statement_snapshot();
	/* the key names the table's column; the scan maps it to the index's */
	ScanKeyInit(&key, chain_order[0], BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(project_id));
	cs->scan = systable_beginscan_ordered(cs->history, cs->index, cs->snapshot, 1, &key);
}

static HeapTuple
chain_scan_next(ChainScan *cs)
{
	return systable_getnext_ordered(cs->scan, BackwardScanDirection);
}

static void
chain_scan_end(ChainScan *cs)
{
	systable_endscan_ordered(cs->scan);
	UnregisterSnapshot(cs->snapshot);
	index_close(cs->index, AccessShareLock);
	table_close(cs->history, AccessShareLock);
}

/* The chain's last row, from the scan's first tuple (NULL: no history yet). */
static void
chain_end_of(ChainScan *cs, HeapTuple tuple, int64 project_id, LgitChainEnd *end)
{
	TupleDesc	desc = RelationGetDescr(cs->history);
	Oid			relid = RelationGetRelid(cs->history);
	bool		isnull;
	bytea	   *last_hash;

	end->read = true;
	end->exists = tuple != NULL;
	if (tuple == NULL)
		return;
	end->seq = DatumGetInt32(heap_getattr(tuple, get_attnum(relid, "seq"), desc, &isnull));
	last_hash = DatumGetByteaPP(heap_getattr(tuple, get_attnum(relid, "row_hash"), desc, &isnull));
	if (VARSIZE_ANY_EXHDR(last_hash) != PG_SHA256_DIGEST_LENGTH)
		elog(ERROR, "lgit: history of project " INT64_FORMAT " has a malformed row_hash", project_id);
	memcpy(end->hash, VARDATA_ANY(last_hash), PG_SHA256_DIGEST_LENGTH);
	end->changed_at = DatumGetTimestampTz(heap_getattr(tuple, get_attnum(relid, "changed_at"), desc, &isnull));
}

/* The last row of a project's chain: its seq, row_hash and changed_at. */
void
lgit_chain_end(int64 project_id, LgitChainEnd *end)
{
	ChainScan	cs;

	chain_scan_begin(&cs, project_id, NULL);
	chain_end_of(&cs, chain_scan_next(&cs), project_id, end);
	chain_scan_end(&cs);
}

/*
 * The stage a project left when it last entered `entered`, or STAGE_NONE:
 * the project's chain read newest first (it is read on every resumption and
 * return).  The first row read is the chain's last: into *end, when given,
 * so that a move's append need not read it again.
 */
int
lgit_origin_stage(int64 project_id, LgitStage entered, LgitChainEnd *end)
{
	ChainScan	cs;
	AttrNumber	to_attno = get_attnum(lgit_relid("history"), "to_stage");
	AttrNumber	from_attno = get_attnum(lgit_relid("history"), "from_stage");
	Oid			entered_label = DatumGetObjectId(lgit_stage_datum(entered));
	HeapTuple	tuple;
	int			origin = STAGE_NONE;

	chain_scan_begin(&cs, project_id, NULL);
	tuple = chain_scan_next(&cs);
	if (end != NULL)
		chain_end_of(&cs, tuple, project_id, end);
	for (; tuple != NULL; tuple = chain_scan_next(&cs))
	{
		TupleDesc	desc = RelationGetDescr(cs.history);
		bool		isnull;
		Datum		to;
		Datum		from;

		to = heap_getattr(tuple, to_attno, desc, &isnull);
		if (isnull || DatumGetObjectId(to) != entered_label)
			continue;
		from = heap_getattr(tuple, from_attno, desc, &isnull);
		if (!isnull)
			origin = lgit_stage_from_datum(from);
		break;
	}
	chain_scan_end(&cs);
	return origin;
}

/*
 * The date that matters for thresholds judged at proposal: the day (in
 * Shenzhen) the project was last proposed, or created if it never was (an
 * Art 14 filing), or today for a project with no history yet.
 */
DateADT
lgit_proposal_date(int64 project_id)
{
	ChainScan	cs;
	HeapTuple	tuple;
	TimestampTz proposed_at = GetCurrentTransactionStartTimestamp();

	/* history_proposal_idx: (project_id, seq) of the rows of a proposal or a creation */
	chain_scan_begin(&cs, project_id, "history_proposal_idx");
	tuple = chain_scan_next(&cs);
	if (tuple != NULL)
	{
		bool		isnull;
		Datum		at = heap_getattr(tuple, get_attnum(RelationGetRelid(cs.history), "changed_at"),
									  RelationGetDescr(cs.history), &isnull);

		if (!isnull)
			proposed_at = DatumGetTimestampTz(at);
	}
	chain_scan_end(&cs);
	return lgit_shenzhen_date(proposed_at);
}

/*
 * Whether the history row being written is one lgit appends and moves its
 * project's head with: the kept findings compare that head (finding_cache.c).
 */
bool
lgit_history_appending_with_head(void)
{
	return history_insert_allowed && history_moving_head;
}

/*
 * BEFORE INSERT on lgit.history: only lgit's own trigger writes history
 * (LG002), so nobody can forge a move, the owner included.
 */
PG_FUNCTION_INFO_V1(lgit_history_guard);
Datum
lgit_history_guard(PG_FUNCTION_ARGS)
{
	return lgit_insert_only_by_lgit(fcinfo, history_insert_allowed, "lgit.history", "lgit's stage trigger",
									"Move the project with lgit.advance() or UPDATE lgit.project SET stage; lgit writes the history row.");
}

/*
 * BEFORE INSERT OR UPDATE on lgit.history_head: the head moves only with the
 * chain, as lgit appends (LG002 otherwise).
 */
PG_FUNCTION_INFO_V1(lgit_history_head_guard);
Datum
lgit_history_head_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	List	   *findings = NIL;
	LgitFinding *finding;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) || TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.history_head_guard() must be fired BEFORE INSERT OR UPDATE FOR EACH ROW")));
	if (history_insert_allowed)
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)
							   ? trigdata->tg_newtuple : trigdata->tg_trigtuple);

	finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
						   "The head of a project's history moves only when lgit appends a row to it.",
						   "history heads are written only by lgit");
	lgit_fact(finding, "table", "lgit.history_head");
	lgit_fact(finding, "role", GetUserNameFromId(GetUserId(), false));
	lgit_raise(findings);
	pg_unreachable();
}
