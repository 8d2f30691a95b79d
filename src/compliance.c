/*
 * compliance.c
 *		lgit.check_project(): every rule a project breaks now (doc/lgit.md §7).
 *
 * Each move in the project's history is judged again by the gates that
 * weigh evidence (gates.c, "replayed"), on the evidence and the unit's
 * sanctions on record and with the policy in force on the day of the move -
 * so a threshold changed for the future does not re-judge a project already
 * past it, while a document or amount changed behind a gate's back shows.
 * The actor and the stage graph are lgit.verify()'s to replay.  Then what
 * the record shows apart from moves: fields that differ from what the last
 * approval saw (Art 13, 23, LG231; approval.c), contracts filed late (Art
 * 19, LG191), and running clocks whose due date is provisional because a
 * year it counts is not loaded (LG009): judged again on every call, so exact
 * once it is.  Near the calendar's end (as_of, today by default), a project
 * with running clocks says so too (LG009).
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

static void
put_finding(ReturnSetInfo *rsinfo, List **reported, LgitFinding *finding)
{
	Datum		out[5];
	bool		nulls[5] = {false, false, false, false, false};
	char	   *article;
	char	   *severity;
	char	   *quote;

	if (already_reported(*reported, finding))
		return;
	*reported = lappend(*reported, finding);
	lgit_rule_info(finding->code, &article, &severity, &quote);
	out[0] = CStringGetTextDatum(finding->code);
	out[1] = CStringGetTextDatum(article);
	out[2] = CStringGetTextDatum(severity);
	out[3] = CStringGetTextDatum(finding->message);
	out[4] = lgit_facts_jsonb(finding);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
}

/* LG009: each running working-day clock of the project whose due date is provisional. */
static List *
provisional_deadline_findings(Datum project_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	List	   *findings = NIL;
	uint64		row;

	lgit_plan(&plan,
			  "SELECT obligation, started_on, workdays, due FROM lgit.deadlines "
			  "WHERE project_id = $1 AND due_provisional ORDER BY started_on, obligation",
			  1, types);
	lgit_execute(plan, &project_id, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		LgitFinding *finding;

		finding = lgit_finding(&findings, RULE_CALENDAR,
							   "Load the State Council's notice for the missing year with lgit.load_calendar_year(); the due date is then exact.",
							   "the due date of the %s is provisional until the working-day calendar of its year is loaded",
							   SPI_getvalue(tuple, desc, 1));
		lgit_fact(finding, "started_on", SPI_getvalue(tuple, desc, 2));
		lgit_fact(finding, "workdays", SPI_getvalue(tuple, desc, 3));
		lgit_fact(finding, "provisional_due", SPI_getvalue(tuple, desc, 4));
	}
	return findings;
}

/*
 * LG009, the warning before the cliff: as_of lies within calendar_warning_days
 * of the last loaded day (or after it) and the project has running
 * working-day clocks, which will count days of the next year provisionally.
 */
static List *
calendar_window_findings(Datum project_id, DateADT as_of)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	List	   *findings = NIL;
	bool		loaded;
	DateADT		last_day = lgit_calendar_last_day(&loaded);
	int32		window = DatumGetInt32(DirectFunctionCall1(numeric_int4,
														   NumericGetDatum(lgit_policy_value("calendar_warning_days", as_of, NULL))));
	int64		running;
	bool		isnull;
	LgitFinding *finding;

	if (loaded && last_day - as_of > window)
		return NIL;
	lgit_plan(&plan, "SELECT count(*) FROM lgit.deadlines WHERE project_id = $1", 1, types);
	lgit_execute(plan, &project_id, NULL, true, 1);
	running = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (running == 0)
		return NIL;
	finding = lgit_finding(&findings, RULE_CALENDAR,
						   "The authority loads the State Council's notice for the next year with lgit.load_calendar_year() as soon as it is published.",
						   loaded ? "the working-day calendar ends on %s: this project's running deadlines count later days provisionally until the next year is loaded"
						   : "no working-day calendar is loaded%s: this project's running deadlines are provisional",
						   loaded ? lgit_date_text(last_day) : "");
	if (loaded)
	{
		lgit_fact(finding, "last_loaded_day", lgit_date_text(last_day));
		lgit_fact_int(finding, "days_left", last_day - as_of);
	}
	lgit_fact_int(finding, "warning_days", window);
	lgit_fact_int(finding, "running_deadlines", running);
	lgit_fact(finding, "as_of", lgit_date_text(as_of));
	return findings;
}

/*
 * Each move of the history judged again by the gates that weigh evidence.
 * They all read the same snapshot: the project's documents are read once.
 */
static void
replay_moves(ReturnSetInfo *rsinfo, LgitProject *project, List *moves, List **reported)
{
	lgit_documents_prefetch(project->project_id);
	PG_TRY();
	{
		ListCell   *lc;

		foreach(lc, moves)
		{
			PastMove   *past = lfirst(lc);
			LgitMove	move;
			LgitCheck	check;
			ListCell   *fc;

			memset(&move, 0, sizeof(move));
			move.project = project;
			move.from = past->from;
			move.to = past->to;
			move.on = past->on;
			lgit_replay_move(&check, &move);
			foreach(fc, check.findings)
				put_finding(rsinfo, reported, lfirst(fc));
		}
	}
	PG_FINALLY();
	{
		lgit_documents_prefetch_end();
	}
	PG_END_TRY();
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
	DateADT		as_of;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("project_id must not be NULL")));
	/* lgit.check_project(project_id, as_of): the day the calendar warning is judged for */
	if (PG_NARGS() > 1 && PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be NULL")));
	as_of = PG_NARGS() > 1 ? PG_GETARG_DATEADT(1) : lgit_today();
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

	replay_moves(rsinfo, &project, moves, &reported);
	foreach(lc, judged)
		put_finding(rsinfo, &reported, lfirst(lc));
	foreach(lc, lgit_contract_filing_findings(project.project_id))
		put_finding(rsinfo, &reported, lfirst(lc));
	foreach(lc, provisional_deadline_findings(values[0]))
		put_finding(rsinfo, &reported, lfirst(lc));
	if (!DATE_NOT_FINITE(as_of))
		foreach(lc, calendar_window_findings(values[0], as_of))
			put_finding(rsinfo, &reported, lfirst(lc));
	lgit_spi_finish();
	return (Datum) 0;
}
