/*
 * gates_delivery.c
 *		From contract to completion, and termination: the contract's terms
 *		(Art 19, 23, 38, 45), what construction waits for (Art 18, 19), the
 *		acceptance chain (Art 21, 26-30), each on what its documents conclude
 *		(the latest of a kind must approve), the results registry (Art 39) and
 *		the conditions of termination (Art 34, 50).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "lgit.h"
#include "probe.h"

#define RULE_SUPERVISOR			"LG180"
#define RULE_ACCEPTANCE_CLAUSE	"LG190"
#define RULE_CONTRACT_FILING	"LG191"
#define RULE_ARCHIVES			"LG210"
#define RULE_OVER_ESTIMATE		"LG230"
#define RULE_PRELIMINARY		"LG260"
#define RULE_THIRD_PARTY		"LG270"
#define RULE_SECURITY_TEST		"LG280"
#define RULE_DATA_SHARING		"LG290"
#define RULE_SOURCE_CODE		"LG291"
#define RULE_COMPLETION			"LG300"
#define RULE_TERMINATION		"LG340"
#define RULE_RESULTS			"LG380"
#define RULE_DEVICE_REGISTERED	"LG430"
#define RULE_WARRANTY			"LG450"

typedef struct Contract
{
	char	   *label;			/* doc number, or the contractor */
	Numeric		amount;
	DateADT		signed_on;
	bool		filed;
	DateADT		filed_on;
	bool		has_supervisor;
	bool		supervisor_qualified;
	bool		acceptance_clause;
	bool		ownership_clause;
	int32		warranty_months;
	bool		software_development;
} Contract;

static List *
load_contracts(int64 project_id)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	List	   *contracts = NIL;
	uint64		row;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT coalesce(doc_number, contractor), amount, signed_on, filed_on, "
			  "coalesce(btrim(supervisor), '') <> '', supervisor_qualified, acceptance_clause, "
			  "ownership_clause, warranty_months, software_development "
			  "FROM lgit.contract WHERE project_id = $1 ORDER BY contract_id",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		MemoryContext old = MemoryContextSwitchTo(caller);
		Contract   *c = palloc0(sizeof(Contract));
		bool		isnull;
		Datum		filed;

		c->label = pstrdup(SPI_getvalue(tuple, desc, 1));
		c->amount = DatumGetNumericCopy(SPI_getbinval(tuple, desc, 2, &isnull));
		c->signed_on = DatumGetDateADT(SPI_getbinval(tuple, desc, 3, &isnull));
		filed = SPI_getbinval(tuple, desc, 4, &isnull);
		c->filed = !isnull;
		c->filed_on = isnull ? 0 : DatumGetDateADT(filed);
		c->has_supervisor = DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull));
		c->supervisor_qualified = DatumGetBool(SPI_getbinval(tuple, desc, 6, &isnull));
		c->acceptance_clause = DatumGetBool(SPI_getbinval(tuple, desc, 7, &isnull));
		c->ownership_clause = DatumGetBool(SPI_getbinval(tuple, desc, 8, &isnull));
		c->warranty_months = DatumGetInt32(SPI_getbinval(tuple, desc, 9, &isnull));
		c->software_development = DatumGetBool(SPI_getbinval(tuple, desc, 10, &isnull));
		contracts = lappend(contracts, c);
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	return contracts;
}

/*
 * Art 38: 对于软件开发类项目 - a contract of an application project (应用系统
 * 软件开发) or one the unit marks as software development.
 */
static bool
software_contract(const LgitProject *project, const Contract *c)
{
	return c->software_development || strcmp(project->category, "application") == 0;
}

static Numeric
contracts_total(List *contracts)
{
	Numeric		total = int64_to_numeric(0);
	ListCell   *lc;

	foreach(lc, contracts)
		total = numeric_add_opt_error(total, ((Contract *) lfirst(lc))->amount, NULL);
	return total;
}

/*
 * Art 19, 23, 38, 45: a signed contract states the acceptance method and
 * content and the unit's ownership of code and data, warrants at least
 * min_warranty_months, and stays within the approved total.
 */
