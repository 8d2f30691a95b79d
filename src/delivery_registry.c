/*
 * delivery_registry.c
 *		Guards on the records of delivery and after: contracts (Art 17-19),
 *		change orders (Art 23, 24), payments (Art 31) and O&M funding (Art 32,
 *		46-48), and lgit.om_blockers(), the Art 32 rule the authority's list
 *		to finance (lgit.om_eligible) is built from.
 *
 * Change orders and payments are never altered or removed once written (a
 * correction is another record); those triggers judge the new row against
 * the contract and what was recorded before it.
 */
#include "postgres.h"

#include "funcapi.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/rel.h"

#include "lgit.h"
#include "probe.h"

#define RULE_OVER_ESTIMATE	"LG230"
#define RULE_CHANGE_REVIEW	"LG240"
#define RULE_PAYMENT		"LG310"
#define RULE_OM_MONEY		"LG320"
#define RULE_SYSTEM_NOT_SHARING	"LG471"

static Datum
column(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull)
{
	return SPI_getbinval(tuple, desc, SPI_fnumber(desc, name), isnull);
}

/* Whether the project's history has entered a stage. */
static bool
project_entered(int64 project_id, LgitStage stage)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	bool		entered;

	values[0] = Int64GetDatum(project_id);
	values[1] = CStringGetTextDatum(lgit_stage_names[stage]);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT 1 FROM lgit.history WHERE project_id = $1 AND to_stage = $2::lgit.stage LIMIT 1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	entered = SPI_processed > 0;
	lgit_spi_finish();
	return entered;
}

/* Whether two versions of a row are the same in every column but one. */
static bool
same_except(HeapTuple a, HeapTuple b, TupleDesc desc, const char *column_name)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		bool		a_null;
		bool		b_null;
		Datum		a_value;
		Datum		b_value;

		if (att->attisdropped || strcmp(NameStr(att->attname), column_name) == 0)
			continue;
		a_value = heap_getattr(a, i + 1, desc, &a_null);
		b_value = heap_getattr(b, i + 1, desc, &b_null);
		if (a_null != b_null ||
			(!a_null && !datumIsEqual(a_value, b_value, att->attbyval, att->attlen)))
			return false;
	}
	return true;
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE on lgit.contract: the unit keeps its
 * contracts; only the authority records their filing (Art 19).
 */
PG_FUNCTION_INFO_V1(lgit_contract_guard);
Datum
lgit_contract_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	LgitActor	actor;
	bool		isnull;
	bool		filing_changed;

	lgit_require_before_row(fcinfo, "lgit.contract_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	lgit_current_actor(&actor);
	lgit_require_capacity(&actor, lgit_project_unit(DatumGetInt64(column(row, desc, "project_id", &isnull))),
					 "lgit.contract", (1 << CAPACITY_UNIT) | (1 << CAPACITY_AUTHORITY));

	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		column(row, desc, "filed_on", &isnull);
		filing_changed = !isnull;
	}
	else if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		bool		old_null;
		Datum		old = column(trigdata->tg_trigtuple, desc, "filed_on", &old_null);
		Datum		new = column(row, desc, "filed_on", &isnull);

		filing_changed = old_null != isnull || (!isnull && DatumGetDateADT(old) != DatumGetDateADT(new));
	}
	else
		filing_changed = false;
	if (filing_changed && actor.capacity != CAPACITY_AUTHORITY)
		lgit_require_capacity(&actor, 0, "lgit.contract.filed_on", 1 << CAPACITY_AUTHORITY);

	/*
	 * Once construction started on it, the contract is part of the record:
	 * only its filing may still be recorded (Art 19, 21).
	 */
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) &&
		project_entered(DatumGetInt64(column(trigdata->tg_trigtuple, desc, "project_id", &isnull)),
						STAGE_CONSTRUCTION) &&
		(TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ||
		 !same_except(trigdata->tg_trigtuple, row, desc, "filed_on")))
	{
		List	   *findings = NIL;
		LgitFinding *finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
											"Record a change order (lgit.change_order) instead; the contract construction started on stays as it was.",
											"the contract with %s is part of the record once construction started and cannot be %s",
											SPI_getvalue(trigdata->tg_trigtuple, desc, SPI_fnumber(desc, "contractor")),
											TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ? "removed" : "altered");

		lgit_fact(finding, "table", "lgit.contract");
		lgit_raise(findings);
	}
	return PointerGetDatum(row);
}

