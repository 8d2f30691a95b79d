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
 *
 * All of it but that last warning depends on the record alone, not on the
 * day: lgit_standing_findings() is what lgit.finding keeps per project
 * (finding_cache.c), and lgit.violations adds the warning for the day.
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

/* The same rule with the same message once: replays of several moves find the same gap. */
static void
add_unreported(List **findings, LgitFinding *finding)
{
	ListCell   *lc;

	foreach(lc, *findings)
	{
		LgitFinding *other = lfirst(lc);

		if (strcmp(other->code, finding->code) == 0 && strcmp(other->message, finding->message) == 0)
			return;
	}
	*findings = lappend(*findings, finding);
}

static void
add_all_unreported(List **findings, List *more)
{
	ListCell   *lc;

	foreach(lc, more)
		add_unreported(findings, lfirst(lc));
}

/* code, article, severity, message, facts: the columns of lgit.check_project() */
void
lgit_finding_columns(LgitFinding *finding, Datum *out)
{
	char	   *article;
	char	   *severity;
	char	   *quote;

	lgit_rule_info(finding->code, &article, &severity, &quote);
	out[0] = CStringGetTextDatum(finding->code);
	out[1] = CStringGetTextDatum(article);
	out[2] = CStringGetTextDatum(severity);
	out[3] = CStringGetTextDatum(finding->message);
	out[4] = lgit_facts_jsonb(finding);
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
		bool		isnull;

		finding = lgit_finding(&findings, RULE_CALENDAR,
							   "Load the State Council's notice for the missing year with lgit.load_calendar_year(); the due date is then exact.",
							   "the due date of the %s is provisional until the working-day calendar of its year is loaded",
							   SPI_getvalue(tuple, desc, 1));
		/* dates in ISO whatever the session's DateStyle: the facts are kept (lgit.finding) */
		lgit_fact(finding, "started_on",
				  lgit_date_text(DatumGetDateADT(SPI_getbinval(tuple, desc, 2, &isnull))));
		lgit_fact(finding, "workdays", SPI_getvalue(tuple, desc, 3));
		lgit_fact(finding, "provisional_due",
				  lgit_date_text(DatumGetDateADT(SPI_getbinval(tuple, desc, 4, &isnull))));
	}
	return findings;
}

/*
 * LG009, the warning before the cliff: as_of lies within calendar_warning_days
 * of the last loaded day (or after it).  Then every project with running
 * working-day clocks, which will count days of the next year provisionally,
 * gets calendar_window_finding().
 */
typedef struct CalendarWindow
{
	bool		open;
	bool		loaded;
	DateADT		last_day;
	int32		warning_days;
	DateADT		as_of;
} CalendarWindow;

static CalendarWindow
calendar_window(DateADT as_of)
{
	CalendarWindow window;

	memset(&window, 0, sizeof(window));
	window.as_of = as_of;
	if (DATE_NOT_FINITE(as_of))
		return window;
	window.last_day = lgit_calendar_last_day(&window.loaded);
	window.warning_days = DatumGetInt32(DirectFunctionCall1(numeric_int4,
															NumericGetDatum(lgit_policy_value("calendar_warning_days", as_of, NULL))));
	window.open = !window.loaded || window.last_day - as_of <= window.warning_days;
	return window;
}

static LgitFinding *
calendar_window_finding(const CalendarWindow *window, int64 running)
{
	List	   *findings = NIL;
	LgitFinding *finding;

	finding = lgit_finding(&findings, RULE_CALENDAR,
						   "The authority loads the State Council's notice for the next year with lgit.load_calendar_year() as soon as it is published.",
						   window->loaded ? "the working-day calendar ends on %s: this project's running deadlines count later days provisionally until the next year is loaded"
						   : "no working-day calendar is loaded%s: this project's running deadlines are provisional",
						   window->loaded ? lgit_date_text(window->last_day) : "");
	if (window->loaded)
	{
		lgit_fact(finding, "last_loaded_day", lgit_date_text(window->last_day));
		lgit_fact_int(finding, "days_left", window->last_day - window->as_of);
	}
	lgit_fact_int(finding, "warning_days", window->warning_days);
	lgit_fact_int(finding, "running_deadlines", running);
	lgit_fact(finding, "as_of", lgit_date_text(window->as_of));
	return finding;
}

/* The project's running working-day clocks (lgit.deadlines), read as the caller. */
static int64
running_deadlines(Datum project_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	bool		isnull;

	lgit_plan(&plan, "SELECT count(*) FROM lgit.deadlines WHERE project_id = $1", 1, types);
	lgit_execute(plan, &project_id, NULL, true, 1);
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * Each move of the history judged again by the gates that weigh evidence.
 * They all read the same snapshot: the project's documents are read once.
 */
static void
replay_moves(List **findings, LgitProject *project, List *moves)
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

			memset(&move, 0, sizeof(move));
			move.project = project;
			move.from = past->from;
			move.to = past->to;
			move.on = past->on;
			lgit_replay_move(&check, &move);
			add_all_unreported(findings, check.findings);
		}
	}
	PG_FINALLY();
	{
		lgit_documents_prefetch_end();
	}
	PG_END_TRY();
}

