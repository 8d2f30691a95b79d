/*
 * gates.c
 *		The one list of checks.  Each gate is written once and run by the
 *		project trigger (which raises what it finds and records the documents
 *		relied on), by lgit.blockers() (which returns all of it) and by
 *		lgit.check_project() (which replays each move of a project's history
 *		through the gates that judge evidence).  The engine's own gates (actor,
 *		edge, capacity, reason) are here; the document gates live by stretch of
 *		the lifecycle in gates_*.c.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/numeric.h"

#include "lgit.h"

/* A gate adds findings; returning false stops the list (nothing after it applies). */
typedef bool (*LgitGate) (LgitCheck *check);

static const char *
stage_name(int stage)
{
	return stage == STAGE_NONE ? "(new project)" : lgit_stage_names[stage];
}

/* A finding about a move, with the facts every such finding carries. */
LgitFinding *
lgit_move_finding(LgitCheck *check, const char *code, const char *hint, const char *message)
{
	const LgitMove *move = check->move;
	const LgitProject *project = move->project;
	LgitFinding *finding = lgit_finding(&check->findings, code, hint, "%s", message);

	lgit_fact_int(finding, "project_id", project->project_id);
	lgit_fact(finding, "project_code", project->code);
	lgit_fact(finding, "project_unit", lgit_unit_name(project->unit_id));
	lgit_fact(finding, "from_stage", stage_name(move->from));
	lgit_fact(finding, "to_stage", lgit_stage_names[move->to]);
	if (move->actor != NULL)
	{
		lgit_fact(finding, "actor", move->actor->name);
		lgit_fact(finding, "capacity",
				  move->actor->registered ? lgit_capacity_names[move->actor->capacity] : NULL);
		lgit_fact(finding, "actor_unit", move->actor->registered ? move->actor->unit_name : NULL);
	}
	else
		lgit_fact(finding, "moved_on", lgit_date_text(move->on));
	return finding;
}

/* Records that the move relies on a document, which then becomes part of the record. */
void
lgit_rely_on(LgitCheck *check, int64 document_id)
{
	int64	   *id = palloc(sizeof(int64));

	*id = document_id;
	check->evidence = lappend(check->evidence, id);
}

bool
lgit_numeric_ge(Numeric a, Numeric b)
{
	return DatumGetBool(DirectFunctionCall2(numeric_ge, NumericGetDatum(a), NumericGetDatum(b)));
}

static char *
capacity_list(uint8 capacities)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < NUM_CAPACITIES; i++)
		if (capacities & (1 << i))
			appendStringInfo(&buf, "%s%s", buf.len > 0 ? ", " : "", lgit_capacity_names[i]);
	return buf.data;
}

/*
 * Art 4: the capacity must be one the edge allows, and a unit acts only for
 * itself (the project's unit at the time of the change).
 */
bool
lgit_capacity_allowed(const LgitEdge *edge, LgitCapacity capacity,
					  int32 actor_unit_id, int32 project_unit_id)
{
	if (!(edge->capacities & (1 << capacity)))
		return false;
	return capacity != CAPACITY_UNIT || actor_unit_id == project_unit_id;
}

/* Art 4: a person missing from the registry acts in no capacity. */
static bool
gate_actor_registered(LgitCheck *check)
{
	const LgitMove *move = check->move;
	if (!move->actor->registered)
		lgit_move_finding(check, RULE_CAPACITY,
					 "Register the person in lgit.actor with their unit and capacity, or act as a registered person.",
					 psprintf("actor \"%s\" is not registered in lgit.actor", move->actor->name));
	return true;
}