/* Whether a document is of the kind, for the project, and approved. */
static bool
approving_document(int64 document_id, int64 project_id, const char *kind)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[3] = {INT8OID, INT8OID, TEXTOID};
	Datum		values[3];
	bool		ok;

	values[0] = Int64GetDatum(document_id);
	values[1] = Int64GetDatum(project_id);
	values[2] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT 1 FROM lgit.document WHERE document_id = $1 AND project_id = $2 "
			  "AND kind = $3 AND conclusion = 'approved'",
			  3, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	ok = SPI_processed == 1;
	lgit_spi_finish();
	return ok;
}

/*
 * BEFORE INSERT on lgit.change_order (Art 23, 24).  The cumulative absolute
 * change of the contract, this one included, is what is compared with
 * change_review_ratio, so a change split into small pieces is still caught;
 * the ratio is judged by the policy in force when the change is signed.
 */
PG_FUNCTION_INFO_V1(lgit_change_order_guard);
Datum
lgit_change_order_guard(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	LgitActor	actor;
	bool		isnull;
	Oid			types[2] = {INT8OID, NUMERICOID};
	Datum		values[2];
	int64		project_id = 0;
	int32		unit = 0;
	Numeric		contract_amount = NULL;
	Numeric		cumulative = NULL;
	Numeric		budget = NULL;
	Numeric		total_investment = NULL;
	DateADT		signed_on;
	DateADT		in_force_from;
	Numeric		ratio;
	Numeric		allowed;
	Datum		review;
	Datum		reapproval;
	List	   *findings = NIL;
	List	   *unconfirmed = NIL;
	MemoryContext caller = CurrentMemoryContext;

	lgit_require_before_row(fcinfo, "lgit.change_order_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = trigdata->tg_trigtuple;
	signed_on = DatumGetDateADT(column(row, desc, "signed_on", &isnull));

	values[0] = column(row, desc, "contract_id", &isnull);
	values[1] = column(row, desc, "amount", &isnull);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT c.project_id, p.unit_id, c.amount, "
			  "  (SELECT coalesce(sum(abs(o.amount)), 0) FROM lgit.change_order o WHERE o.contract_id = c.contract_id) + abs($2), "
			  "  (SELECT sum(k.amount) FROM lgit.contract k WHERE k.project_id = c.project_id) "
			  "  + (SELECT coalesce(sum(o.amount), 0) FROM lgit.change_order o JOIN lgit.contract k USING (contract_id) "
			  "     WHERE k.project_id = c.project_id) + $2, "
			  "  p.total_investment "
			  "FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE c.contract_id = $1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		MemoryContext old = MemoryContextSwitchTo(caller);

		project_id = DatumGetInt64(SPI_getbinval(t, d, 1, &isnull));
		unit = DatumGetInt32(SPI_getbinval(t, d, 2, &isnull));
		contract_amount = DatumGetNumericCopy(SPI_getbinval(t, d, 3, &isnull));
		cumulative = DatumGetNumericCopy(SPI_getbinval(t, d, 4, &isnull));
		budget = DatumGetNumericCopy(SPI_getbinval(t, d, 5, &isnull));
		total_investment = DatumGetNumericCopy(SPI_getbinval(t, d, 6, &isnull));
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	if (project_id == 0)
		return PointerGetDatum(row);	/* the foreign key reports an unknown contract */

	lgit_current_actor(&actor);
	lgit_require_capacity(&actor, unit, "lgit.change_order", (1 << CAPACITY_UNIT) | (1 << CAPACITY_AUTHORITY));

	/* Art 24: 由项目建设单位组织设计、监理、承建等单位共同确认后实施 */
	if (!DatumGetBool(column(row, desc, "confirmed_by_design", &isnull)))
		unconfirmed = lappend(unconfirmed, "设计单位");
	if (!DatumGetBool(column(row, desc, "confirmed_by_supervision", &isnull)))
		unconfirmed = lappend(unconfirmed, "监理单位");
	if (!DatumGetBool(column(row, desc, "confirmed_by_contractor", &isnull)))
		unconfirmed = lappend(unconfirmed, "承建单位");
	if (unconfirmed != NIL)
		lgit_fact(lgit_finding(&findings, RULE_CHANGE_REVIEW,
							   "Have the design, supervision and contractor units confirm the change before it applies.",
							   "the change is not confirmed by %s", lgit_join(unconfirmed, "、")),
				  "unconfirmed", lgit_join(unconfirmed, "、"));

	/* Art 24: 累计变更金额超过合同价10%时报区信息化主管部门审核后方可实施 */
	ratio = lgit_policy_value("change_review_ratio", signed_on, &in_force_from);
	allowed = numeric_mul_opt_error(contract_amount, ratio, NULL);
	review = column(row, desc, "authority_review_id", &isnull);
	if (!lgit_numeric_ge(allowed, cumulative) &&
		(isnull || !approving_document(DatumGetInt64(review), project_id, "authority_change_review")))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_CHANGE_REVIEW,
											"Register the authority's approving review (authority_change_review) and reference it in authority_review_id.",
											"cumulative changes exceed the share of the contract price the unit may change alone");

		lgit_fact_amount(finding, "cumulative_changes", cumulative);
		lgit_fact_amount(finding, "contract_amount", contract_amount);
		lgit_fact_amount(finding, "change_review_ratio", ratio);
		lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
	}

	/* Art 23: a budget over the approved estimate is approved again */
	reapproval = column(row, desc, "reapproval_id", &isnull);
	if (!lgit_numeric_ge(total_investment, budget) &&
		(isnull || !approving_document(DatumGetInt64(reapproval), project_id, "estimate_reapproval")))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_OVER_ESTIMATE,
											"Have the DRC re-approve the budget (estimate_reapproval) and reference it in reapproval_id.",
											"with this change the contracts exceed the approved total investment");

		lgit_fact_amount(finding, "budget_after_change", budget);
		lgit_fact_amount(finding, "total_investment", total_investment);
	}
	if (findings != NIL)
		lgit_raise(findings);
	return PointerGetDatum(row);
}

