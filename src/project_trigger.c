/*
 * project_trigger.c
 *		The triggers that make every path obey the lifecycle (doc/lgit.md §3).
 *
 * lgit.project_guard() runs AFTER each INSERT or UPDATE of lgit.project, so it
 * judges the row as finally written, whatever other triggers did to it.  A
 * change of stage must pass the check list; each one appends a history row.
 * lgit.refuse_change() refuses deleting projects and altering history (LG002).
 */
#include "postgres.h"

#include "miscadmin.h"
#include "commands/trigger.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "lgit.h"

/* history_id of the last row this backend wrote; lgit.advance() returns it. */
int64		lgit_last_history_id = 0;

PG_FUNCTION_INFO_V1(lgit_project_guard);
Datum
lgit_project_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	tupdesc;
	LgitProject project;
	LgitActor	actor;
	LgitMove	move;
	LgitCheck	check;
	List	   *findings;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.project_guard() must be called as a trigger")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) || TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.project_guard() must be fired AFTER INSERT OR UPDATE FOR EACH ROW")));

	tupdesc = RelationGetDescr(trigdata->tg_relation);
	lgit_current_actor(&actor);

	memset(&move, 0, sizeof(move));
	move.project = &project;
	move.actor = &actor;
	move.reason = lgit_reason();
	move.on = lgit_today();

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		lgit_project_from_tuple(&project, trigdata->tg_trigtuple, tupdesc);
		move.from = STAGE_NONE;
	}
	else
	{
		LgitProject old;

		lgit_project_from_tuple(&old, trigdata->tg_trigtuple, tupdesc);
		lgit_project_from_tuple(&project, trigdata->tg_newtuple, tupdesc);
		if (old.project_id != project.project_id)
			ereport(ERROR,
					(errcode(LGIT_SQLSTATE(RULE_RECORD_IMMUTABLE)),
					 errmsg("project_id of a project cannot change")));
		if (old.stage == project.stage)
		{
			findings = lgit_check_edit(&actor, &project, old.unit_id);
			if (findings != NIL)
				lgit_raise(findings);
			return PointerGetDatum(NULL);
		}
		/* Art 4: a move is judged against the unit that owned the project */
		project.unit_id = old.unit_id;
		move.from = old.stage;
	}
	move.to = project.stage;

	/*
	 * Judge on what was committed once this row's lock was ours (a plain
	 * UPDATE took its snapshot before waiting for it), and hold what the move
	 * relied on until it commits (Art 21).
	 */
	PushActiveSnapshot(GetTransactionSnapshot());
	lgit_check_move(&check, &move);
	if (check.findings != NIL)
		lgit_raise(check.findings);
	lgit_lock_relied_on(project.project_id, move.to, check.evidence);
	lgit_last_history_id = lgit_history_append(&move, check.evidence);
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

/*
 * Art 21: filed records and history are never altered or removed, by anyone.
 */
PG_FUNCTION_INFO_V1(lgit_refuse_change);
Datum
lgit_refuse_change(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const char *table;
	const char *event;
	bool		is_history;
	List	   *findings = NIL;
	LgitFinding *finding;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.refuse_change() must be fired BEFORE UPDATE, DELETE or TRUNCATE")));

	table = RelationGetRelationName(trigdata->tg_relation);
	is_history = strcmp(table, "history") == 0;
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		event = "updated";
	else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		event = "deleted";
	else if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		event = "truncated";
	else
		event = "changed";

	finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
						   is_history
						   ? "History is append-only: a wrong move is corrected by another move, with its reason."
						   : strcmp(table, "project") == 0
						   ? "Projects are never removed: terminate it with lgit.advance(project_id, 'terminated', reason)."
						   : strcmp(table, "document") == 0
						   ? "Filed records are removed one by one, and only while no stage change relied on them."
						   : "What is on record stays; record a correction as a new entry.",
						   TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event)
						   ? "lgit.%s cannot be %s"
						   : "rows of lgit.%s cannot be %s",
						   table, event);
	lgit_fact(finding, "table", psprintf("lgit.%s", table));
	lgit_fact(finding, "operation", event);
	lgit_fact(finding, "role", GetUserNameFromId(GetUserId(), false));
	lgit_raise(findings);
	pg_unreachable();
}