bool
lgit_gate_contract_terms(LgitCheck *check)
{
	const LgitProject *project = check->move->project;
	List	   *contracts = load_contracts(project->project_id);
	ListCell   *lc;
	Numeric		total;
	Numeric		estimate;
	char	   *estimate_doc = NULL;

	if (contracts == NIL)
	{
		lgit_move_finding(check, RULE_ACCEPTANCE_CLAUSE,
						  "Register the signed contract (lgit.contract) with its clauses.",
						  "no contract is registered");
		return true;
	}
	foreach(lc, contracts)
	{
		Contract   *c = lfirst(lc);
		DateADT		in_force_from;
		Numeric		minimum = lgit_policy_value("min_warranty_months", c->signed_on, &in_force_from);
		LgitFinding *finding;

		if (!c->acceptance_clause)
			lgit_fact(lgit_move_finding(check, RULE_ACCEPTANCE_CLAUSE,
										"Amend the contract to state the acceptance method and content (参照深圳市电子政务项目建设格式合同).",
										psprintf("contract %s lacks the clause on acceptance method and content", c->label)),
					  "contract", c->label);
		if (!c->ownership_clause && software_contract(project, c))
			lgit_fact(lgit_move_finding(check, RULE_RESULTS,
										"Amend the contract: source code and data belong to the unit.",
										psprintf("software-development contract %s lacks the clause giving the unit the source code and data", c->label)),
					  "contract", c->label);
		if (!lgit_numeric_ge(int64_to_numeric(c->warranty_months), minimum))
		{
			finding = lgit_move_finding(check, RULE_WARRANTY,
										"Agree a warranty of at least the minimum, with free maintenance and upgrades during it.",
										psprintf("contract %s warrants %d months, under the minimum", c->label, c->warranty_months));
			lgit_fact(finding, "contract", c->label);
			lgit_fact_int(finding, "warranty_months", c->warranty_months);
			lgit_fact_amount(finding, "min_warranty_months", minimum);
			lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
		}
	}
	/* Art 23: held to the DRC's approved estimate and its re-approvals, not the editable total */
	total = contracts_total(contracts);
	estimate = lgit_approved_estimate(project->project_id, &estimate_doc);
	if (estimate == NULL)
		lgit_move_finding(check, RULE_OVER_ESTIMATE,
						  "Have the DRC record the approved estimate: lgit.reapprove(project_id, '{\"approved_estimate\": …}', doc_number, reason).",
						  "no approved estimate (概算批复) is on record for the project");
	else if (!lgit_numeric_ge(estimate, total))
	{
		LgitFinding *finding = lgit_move_finding(check, RULE_OVER_ESTIMATE,
												 "Have the budget re-approved under the district's government investment rules (lgit.reapprove() with approved_estimate), or reduce the contracts.",
												 "the contracts exceed the approved estimate");

		lgit_fact_amount(finding, "contracts_total", total);
		lgit_fact_amount(finding, "approved_estimate", estimate);
		lgit_fact(finding, "approved_by", estimate_doc);
	}
	return true;
}

/*
 * Art 18: construction is supervised by a qualified supervisor.  Art 19's
 * filing within contract_filing_workdays of signing does not hold
 * construction back: a late filing is a breach reported by lgit.overdue while
 * the contract is unfiled and by lgit.check_project() once it is filed late
 * (lgit_contract_filing_findings), never a refusal.
 */
bool
lgit_gate_construction_start(LgitCheck *check)
{
	List	   *contracts = load_contracts(check->move->project->project_id);
	ListCell   *lc;

	/* a project that reached contracted before a contract was required (0.1.0) */
	if (contracts == NIL)
		lgit_move_finding(check, RULE_SUPERVISOR,
						  "Register the signed contract (lgit.contract) with its qualified supervisor.",
						  "no contract, and so no supervisor, is on record");
	foreach(lc, contracts)
	{
		Contract   *c = lfirst(lc);

		if (!c->has_supervisor || !c->supervisor_qualified)
			lgit_fact(lgit_move_finding(check, RULE_SUPERVISOR,
										"Engage a qualified supervisor (监理) and record it on the contract.",
										psprintf("contract %s has no qualified supervisor", c->label)),
					  "contract", c->label);
	}
	return true;
}

/*
 * Art 19, kept visible once filed: each contract filed after its due date
 * (LG191), and each whose filing cannot be judged yet because it counts days
 * of a year whose calendar is not loaded (LG009, re-judged once it is).  An
 * unfiled contract's deadline is lgit.overdue's and lgit.deadlines'.
 */
