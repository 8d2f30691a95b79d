/*
 * verify.c
 *		lgit.verify(): replay every project's history (doc/lgit.md §3, §7).
 *
 * The triggers keep honest writers honest; verify() catches the rest - rows
 * changed or removed by a superuser who disabled the triggers, or restored
 * from an edited dump.  For each project it walks the chain in seq order and
 * recomputes each hash, checks each link, and replays each change against
 * the stage graph and the capacities it allows (the same functions the
 * trigger uses).  The feasibility fork is not replayed: it depends on the
 * amounts and policy of the day, which history does not keep.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "lgit.h"

/* Columns of the replay query, in order. */
enum
{
	COL_PROJECT_ID = 1,
	COL_PROJECT_STAGE,
	COL_PROJECT_EXISTS,
	COL_HISTORY_ID,
	COL_SEQ,
	COL_FROM,
	COL_TO,
	COL_ACTOR,
	COL_CAPACITY,
	COL_ACTOR_UNIT,
	COL_PROJECT_UNIT,
	COL_CHANGED_AT,
	COL_REASON,
	COL_EVIDENCE,
	COL_PREV_HASH,
	COL_ROW_HASH
};

typedef struct Replay
{
	Tuplestorestate *out;
	TupleDesc	desc;
	int64		project_id;
	bool		project_exists;
	int			project_stage;
	int32		expected_seq;
	int			last_to;		/* STAGE_NONE before the first row */
	bool		have_hash;
	uint8		last_hash[PG_SHA256_DIGEST_LENGTH];
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

static void
start_project(Replay *replay, int64 project_id, bool exists, int stage)
{
	int			i;

	replay->project_id = project_id;
	replay->project_exists = exists;
	replay->project_stage = stage;
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
}

static int
stage_or_none(HeapTuple tuple, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		value = SPI_getbinval(tuple, desc, col, &isnull);

	return isnull ? STAGE_NONE : (int) lgit_stage_from_datum(value);
}

static void
replay_row(Replay *replay, HeapTuple tuple, TupleDesc desc)
{
	LgitHistoryRow row;
	const LgitEdge *edge;
	int64		history_id;
	bool		isnull;
	bytea	   *stored;
	Datum		prev;
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	uint8		prev_hash[PG_SHA256_DIGEST_LENGTH];

	memset(&row, 0, sizeof(row));
	history_id = DatumGetInt64(SPI_getbinval(tuple, desc, COL_HISTORY_ID, &isnull));
	row.project_id = replay->project_id;
	row.seq = DatumGetInt32(SPI_getbinval(tuple, desc, COL_SEQ, &isnull));
	row.from = stage_or_none(tuple, desc, COL_FROM);
	row.to = (LgitStage) stage_or_none(tuple, desc, COL_TO);
	row.actor = SPI_getvalue(tuple, desc, COL_ACTOR);
	row.capacity = lgit_capacity_from_datum(SPI_getbinval(tuple, desc, COL_CAPACITY, &isnull));
	row.actor_unit_id = DatumGetInt32(SPI_getbinval(tuple, desc, COL_ACTOR_UNIT, &isnull));
	row.project_unit_id = DatumGetInt32(SPI_getbinval(tuple, desc, COL_PROJECT_UNIT, &isnull));
	row.changed_at = DatumGetTimestampTz(SPI_getbinval(tuple, desc, COL_CHANGED_AT, &isnull));
	row.reason = SPI_getvalue(tuple, desc, COL_REASON);
	row.evidence = lgit_evidence_from_array(DatumGetArrayTypeP(SPI_getbinval(tuple, desc, COL_EVIDENCE, &isnull)));
	prev = SPI_getbinval(tuple, desc, COL_PREV_HASH, &isnull);
	if (!isnull)
	{
		bytea	   *p = DatumGetByteaPP(prev);

		memset(prev_hash, 0, sizeof(prev_hash));
		memcpy(prev_hash, VARDATA_ANY(p), Min(VARSIZE_ANY_EXHDR(p), PG_SHA256_DIGEST_LENGTH));
		row.prev_hash = prev_hash;
	}

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
	stored = DatumGetByteaPP(SPI_getbinval(tuple, desc, COL_ROW_HASH, &isnull));
	if (VARSIZE_ANY_EXHDR(stored) != PG_SHA256_DIGEST_LENGTH ||
		memcmp(VARDATA_ANY(stored), digest, PG_SHA256_DIGEST_LENGTH) != 0)
		report(replay, row.seq, history_id, "row_hash does not match the row's content");

	/* the move itself: from where the chain stood, along an edge, in an allowed capacity */
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

	replay->expected_seq = row.seq + 1;
	replay->last_to = row.to;
	replay->origin[row.to] = row.from;
	memcpy(replay->last_hash, VARDATA_ANY(stored),
		   Min(VARSIZE_ANY_EXHDR(stored), PG_SHA256_DIGEST_LENGTH));
	replay->have_hash = true;
}

PG_FUNCTION_INFO_V1(lgit_verify);
Datum
lgit_verify(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext batch_context;
	Replay		replay;
	bool		started = false;
	Portal		portal;

	InitMaterializedSRF(fcinfo, 0);
	memset(&replay, 0, sizeof(replay));
	replay.out = rsinfo->setResult;
	replay.desc = rsinfo->setDesc;
	batch_context = AllocSetContextCreate(CurrentMemoryContext, "lgit verify batch",
										  ALLOCSET_DEFAULT_SIZES);

	lgit_spi_connect();
	/* A full join, so that projects without history and history without projects show. */
	lgit_plan(&plan,
			  "SELECT coalesce(h.project_id, p.project_id), p.stage, p.project_id IS NOT NULL, "
			  "h.history_id, h.seq, h.from_stage, h.to_stage, h.actor, h.capacity, "
			  "h.actor_unit_id, h.project_unit_id, h.changed_at, h.reason, h.evidence, h.prev_hash, h.row_hash "
			  "FROM lgit.history h FULL JOIN lgit.project p ON p.project_id = h.project_id "
			  "ORDER BY 1, h.seq",
			  0, NULL);
	portal = lgit_cursor_open(plan, NULL, NULL);
	for (;;)
	{
		uint64		row;
		MemoryContext old;

		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		old = MemoryContextSwitchTo(batch_context);
		for (row = 0; row < SPI_processed; row++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[row];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			int64		project_id = DatumGetInt64(SPI_getbinval(tuple, desc, COL_PROJECT_ID, &isnull));

			if (!started || project_id != replay.project_id)
			{
				if (started)
					finish_project(&replay);
				start_project(&replay, project_id,
							  DatumGetBool(SPI_getbinval(tuple, desc, COL_PROJECT_EXISTS, &isnull)),
							  stage_or_none(tuple, desc, COL_PROJECT_STAGE));
				started = true;
			}
			SPI_getbinval(tuple, desc, COL_HISTORY_ID, &isnull);
			if (!isnull)
				replay_row(&replay, tuple, desc);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(batch_context);
		SPI_freetuptable(SPI_tuptable);
	}
	if (started)
		finish_project(&replay);
	SPI_cursor_close(portal);
	lgit_spi_finish();
	MemoryContextDelete(batch_context);
	return (Datum) 0;
}
