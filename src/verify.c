/*
 * verify.c
 *		lgit.verify(): replay every project's history (doc/lgit.md §3, §7).
 *
 * The triggers keep honest writers honest; verify() catches the rest - rows
 * changed or removed by a superuser who disabled the triggers, or restored
 * from an edited dump.  For each project it walks the chain in seq order and
 * recomputes each hash, checks each link, and replays each change against
 * the stage graph and the capacities it allows (the same functions the
 * trigger uses).  Rows sealed by 0.2.0 (hash_version 2) also carry the hash
 * of the documents they relied on, checked against the documents now, and
 * each chain must end at the head lgit keeps for it.  The feasibility fork
 * is not replayed: it depends on the amounts and policy of the day (see
 * lgit.check_project()).
 *
 * What leaves no trace in the database (a chain cut back with its head, a
 * project removed whole, a chain re-sealed) only an anchor kept elsewhere
 * shows: lgit.verify(anchor) compares the heads lgit.anchor() exported.
 *
 * The chains come from verify_read.c (in chain order, as the caller may see
 * them), the documents relied on from evidence_scan.c; a line's allocations
 * are freed before the next, so verify() runs in constant memory.
 */
#include "postgres.h"

#include "funcapi.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "lgit.h"
#include "verify.h"

typedef struct Replay
{
	Tuplestorestate *out;
	TupleDesc	desc;
	LgitEvidenceScan *evidence;	/* NULL: documents read by lgit_evidence_hash() */
	int64		project_id;
	bool		project_exists;
	int			project_stage;
	int32		expected_seq;
	int			last_to;		/* STAGE_NONE before the first row */
	bool		have_hash;
	uint8		last_hash[PG_SHA256_DIGEST_LENGTH];
	int32		last_seq;
	TimestampTz last_changed_at;
	bool		heads_kept;		/* false until the schema is updated from 0.1.0 */
	bool		approved;		/* a row so far approved the project ... */
	LgitCapacity approved_by;	/* ... in this capacity, the last time */
	bool		has_head;
	int32		head_seq;
	uint8		head_hash[PG_SHA256_DIGEST_LENGTH];
	int			origin[NUM_STAGES]; /* stage left when each stage was last entered */
} Replay;

static void
report(Replay *replay, int32 seq, int64 history_id, const char *problem)
{
	Datum		values[4];
	bool		nulls[4] = {false, seq == 0, history_id == 0, false};

	values[0] = Int64GetDatum(replay->project_id);
	values[1] = Int32GetDatum(seq);
	values[2] = Int64GetDatum(history_id);
	values[3] = CStringGetTextDatum(problem);
	tuplestore_putvalues(replay->out, replay->desc, values, nulls);
}

/* A bytea column as a digest (NULL when NULL), cut or padded with zeros to its length. */
static const uint8 *
digest_or_null(const VerifyLine *line, VerifyColumn col, uint8 *digest)
{
	bytea	   *value;

	if (line->nulls[col])
		return NULL;
	value = DatumGetByteaPP(line->values[col]);
	memset(digest, 0, PG_SHA256_DIGEST_LENGTH);
	memcpy(digest, VARDATA_ANY(value), Min(VARSIZE_ANY_EXHDR(value), PG_SHA256_DIGEST_LENGTH));
	return digest;
}

static char *
text_or_null(const VerifyLine *line, VerifyColumn col)
{
	return line->nulls[col] ? NULL : TextDatumGetCString(line->values[col]);
}

static int
stage_or_none(const VerifyLine *line, VerifyColumn col)
{
	return line->nulls[col] ? STAGE_NONE : (int) lgit_stage_from_datum(line->values[col]);
}