/*
 * BEFORE INSERT on lgit.payment (Art 31): the contract is filed, and what has
 * been requested stays within the schedule's amounts for the stages the
 * project has reached.
 */
PG_FUNCTION_INFO_V1(lgit_payment_guard);
Datum
lgit_payment_guard(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	LgitActor	actor;
	bool		isnull;
	Oid			types[3] = {INT8OID, NUMERICOID, DATEOID};
	Datum		values[3];
	bool		found = false;
	int32		unit = 0;
	bool		filed = false;
	Numeric		requested = NULL;
	Numeric		payable = NULL;
	List	   *findings = NIL;
	MemoryContext caller = CurrentMemoryContext;

	lgit_require_before_row(fcinfo, "lgit.payment_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = trigdata->tg_trigtuple;
	values[0] = column(row, desc, "contract_id", &isnull);
	values[1] = column(row, desc, "amount", &isnull);
	values[2] = column(row, desc, "requested_on", &isnull);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.unit_id, c.filed_on IS NOT NULL AND c.filed_on <= $3, "
			  "  (SELECT coalesce(sum(amount), 0) FROM lgit.payment WHERE contract_id = c.contract_id) + $2, "
			  "  (SELECT coalesce(sum(m.amount), 0) FROM lgit.payment_milestone m "
			  "   WHERE m.contract_id = c.contract_id AND EXISTS "
			  "     (SELECT 1 FROM lgit.history h WHERE h.project_id = c.project_id AND h.to_stage = m.stage)) "
			  "FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE c.contract_id = $1",
			  3, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		MemoryContext old = MemoryContextSwitchTo(caller);

		found = true;
		unit = DatumGetInt32(SPI_getbinval(t, d, 1, &isnull));
		filed = DatumGetBool(SPI_getbinval(t, d, 2, &isnull));
		requested = DatumGetNumericCopy(SPI_getbinval(t, d, 3, &isnull));
		payable = DatumGetNumericCopy(SPI_getbinval(t, d, 4, &isnull));
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	if (!found)
		return PointerGetDatum(row);

	lgit_current_actor(&actor);
	lgit_require_capacity(&actor, unit, "lgit.payment", 1 << CAPACITY_UNIT);
	if (!filed)
		lgit_finding(&findings, RULE_PAYMENT,
					 "File the bid notice and the contract with the authority first.",
					 "funds are requested under a contract not filed with the authority");
	if (!lgit_numeric_ge(payable, requested))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_PAYMENT,
											"Request only what the payment schedule allows for the stages the project has reached.",
											"the request goes beyond the contract's payment schedule for the stages reached");

		lgit_fact_amount(finding, "requested_in_total", requested);
		lgit_fact_amount(finding, "payable_so_far", payable);
	}
	if (findings != NIL)
		lgit_raise(findings);
	return PointerGetDatum(row);
}

/*
 * Art 32, 47, 48: what stands between a project and O&M money on a day -
 * completion acceptance on file, and no data-sharing or security sanction on
 * its unit.  The trigger on lgit.om_funding raises it; lgit.om_blockers()
 * and the lgit.om_eligible list report it.
 */