List *
lgit_contract_filing_findings(int64 project_id)
{
	List	   *findings = NIL;
	ListCell   *lc;

	foreach(lc, load_contracts(project_id))
	{
		Contract   *c = lfirst(lc);
		Numeric		days;
		int32		allowed;
		int32		counted;
		bool		late;
		bool		provisional;
		DateADT		due;
		LgitFinding *finding;

		if (!c->filed || c->filed_on <= c->signed_on)
			continue;
		if (DATE_NOT_FINITE(c->signed_on) || DATE_NOT_FINITE(c->filed_on))
		{
			lgit_fact(lgit_finding(&findings, RULE_CALENDAR,
								   "Correct the contract's dates: a filing is judged on real days.",
								   "whether contract %s was filed in time cannot be judged: a date is not a day",
								   c->label),
					  "signed_on", lgit_date_text(c->signed_on));
			continue;
		}
		days = lgit_policy_value("contract_filing_workdays", c->signed_on, NULL);
		allowed = DatumGetInt32(DirectFunctionCall1(numeric_int4, NumericGetDatum(days)));
		if (!lgit_calendar_covers(c->signed_on, c->filed_on))
		{
			due = lgit_deadline(c->signed_on, allowed, &provisional);
			finding = lgit_finding(&findings, RULE_CALENDAR,
								   "Load the State Council's notice for the missing year with lgit.load_calendar_year(); check_project then judges the filing.",
								   "whether contract %s was filed in time cannot be judged until the working-day calendar is loaded",
								   c->label);
			lgit_fact(finding, "signed_on", lgit_date_text(c->signed_on));
			lgit_fact(finding, "filed_on", lgit_date_text(c->filed_on));
			lgit_fact(finding, "provisional_due", lgit_date_text(due));
			continue;
		}
		/* "within N working days": on or before the N-th working day after signing */
		counted = lgit_workdays_between_provisional(c->signed_on, c->filed_on, &provisional);
		late = counted > allowed ||
			(counted == allowed &&
			 lgit_workdays_between_provisional(c->signed_on, c->filed_on - 1, &provisional) == counted);
		if (!late)
			continue;
		due = lgit_deadline(c->signed_on, allowed, &provisional);
		finding = lgit_finding(&findings, RULE_CONTRACT_FILING,
							   "A late filing stays on record; file contracts within the working days Art 19 allows.",
							   "contract %s was filed on %s, after its due date %s",
							   c->label, lgit_date_text(c->filed_on), lgit_date_text(due));
		lgit_fact(finding, "signed_on", lgit_date_text(c->signed_on));
		lgit_fact(finding, "due", lgit_date_text(due));
		lgit_fact(finding, "filed_on", lgit_date_text(c->filed_on));
		lgit_fact_int(finding, "workdays_late", counted - allowed);
	}
	return findings;
}

/*
 * Art 26: 自行检测通过后 - preliminary acceptance after a passing self-test
 * report signed by the contractor and the supervisor; a contract whose own
 * amount (合同金额) is 1000万 or more (含) also needs an approving expert
 * preliminary-acceptance meeting.
 */
bool
lgit_gate_preliminary_acceptance(LgitCheck *check)
{
	List	   *problems = lgit_document_problems(check, "self_test_report", DOC_COMPLETE | DOC_APPROVED);
	DateADT		in_force_from;
	Numeric		threshold = lgit_policy_value("expert_preliminary_acceptance_min_contract",
											  check->move->on, &in_force_from);
	List	   *large = NIL;
	ListCell   *lc;

	foreach(lc, load_contracts(check->move->project->project_id))
	{
		Contract   *c = lfirst(lc);

		if (lgit_numeric_ge(c->amount, threshold))
			large = lappend(large, c->label);
	}
	if (large != NIL)
	{
		List	   *meeting = lgit_document_problems(check, "expert_preliminary_acceptance_minutes", DOC_APPROVED);

		if (meeting != NIL)
			problems = list_concat(problems,
								   lappend(meeting, psprintf("合同%s的合同金额达到专家初步验收会门槛", lgit_join(large, "、"))));
	}
	lgit_report_problems(check, RULE_PRELIMINARY,
						 "Register the passing self-test report and, for a contract of the threshold or more, the approving minutes of the expert preliminary acceptance.",
						 "the preliminary acceptance is not complete", problems);
	return true;
}

/* Art 21, 27: final acceptance on a qualified third party's test report, with the archives accepted. */
bool
lgit_gate_final_acceptance(LgitCheck *check)
{
	lgit_report_problems(check, RULE_THIRD_PARTY,
						 "Register the third-party acceptance test report of a body qualified for information system testing.",
						 "the final acceptance has no qualified third-party test",
						 lgit_document_problems(check, "third_party_test_report", DOC_QUALIFIED | DOC_APPROVED));
	lgit_report_problems(check, RULE_ARCHIVES,
						 "File the project archives in the district's 全流程系统 and have the authority accept them.",
						 "the project archives are not accepted",
						 lgit_document_problems(check, "archive_acceptance", DOC_APPROVED));
	return true;
}