static void
start_project(Replay *replay, const VerifyLine *line)
{
	int			i;

	replay->has_head = !line->nulls[COL_HEAD_SEQ];
	if (replay->has_head)
	{
		replay->head_seq = DatumGetInt32(line->values[COL_HEAD_SEQ]);
		if (digest_or_null(line, COL_HEAD_HASH, replay->head_hash) == NULL)
			memset(replay->head_hash, 0, PG_SHA256_DIGEST_LENGTH);
	}
	replay->last_seq = 0;
	replay->last_changed_at = DT_NOBEGIN;
	replay->approved = false;
	replay->project_id = DatumGetInt64(line->values[COL_PROJECT_ID]);
	replay->project_exists = DatumGetBool(line->values[COL_PROJECT_EXISTS]);
	replay->project_stage = stage_or_none(line, COL_PROJECT_STAGE);
	replay->expected_seq = 1;
	replay->last_to = STAGE_NONE;
	replay->have_hash = false;
	for (i = 0; i < NUM_STAGES; i++)
		replay->origin[i] = STAGE_NONE;
}

static void
finish_project(Replay *replay)
{
	if (!replay->project_exists)
		return;
	if (replay->last_to == STAGE_NONE)
		report(replay, 0, 0, "project has no history: it was written with lgit's triggers disabled");
	else if (replay->last_to != replay->project_stage)
		report(replay, 0, 0,
			   psprintf("project is at stage %s but its history ends at %s",
						lgit_stage_names[replay->project_stage], lgit_stage_names[replay->last_to]));

	/* the head lgit moved with the last row it appended */
	if (replay->last_seq == 0 || !replay->heads_kept)
		return;
	if (!replay->has_head)
		report(replay, 0, 0, "history has no head: lgit.history_head was changed around lgit");
	else if (replay->head_seq > replay->last_seq)
		report(replay, replay->head_seq, 0,
			   psprintf("history ends at seq %d but its head is at seq %d: rows were removed from its end",
						replay->last_seq, replay->head_seq));
	else if (replay->head_seq < replay->last_seq)
		report(replay, replay->last_seq, 0,
			   psprintf("history ends at seq %d but its head is at seq %d: rows were added around lgit",
						replay->last_seq, replay->head_seq));
	else if (memcmp(replay->head_hash, replay->last_hash, PG_SHA256_DIGEST_LENGTH) != 0)
		report(replay, replay->last_seq, 0, "the last row's hash differs from its head's: the chain was rewritten");
}

static char *
id_list(List *ids)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, ids)
		appendStringInfo(&buf, "%s" INT64_FORMAT, buf.len > 0 ? ", " : "", *(int64 *) lfirst(lc));
	return buf.data;
}

/*
 * Hash version 2: the documents relied on still say what they said when the
 * row was sealed, and the row was not recorded before the one it follows.
 */
static void
check_sealed_content(Replay *replay, const LgitHistoryRow *row, int64 history_id, const VerifyLine *line)
{
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	List	   *missing = NIL;
	bytea	   *stored = line->nulls[COL_EVIDENCE_HASH] ? NULL : DatumGetByteaPP(line->values[COL_EVIDENCE_HASH]);

	if (row->changed_at < replay->last_changed_at)
		report(replay, row->seq, history_id, "recorded before the row it follows");
	if (replay->evidence != NULL)
		lgit_evidence_scan_hash(replay->evidence, row->evidence, digest, &missing);
	else
		lgit_evidence_hash(row->evidence, digest, &missing);
	if (missing != NIL)
		report(replay, row->seq, history_id,
			   psprintf("documents relied on no longer exist: %s", id_list(missing)));
	else if (stored == NULL || VARSIZE_ANY_EXHDR(stored) != PG_SHA256_DIGEST_LENGTH ||
			 memcmp(VARDATA_ANY(stored), digest, PG_SHA256_DIGEST_LENGTH) != 0)
		report(replay, row->seq, history_id,
			   psprintf("the documents relied on (%s) are not as they were when the row was sealed",
						row->evidence != NIL ? id_list(row->evidence) : "none"));
}

static void replay_move(Replay *replay, const LgitHistoryRow *row, int64 history_id);