static List *
om_findings(int64 project_id, DateADT on)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	List	   *findings = NIL;
	MemoryContext caller = CurrentMemoryContext;
	char	   *code = NULL;
	char	   *stage = NULL;
	int32		unit = 0;
	bool		completion_filed = false;
	ListCell   *lc;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.code, p.stage::text, p.unit_id, EXISTS (SELECT 1 FROM lgit.document d "
			  "  WHERE d.project_id = p.project_id AND d.kind = 'completion_report') "
			  "FROM lgit.project p WHERE p.project_id = $1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		bool		isnull;

		code = MemoryContextStrdup(caller, SPI_getvalue(t, d, 1));
		stage = MemoryContextStrdup(caller, SPI_getvalue(t, d, 2));
		unit = DatumGetInt32(SPI_getbinval(t, d, 3, &isnull));
		completion_filed = DatumGetBool(SPI_getbinval(t, d, 4, &isnull));
	}
	lgit_spi_finish();
	if (code == NULL)
		lgit_report_no_such_project(project_id);

	if (strcmp(stage, lgit_stage_names[STAGE_COMPLETED]) != 0 || !completion_filed)
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_OM_MONEY,
											"O&M money follows the completion acceptance and the filing of its report.",
											"project %s has no completion acceptance on file", code);

		lgit_fact(finding, "project_code", code);
		lgit_fact(finding, "stage", stage);
		lgit_fact(finding, "completion_report", completion_filed ? "filed" : NULL);
	}
	foreach(lc, lgit_sanctions_in_force(unit, on))
	{
		LgitSanction *sanction = lfirst(lc);
		LgitFinding *finding;

		if (strcmp(sanction->kind, "data_sharing") == 0)
			finding = lgit_finding(&findings, "LG470",
								   "O&M money resumes once the data are shared and the authority lifts the sanction.",
								   "the unit is sanctioned for not sharing data: no O&M money");
		else if (strcmp(sanction->kind, "security") == 0)
			finding = lgit_finding(&findings, "LG480",
								   "O&M money resumes once the security requirements are met and the authority lifts the sanction.",
								   "the unit is sanctioned for network security: no O&M money");
		else
			continue;
		lgit_fact(finding, "project_code", code);
		lgit_fact(finding, "sanction_id", sanction->id);
		lgit_fact(finding, "imposed_on", sanction->imposed_on);
		lgit_fact(finding, "sanction_reason", sanction->reason);
	}
	/* Art 47, per system: its data are not verified as shared (lgit.sharing_status) */
	if (strcmp(stage, lgit_stage_names[STAGE_COMPLETED]) == 0)
	{
		char	   *unverified = lgit_sharing_problem_on(project_id, on);

		if (unverified != NULL)
		{
			LgitFinding *finding = lgit_finding(&findings, RULE_SYSTEM_NOT_SHARING,
												"O&M money resumes once the authority's probe of the shared database (lgit.probe_sharing()) passes again.",
												"system %s is not verified as sharing its data: no O&M money", code);

			lgit_fact(finding, "project_code", code);
			lgit_fact(finding, "sharing", unverified);
		}
	}
	return findings;
}

/* BEFORE INSERT on lgit.om_funding: finance grants O&M money only where Art 32, 47, 48 allow. */
PG_FUNCTION_INFO_V1(lgit_om_funding_guard);
Datum
lgit_om_funding_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	LgitActor	actor;
	bool		isnull;
	int64		project_id;
	List	   *findings;

	lgit_require_before_row(fcinfo, "lgit.om_funding_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = trigdata->tg_trigtuple;
	project_id = DatumGetInt64(column(row, desc, "project_id", &isnull));
	lgit_current_actor(&actor);
	lgit_require_capacity(&actor, 0, "lgit.om_funding", 1 << CAPACITY_FINANCE);
	findings = om_findings(project_id, DatumGetDateADT(column(row, desc, "granted_on", &isnull)));
	if (findings != NIL)
		lgit_raise(findings);
	return PointerGetDatum(row);
}

/*
 * The caller must see the project (row-level security) before lgit, reading
 * as the owner, says anything about it.
 */
static void
require_visible_project(int64 project_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		visible;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT 1 FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute(plan, values, NULL, true, 1);
	visible = SPI_processed == 1;
	lgit_spi_finish();
	if (!visible)
		lgit_report_no_such_project(project_id);
}

