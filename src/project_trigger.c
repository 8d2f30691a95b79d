/*
 * project_trigger.c
 *		The triggers that make every path obey the lifecycle (doc/lgit.md §3).
 *
 * lgit.project_guard() runs AFTER each INSERT or UPDATE of lgit.project, so it
 * judges the row as finally written, whatever other triggers did to it.
 * Every write is judged as an edit (who may edit, and after establishment
 * only a re-approval changes what the gates judged); a change of stage must
 * also pass the check list, and appends a history row.
 * lgit.refuse_change() refuses deleting projects and altering history (LG002).
 */
#include "postgres.h"

#include "miscadmin.h"
#include "commands/trigger.h"
#include "utils/datum.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "lgit.h"

/* history_id of the last row this backend wrote; lgit.advance() returns it. */
int64		lgit_last_history_id = 0;

/* Whether a write changed any column but the stage (each row taken apart once). */
bool
lgit_edits_beyond_stage(HeapTuple old_tuple, HeapTuple new_tuple, TupleDesc tupdesc)
{
	int			stage_attno = SPI_fnumber(tupdesc, "stage");
	Datum	   *old_values = palloc(sizeof(Datum) * tupdesc->natts);
	Datum	   *new_values = palloc(sizeof(Datum) * tupdesc->natts);
	bool	   *old_nulls = palloc(sizeof(bool) * tupdesc->natts);
	bool	   *new_nulls = palloc(sizeof(bool) * tupdesc->natts);
	bool		edited = false;
	int			i;

	heap_deform_tuple(old_tuple, tupdesc, old_values, old_nulls);
	heap_deform_tuple(new_tuple, tupdesc, new_values, new_nulls);
	for (i = 0; i < tupdesc->natts && !edited; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, i);

		if (attr->attisdropped || attr->attnum == stage_attno)
			continue;
		edited = old_nulls[i] != new_nulls[i] ||
			(!old_nulls[i] && !datumIsEqual(old_values[i], new_values[i], attr->attbyval, attr->attlen));
	}
	pfree(old_values);
	pfree(new_values);
	pfree(old_nulls);
	pfree(new_nulls);
	return edited;
}

/*
 * Whether lgit.project_guard() fires on the table in this session: enabled
 * for the session's replication role (a subscriber applies rows in replica
 * mode, where it does not; the owner may have disabled it).
 */
bool
lgit_stage_guard_fires(Relation rel)
{
	TriggerDesc *triggers = rel->trigdesc;
	int			i;

	for (i = 0; triggers != NULL && i < triggers->numtriggers; i++)
	{
		const Trigger *trigger = &triggers->triggers[i];

		if (strcmp(trigger->tgname, "project_guard") != 0)
			continue;
		if (trigger->tgenabled == TRIGGER_FIRES_ALWAYS)
			return true;
		return SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA
			? trigger->tgenabled == TRIGGER_FIRES_ON_REPLICA
			: trigger->tgenabled == TRIGGER_FIRES_ON_ORIGIN;
	}
	return false;
}

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
	List	   *findings = NIL;
	int			search_path_level;

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
	/* once for every query the checks and the history run, not once per query */
	search_path_level = lgit_enter_safe_search_path();
	lgit_current_actor(&actor);

	memset(&move, 0, sizeof(move));
	move.project = &project;
	move.actor = &actor;
	move.on = lgit_today();

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		lgit_project_from_tuple(&project, trigdata->tg_trigtuple, tupdesc);
		move.from = STAGE_NONE;
	}
	else
	{
		LgitProject old;
		int64		reapproval;
		char	   *reapproval_reason;
		bool		edits;

		lgit_project_from_tuple(&old, trigdata->tg_trigtuple, tupdesc);
		lgit_project_from_tuple(&project, trigdata->tg_newtuple, tupdesc);
		if (old.project_id != project.project_id)
			ereport(ERROR,
					(errcode(LGIT_SQLSTATE(RULE_RECORD_IMMUTABLE)),
					 errmsg("project_id of a project cannot change")));

		/*
		 * Every write but a bare move is judged as an edit, a move included:
		 * a move does not carry an edit its actor could not make alone.
		 */
		edits = lgit_edits_beyond_stage(trigdata->tg_trigtuple, trigdata->tg_newtuple, tupdesc);
		if (edits || old.stage == project.stage)
			findings = lgit_check_edit(&actor, &project, old.unit_id);
		if (edits)
			findings = list_concat(findings,
								   lgit_check_judged_edit(trigdata->tg_trigtuple, trigdata->tg_newtuple,
														  tupdesc, &project));
		if (old.stage == project.stage)
		{
			if (findings != NIL)
				lgit_raise(findings);
			/* Art 13, 23: the re-approval lgit.reapprove() applies is recorded like a move */
			if (lgit_take_reapproval(project.project_id, &reapproval, &reapproval_reason))
			{
				int64	   *id = palloc(sizeof(int64));

				*id = reapproval;
				project.unit_id = old.unit_id;
				move.from = move.to = project.stage;
				move.reason = reapproval_reason;
				lgit_last_history_id = lgit_history_append(&move, list_make1(id), NULL, "reapproval",
															   heap_copy_tuple_as_datum(trigdata->tg_newtuple, tupdesc));
			}
			lgit_leave_safe_search_path(search_path_level);
			return PointerGetDatum(NULL);
		}
		/* Art 4: a move is judged against the unit that owned the project */
		project.unit_id = old.unit_id;
		move.from = old.stage;
	}
	move.to = project.stage;
	move.reason = lgit_reason(project.project_id);

	/*
	 * Judge on what was committed once this row's lock was ours (a plain
	 * UPDATE took its snapshot before waiting for it), and hold what the move
	 * relied on until it commits (Art 21).
	 */
	PushActiveSnapshot(GetTransactionSnapshot());
	lgit_check_move(&check, &move);
	findings = list_concat(findings, check.findings);
	if (findings != NIL)
		lgit_raise(findings);
	lgit_lock_relied_on(project.project_id, move.to, check.evidence);
	lgit_last_history_id = lgit_history_append(&move, check.evidence, &check.chain_end, "move",
											   heap_copy_tuple_as_datum(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event)
																		? trigdata->tg_trigtuple
																		: trigdata->tg_newtuple, tupdesc));
	PopActiveSnapshot();
	lgit_leave_safe_search_path(search_path_level);
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