/*
 * Art 28: the authority's security test covers host, application, database
 * and baseline, and the system passes it (a failed test is re-run after the
 * fixes; the latest report decides).
 */
bool
lgit_gate_security_test(LgitCheck *check)
{
	lgit_report_problems(check, RULE_SECURITY_TEST,
						 "Register the passing security test report covering the host, application and database layers and the security baseline; after a failed test, fix and test again.",
						 "the security test is not passed",
						 lgit_document_problems(check, "security_test_report", DOC_COMPLETE | DOC_APPROVED));
	return true;
}

/*
 * Art 29: 定制化开发软件 - what the project is decides, not a flag the unit
 * clears: an application project (应用系统软件开发), one with a software-
 * development contract, or one the unit declares.  Only the authority's
 * exemption (a purely off-the-shelf product, its reason in the title) lifts
 * the upload.
 */
static bool
custom_development(LgitCheck *check)
{
	static SPIPlanPtr plan = NULL;
	const LgitProject *project = check->move->project;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		software_contract;
	LgitDocument *exemption;

	if (!project->custom_development && strcmp(project->category, "application") != 0)
	{
		values[0] = Int64GetDatum(project->project_id);
		lgit_spi_connect();
		lgit_plan(&plan, "SELECT 1 FROM lgit.contract WHERE project_id = $1 AND software_development LIMIT 1",
				  1, types);
		lgit_execute_as_owner(plan, values, NULL, true, 1);
		software_contract = SPI_processed > 0;
		lgit_spi_finish();
		if (!software_contract)
			return false;
	}
	exemption = lgit_latest_document(project->project_id, "source_code_exemption");
	if (exemption == NULL)
		return true;
	lgit_rely_on(check, exemption->document_id);
	return false;
}

/*
 * Art 29: data shared in full and in real time, with read-only account,
 * connection and data-structure document delivered, and the authority's
 * approving audit of the handover; custom source code uploaded to the
 * district software development cloud.
 */
bool
lgit_gate_handover(LgitCheck *check)
{
	List	   *problems = list_concat(lgit_document_problems(check, "data_sharing_handover", DOC_COMPLETE),
									   lgit_document_problems(check, "handover_audit", DOC_APPROVED));
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		account_delivered;

	values[0] = Int64GetDatum(check->move->project->project_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT 1 FROM lgit.data_access_credential WHERE project_id = $1 LIMIT 1", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	account_delivered = SPI_processed > 0;
	lgit_spi_finish();
	if (!account_delivered)
		problems = lappend(problems, "未登记只读账号（lgit.data_access_credential）");
	else if (check->move->actor != NULL)
	{
		/*
		 * Art 29: the shared database itself was probed, recently, and
		 * passed.  Judged when the move is made, not on replay: moves made
		 * before lgit had the probe could not rely on one, and a system in
		 * operation is judged by LG471 instead.
		 */
		char	   *unverified = lgit_sharing_problem_on(check->move->project->project_id, check->move->on);

		if (unverified != NULL)
			problems = lappend(problems, unverified);
	}
	lgit_report_problems(check, RULE_DATA_SHARING,
						 "Register the data sharing handover with every part Art 29 lists, the read-only account in lgit.data_access_credential (a secret reference or the password encrypted, never in plain text), and the authority's approving audit of the handover.",
						 "the data sharing handover is not complete", problems);
	if (custom_development(check))
		lgit_report_problems(check, RULE_SOURCE_CODE,
							 "Upload the source code to the district software development cloud and register the upload with its commit or archive hash.",
							 "the custom source code is not handed over",
							 lgit_document_problems(check, "source_code_handover", 0));
	return true;
}

/*
 * Art 30: 通过上线安全测试和业务数据共享、软件系统源代码移交审核后 …… 专家竣工
 * 验收会: completion on a passed security test, an approved handover audit and
 * an approving expert completion meeting, its report filed with the authority
 * (未通过竣工验收的信息系统不得投入正式运行).
 */
bool
lgit_gate_completion(LgitCheck *check)
{
	List	   *problems = lgit_document_problems(check, "security_test_report", DOC_APPROVED);

	problems = list_concat(problems, lgit_document_problems(check, "handover_audit", DOC_APPROVED));
	problems = list_concat(problems, lgit_document_problems(check, "expert_completion_minutes", DOC_APPROVED));
	problems = list_concat(problems, lgit_document_problems(check, "completion_report", 0));
	lgit_report_problems(check, RULE_COMPLETION,
						 "Hold the expert completion acceptance meeting once the security test and the handover audit are passed; after a rejection, rectify and hold it again; file its report with the authority.",
						 "the completion acceptance is not passed", problems);
	return true;
}

/* Art 43: every device on the government network is registered before the system goes live. */
bool
lgit_gate_devices_registered(LgitCheck *check)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	char	   *unregistered = NULL;

	values[0] = Int64GetDatum(check->move->project->project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT string_agg(description, '、' ORDER BY purchase_id) FROM lgit.equipment_purchase "
			  "WHERE project_id = $1 AND on_gov_network AND coalesce(btrim(registration_number), '') = ''",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1 && SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1) != NULL)
		unregistered = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
	lgit_spi_finish();
	if (unregistered != NULL)
		lgit_fact(lgit_move_finding(check, RULE_DEVICE_REGISTERED,
									"Report the devices to the authority for registration (登记、入库) and record the registration numbers.",
									psprintf("devices on the government network are not registered: %s", unregistered)),
				  "unregistered", unregistered);
	return true;
}