/* doc/lgit.md §3: only the edges of lgit.stage_edge exist. */
static bool
gate_edge_exists(LgitCheck *check)
{
	const LgitMove *move = check->move;
	StringInfoData next;
	const char *message;
	int			to;

	if (lgit_edge(move->from, move->to)->exists)
		return true;

	initStringInfo(&next);
	if (move->from != STAGE_NONE)
		for (to = 0; to < NUM_STAGES; to++)
		{
			const LgitEdge *edge = lgit_edge(move->from, to);

			if (edge->exists)
				appendStringInfo(&next, "%s%s%s", next.len > 0 ? ", " : "", lgit_stage_names[to],
								 edge->kind == EDGE_RETURN ? " (return)" :
								 edge->kind == EDGE_FILING ? " (Art 14 filing)" : "");
		}

	if (move->from == STAGE_NONE)
		message = psprintf("a new project cannot start at stage %s", lgit_stage_names[move->to]);
	else if (move->from == move->to)
		message = psprintf("project " INT64_FORMAT " is already at stage %s",
						   move->project->project_id, lgit_stage_names[move->to]);
	else
		message = psprintf("%s -> %s is not a change of stage the measures allow",
						   lgit_stage_names[move->from], lgit_stage_names[move->to]);
	lgit_move_finding(check, RULE_NOT_AN_EDGE,
				 move->from == STAGE_NONE
				 ? "Insert the project at stage draft; only a higher-level project (Art 14) is filed into established."
				 : next.len > 0
				 ? psprintf("From %s the project may move to: %s.", lgit_stage_names[move->from], next.data)
				 : psprintf("Stage %s is final.", lgit_stage_names[move->from]),
				 message);
	return false;
}

/*
 * Art 11: the feasibility fork.  Judged by feasibility_min_investment in force
 * on the day the project was proposed (or filed), so a later change of the
 * threshold does not re-judge it.
 */
static void
check_feasibility_fork(LgitCheck *check, bool required)
{
	const LgitMove *move = check->move;
	DateADT		judged_on = lgit_proposal_date(move->project->project_id);
	DateADT		in_force_from;
	Numeric		threshold = lgit_policy_value("feasibility_min_investment", judged_on, &in_force_from);
	Numeric		total = move->project->total_investment;
	bool		at_or_above = lgit_numeric_ge(total, threshold);
	LgitFinding *finding;

	if (required == at_or_above)
		return;
	if (required)
		finding = lgit_move_finding(check, RULE_FEASIBILITY_PATH,
							   "Submit the preliminary design directly: move the project to design_submitted.",
							   "a project under the feasibility threshold may not enter the feasibility study path");
	else
		finding = lgit_move_finding(check, RULE_FEASIBILITY_PATH,
							   "Submit the feasibility study first: move the project to feasibility_submitted.",
							   "a project at or over the feasibility threshold must have its feasibility study approved before design");
	lgit_fact_amount(finding, "total_investment", total);
	lgit_fact_amount(finding, "feasibility_min_investment", threshold);
	lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
	lgit_fact(finding, "judged_on", lgit_date_text(judged_on));
}

/* Art 11: the fork of the stage graph follows total investment. */
static bool
gate_feasibility_fork(LgitCheck *check)
{
	const LgitEdge *edge = lgit_edge(check->move->from, check->move->to);

	if (edge->condition == EDGE_FEASIBILITY_REQUIRED || edge->condition == EDGE_FEASIBILITY_NOT_REQUIRED)
		check_feasibility_fork(check, edge->condition == EDGE_FEASIBILITY_REQUIRED);
	return true;
}

/* Conditions on the graph itself: Art 14 filing, going back where it came from. */
static bool
gate_edge_condition(LgitCheck *check)
{
	const LgitMove *move = check->move;
	const LgitEdge *edge = lgit_edge(move->from, move->to);

	if (edge->condition == EDGE_SUPERIOR_FUNDED && !move->project->superior_funded)
	{
		if (edge->kind == EDGE_FILING)
			lgit_move_finding(check, RULE_NOT_AN_EDGE,
							  "Propose the project (draft -> proposed); filing is for projects arranged and funded by the state, province or city.",
							  "only a higher-level project (Art 14) is filed straight into established");
		else
			lgit_move_finding(check, RULE_NOT_AN_EDGE,
							  "Submit the preliminary design (or, at the feasibility threshold, the feasibility study) for the district's approvals.",
							  psprintf("only a higher-level project (Art 14) goes from %s to %s without the district's feasibility and design approvals",
									   lgit_stage_names[move->from], lgit_stage_names[move->to]));
	}

	if (edge->origin_of != STAGE_NONE)
	{
		int			origin = lgit_origin_stage(move->project->project_id, edge->origin_of, &check->chain_end);

		if (origin != (int) move->to)
			lgit_move_finding(check, RULE_NOT_AN_EDGE,
							  psprintf("Move it back to %s.", stage_name(origin)),
							  psprintf("a project leaving %s goes back only to the stage it came from (%s)",
									   lgit_stage_names[move->from], stage_name(origin)));
	}
	return true;
}

