/*
 * guard_rules.c
 *		What the registry guard checks beyond its description, table by
 *		table: a document's kind decides who registers it and which parts it
 *		may name (doc/lgit.md §6); a change order is confirmed and reviewed (Art 23,
 *		24); the payment schedule stays within the contract (Art 31) and a
 *		payment within the schedule, the contract and what Art 49, 50 suspend;
 *		O&M money follows Art 32, 47, 48; equipment follows Art 42.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "lgit.h"
#include "guard.h"

#define RULE_OVER_ESTIMATE	"LG230"
#define RULE_CHANGE_REVIEW	"LG240"
#define RULE_PAYMENT		"LG310"
#define RULE_CONSTRUCTION_FUNDS "LG501"

static Datum
column(HeapTuple tuple, TupleDesc desc, const char *name, bool *isnull)
{
	return SPI_getbinval(tuple, desc, SPI_fnumber(desc, name), isnull);
}

static bool
is_table(const GuardWrite *write, const char *relname)
{
	return strcmp(write->reg->relname, relname) == 0;
}

/*
 * Who registered a document is lgit's to record: the actor on INSERT, and
 * unchanged by any UPDATE (an edit never makes a record someone else's).
 */
HeapTuple
lgit_guard_keep_own_columns(const GuardWrite *write)
{
	TupleDesc	desc = RelationGetDescr(write->rel);
	int			attnos[2];
	Datum		values[2];
	bool		nulls[2];

	if (write->new == NULL || !is_table(write, "document"))
		return write->new;
	attnos[0] = SPI_fnumber(desc, "registered_by");
	attnos[1] = SPI_fnumber(desc, "registered_at");
	if (write->operation == GUARD_INSERT)
	{
		values[0] = CStringGetTextDatum(write->actor->name);
		nulls[0] = false;
		return heap_modify_tuple_by_cols(write->new, desc, 1, attnos, values, nulls);
	}
	values[0] = heap_getattr(write->old, attnos[0], desc, &nulls[0]);
	values[1] = heap_getattr(write->old, attnos[1], desc, &nulls[1]);
	return heap_modify_tuple_by_cols(write->new, desc, 2, attnos, values, nulls);
}

/* The writers of a row: its registry's, or those of its document kind. */
void
lgit_guard_row_writers(const GuardWrite *write, HeapTuple row, GuardRowWriters *writers)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	TupleDesc	desc = RelationGetDescr(write->rel);
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	bool		isnull;
	char	   *kind;

	memset(writers, 0, sizeof(*writers));
	if (!write->reg->writers_by_kind)
	{
		writers->capacities = write->reg->writers;
		return;
	}
	kind = SPI_getvalue(row, desc, SPI_fnumber(desc, "kind"));
	writers->capacities = 0xFF;	/* an unknown kind: its foreign key reports it */
	writers->kind_name = kind ? kind : pstrdup("(no kind)");
	if (kind == NULL)
		return;
	values[0] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT array_to_string(registered_by, ','), by_other_department, name_zh, "
			  "  array_to_string(registered_by, ', ') "
			  "FROM lgit.document_kind WHERE kind = $1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *names = SPI_getvalue(t, d, 1);
		int			c;

		writers->capacities = 0;
		for (c = 0; c < NUM_CAPACITIES; c++)
			if (names && strstr(psprintf(",%s,", names), psprintf(",%s,", lgit_capacity_names[c])))
				writers->capacities |= 1 << c;
		writers->names = MemoryContextStrdup(caller, SPI_getvalue(t, d, 4));
		writers->by_other_department = DatumGetBool(SPI_getbinval(t, d, 2, &isnull));
		writers->kind_name = MemoryContextStrdup(caller, SPI_getvalue(t, d, 3));
	}
	lgit_spi_finish();
}

/* doc/lgit.md §6: a document names only parts its kind has. */
static void
document_parts(const GuardWrite *write)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	TupleDesc	desc = RelationGetDescr(write->rel);
	Oid			types[2] = {TEXTOID, TEXTARRAYOID};
	Datum		values[2];
	bool		isnull;
	char	   *kind = SPI_getvalue(write->new, desc, SPI_fnumber(desc, "kind"));
	char	   *unknown_parts = NULL;
	char	   *known_parts = NULL;

	values[1] = column(write->new, desc, "parts", &isnull);
	if (kind == NULL || isnull)
		return;					/* NOT NULL reports it */
	values[0] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT (SELECT string_agg(coalesce(x, 'NULL'), ', ') FROM unnest($2) AS x "
			  "        WHERE NOT EXISTS (SELECT FROM lgit.document_part WHERE kind = $1 AND part = x)), "
			  "       (SELECT string_agg(part, ', ' ORDER BY ordinal) FROM lgit.document_part WHERE kind = $1)",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		char	   *u = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		char	   *k = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);

		unknown_parts = u ? MemoryContextStrdup(caller, u) : NULL;
		known_parts = k ? MemoryContextStrdup(caller, k) : NULL;
	}
	lgit_spi_finish();
	if (unknown_parts != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a %s has no part named %s", lgit_document_kind_name(kind), unknown_parts),
				 errdetail("The parts of a %s are: %s.", lgit_document_kind_name(kind),
						   known_parts ? known_parts : "(none)"),
				 errhint("Name parts as lgit.document_part lists them.")));
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
 * Money written under a contract is judged one writer at a time: the
 * contract's row is locked, and what was recorded before is read afresh.
 */
