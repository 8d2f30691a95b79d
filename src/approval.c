/*
 * approval.c
 *		What an approval judged stays as it was judged (Art 10-14, 23).
 *
 * The DRC's acts are records: 立项批复, 可研批复 and 概算批复 (with the approved
 * estimate) are documents the DRC registers and its approving move relies on
 * (LG135).  Each history row seals the fields the gates judged
 * (lgit.judged_fields()); after establishment those fields change only
 * through lgit.reapprove() by the body that approved the project, which
 * registers its decision and appends a history row of kind "reapproval"; a
 * plain edit is refused (LG231), and lgit.check_project() reports a project
 * whose fields differ from what its last approval saw.  Art 23 holds the
 * contracts to the approved estimate, never to the editable total (LG230).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "lgit.h"

#define RULE_DRC_APPROVAL	"LG135"
#define RULE_JUDGED_FROZEN	"LG231"

extern int64 lgit_last_history_id;

/* The re-approval lgit.reapprove() is applying; project_id 0 when none. */
static struct
{
	int64		project_id;
	int64		document_id;
	char	   *reason;
}			pending;

/* Art 10, 11, 13: which DRC act each approving move relies on, or NULL. */
static const char *
drc_act_of(const LgitMove *move)
{
	if (move->from == STAGE_PROPOSAL_APPROVED && move->to == STAGE_ESTABLISHED)
		return "drc_establishment_approval";
	if (move->from == STAGE_FEASIBILITY_SUBMITTED && move->to == STAGE_FEASIBILITY_APPROVED)
		return "drc_feasibility_approval";
	if (move->from == STAGE_DESIGN_REVIEWED && move->to == STAGE_DESIGN_APPROVED)
		return "drc_design_approval";
	return NULL;
}

/*
 * Art 10, 11, 13: the DRC establishes, approves the feasibility study and
 * approves the design and estimate by a 批复 with its number and date (and,
 * for the design, the approved 总概算: the document's amount, required by
 * the table).  The move relies on it, so it is sealed with the move.
 */
bool
lgit_gate_drc_approval(LgitCheck *check)
{
	const char *kind = drc_act_of(check->move);

	if (kind != NULL && lgit_history_sealed())
		lgit_report_problems(check, RULE_DRC_APPROVAL,
							 psprintf("The DRC registers its %s (lgit.document kind %s: doc_number, issued_on%s) before this move.",
									  lgit_document_kind_name(kind), kind,
									  strcmp(kind, "drc_design_approval") == 0 ? ", amount = the approved estimate" : ""),
							 "the DRC's approval is not on record",
							 lgit_document_problems(check, kind, 0));
	return true;
}

/*
 * Art 23: the approved estimate a project's contracts are held to: the
 * amount of the latest 概算批复 or re-approval a history row relied on; for
 * an Art 14 filing without one, its total as filed (frozen since, LG231);
 * NULL when none is on record (a project approved before lgit recorded it).
 */