/* Art 4: the actor's capacity, and a unit only on its own projects. */
static bool
gate_capacity(LgitCheck *check)
{
	const LgitMove *move = check->move;
	const LgitEdge *edge = lgit_edge(move->from, move->to);
	const LgitActor *actor = move->actor;

	if (!actor->registered ||
		lgit_capacity_allowed(edge, actor->capacity, actor->unit_id, move->project->unit_id))
		return true;

	if (!(edge->capacities & (1 << actor->capacity)))
		lgit_move_finding(check, RULE_CAPACITY,
					 psprintf("This change is made in the capacity of: %s.", capacity_list(edge->capacities)),
					 move->from == STAGE_NONE
					 ? psprintf("capacity %s may not create a project at stage %s",
								lgit_capacity_names[actor->capacity], lgit_stage_names[move->to])
					 : psprintf("capacity %s may not move a project from %s to %s",
								lgit_capacity_names[actor->capacity],
								lgit_stage_names[move->from], lgit_stage_names[move->to]));
	else
		lgit_move_finding(check, RULE_CAPACITY,
					 "An actor of the project's own unit must make this change.",
					 psprintf("actor \"%s\" of %s may not %s a project of %s",
							  actor->name, actor->unit_name,
							  move->from == STAGE_NONE ? "create" : "move",
							  lgit_unit_name(move->project->unit_id)));
	return true;
}

/* doc/lgit.md §3: returns (退回修改), suspensions and terminations always say why. */
static bool
gate_reason(LgitCheck *check)
{
	const LgitMove *move = check->move;
	const LgitEdge *edge = lgit_edge(move->from, move->to);
	const char *p;

	if (!edge->reason_required)
		return true;
	for (p = move->reason; p != NULL && *p != '\0'; p++)
		if (!isspace((unsigned char) *p))
			return true;
	if (move->actor != NULL && lgit_reason_is_stale(move->project->project_id))
		lgit_move_finding(check, RULE_REASON_REQUIRED,
						  "Set the reason in the transaction of the change: lgit.advance(project_id, to_stage, reason), or SET LOCAL lgit.reason (set_config('lgit.reason', $1, true)) before the UPDATE.",
						  psprintf("moving a project from %s to %s needs a reason given in this transaction; lgit.reason was set in an earlier one",
								   lgit_stage_names[move->from], lgit_stage_names[move->to]));
	else
		lgit_move_finding(check, RULE_REASON_REQUIRED,
						  "Pass the reason: lgit.advance(project_id, to_stage, reason), or SET LOCAL lgit.reason before the UPDATE.",
						  psprintf("moving a project from %s to %s needs a reason",
								   lgit_stage_names[move->from], lgit_stage_names[move->to]));
	return true;
}

#define TO(stage) (1U << (stage))
#define APPROVALS (TO(STAGE_PROPOSAL_APPROVED) | TO(STAGE_ESTABLISHED) | \
				   TO(STAGE_FEASIBILITY_APPROVED) | TO(STAGE_DESIGN_APPROVED))

/*
 * The list.  A gate runs on moves into the stages of its mask (0: every
 * move).  "live" gates judge a write as it happens (trigger, blockers);
 * "replayed" gates weigh evidence and are judged again on every past move by
 * lgit.check_project() - the actor and the graph are lgit.verify()'s to
 * replay instead.  A gate that is only replayed reports what the measures
 * require after the step, without refusing it.
 */
