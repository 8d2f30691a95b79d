/*
 * compliance.c
 *		lgit.check_project(): every rule a project breaks now (SPEC §7).
 *
 * Each move in the project's history is judged again by the gates that
 * weigh evidence (gates.c, "replayed"), on the evidence and the unit's
 * sanctions on record and with the policy in force on the day of the move -
 * so a threshold changed for the future does not re-judge a project already
 * past it, while a document or amount changed behind a gate's back shows.
 * The actor and the stage graph are lgit.verify()'s to replay.  A project
 * whose judged fields differ from what its last approval saw is reported
 * too (approval.c).
 */
#include "postgres.h"

#include "funcapi.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "lgit.h"

typedef struct PastMove
{
	int			from;
	LgitStage	to;
	DateADT		on;
} PastMove;

static bool
already_reported(List *reported, LgitFinding *finding)
{
	ListCell   *lc;

	foreach(lc, reported)
	{
		LgitFinding *other = lfirst(lc);

		if (strcmp(other->code, finding->code) == 0 && strcmp(other->message, finding->message) == 0)
			return true;
	}
	return false;
}

PG_FUNCTION_INFO_V1(lgit_check_project);
Datum
lgit_check_project(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr project_plan = NULL;
	static SPIPlanPtr history_plan = NULL;
	static SPIPlanPtr history_v1_plan = NULL;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	LgitProject project;
	List	   *moves = NIL;
	List	   *reported = NIL;
	List	   *judged;
	ListCell   *lc;
	uint64		row;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("project_id must not be NULL")));
	InitMaterializedSRF(fcinfo, 0);
	values[0] = PG_GETARG_DATUM(0);

	lgit_spi_connect();
	lgit_plan(&project_plan, "SELECT * FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute(project_plan, values, NULL, true, 1);
	if (SPI_processed != 1)
		lgit_report_no_such_project(PG_GETARG_INT64(0));
	lgit_project_from_tuple(&project, SPI_tuptable->vals[0], SPI_tuptable->tupdesc);

	/* re-approvals keep the stage: only moves are judged again (0.1.0's schema has none) */
	if (lgit_history_sealed())
		lgit_plan(&history_plan,
				  "SELECT from_stage, to_stage, (changed_at AT TIME ZONE 'Asia/Shanghai')::date "
				  "FROM lgit.history WHERE project_id = $1 AND kind = 'move' ORDER BY seq",
				  1, types);
	else
		lgit_plan(&history_v1_plan,
				  "SELECT from_stage, to_stage, (changed_at AT TIME ZONE 'Asia/Shanghai')::date "
				  "FROM lgit.history WHERE project_id = $1 ORDER BY seq",
				  1, types);
	lgit_execute(lgit_history_sealed() ? history_plan : history_v1_plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		PastMove   *move = palloc(sizeof(PastMove));
		bool		isnull;
		Datum		from = SPI_getbinval(tuple, desc, 1, &isnull);

		move->from = isnull ? STAGE_NONE : (int) lgit_stage_from_datum(from);
		move->to = lgit_stage_from_datum(SPI_getbinval(tuple, desc, 2, &isnull));
		move->on = DatumGetDateADT(SPI_getbinval(tuple, desc, 3, &isnull));
		moves = lappend(moves, move);
	}

	/* Art 13, 23: the fields the last approval judged, as it saw them */
	judged = lgit_judged_findings(&project);

	foreach(lc, moves)
	{
		PastMove   *past = lfirst(lc);
		LgitMove	move;
		LgitCheck	check;
		ListCell   *fc;

		memset(&move, 0, sizeof(move));
		move.project = &project;
		move.from = past->from;
		move.to = past->to;
		move.on = past->on;
		lgit_replay_move(&check, &move);
		if (lnext(moves, lc) == NULL)
			check.findings = list_concat(check.findings, judged);
		foreach(fc, check.findings)
		{
			LgitFinding *finding = lfirst(fc);
			Datum		out[5];
			bool		nulls[5] = {false, false, false, false, false};
			char	   *article;
			char	   *severity;
			char	   *quote;

			if (already_reported(reported, finding))
				continue;
			reported = lappend(reported, finding);
			lgit_rule_info(finding->code, &article, &severity, &quote);
			out[0] = CStringGetTextDatum(finding->code);
			out[1] = CStringGetTextDatum(article);
			out[2] = CStringGetTextDatum(severity);
			out[3] = CStringGetTextDatum(finding->message);
			out[4] = lgit_facts_jsonb(finding);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
		}
	}
	lgit_spi_finish();
	return (Datum) 0;
}