/* lgit.om_blockers(project_id, on_date): why the project may not draw O&M money that day. */
PG_FUNCTION_INFO_V1(lgit_om_blockers);
Datum
lgit_om_blockers(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	require_visible_project(PG_GETARG_INT64(0));
	foreach(lc, om_findings(PG_GETARG_INT64(0), PG_GETARG_DATEADT(1)))
	{
		LgitFinding *finding = lfirst(lc);
		Datum		out[4];
		bool		nulls[4] = {false, false, false, false};
		char	   *article;
		char	   *severity;
		char	   *quote;

		lgit_rule_info(finding->code, &article, &severity, &quote);
		out[0] = CStringGetTextDatum(finding->code);
		out[1] = CStringGetTextDatum(article);
		out[2] = CStringGetTextDatum(finding->message);
		out[3] = lgit_facts_jsonb(finding);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
	}
	return (Datum) 0;
}

/*
 * BEFORE INSERT OR UPDATE on lgit.equipment_purchase (Art 42): government-
 * cloud equipment is the authority's to buy; a unit buys security equipment
 * only with the authority's approval.
 */
PG_FUNCTION_INFO_V1(lgit_equipment_guard);
Datum
lgit_equipment_guard(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	LgitActor	actor;
	bool		isnull;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	int64		project_id;
	int32		unit = 0;
	bool		authority_project = false;
	char	   *kind;
	Datum		approval;
	List	   *findings = NIL;

	lgit_require_before_row(fcinfo, "lgit.equipment_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	project_id = DatumGetInt64(column(row, desc, "project_id", &isnull));
	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.unit_id, u.kind = 'authority' FROM lgit.project p JOIN lgit.unit u USING (unit_id) "
			  "WHERE p.project_id = $1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		unit = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		authority_project = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	}
	lgit_spi_finish();
	if (unit == 0)
		return PointerGetDatum(row);

	lgit_current_actor(&actor);
	lgit_require_capacity(&actor, unit, "lgit.equipment_purchase", (1 << CAPACITY_UNIT) | (1 << CAPACITY_AUTHORITY));
	if (authority_project)
		return PointerGetDatum(row);

	kind = SPI_getvalue(row, desc, SPI_fnumber(desc, "kind"));
	approval = column(row, desc, "approval_id", &isnull);
	if (strcmp(kind, "gov_cloud") == 0)
		lgit_finding(&findings, "LG420",
					 "Apply to the authority for government-cloud resources; it buys and runs that equipment itself.",
					 "a unit may not buy government-cloud equipment");
	else if (strcmp(kind, "security") == 0 &&
			 (isnull || !approving_document(DatumGetInt64(approval), project_id, "security_equipment_approval")))
		lgit_finding(&findings, "LG420",
					 "Obtain the authority's approval (security_equipment_approval) and reference it in approval_id.",
					 "a unit buys security equipment only with the authority's approval");
	if (findings != NIL)
	{
		lgit_fact(linitial(findings), "equipment", SPI_getvalue(row, desc, SPI_fnumber(desc, "description")));
		lgit_raise(findings);
	}
	return PointerGetDatum(row);
}

/*
 * lgit.is_pgp_symmetric_message(bytea), Art 29: whether the bytes begin an
 * OpenPGP message encrypted with a passphrase (RFC 4880: a packet with tag 3,
 * Symmetric-Key Encrypted Session Key, version 4), as pgp_sym_encrypt()
 * writes.  It tells an encrypted secret from a password stored in plain; it
 * does not decrypt anything.
 */
PG_FUNCTION_INFO_V1(lgit_is_pgp_symmetric_message);
Datum
lgit_is_pgp_symmetric_message(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	const uint8 *p = (const uint8 *) VARDATA_ANY(data);
	int			len = VARSIZE_ANY_EXHDR(data);
	int			tag;
	int			body;			/* offset of the packet body */

	if (len < 4 || !(p[0] & 0x80))
		PG_RETURN_BOOL(false);
	if (p[0] & 0x40)
	{
		/* new format: tag in the low six bits, then a one-octet length below 192 */
		tag = p[0] & 0x3F;
		body = p[1] < 192 ? 2 : -1;
	}
	else
	{
		/* old format: tag in bits 2-5, length type in bits 0-1 (0: one octet) */
		tag = (p[0] >> 2) & 0x0F;
		body = (p[0] & 0x03) == 0 ? 2 : -1;
	}
	PG_RETURN_BOOL(tag == 3 && body > 0 && body < len && p[body] == 4 && len >= 32);
}