static void
lock_contract(Datum contract_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};

	lgit_spi_connect();
	lgit_plan(&plan, "SELECT 1 FROM lgit.contract WHERE contract_id = $1 FOR UPDATE", 1, types);
	lgit_execute_as_owner(plan, &contract_id, NULL, false, 1);
	lgit_spi_finish();
}

/*
 * Art 23, 24: the cumulative absolute change of the contract, this one
 * included, is what is compared with change_review_ratio, so a change split
 * into small pieces is still caught; the ratio is judged by the policy in
 * force when the change is signed.
 */
static void
change_order_rules(const GuardWrite *write)
{
	static SPIPlanPtr plan = NULL;
	TupleDesc	desc = RelationGetDescr(write->rel);
	HeapTuple	row = write->new;
	bool		isnull;
	Oid			types[2] = {INT8OID, NUMERICOID};
	Datum		values[2];
	int64		project_id = 0;
	Numeric		contract_amount = NULL;
	Numeric		cumulative = NULL;
	Numeric		budget = NULL;
	Numeric		approved_estimate;
	DateADT		signed_on = DatumGetDateADT(column(row, desc, "signed_on", &isnull));
	DateADT		in_force_from;
	Numeric		ratio;
	Numeric		allowed;
	Datum		review;
	Datum		reapproval;
	List	   *findings = NIL;
	List	   *unconfirmed = NIL;
	MemoryContext caller = CurrentMemoryContext;

	values[0] = column(row, desc, "contract_id", &isnull);
	values[1] = column(row, desc, "amount", &isnull);
	lock_contract(values[0]);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT c.project_id, c.amount, "
			  "  (SELECT coalesce(sum(abs(o.amount)), 0) FROM lgit.change_order o WHERE o.contract_id = c.contract_id) + abs($2), "
			  "  (SELECT sum(k.amount) FROM lgit.contract k WHERE k.project_id = c.project_id) "
			  "  + (SELECT coalesce(sum(o.amount), 0) FROM lgit.change_order o JOIN lgit.contract k USING (contract_id) "
			  "     WHERE k.project_id = c.project_id) + $2 "
			  "FROM lgit.contract c WHERE c.contract_id = $1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, false, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		MemoryContext old = MemoryContextSwitchTo(caller);

		project_id = DatumGetInt64(SPI_getbinval(t, d, 1, &isnull));
		contract_amount = DatumGetNumericCopy(SPI_getbinval(t, d, 2, &isnull));
		cumulative = DatumGetNumericCopy(SPI_getbinval(t, d, 3, &isnull));
		budget = DatumGetNumericCopy(SPI_getbinval(t, d, 4, &isnull));
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	if (project_id == 0)
		return;					/* the foreign key reports an unknown contract */

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
	approved_estimate = lgit_approved_estimate(project_id, NULL);
	if ((approved_estimate == NULL || !lgit_numeric_ge(approved_estimate, budget)) &&
		(isnull || !approving_document(DatumGetInt64(reapproval), project_id, "estimate_reapproval")))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_OVER_ESTIMATE,
											"Have the DRC re-approve the budget (estimate_reapproval) and reference it in reapproval_id.",
											approved_estimate == NULL
											? "no approved estimate (概算批复) is on record for the project"
											: "with this change the contracts exceed the approved estimate");

		lgit_fact_amount(finding, "budget_after_change", budget);
		if (approved_estimate != NULL)
			lgit_fact_amount(finding, "approved_estimate", approved_estimate);
	}
	if (findings != NIL)
		lgit_raise(findings);
}

/*
 * Art 31: the payment schedule (合同约定的支付进度) pays from the contract on,
 * and all of it stays within the contract price and its approved changes.
 */
