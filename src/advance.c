/*
 * advance.c
 *		lgit.advance(): move a project; lgit.blockers(): what stands in the way.
 *
 * advance() is a convenience over UPDATE lgit.project SET stage: its UPDATE
 * moves only a project not at the stage already, so that of two sessions
 * making the same move the second sees the first's result and is refused
 * instead of silently repeating it, and lets the project trigger judge and
 * record the move.  blockers() runs the
 * same check list without moving anything.
 */
#include "postgres.h"

#include "funcapi.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "lgit.h"

extern int64 lgit_last_history_id;

static int64
required_project_id(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("project_id must not be NULL")));
	return PG_GETARG_INT64(0);
}

static LgitStage
required_to_stage(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("to_stage must not be NULL"),
				 errhint("Name one of the labels of lgit.stage.")));
	return lgit_stage_from_datum(PG_GETARG_DATUM(1));
}

/*
 * Runs advance()'s UPDATE, its reason handed to the trigger that records the
 * move.  A refusal raised by the trigger is re-thrown without the "SQL
 * statement" context SPI adds: the caller wrote lgit.advance(), not that
 * UPDATE.
 */
static void
execute_update(SPIPlanPtr plan, Datum *values, int64 project_id, const char *reason)
{
	MemoryContext context = CurrentMemoryContext;
	LgitAdvancing outer = lgit_advancing_begin(project_id, reason);

	PG_TRY();
	{
		lgit_execute(plan, values, NULL, false, 0);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		lgit_advancing_end(outer);
		MemoryContextSwitchTo(context);
		edata = CopyErrorData();
		FlushErrorState();
		edata->context = NULL;
		ReThrowError(edata);
	}
	PG_END_TRY();
	lgit_advancing_end(outer);
}

/*
 * The project as the caller's SPI connection reads it, locked FOR UPDATE when
 * asked; "no such project" when there is none.
 */
static void
read_project(int64 project_id, bool lock, LgitProject *project)
{
	static SPIPlanPtr plan = NULL;
	static SPIPlanPtr lock_plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];

	if (lock)
		lgit_plan(&lock_plan, "SELECT * FROM lgit.project WHERE project_id = $1 FOR UPDATE", 1, types);
	else
		lgit_plan(&plan, "SELECT * FROM lgit.project WHERE project_id = $1", 1, types);
	values[0] = Int64GetDatum(project_id);
	lgit_execute(lock ? lock_plan : plan, values, NULL, !lock, 1);
	if (SPI_processed != 1)
		lgit_report_no_such_project(project_id);
	lgit_project_from_tuple(project, SPI_tuptable->vals[0], SPI_tuptable->tupdesc);
}

/* The check list over a move of the project to `to` by the current actor. */
static void
check_move_to(LgitCheck *check, LgitProject *project, LgitActor *actor, LgitStage to, const char *reason)
{
	LgitMove   *move = palloc(sizeof(LgitMove));

	move->project = project;
	move->from = project->stage;
	move->to = to;
	move->actor = actor;
	move->reason = reason;
	move->on = lgit_today();
	lgit_check_move(check, move);
}

/*
 * When advance()'s UPDATE changed nothing: refuses as for a project that is
 * not there, or already at the stage (the second of two concurrent identical
 * moves, which waited for the first); returns to try the UPDATE again only
 * if the project moved elsewhere meanwhile - its row is locked by then.
 */
static void
refuse_unmoved(int64 project_id, LgitStage to, char *reason)
{
	LgitProject project;
	LgitActor	actor;
	LgitCheck	check;

	read_project(project_id, true, &project);
	if (project.stage != to)
		return;
	lgit_current_actor(&actor);
	check_move_to(&check, &project, &actor, to, reason);
	lgit_raise(check.findings);
}

PG_FUNCTION_INFO_V1(lgit_advance);
Datum
lgit_advance(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr update_plan = NULL;
	int64		project_id = required_project_id(fcinfo);
	LgitStage	to = required_to_stage(fcinfo);
	char	   *reason = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	int			attempt;

	lgit_spi_connect();
	lgit_plan(&update_plan,
			  "UPDATE lgit.project SET stage = $2::lgit.stage WHERE project_id = $1 AND stage <> $2::lgit.stage",
			  2, types);
	values[0] = Int64GetDatum(project_id);
	values[1] = CStringGetTextDatum(lgit_stage_names[to]);

	/*
	 * The UPDATE locks the project's row before its trigger judges the move,
	 * so that of two sessions making the same move the second waits, finds
	 * the project moved already and changes nothing.
	 */
	for (attempt = 0;; attempt++)
	{
		lgit_last_history_id = 0;
		execute_update(update_plan, values, project_id, reason);
		if (SPI_processed == 1)
			break;
		if (attempt > 0)
			elog(ERROR, "lgit: project " INT64_FORMAT " could not be moved", project_id);
		refuse_unmoved(project_id, to, reason);
	}
	if (lgit_last_history_id == 0)
		elog(ERROR, "lgit: moving project " INT64_FORMAT " wrote no history", project_id);
	lgit_spi_finish();
	/* the row as the trigger wrote it, not read back */
	PG_RETURN_DATUM(lgit_history_row_written(lgit_last_history_id));
}

PG_FUNCTION_INFO_V1(lgit_blockers);
Datum
lgit_blockers(PG_FUNCTION_ARGS)
{
	int64		project_id = required_project_id(fcinfo);
	LgitStage	to = required_to_stage(fcinfo);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	LgitProject project;
	LgitActor	actor;
	LgitCheck	check;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	lgit_current_actor(&actor);

	lgit_spi_connect();
	read_project(project_id, false, &project);
	check_move_to(&check, &project, &actor, to, lgit_reason(project_id));

	foreach(lc, check.findings)
	{
		LgitFinding *finding = lfirst(lc);
		Datum		row[5];
		bool		nulls[5] = {false, false, false, false, finding->hint == NULL};
		char	   *article;
		char	   *severity;
		char	   *quote;

		lgit_rule_info(finding->code, &article, &severity, &quote);
		row[0] = CStringGetTextDatum(finding->code);
		row[1] = CStringGetTextDatum(article);
		row[2] = CStringGetTextDatum(finding->message);
		row[3] = lgit_facts_jsonb(finding);
		row[4] = finding->hint ? CStringGetTextDatum(finding->hint) : (Datum) 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, row, nulls);
	}
	lgit_spi_finish();
	return (Datum) 0;
}