/* Art 39: the results of a completed project are registered in the 成果库. */
bool
lgit_gate_results_registered(LgitCheck *check)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		registered;

	values[0] = Int64GetDatum(check->move->project->project_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT 1 FROM lgit.result WHERE project_id = $1 LIMIT 1", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	registered = SPI_processed > 0;
	lgit_spi_finish();
	if (!registered)
		lgit_move_finding(check, RULE_RESULTS,
						  "Register the project's results (intellectual property, software with source code, data) in lgit.result.",
						  "the completed project has registered no results in the 成果库");
	return true;
}

/*
 * Art 34's procedure is for a project that entered it: one the unit never
 * proposed (nor had filed) is its own draft to withdraw.
 */
static bool
withdrawn_draft(LgitCheck *check)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		entered;

	if (check->move->from != STAGE_DRAFT)
		return false;
	values[0] = Int64GetDatum(check->move->project->project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT 1 FROM lgit.history WHERE project_id = $1 AND to_stage NOT IN ('draft', 'terminated') LIMIT 1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, false, 1);	/* fresh snapshot: the project's row is locked */
	entered = SPI_processed > 0;
	lgit_spi_finish();
	return !entered;
}

/*
 * Art 50: 情节严重的，终止项目 - a system under a data-sharing sanction is
 * terminated by the district leader as the sanction's consequence, without
 * the industry department's review Art 34 asks for a unit's own request.
 */
static bool
terminated_as_sanction(LgitCheck *check)
{
	ListCell   *lc;

	foreach(lc, lgit_sanctions_in_force(check->move->project->unit_id, check->move->on))
	{
		LgitSanction *sanction = lfirst(lc);

		if (strcmp(sanction->kind, "data_sharing") == 0 &&
			lgit_sanction_covers(sanction, check->move->project->project_id))
			return true;
	}
	return false;
}

/* Art 34: 按相关规定进行审计结算 - the settlement follows the termination. */
bool
lgit_gate_audit_settlement(LgitCheck *check)
{
	if (withdrawn_draft(check))
		return true;
	lgit_report_problems(check, RULE_TERMINATION,
						 "The audit department registers its settlement of the terminated project (audit_settlement).",
						 "the terminated project has no audit settlement",
						 lgit_document_problems(check, "audit_settlement", 0));
	return true;
}

/*
 * Art 34: termination on the industry authority's approving review and the
 * district leader's approval; the unit only withdraws its own never-proposed
 * draft.
 */
bool
lgit_gate_termination(LgitCheck *check)
{
	const LgitActor *actor = check->move->actor;

	if (withdrawn_draft(check))
		return true;
	if (actor != NULL && actor->registered && actor->capacity == CAPACITY_UNIT)
		lgit_move_finding(check, RULE_TERMINATION,
						  "Ask the district leader to terminate it: a project that entered the procedure is terminated on the industry department's review and the leader's approval.",
						  "a unit withdraws only its own draft that was never proposed");
	if (terminated_as_sanction(check))
		lgit_report_problems(check, RULE_TERMINATION,
							 "Register the district leader's approval of the termination.",
							 "the termination is not approved",
							 lgit_document_problems(check, "termination_approval", 0));
	else
		lgit_report_problems(check, RULE_TERMINATION,
							 "Register the industry authority's approving review and the district leader's approval; the audit settlement follows.",
							 "the termination is not approved",
							 list_concat(lgit_document_problems(check, "industry_review", DOC_APPROVED),
										 lgit_document_problems(check, "termination_approval", 0)));
	return true;
}