static void
payment_milestone_rules(const GuardWrite *write)
{
	static SPIPlanPtr plan = NULL;
	TupleDesc	desc = RelationGetDescr(write->rel);
	HeapTuple	row = write->new;
	bool		isnull;
	Oid			types[4] = {INT8OID, TEXTOID, NUMERICOID, TEXTOID};
	Datum		values[4];
	char		nulls[4] = {' ', ' ', ' ', 'n'};
	Numeric		scheduled = NULL;
	Numeric		price = NULL;
	List	   *findings = NIL;
	LgitStage	stage;
	MemoryContext caller = CurrentMemoryContext;

	stage = lgit_stage_from_datum(column(row, desc, "stage", &isnull));
	if (stage < STAGE_CONTRACTED || stage > STAGE_COMPLETED)
		lgit_fact(lgit_finding(&findings, RULE_PAYMENT,
							   "Schedule payments at the stages the contract reaches, from contracted to completed.",
							   "a payment schedule pays only at a stage of the contract's life, not at %s",
							   lgit_stage_names[stage]),
				  "stage", lgit_stage_names[stage]);

	values[0] = column(row, desc, "contract_id", &isnull);
	values[1] = CStringGetTextDatum(lgit_stage_names[stage]);
	values[2] = column(row, desc, "amount", &isnull);
	if (write->old)
	{
		/* the row as it was is replaced, not added to */
		values[3] = CStringGetTextDatum(lgit_stage_names[lgit_stage_from_datum(column(write->old, desc, "stage", &isnull))]);
		nulls[3] = ' ';
	}
	lock_contract(values[0]);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT (SELECT coalesce(sum(m.amount), 0) FROM lgit.payment_milestone m "
			  "        WHERE m.contract_id = c.contract_id AND m.stage <> $2::lgit.stage "
			  "          AND m.stage IS DISTINCT FROM $4::lgit.stage) + $3, "
			  "       c.amount + (SELECT coalesce(sum(o.amount), 0) FROM lgit.change_order o "
			  "                   WHERE o.contract_id = c.contract_id) "
			  "FROM lgit.contract c WHERE c.contract_id = $1",
			  4, types);
	lgit_execute_as_owner(plan, values, nulls, false, 1);
	if (SPI_processed == 1)
	{
		MemoryContext old = MemoryContextSwitchTo(caller);

		scheduled = DatumGetNumericCopy(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		price = DatumGetNumericCopy(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	if (price != NULL && !lgit_numeric_ge(price, scheduled))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_PAYMENT,
											"Schedule no more than the contract price and its approved changes.",
											"the payment schedule goes beyond the contract price and its approved changes");

		lgit_fact_amount(finding, "scheduled", scheduled);
		lgit_fact_amount(finding, "contract_price", price);
	}
	if (findings != NIL)
		lgit_raise(findings);
}

/*
 * Art 31: funds are requested under a filed contract, along its schedule for
 * the stages reached, never beyond its price and approved changes; none while
 * the project is suspended (暂缓, Art 49, 50) or terminated.  Art 50: none for a
 * project in construction while its unit is sanctioned for not supporting
 * resource sharing (在建项目暂缓拨付建设资金).
 */
static void
payment_rules(const GuardWrite *write)
{
	static SPIPlanPtr plan = NULL;
	TupleDesc	desc = RelationGetDescr(write->rel);
	HeapTuple	row = write->new;
	bool		isnull;
	Oid			types[3] = {INT8OID, NUMERICOID, DATEOID};
	Datum		values[3];
	bool		found = false;
	int32		unit = 0;
	char	   *stage = NULL;
	bool		filed = false;
	Numeric		requested = NULL;
	Numeric		payable = NULL;
	Numeric		price = NULL;
	DateADT		requested_on;
	List	   *findings = NIL;
	ListCell   *lc;
	MemoryContext caller = CurrentMemoryContext;

	values[0] = column(row, desc, "contract_id", &isnull);
	values[1] = column(row, desc, "amount", &isnull);
	values[2] = column(row, desc, "requested_on", &isnull);
	if (isnull)
		return;					/* NOT NULL reports it */
	requested_on = DatumGetDateADT(values[2]);
	lock_contract(values[0]);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.unit_id, p.stage::text, c.filed_on IS NOT NULL AND c.filed_on <= $3, "
			  "  (SELECT coalesce(sum(amount), 0) FROM lgit.payment WHERE contract_id = c.contract_id) + $2, "
			  "  (SELECT coalesce(sum(m.amount), 0) FROM lgit.payment_milestone m "
			  "   WHERE m.contract_id = c.contract_id AND EXISTS "
			  "     (SELECT 1 FROM lgit.history h WHERE h.project_id = c.project_id AND h.to_stage = m.stage)), "
			  "  c.amount + (SELECT coalesce(sum(o.amount), 0) FROM lgit.change_order o "
			  "              WHERE o.contract_id = c.contract_id) "
			  "FROM lgit.contract c JOIN lgit.project p USING (project_id) WHERE c.contract_id = $1",
			  3, types);
	lgit_execute_as_owner(plan, values, NULL, false, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	t = SPI_tuptable->vals[0];
		TupleDesc	d = SPI_tuptable->tupdesc;
		MemoryContext old = MemoryContextSwitchTo(caller);

		found = true;
		unit = DatumGetInt32(SPI_getbinval(t, d, 1, &isnull));
		stage = pstrdup(SPI_getvalue(t, d, 2));
		filed = DatumGetBool(SPI_getbinval(t, d, 3, &isnull));
		requested = DatumGetNumericCopy(SPI_getbinval(t, d, 4, &isnull));
		payable = DatumGetNumericCopy(SPI_getbinval(t, d, 5, &isnull));
		price = DatumGetNumericCopy(SPI_getbinval(t, d, 6, &isnull));
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	if (!found)
		return;

	if (!filed)
		lgit_finding(&findings, RULE_PAYMENT,
					 "File the bid notice and the contract with the authority first.",
					 "funds are requested under a contract not filed with the authority");
	if (strcmp(stage, lgit_stage_names[STAGE_SUSPENDED]) == 0 ||
		strcmp(stage, lgit_stage_names[STAGE_TERMINATED]) == 0)
		lgit_fact(lgit_finding(&findings, RULE_PAYMENT,
							   "Funds resume only once the project is resumed; a terminated project is settled by audit (Art 34).",
							   "no funds are paid while the project is %s", stage),
				  "stage", stage);
	if (!lgit_numeric_ge(payable, requested))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_PAYMENT,
											"Request only what the payment schedule allows for the stages the project has reached.",
											"the request goes beyond the contract's payment schedule for the stages reached");

		lgit_fact_amount(finding, "requested_in_total", requested);
		lgit_fact_amount(finding, "payable_so_far", payable);
	}
	if (!lgit_numeric_ge(price, requested))
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_PAYMENT,
											"Pay no more than the contract price and its approved changes; a larger price needs a change order.",
											"the request goes beyond the contract price and its approved changes");

		lgit_fact_amount(finding, "requested_in_total", requested);
		lgit_fact_amount(finding, "contract_price", price);
	}
	foreach(lc, lgit_sanctions_in_force(unit, requested_on))
	{
		LgitSanction *sanction = lfirst(lc);
		LgitFinding *finding;

		if (strcmp(sanction->kind, "data_sharing") != 0)
			continue;
		finding = lgit_finding(&findings, RULE_CONSTRUCTION_FUNDS,
							   "Construction funds resume once the unit shares its data as required and the sanction is lifted.",
							   "the unit is sanctioned for not supporting resource sharing: construction funds are suspended");
		lgit_fact(finding, "sanction_id", sanction->id);
		lgit_fact(finding, "imposed_on", sanction->imposed_on);
		lgit_fact(finding, "sanction_reason", sanction->reason);
	}
	if (findings != NIL)
		lgit_raise(findings);
}