Numeric
lgit_approved_estimate(int64 project_id, char **doc_number)
{
	static SPIPlanPtr plan = NULL;
	static SPIPlanPtr plan_v1 = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	Numeric		estimate = NULL;
	bool		isnull;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	/* until the schema is updated from 0.1.0, the total investment, as 0.1.0 judged */
	if (!lgit_history_sealed())
		lgit_plan(&plan_v1, "SELECT total_investment, 'total_investment' FROM lgit.project WHERE project_id = $1",
				  1, types);
	else
		lgit_plan(&plan,
			  "SELECT amount, source FROM ("
			  " (SELECT d.amount, coalesce(d.doc_number, d.title) AS source, 1 AS rank FROM lgit.document d "
			  "  WHERE d.project_id = $1 AND d.kind IN ('drc_design_approval', 'reapproval') "
			  "    AND d.amount IS NOT NULL "
			  "    AND EXISTS (SELECT FROM lgit.history h WHERE h.project_id = $1 AND d.document_id = ANY (h.evidence)) "
			  "  ORDER BY d.document_id DESC LIMIT 1) "
			  " UNION ALL "
			  " SELECT p.total_investment, 'total investment as filed (Art 14)', 2 FROM lgit.project p "
			  " WHERE p.project_id = $1 AND EXISTS (SELECT FROM lgit.history h WHERE h.project_id = $1 "
			  "   AND h.to_stage = 'established' AND (h.from_stage IS NULL OR h.from_stage = 'draft'))) e "
			  "ORDER BY rank LIMIT 1",
			  1, types);
	lgit_execute_as_owner(lgit_history_sealed() ? plan : plan_v1, values, NULL, false, 1);
	if (SPI_processed == 1)
	{
		MemoryContext old = MemoryContextSwitchTo(caller);

		estimate = DatumGetNumericCopy(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (doc_number)
			*doc_number = pstrdup(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2));
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	return estimate;
}

/* The last row of a project's history that approved what the gates judged. */
typedef struct LastApproval
{
	bool		found;
	int32		seq;
	LgitCapacity capacity;		/* the body that approved */
	char	   *judged;			/* NULL on a row written by lgit 0.1.0 */
} LastApproval;

/* A forward move into an approved stage, an Art 14 filing, or a re-approval. */
bool
lgit_history_row_approves(int from, LgitStage to, const char *kind)
{
	const LgitEdge *edge;

	if (strcmp(kind, "reapproval") == 0)
		return true;
	if (to != STAGE_ESTABLISHED && to != STAGE_FEASIBILITY_APPROVED && to != STAGE_DESIGN_APPROVED)
		return false;
	edge = lgit_edge(from, to);
	return edge->exists && (edge->kind == EDGE_FORWARD || edge->kind == EDGE_FILING);
}

static void
last_approval(int64 project_id, LastApproval *out)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	uint64		row;

	memset(out, 0, sizeof(*out));
	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT seq, from_stage, to_stage, capacity, kind, judged::text FROM lgit.history "
			  "WHERE project_id = $1 ORDER BY seq",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, false, 0);	/* fresh: the caller holds the row lock */
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		from = SPI_getbinval(tuple, desc, 2, &isnull);
		int			from_stage = isnull ? STAGE_NONE : (int) lgit_stage_from_datum(from);
		LgitStage	to = lgit_stage_from_datum(SPI_getbinval(tuple, desc, 3, &isnull));

		if (lgit_history_row_approves(from_stage, to, SPI_getvalue(tuple, desc, 5)))
		{
			char	   *judged = SPI_getvalue(tuple, desc, 6);

			out->found = true;
			out->seq = DatumGetInt32(SPI_getbinval(tuple, desc, 1, &isnull));
			out->capacity = lgit_capacity_from_datum(SPI_getbinval(tuple, desc, 4, &isnull));
			out->judged = judged ? MemoryContextStrdup(caller, judged) : NULL;
		}
	}
	lgit_spi_finish();
}

/*
 * Art 13, 23: after establishment, a write that changes a field the gates
 * judged is refused unless it is the re-approval lgit.reapprove() applies.
 */
List *
lgit_check_judged_edit(HeapTuple old_tuple, HeapTuple new_tuple, TupleDesc tupdesc,
						const LgitProject *project)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[3] = {tupdesc->tdtypeid, tupdesc->tdtypeid, INT8OID};
	Datum		values[3];
	bool		isnull;
	bool		changed;
	bool		established;
	char	   *fields;
	List	   *findings = NIL;
	LgitFinding *finding;

	if (pending.project_id == project->project_id || !lgit_history_sealed())
		return NIL;
	values[0] = heap_copy_tuple_as_datum(old_tuple, tupdesc);
	values[1] = heap_copy_tuple_as_datum(new_tuple, tupdesc);
	values[2] = Int64GetDatum(project->project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT o <> n, "
			  "  EXISTS (SELECT FROM lgit.history h WHERE h.project_id = $3 AND h.to_stage = 'established'), "
			  "  (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(n) AS k WHERE o -> k IS DISTINCT FROM n -> k) "
			  "FROM (SELECT lgit.judged_fields($1) AS o, lgit.judged_fields($2) AS n) x",
			  3, types);
	lgit_execute_as_owner(plan, values, NULL, false, 1);
	changed = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	established = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	fields = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3);
	fields = fields ? pstrdup(fields) : NULL;
	lgit_spi_finish();
	if (!changed || !established)
		return NIL;

	finding = lgit_finding(&findings, RULE_JUDGED_FROZEN,
						   "Ask the body that approved the project to re-approve the change: lgit.reapprove(project_id, changes, doc_number, reason).",
						   "the approved fields of an established project change only by re-approval (%s)", fields);
	lgit_fact_int(finding, "project_id", project->project_id);
	lgit_fact(finding, "project_code", project->code);
	lgit_fact(finding, "changed", fields);
	return findings;
}