static void
replay_row(Replay *replay, const VerifyLine *line)
{
	LgitHistoryRow row;
	int64		history_id = DatumGetInt64(line->values[COL_HISTORY_ID]);
	bytea	   *stored;
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	uint8		prev_hash[PG_SHA256_DIGEST_LENGTH];
	uint8		stored_evidence_hash[PG_SHA256_DIGEST_LENGTH];

	memset(&row, 0, sizeof(row));
	row.project_id = replay->project_id;
	row.seq = DatumGetInt32(line->values[COL_SEQ]);
	row.from = stage_or_none(line, COL_FROM);
	row.to = (LgitStage) stage_or_none(line, COL_TO);
	row.actor = text_or_null(line, COL_ACTOR);
	row.capacity = lgit_capacity_from_datum(line->values[COL_CAPACITY]);
	row.actor_unit_id = DatumGetInt32(line->values[COL_ACTOR_UNIT]);
	row.project_unit_id = DatumGetInt32(line->values[COL_PROJECT_UNIT]);
	row.changed_at = DatumGetTimestampTz(line->values[COL_CHANGED_AT]);
	row.reason = text_or_null(line, COL_REASON);
	row.evidence = line->nulls[COL_EVIDENCE] ? NIL :
		lgit_evidence_from_array(DatumGetArrayTypeP(line->values[COL_EVIDENCE]));
	row.hash_version = DatumGetInt32(line->values[COL_HASH_VERSION]);
	row.kind = text_or_null(line, COL_KIND);
	row.judged = text_or_null(line, COL_JUDGED);
	row.evidence_hash = digest_or_null(line, COL_EVIDENCE_HASH, stored_evidence_hash);
	row.prev_hash = digest_or_null(line, COL_PREV_HASH, prev_hash);

	if (!replay->project_exists)
		report(replay, row.seq, history_id, "history row of a project that does not exist");

	/* the chain: no gaps, each row linked to the one before, each hash intact */
	if (row.seq != replay->expected_seq)
		report(replay, row.seq, history_id,
			   psprintf("expected seq %d here: rows are missing", replay->expected_seq));
	if (replay->have_hash &&
		(row.prev_hash == NULL || memcmp(row.prev_hash, replay->last_hash, PG_SHA256_DIGEST_LENGTH) != 0))
		report(replay, row.seq, history_id, "prev_hash does not match the previous row's row_hash");
	else if (!replay->have_hash && row.prev_hash != NULL)
		report(replay, row.seq, history_id, "first row of the chain has a prev_hash");
	lgit_history_hash(&row, digest);
	stored = DatumGetByteaPP(line->values[COL_ROW_HASH]);
	if (VARSIZE_ANY_EXHDR(stored) != PG_SHA256_DIGEST_LENGTH ||
		memcmp(VARDATA_ANY(stored), digest, PG_SHA256_DIGEST_LENGTH) != 0)
		report(replay, row.seq, history_id, "row_hash does not match the row's content");

	if (row.hash_version >= 2)
		check_sealed_content(replay, &row, history_id, line);

	if (row.kind != NULL && strcmp(row.kind, "reapproval") == 0)
	{
		/* Art 13, 23: a re-approval keeps the stage and is the approving body's act */
		if (row.from != replay->last_to || (int) row.to != replay->last_to)
			report(replay, row.seq, history_id, "a re-approval must keep the stage the chain stood at");
		if (!replay->approved || row.capacity != replay->approved_by)
			report(replay, row.seq, history_id,
				   psprintf("capacity %s re-approved a project %s", lgit_capacity_names[row.capacity],
							replay->approved ? psprintf("approved by %s", lgit_capacity_names[replay->approved_by])
							: "never approved"));
	}
	else
		replay_move(replay, &row, history_id);
	if (lgit_history_row_approves(row.from, row.to, row.kind ? row.kind : "move"))
	{
		replay->approved = true;
		replay->approved_by = row.capacity;
	}

	replay->expected_seq = row.seq + 1;
	replay->last_seq = row.seq;
	replay->last_changed_at = row.changed_at;
	replay->last_to = row.to;
	memcpy(replay->last_hash, VARDATA_ANY(stored),
		   Min(VARSIZE_ANY_EXHDR(stored), PG_SHA256_DIGEST_LENGTH));
	replay->have_hash = true;
}