/* Art 32, 47, 48: finance grants O&M money only where lgit.om_blockers() is empty. */
static void
om_funding_rules(const GuardWrite *write)
{
	TupleDesc	desc = RelationGetDescr(write->rel);
	bool		isnull;
	int64		project_id = DatumGetInt64(column(write->new, desc, "project_id", &isnull));
	List	   *findings;

	findings = lgit_om_findings(project_id, DatumGetDateADT(column(write->new, desc, "granted_on", &isnull)));
	if (findings != NIL)
		lgit_raise(findings);
}

/*
 * Art 42: government-cloud equipment is the authority's to buy; a unit buys
 * security equipment only with the authority's approval.
 */
static void
equipment_rules(const GuardWrite *write)
{
	static SPIPlanPtr plan = NULL;
	TupleDesc	desc = RelationGetDescr(write->rel);
	HeapTuple	row = write->new;
	bool		isnull;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	int64		project_id = write->new_owner->project_id;
	bool		authority_project = false;
	char	   *kind;
	Datum		approval;
	List	   *findings = NIL;

	if (!write->new_owner->found)
		return;
	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT u.kind = 'authority' FROM lgit.project p JOIN lgit.unit u USING (unit_id) "
			  "WHERE p.project_id = $1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
		authority_project = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	lgit_spi_finish();
	if (authority_project)
		return;

	kind = SPI_getvalue(row, desc, SPI_fnumber(desc, "kind"));
	approval = column(row, desc, "approval_id", &isnull);
	if (kind == NULL)
		return;
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
}

void
lgit_guard_table_rules(const GuardWrite *write)
{
	if (write->new == NULL)
		return;
	if (is_table(write, "document"))
		document_parts(write);
	else if (is_table(write, "change_order") && write->operation == GUARD_INSERT)
		change_order_rules(write);
	else if (is_table(write, "payment_milestone"))
		payment_milestone_rules(write);
	else if (is_table(write, "payment") && write->operation == GUARD_INSERT)
		payment_rules(write);
	else if (is_table(write, "om_funding") && write->operation == GUARD_INSERT)
		om_funding_rules(write);
	else if (is_table(write, "equipment_purchase"))
		equipment_rules(write);
}