static const struct
{
	const char *name;
	uint32		to_stages;
	bool		live;
	bool		replayed;
	LgitGate	check;
}			gates[] =
{
	{"actor is registered", 0, true, false, gate_actor_registered},
	{"change is an edge of the stage graph", 0, true, false, gate_edge_exists},
	{"edge condition holds", 0, true, false, gate_edge_condition},
	{"feasibility fork follows total investment", 0, true, true, gate_feasibility_fork},
	{"capacity may make the change", 0, true, false, gate_capacity},
	{"reason is given", 0, true, false, gate_reason},
	/* Art 2, 3, 14: in scope before entering the lifecycle */
	{"project is in scope", TO(STAGE_PROPOSED) | TO(STAGE_ESTABLISHED), true, true, lgit_gate_scope},
	/* Art 8, 9, 10, 33, 47, 48: what a proposal needs */
	{"inside a filed special plan", TO(STAGE_PROPOSED), true, true, lgit_gate_special_plan},
	{"proposal complete", TO(STAGE_PROPOSED), true, true, lgit_gate_proposal},
	{"leader's special meeting", TO(STAGE_PROPOSED), true, true, lgit_gate_leader_meeting},
	{"previous phase completed", TO(STAGE_PROPOSED), true, true, lgit_gate_previous_phase},
	{"unit not sanctioned", TO(STAGE_PROPOSED) | TO(STAGE_ESTABLISHED), true, true, lgit_gate_unit_sanctions},
	/* Art 49: no approvals for a unit that refused rectification */
	{"unit did not refuse rectification", APPROVALS, true, true, lgit_gate_refused_rectification},
	/* Art 10, 13, 14: establishment */
	{"authority approved the proposal", TO(STAGE_ESTABLISHED), true, true, lgit_gate_authority_proposal_opinion},
	{"higher approval filed", TO(STAGE_ESTABLISHED), true, true, lgit_gate_superior_approval},
	/* Art 11, 12, 13: feasibility study and preliminary design */
	{"feasibility report complete", TO(STAGE_FEASIBILITY_SUBMITTED), true, true, lgit_gate_feasibility_report},
	{"feasibility study reviewed by the authority and experts", TO(STAGE_FEASIBILITY_APPROVED), true, true, lgit_gate_feasibility_review},
	{"preliminary design complete", TO(STAGE_DESIGN_SUBMITTED), true, true, lgit_gate_preliminary_design},
	{"design reviewed by experts and the authority", TO(STAGE_DESIGN_APPROVED), true, true, lgit_gate_design_review},
	/* Art 10, 11, 13: the DRC's approvals are its own recorded acts */
	{"the DRC's approval on record", TO(STAGE_ESTABLISHED) | TO(STAGE_FEASIBILITY_APPROVED) | TO(STAGE_DESIGN_APPROVED),
	true, true, lgit_gate_drc_approval},
	/* Art 18, 19, 23, 38, 45: contract and construction */
	{"contract terms", TO(STAGE_CONTRACTED), true, true, lgit_gate_contract_terms},
	{"supervised and filed before construction", TO(STAGE_CONSTRUCTION), true, true, lgit_gate_construction_start},
	/* Art 16: the unit's responsibility is named before construction */
	{"responsible person and implementing body", TO(STAGE_CONSTRUCTION), true, true, lgit_gate_responsibility},
	/* Art 21, 26-30: the acceptance chain */
	{"preliminary acceptance", TO(STAGE_TRIAL_OPERATION), true, true, lgit_gate_preliminary_acceptance},
	/* Art 50: a system that does not share its data does not pass acceptance */
	{"system not sanctioned for data sharing", TO(STAGE_TRIAL_OPERATION) | TO(STAGE_FINAL_ACCEPTED) | TO(STAGE_COMPLETED),
	true, true, lgit_gate_acceptance_sanction},
	{"final acceptance", TO(STAGE_FINAL_ACCEPTED), true, true, lgit_gate_final_acceptance},
	{"security test report", TO(STAGE_SECURITY_TESTED), true, true, lgit_gate_security_test},
	{"data sharing and source code handover", TO(STAGE_HANDOVER_VERIFIED), true, true, lgit_gate_handover},
	{"completion acceptance", TO(STAGE_COMPLETED), true, true, lgit_gate_completion},
	{"devices on the government network registered", TO(STAGE_COMPLETED), true, true, lgit_gate_devices_registered},
	{"results registered", TO(STAGE_COMPLETED), false, true, lgit_gate_results_registered},
	/* Art 34 */
	{"termination approved", TO(STAGE_TERMINATED), true, true, lgit_gate_termination},
	{"termination settled by audit", TO(STAGE_TERMINATED), false, true, lgit_gate_audit_settlement},
};

/*
 * Runs the gates that apply to a move.  Evidence gates judge steps into new
 * ground (forward, Art 14 filing, termination); a return, suspension or
 * resumption goes back to, or pauses at, a stage already judged.
 */