/* the move itself: from where the chain stood, along an edge, in an allowed capacity */
static void
replay_move(Replay *replay, const LgitHistoryRow *row_in, int64 history_id)
{
	LgitHistoryRow row = *row_in;
	const LgitEdge *edge;

	if (row.from != replay->last_to)
		report(replay, row.seq, history_id,
			   psprintf("starts from %s but the previous row ended at %s",
						row.from == STAGE_NONE ? "(creation)" : lgit_stage_names[row.from],
						replay->last_to == STAGE_NONE ? "(nothing)" : lgit_stage_names[replay->last_to]));
	edge = lgit_edge(row.from, row.to);
	if (!edge->exists)
		report(replay, row.seq, history_id,
			   psprintf("%s -> %s is not an edge of the stage graph",
						row.from == STAGE_NONE ? "(creation)" : lgit_stage_names[row.from],
						lgit_stage_names[row.to]));
	else
	{
		if (!lgit_capacity_allowed(edge, row.capacity, row.actor_unit_id, row.project_unit_id))
			report(replay, row.seq, history_id,
				   psprintf("capacity %s of unit %d may not move a project of unit %d from %s to %s",
							lgit_capacity_names[row.capacity], row.actor_unit_id, row.project_unit_id,
							row.from == STAGE_NONE ? "(creation)" : lgit_stage_names[row.from],
							lgit_stage_names[row.to]));
		if (edge->origin_of != STAGE_NONE && replay->origin[edge->origin_of] != (int) row.to)
			report(replay, row.seq, history_id,
				   psprintf("went back to %s, not to the stage it came from",
							lgit_stage_names[row.to]));
	}

	replay->origin[row.to] = row.from;
}

/* Replays every chain into the result set. */
static void
verify_chains(ReturnSetInfo *rsinfo)
{
	MemoryContext line_context;
	MemoryContext old;
	Replay		replay;
	VerifyReader *reader;
	VerifyLine	line;
	bool		started = false;

	memset(&replay, 0, sizeof(replay));
	replay.out = rsinfo->setResult;
	replay.desc = rsinfo->setDesc;
	/* a line needs a few kilobytes; one block kept for it spares malloc and page faults */
	line_context = AllocSetContextCreate(CurrentMemoryContext, "lgit verify line",
										 64 * 1024, 64 * 1024, ALLOCSET_DEFAULT_MAXSIZE);
	replay.heads_kept = lgit_history_sealed();
	if (replay.heads_kept)
		replay.evidence = lgit_evidence_scan_open(false);
	reader = verify_reader_open(replay.heads_kept);
	old = MemoryContextSwitchTo(line_context);
	while (verify_reader_next(reader, &line))
	{
		if (!started || DatumGetInt64(line.values[COL_PROJECT_ID]) != replay.project_id)
		{
			if (started)
				finish_project(&replay);
			start_project(&replay, &line);
			started = true;
		}
		if (!line.nulls[COL_HISTORY_ID])
			replay_row(&replay, &line);
		/* the replay keeps nothing a line allocated */
		MemoryContextReset(line_context);
	}
	if (started)
		finish_project(&replay);
	MemoryContextSwitchTo(old);
	verify_reader_close(reader);
	if (replay.evidence != NULL)
		lgit_evidence_scan_close(replay.evidence);
	MemoryContextDelete(line_context);
}

PG_FUNCTION_INFO_V1(lgit_verify);
Datum
lgit_verify(PG_FUNCTION_ARGS)
{
	InitMaterializedSRF(fcinfo, 0);
	verify_chains((ReturnSetInfo *) fcinfo->resultinfo);
	return (Datum) 0;
}

/*
 * lgit.verify(anchor): what only a copy kept outside the database shows.
 * Each head the anchor holds (from lgit.anchor()) must still be in the
 * chain, with the same hash: a project removed with its history, a chain cut
 * back with its head, a chain rewritten and re-sealed all fail that.
 */