/*
 * The re-approval being applied to this project, if any: its document and
 * reason.  Consumed by the one row of history it writes.
 */
bool
lgit_take_reapproval(int64 project_id, int64 *document_id, char **reason)
{
	if (pending.project_id == 0 || pending.project_id != project_id || pending.document_id == 0)
		return false;
	*document_id = pending.document_id;
	*reason = pending.reason;
	pending.document_id = 0;
	return true;
}

/*
 * lgit.check_project(): a project whose judged fields differ from what its
 * last approval saw (an edit that went around the triggers), or one approved
 * before lgit sealed them (a 0.1.0 history), whose approved fields are not on
 * record at all.
 */
List *
lgit_judged_findings(const LgitProject *project)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[2] = {INT8OID, JSONBOID};
	Datum		values[2];
	LastApproval approval;
	List	   *findings = NIL;
	LgitFinding *finding;
	char	   *changed;

	if (!lgit_history_sealed())
		return NIL;
	last_approval(project->project_id, &approval);
	if (!approval.found)
		return NIL;
	if (approval.judged == NULL)
	{
		finding = lgit_finding(&findings, RULE_JUDGED_FROZEN,
							   "Have the body that approved the project confirm its fields: lgit.reapprove(project_id, '{}', doc_number, reason).",
							   "what the approval of this project judged is not on record (approved before lgit sealed it)");
		lgit_fact_int(finding, "project_id", project->project_id);
		lgit_fact(finding, "project_code", project->code);
		lgit_fact_int(finding, "approval_seq", approval.seq);
		return findings;
	}
	values[0] = Int64GetDatum(project->project_id);
	/* parsed once here, not once per field in the query */
	values[1] = DirectFunctionCall1(jsonb_in, CStringGetDatum(approval.judged));
	lgit_spi_connect();
	lgit_plan(&plan,
			  /* jsonb_each: the fields built once, not once per key */
			  "SELECT (SELECT string_agg(n.key, ', ' ORDER BY n.key) FROM jsonb_each(lgit.judged_fields(p)) AS n "
			  "        WHERE $2 -> n.key IS DISTINCT FROM n.value) "
			  "FROM lgit.project p WHERE p.project_id = $1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, false, 1);
	changed = SPI_processed == 1 ? SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1) : NULL;
	changed = changed ? pstrdup(changed) : NULL;
	lgit_spi_finish();
	if (changed == NULL)
		return NIL;
	finding = lgit_finding(&findings, RULE_JUDGED_FROZEN,
						   "Restore the approved values, or have the body that approved the project re-approve them with lgit.reapprove().",
						   "%s differ from what the last approval saw", changed);
	lgit_fact_int(finding, "project_id", project->project_id);
	lgit_fact(finding, "project_code", project->code);
	lgit_fact(finding, "changed", changed);
	lgit_fact_int(finding, "approval_seq", approval.seq);
	return findings;
}

static char *
required_text(FunctionCallInfo fcinfo, int arg, const char *name)
{
	char	   *value = PG_ARGISNULL(arg) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(arg));
	const char *p;

	for (p = value; p != NULL && *p != '\0'; p++)
		if (!isspace((unsigned char) *p))
			return value;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must not be empty", name),
			 errhint("A re-approval names its decision's number (文号) and says why.")));
	pg_unreachable();
}