/* The project's moves, oldest first (re-approvals keep the stage: only moves are judged again). */
static List *
past_moves(Datum project_id)
{
	static SPIPlanPtr history_plan = NULL;
	static SPIPlanPtr history_v1_plan = NULL;
	Oid			types[1] = {INT8OID};
	List	   *moves = NIL;
	uint64		row;

	/* 0.1.0's history has no kind: every row is a move */
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
	lgit_execute(lgit_history_sealed() ? history_plan : history_v1_plan, &project_id, NULL, true, 0);
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
	return moves;
}

/*
 * Every rule the project breaks that stays broken until its record changes:
 * what lgit.check_project() reports, but the calendar's warning window, which
 * depends on the day.  Runs with SPI connected, under the caller's
 * privileges; the findings are allocated in the caller's memory context.
 * False, and nothing found, when the project does not exist (or is not
 * visible).
 */
bool
lgit_standing_findings(int64 project_id, List **findings)
{
	static SPIPlanPtr project_plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		id = Int64GetDatum(project_id);
	LgitProject project;
	List	   *moves;
	List	   *judged;

	*findings = NIL;
	lgit_plan(&project_plan, "SELECT * FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute(project_plan, &id, NULL, true, 1);
	if (SPI_processed != 1)
		return false;
	lgit_project_from_tuple(&project, SPI_tuptable->vals[0], SPI_tuptable->tupdesc);
	moves = past_moves(id);

	/* Art 13, 23: the fields the last approval judged, as it saw them */
	judged = lgit_judged_findings(&project);

	replay_moves(findings, &project, moves);
	add_all_unreported(findings, judged);
	add_all_unreported(findings, lgit_contract_filing_findings(project.project_id));
	add_all_unreported(findings, provisional_deadline_findings(id));
	return true;
}

/* Writes the findings as rows of lgit.check_project(), with the project's id first if asked. */
static void
put_findings(ReturnSetInfo *rsinfo, List *findings, bool with_project, int64 project_id)
{
	ListCell   *lc;

	foreach(lc, findings)
	{
		Datum		out[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		if (with_project)
			out[0] = Int64GetDatum(project_id);
		lgit_finding_columns(lfirst(lc), out + (with_project ? 1 : 0));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
	}
}

static int64
project_id_argument(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("project_id must not be NULL")));
	return PG_GETARG_INT64(0);
}

/*
 * Returns the project's standing findings as rows, with the warning window's
 * line for as_of unless as_of is NULL.
 */
static Datum
judge_project_rows(FunctionCallInfo fcinfo, int64 project_id, const DateADT *as_of)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	List	   *findings;

	InitMaterializedSRF(fcinfo, 0);
	lgit_spi_connect();
	if (!lgit_standing_findings(project_id, &findings))
		lgit_report_no_such_project(project_id);
	if (as_of != NULL)
	{
		CalendarWindow window = calendar_window(*as_of);

		if (window.open)
		{
			int64		running = running_deadlines(Int64GetDatum(project_id));

			if (running > 0)
				add_unreported(&findings, calendar_window_finding(&window, running));
		}
	}
	put_findings(rsinfo, findings, false, 0);
	lgit_spi_finish();
	return (Datum) 0;
}

/* lgit.check_project(project_id [, as_of]) */
PG_FUNCTION_INFO_V1(lgit_check_project);
Datum
lgit_check_project(PG_FUNCTION_ARGS)
{
	int64		project_id = project_id_argument(fcinfo);
	DateADT		as_of;

	/* lgit.check_project(project_id, as_of): the day the calendar warning is judged for */
	if (PG_NARGS() > 1 && PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be NULL")));
	as_of = PG_NARGS() > 1 ? PG_GETARG_DATEADT(1) : lgit_today();
	return judge_project_rows(fcinfo, project_id, &as_of);
}

/*
 * lgit.standing_findings(project_id): lgit.check_project() without the
 * calendar's warning window - what lgit.finding keeps for the project.
 */
PG_FUNCTION_INFO_V1(lgit_standing_findings_sql);
Datum
lgit_standing_findings_sql(PG_FUNCTION_ARGS)
{
	return judge_project_rows(fcinfo, project_id_argument(fcinfo), NULL);
}

/*
 * lgit.calendar_window_findings(as_of): the warning window's LG009 line of
 * every project (the caller may see) with running working-day clocks, in
 * one pass over lgit.deadlines; nothing outside the window.
 */
PG_FUNCTION_INFO_V1(lgit_calendar_window_findings);
Datum
lgit_calendar_window_findings(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CalendarWindow window;
	uint64		row;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of must not be NULL")));
	InitMaterializedSRF(fcinfo, 0);
	lgit_spi_connect();
	window = calendar_window(PG_GETARG_DATEADT(0));
	if (window.open)
	{
		lgit_plan(&plan, "SELECT project_id, count(*) FROM lgit.deadlines GROUP BY project_id ORDER BY project_id",
				  0, NULL);
		lgit_execute(plan, NULL, NULL, true, 0);
		for (row = 0; row < SPI_processed; row++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[row];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			int64		project_id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
			int64		running = DatumGetInt64(SPI_getbinval(tuple, desc, 2, &isnull));

			put_findings(rsinfo, list_make1(calendar_window_finding(&window, running)), true, project_id);
		}
	}
	lgit_spi_finish();
	return (Datum) 0;
}