PG_FUNCTION_INFO_V1(lgit_verify_anchor);
Datum
lgit_verify_anchor(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr shape_plan = NULL;
	static SPIPlanPtr heads_plan = NULL;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			types[1] = {JSONBOID};
	Datum		values[1];
	char	   *problem;
	uint64		row;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("anchor must not be NULL"),
				 errhint("Pass what lgit.anchor() returned, as jsonb: to_jsonb(a) FROM lgit.anchor() a.")));
	values[0] = PG_GETARG_DATUM(0);

	lgit_spi_connect();
	lgit_plan(&shape_plan,
			  "SELECT CASE WHEN jsonb_typeof($1) <> 'object' OR jsonb_typeof($1 -> 'heads') <> 'array' "
			  "  THEN 'an anchor is an object with an array of heads' "
			  "  WHEN EXISTS (SELECT FROM jsonb_array_elements($1 -> 'heads') e "
			  "    WHERE jsonb_typeof(e) <> 'object' OR jsonb_typeof(e -> 'project_id') <> 'number' "
			  "       OR jsonb_typeof(e -> 'seq') <> 'number' OR jsonb_typeof(e -> 'row_hash') <> 'string' "
			  "       OR (e ->> 'row_hash') !~ '^[0-9a-f]{64}$') "
			  "  THEN 'each head of an anchor has a project_id, a seq and a row_hash (64 hex digits)' END",
			  1, types);
	lgit_execute(shape_plan, values, NULL, true, 1);
	problem = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", problem),
				 errhint("Pass what lgit.anchor() returned, as jsonb: to_jsonb(a) FROM lgit.anchor() a.")));
	lgit_spi_finish();

	InitMaterializedSRF(fcinfo, 0);
	verify_chains(rsinfo);

	lgit_spi_connect();
	/* the anchor's own digest first: a kept copy of the heads must match the printed receipt */
	lgit_plan(&heads_plan,
			  "WITH a AS (SELECT x.project_id, x.seq, x.row_hash "
			  "           FROM jsonb_to_recordset($1 -> 'heads') AS x(project_id bigint, seq int, row_hash text)) "
			  "SELECT NULL::bigint, NULL::int, NULL::bigint, 'the anchor''s heads do not give its digest' "
			  "WHERE $1 ? 'digest' AND $1 ->> 'digest' IS DISTINCT FROM (SELECT encode(sha256(convert_to(coalesce(string_agg("
			  "    format('%s:%s:%s', a.project_id, a.seq, a.row_hash), E'\\n' ORDER BY a.project_id), ''), 'UTF8')), 'hex') FROM a) "
			  "UNION ALL "
			  "SELECT a.project_id, a.seq, h.history_id, "
			  "  CASE WHEN p.project_id IS NULL THEN format('project anchored at seq %s is missing', a.seq) "
			  "       WHEN h.history_id IS NULL THEN format('history ends at seq %s, behind its anchored head at seq %s', "
			  "         coalesce((SELECT max(l.seq) FROM lgit.history l WHERE l.project_id = a.project_id), 0), a.seq) "
			  "       WHEN encode(h.row_hash, 'hex') <> a.row_hash THEN 'row differs from the anchored head: the chain was rewritten' END "
			  "FROM a LEFT JOIN lgit.project p ON p.project_id = a.project_id "
			  "LEFT JOIN lgit.history h ON h.project_id = a.project_id AND h.seq = a.seq "
			  "WHERE p.project_id IS NULL OR h.history_id IS NULL OR encode(h.row_hash, 'hex') <> a.row_hash "
			  "ORDER BY 1 NULLS FIRST",
			  1, types);
	lgit_execute(heads_plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Datum		out[4];
		bool		nulls[4];
		int			i;

		for (i = 0; i < 4; i++)
		{
			out[i] = SPI_getbinval(tuple, desc, i + 1, &nulls[i]);
			if (i == 3)
				out[i] = CStringGetTextDatum(SPI_getvalue(tuple, desc, 4));
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
	}
	lgit_spi_finish();
	return (Datum) 0;
}