static void
run_gates(LgitCheck *check, const LgitMove *move, bool replay)
{
	const LgitEdge *edge = lgit_edge(move->from, move->to);
	bool		new_ground = edge->exists &&
		edge->kind != EDGE_RETURN && edge->kind != EDGE_SUSPEND && edge->kind != EDGE_RESUME;
	int			i;

	memset(check, 0, sizeof(*check));
	check->move = move;
	for (i = 0; i < lengthof(gates); i++)
	{
		if (gates[i].to_stages != 0 && !(gates[i].to_stages & TO(move->to)))
			continue;
		if (replay ? !gates[i].replayed : !gates[i].live)
			continue;
		if (gates[i].replayed && !new_ground)
			continue;
		if (!gates[i].check(check))
			break;
	}
}

/* Every unmet precondition of a move, in the order of the list. */
void
lgit_check_move(LgitCheck *check, const LgitMove *move)
{
	run_gates(check, move, false);
}

/* A past move judged again against the evidence on record now (lgit.check_project). */
void
lgit_replay_move(LgitCheck *check, const LgitMove *move)
{
	run_gates(check, move, true);
}

/* A move out of draft (or a creation): the project enters the lifecycle (Art 2, 14). */
bool
lgit_move_enters_lifecycle(const LgitMove *move)
{
	return move->from == STAGE_NONE || move->from == STAGE_DRAFT;
}

/*
 * A write to a project that leaves its stage alone: Art 4, a unit edits only
 * its own projects (and cannot hand them to another unit); the authority and
 * the DRC edit any; other capacities none.
 */
List *
lgit_check_edit(const LgitActor *actor, const LgitProject *project, int32 old_unit_id)
{
	List	   *findings = NIL;
	LgitFinding *finding = NULL;

	if (!actor->registered)
		finding = lgit_finding(&findings, RULE_CAPACITY,
							   "Register the person in lgit.actor with their unit and capacity, or act as a registered person.",
							   "actor \"%s\" is not registered in lgit.actor", actor->name);
	else if (actor->capacity == CAPACITY_UNIT && actor->unit_id != old_unit_id)
		finding = lgit_finding(&findings, RULE_CAPACITY,
							   "An actor of the project's own unit must make this change.",
							   "actor \"%s\" of %s may not change a project of %s",
							   actor->name, actor->unit_name, lgit_unit_name(old_unit_id));
	else if (actor->capacity == CAPACITY_UNIT && project->unit_id != old_unit_id)
		finding = lgit_finding(&findings, RULE_CAPACITY,
							   "Only the authority or the DRC moves a project to another unit.",
							   "actor \"%s\" of %s may not hand a project to %s",
							   actor->name, actor->unit_name, lgit_unit_name(project->unit_id));
	else if (actor->capacity != CAPACITY_UNIT && actor->capacity != CAPACITY_AUTHORITY &&
			 actor->capacity != CAPACITY_DRC)
		finding = lgit_finding(&findings, RULE_CAPACITY,
							   "Projects are edited by their unit, the authority or the DRC.",
							   "capacity %s may not change a project", lgit_capacity_names[actor->capacity]);
	if (finding)
	{
		lgit_fact_int(finding, "project_id", project->project_id);
		lgit_fact(finding, "project_code", project->code);
		lgit_fact(finding, "project_unit", lgit_unit_name(old_unit_id));
		lgit_fact(finding, "actor", actor->name);
		lgit_fact(finding, "capacity", actor->registered ? lgit_capacity_names[actor->capacity] : NULL);
		lgit_fact(finding, "actor_unit", actor->registered ? actor->unit_name : NULL);
	}
	return findings;
}

/* The columns of lgit.project the gates read. */
typedef enum ProjectColumn
{
	COL_PROJECT_ID, COL_CODE, COL_UNIT_ID, COL_CATEGORY, COL_BUILD_TYPE, COL_DISTRICT_FUNDS,
	COL_TOTAL_INVESTMENT, COL_SUPERIOR_FUNDED, COL_CUSTOM_DEVELOPMENT, COL_PREVIOUS_PHASE_ID,
	COL_SPECIAL_PLAN_ID, COL_PLAN_YEAR, COL_RESPONSIBLE_PERSON, COL_IMPLEMENTING_BODY, COL_STAGE,
	NUM_PROJECT_COLUMNS
} ProjectColumn;

