/*
 * gates.c
 *		The one list of checks.  A gate is written once here and run by the
 *		project trigger (which raises what it finds), by lgit.blockers()
 *		(which returns all of it) and, for the graph alone, replayed by
 *		lgit.verify().  Later gates (the document gates of Art 10-50) join the
 *		same list.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "lgit.h"

/* A gate adds findings; returning false stops the list (nothing after it applies). */
typedef bool (*LgitGate) (const LgitMove *move, List **findings);

static const char *
stage_name(int stage)
{
	return stage == STAGE_NONE ? "(new project)" : lgit_stage_names[stage];
}

/* The facts every finding about a move carries. */
static LgitFinding *
move_finding(List **findings, const LgitMove *move, const char *code, const char *hint,
			 const char *message)
{
	LgitFinding *finding = lgit_finding(findings, code, hint, "%s", message);
	const LgitProject *project = move->project;

	lgit_fact_int(finding, "project_id", project->project_id);
	lgit_fact(finding, "project_code", project->code);
	lgit_fact(finding, "project_unit", lgit_unit_name(project->unit_id));
	lgit_fact(finding, "from_stage", stage_name(move->from));
	lgit_fact(finding, "to_stage", lgit_stage_names[move->to]);
	lgit_fact(finding, "actor", move->actor->name);
	lgit_fact(finding, "capacity",
			  move->actor->registered ? lgit_capacity_names[move->actor->capacity] : NULL);
	lgit_fact(finding, "actor_unit", move->actor->registered ? move->actor->unit_name : NULL);
	return finding;
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
gate_actor_registered(const LgitMove *move, List **findings)
{
	if (!move->actor->registered)
		move_finding(findings, move, RULE_CAPACITY,
					 "Register the person in lgit.actor with their unit and capacity, or act as a registered person.",
					 psprintf("actor \"%s\" is not registered in lgit.actor", move->actor->name));
	return true;
}

/* SPEC §3: only the edges of lgit.stage_edge exist. */
static bool
gate_edge_exists(const LgitMove *move, List **findings)
{
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
	move_finding(findings, move, RULE_NOT_AN_EDGE,
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
check_feasibility_fork(const LgitMove *move, bool required, List **findings)
{
	DateADT		judged_on = lgit_proposal_date(move->project->project_id);
	DateADT		in_force_from;
	Numeric		threshold = lgit_policy_value("feasibility_min_investment", judged_on, &in_force_from);
	Numeric		total = move->project->total_investment;
	bool		at_or_above = DatumGetBool(DirectFunctionCall2(numeric_ge,
															   NumericGetDatum(total),
															   NumericGetDatum(threshold)));
	LgitFinding *finding;

	if (required == at_or_above)
		return;
	if (required)
		finding = move_finding(findings, move, RULE_FEASIBILITY_PATH,
							   "Submit the preliminary design directly: move the project to design_submitted.",
							   "a project under the feasibility threshold may not enter the feasibility study path");
	else
		finding = move_finding(findings, move, RULE_FEASIBILITY_PATH,
							   "Submit the feasibility study first: move the project to feasibility_submitted.",
							   "a project at or over the feasibility threshold must have its feasibility study approved before design");
	lgit_fact_amount(finding, "total_investment", total);
	lgit_fact_amount(finding, "feasibility_min_investment", threshold);
	lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
	lgit_fact(finding, "judged_on", lgit_date_text(judged_on));
}

/* Conditions carried by an edge: the Art 11 fork, Art 14 filing, going back where it came from. */
static bool
gate_edge_condition(const LgitMove *move, List **findings)
{
	const LgitEdge *edge = lgit_edge(move->from, move->to);

	switch (edge->condition)
	{
		case EDGE_UNCONDITIONAL:
			break;
		case EDGE_FEASIBILITY_REQUIRED:
		case EDGE_FEASIBILITY_NOT_REQUIRED:
			check_feasibility_fork(move, edge->condition == EDGE_FEASIBILITY_REQUIRED, findings);
			break;
		case EDGE_SUPERIOR_FUNDED:
			if (!move->project->superior_funded)
				move_finding(findings, move, RULE_NOT_AN_EDGE,
							 "Propose the project (draft -> proposed); filing is for projects arranged and funded by the state, province or city.",
							 "only a higher-level project (Art 14) is filed straight into established");
			break;
	}

	if (edge->origin_of != STAGE_NONE)
	{
		int			origin = lgit_origin_stage(move->project->project_id, edge->origin_of);

		if (origin != (int) move->to)
			move_finding(findings, move, RULE_NOT_AN_EDGE,
						 psprintf("Move it back to %s.", stage_name(origin)),
						 psprintf("a project leaving %s goes back only to the stage it came from (%s)",
								  lgit_stage_names[move->from], stage_name(origin)));
	}
	return true;
}

/* Art 4: the actor's capacity, and a unit only on its own projects. */
static bool
gate_capacity(const LgitMove *move, List **findings)
{
	const LgitEdge *edge = lgit_edge(move->from, move->to);
	const LgitActor *actor = move->actor;

	if (!actor->registered ||
		lgit_capacity_allowed(edge, actor->capacity, actor->unit_id, move->project->unit_id))
		return true;

	if (!(edge->capacities & (1 << actor->capacity)))
		move_finding(findings, move, RULE_CAPACITY,
					 psprintf("This change is made in the capacity of: %s.", capacity_list(edge->capacities)),
					 move->from == STAGE_NONE
					 ? psprintf("capacity %s may not create a project at stage %s",
								lgit_capacity_names[actor->capacity], lgit_stage_names[move->to])
					 : psprintf("capacity %s may not move a project from %s to %s",
								lgit_capacity_names[actor->capacity],
								lgit_stage_names[move->from], lgit_stage_names[move->to]));
	else
		move_finding(findings, move, RULE_CAPACITY,
					 "An actor of the project's own unit must make this change.",
					 psprintf("actor \"%s\" of %s may not %s a project of %s",
							  actor->name, actor->unit_name,
							  move->from == STAGE_NONE ? "create" : "move",
							  lgit_unit_name(move->project->unit_id)));
	return true;
}

/* SPEC §3: returns (退回修改), suspensions and terminations always say why. */
static bool
gate_reason(const LgitMove *move, List **findings)
{
	const LgitEdge *edge = lgit_edge(move->from, move->to);
	const char *p;

	if (!edge->reason_required)
		return true;
	for (p = move->reason; p != NULL && *p != '\0'; p++)
		if (!isspace((unsigned char) *p))
			return true;
	move_finding(findings, move, RULE_REASON_REQUIRED,
				 "Pass the reason: lgit.advance(project_id, to_stage, reason), or SET LOCAL lgit.reason before the UPDATE.",
				 psprintf("moving a project from %s to %s needs a reason",
						  lgit_stage_names[move->from], lgit_stage_names[move->to]));
	return true;
}

static const struct
{
	const char *name;
	LgitGate	check;
}			gates[] =
{
	{"actor is registered", gate_actor_registered},
	{"change is an edge of the stage graph", gate_edge_exists},
	{"edge condition holds", gate_edge_condition},
	{"capacity may make the change", gate_capacity},
	{"reason is given", gate_reason},
};

/* Every unmet precondition of a move, in the order of the list. */
List *
lgit_check_move(const LgitMove *move)
{
	List	   *findings = NIL;
	int			i;

	for (i = 0; i < lengthof(gates); i++)
		if (!gates[i].check(move, &findings))
			break;
	return findings;
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

/* Reads the columns the gates need from a row of lgit.project. */
void
lgit_project_from_tuple(LgitProject *project, HeapTuple tuple, TupleDesc tupdesc)
{
	bool		isnull;

	project->project_id = DatumGetInt64(SPI_getbinval(tuple, tupdesc, SPI_fnumber(tupdesc, "project_id"), &isnull));
	project->code = SPI_getvalue(tuple, tupdesc, SPI_fnumber(tupdesc, "code"));
	project->unit_id = DatumGetInt32(SPI_getbinval(tuple, tupdesc, SPI_fnumber(tupdesc, "unit_id"), &isnull));
	project->total_investment = DatumGetNumericCopy(SPI_getbinval(tuple, tupdesc, SPI_fnumber(tupdesc, "total_investment"), &isnull));
	project->superior_funded = DatumGetBool(SPI_getbinval(tuple, tupdesc, SPI_fnumber(tupdesc, "superior_funded"), &isnull));
	project->stage = lgit_stage_from_datum(SPI_getbinval(tuple, tupdesc, SPI_fnumber(tupdesc, "stage"), &isnull));
}