/*
 * lgit.reapprove(project_id, changes, doc_number, reason): Art 13, 23.  The
 * body that approved the project (the DRC; the authority for an Art 14
 * filing) changes or confirms the fields its approval judged.
 */
PG_FUNCTION_INFO_V1(lgit_reapprove);
Datum
lgit_reapprove(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr lock_plan = NULL;
	static SPIPlanPtr keys_plan = NULL;
	static SPIPlanPtr document_plan = NULL;
	static SPIPlanPtr update_plan = NULL;
	static SPIPlanPtr history_plan = NULL;
	Oid			types[5] = {INT8OID, JSONBOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[5];
	int64		project_id;
	Datum		changes;
	char	   *doc_number;
	char	   *reason;
	char	   *problem;
	LgitActor	actor;
	LgitProject project;
	LastApproval approval;
	bool		isnull;
	int64		document_id;
	Datum		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("project_id and changes must not be NULL"),
				 errhint("Pass '{}' as changes to confirm the approved fields as they are.")));
	project_id = PG_GETARG_INT64(0);
	changes = PG_GETARG_DATUM(1);
	doc_number = required_text(fcinfo, 2, "doc_number");
	reason = required_text(fcinfo, 3, "reason");
	lgit_current_actor(&actor);

	lgit_spi_connect();
	lgit_plan(&lock_plan, "SELECT * FROM lgit.project WHERE project_id = $1 FOR UPDATE", 1, types);
	values[0] = Int64GetDatum(project_id);
	lgit_execute(lock_plan, values, NULL, false, 1);
	if (SPI_processed != 1)
		lgit_report_no_such_project(project_id);
	lgit_project_from_tuple(&project, SPI_tuptable->vals[0], SPI_tuptable->tupdesc);

	last_approval(project_id, &approval);
	if (!approval.found)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("project %s has not been approved yet", project.code),
				 errhint("Until the project is established its fields are edited directly.")));
	if (!actor.registered || actor.capacity != approval.capacity)
	{
		List	   *findings = NIL;
		LgitFinding *finding = lgit_finding(&findings, RULE_CAPACITY,
											psprintf("Re-approval is the act of the body that approved the project: act in the capacity %s.",
													 lgit_capacity_names[approval.capacity]),
											"only the body that approved project %s may re-approve it", project.code);

		lgit_fact(finding, "actor", actor.name);
		lgit_fact(finding, "capacity", actor.registered ? lgit_capacity_names[actor.capacity] : NULL);
		lgit_fact(finding, "approved_by", lgit_capacity_names[approval.capacity]);
		lgit_raise(findings);
	}

	/* changes name judged fields (and the new estimate), nothing else */
	values[1] = changes;
	lgit_plan(&keys_plan,
			  "SELECT CASE WHEN jsonb_typeof($2) <> 'object' THEN 'changes must be a JSON object' "
			  "  WHEN $2 ? 'approved_estimate' AND jsonb_typeof($2 -> 'approved_estimate') <> 'number' "
			  "    THEN 'approved_estimate must be a positive number' "
			  "  WHEN ($2 ->> 'approved_estimate')::numeric <= 0 THEN 'approved_estimate must be a positive number' "
			  "  ELSE (SELECT 'unknown field' || CASE WHEN count(*) > 1 THEN 's ' ELSE ' ' END || string_agg(k, ', ' ORDER BY k) "
			  "        FROM jsonb_object_keys($2) AS k "
			  "        WHERE k <> 'approved_estimate' AND NOT lgit.judged_fields(p) ? k) END, "
			  "  (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(lgit.judged_fields(p)) AS k) "
			  "FROM lgit.project p WHERE p.project_id = $1",
			  2, types);
	lgit_execute_as_owner(keys_plan, values, NULL, false, 1);
	problem = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", problem),
				 errdetail("A re-approval changes: %s, and approved_estimate (the new 总概算).",
						   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2))));

	/* the decision is a record: registered as the caller, judged by the document guard */
	values[2] = CStringGetTextDatum(doc_number);
	values[3] = CStringGetTextDatum(reason);
	values[4] = CStringGetTextDatum(actor.unit_name ? actor.unit_name : actor.name);
	lgit_plan(&document_plan,
			  "INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, "
			  "  content_sha256, amount) "
			  "VALUES ($1, 'reapproval', $3, '重新报批批复：' || $4, $5, "
			  "  (now() AT TIME ZONE 'Asia/Shanghai')::date, "
			  "  sha256(convert_to($2::text || E'\\n' || $4, 'UTF8')), ($2 ->> 'approved_estimate')::numeric) "
			  "RETURNING document_id",
			  5, types);
	lgit_execute(document_plan, values, NULL, false, 1);
	document_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));

	lgit_plan(&update_plan,
			  "UPDATE lgit.project SET "
			  "category = CASE WHEN $2 ? 'category' THEN ($2 ->> 'category')::lgit.project_category ELSE category END, "
			  "build_type = CASE WHEN $2 ? 'build_type' THEN ($2 ->> 'build_type')::lgit.build_type ELSE build_type END, "
			  "custom_development = CASE WHEN $2 ? 'custom_development' THEN ($2 ->> 'custom_development')::boolean ELSE custom_development END, "
			  "superior_funded = CASE WHEN $2 ? 'superior_funded' THEN ($2 ->> 'superior_funded')::boolean ELSE superior_funded END, "
			  "plan_year = CASE WHEN $2 ? 'plan_year' THEN ($2 ->> 'plan_year')::int ELSE plan_year END, "
			  "special_plan_id = CASE WHEN $2 ? 'special_plan_id' THEN ($2 ->> 'special_plan_id')::int ELSE special_plan_id END, "
			  "previous_phase_id = CASE WHEN $2 ? 'previous_phase_id' THEN ($2 ->> 'previous_phase_id')::bigint ELSE previous_phase_id END, "
			  "fund_general_budget = CASE WHEN $2 ? 'fund_general_budget' THEN ($2 ->> 'fund_general_budget')::numeric ELSE fund_general_budget END, "
			  "fund_government_bonds = CASE WHEN $2 ? 'fund_government_bonds' THEN ($2 ->> 'fund_government_bonds')::numeric ELSE fund_government_bonds END, "
			  "fund_unit_self_raised = CASE WHEN $2 ? 'fund_unit_self_raised' THEN ($2 ->> 'fund_unit_self_raised')::numeric ELSE fund_unit_self_raised END, "
			  "fund_other_government = CASE WHEN $2 ? 'fund_other_government' THEN ($2 ->> 'fund_other_government')::numeric ELSE fund_other_government END, "
			  "fund_superior = CASE WHEN $2 ? 'fund_superior' THEN ($2 ->> 'fund_superior')::numeric ELSE fund_superior END, "
			  "fund_social_capital = CASE WHEN $2 ? 'fund_social_capital' THEN ($2 ->> 'fund_social_capital')::numeric ELSE fund_social_capital END "
			  "WHERE project_id = $1",
			  2, types);
	pending.project_id = project_id;
	pending.document_id = document_id;
	pending.reason = reason;
	lgit_last_history_id = 0;
	PG_TRY();
	{
		lgit_execute(update_plan, values, NULL, false, 0);
	}
	PG_FINALLY();
	{
		pending.project_id = 0;
		pending.document_id = 0;
	}
	PG_END_TRY();
	if (lgit_last_history_id == 0)
		elog(ERROR, "lgit: re-approving project " INT64_FORMAT " wrote no history", project_id);

	lgit_plan(&history_plan, "SELECT h FROM lgit.history h WHERE history_id = $1", 1, types);
	values[0] = Int64GetDatum(lgit_last_history_id);
	lgit_execute_as_owner(history_plan, values, NULL, false, 1);
	result = SPI_datumTransfer(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull),
							   false, -1);
	lgit_spi_finish();
	PG_RETURN_DATUM(result);
}