static const char *const project_columns[NUM_PROJECT_COLUMNS] = {
	"project_id", "code", "unit_id", "category", "build_type", "district_funds",
	"total_investment", "superior_funded", "custom_development", "previous_phase_id",
	"special_plan_id", "plan_year", "responsible_person", "implementing_body", "stage"
};

/* A row of lgit.project, its columns taken apart once. */
typedef struct ProjectRow
{
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
} ProjectRow;

/*
 * Where a column is in the row: where it was last time if it still has that
 * name (the rows of the trigger and of advance() have the same shape every
 * time), else searched for by name.
 */
static int
project_attno(TupleDesc desc, ProjectColumn column)
{
	static AttrNumber last_seen[NUM_PROJECT_COLUMNS];
	AttrNumber	attno = last_seen[column];

	if (attno > 0 && attno <= desc->natts && !TupleDescAttr(desc, attno - 1)->attisdropped &&
		strcmp(NameStr(TupleDescAttr(desc, attno - 1)->attname), project_columns[column]) == 0)
		return attno;
	attno = SPI_fnumber(desc, project_columns[column]);
	if (attno <= 0)
		elog(ERROR, "lgit: lgit.project has no column \"%s\"", project_columns[column]);
	last_seen[column] = attno;
	return attno;
}

static Datum
column(const ProjectRow *row, ProjectColumn column, bool *isnull)
{
	int			attno = project_attno(row->desc, column);

	*isnull = row->nulls[attno - 1];
	return row->values[attno - 1];
}

/* A column as text, as its type's output function writes it; NULL for NULL. */
static char *
text_column(const ProjectRow *row, ProjectColumn col)
{
	int			attno = project_attno(row->desc, col);
	Oid			type = TupleDescAttr(row->desc, attno - 1)->atttypid;
	Oid			output;
	bool		varlena;

	if (row->nulls[attno - 1])
		return NULL;
	if (type == TEXTOID)
		return TextDatumGetCString(row->values[attno - 1]);
	getTypeOutputInfo(type, &output, &varlena);
	return OidOutputFunctionCall(output, row->values[attno - 1]);
}

/* Reads the columns the gates need from a row of lgit.project. */
void
lgit_project_from_tuple(LgitProject *project, HeapTuple tuple, TupleDesc tupdesc)
{
	ProjectRow	row = {tupdesc, palloc(sizeof(Datum) * tupdesc->natts), palloc(sizeof(bool) * tupdesc->natts)};
	bool		isnull;
	Datum		value;

	heap_deform_tuple(tuple, tupdesc, row.values, row.nulls);
	project->project_id = DatumGetInt64(column(&row, COL_PROJECT_ID, &isnull));
	project->code = text_column(&row, COL_CODE);
	project->unit_id = DatumGetInt32(column(&row, COL_UNIT_ID, &isnull));
	project->category = text_column(&row, COL_CATEGORY);
	project->build_type = text_column(&row, COL_BUILD_TYPE);
	project->district_funds = DatumGetNumericCopy(column(&row, COL_DISTRICT_FUNDS, &isnull));
	project->total_investment = DatumGetNumericCopy(column(&row, COL_TOTAL_INVESTMENT, &isnull));
	project->superior_funded = DatumGetBool(column(&row, COL_SUPERIOR_FUNDED, &isnull));
	project->custom_development = DatumGetBool(column(&row, COL_CUSTOM_DEVELOPMENT, &isnull));
	value = column(&row, COL_PREVIOUS_PHASE_ID, &isnull);
	project->previous_phase_id = isnull ? 0 : DatumGetInt64(value);
	value = column(&row, COL_SPECIAL_PLAN_ID, &isnull);
	project->special_plan_id = isnull ? 0 : DatumGetInt32(value);
	value = column(&row, COL_PLAN_YEAR, &isnull);
	project->plan_year = isnull ? 0 : DatumGetInt32(value);
	project->responsible_person = text_column(&row, COL_RESPONSIBLE_PERSON);
	project->implementing_body = text_column(&row, COL_IMPLEMENTING_BODY);
	project->stage = lgit_stage_from_datum(column(&row, COL_STAGE, &isnull));
	pfree(row.values);
	pfree(row.nulls);
}
