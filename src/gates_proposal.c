/*
 * gates_proposal.c
 *		What a project needs to enter the lifecycle and be proposed:
 *		scope (Art 2, 3), a filed special plan (Art 8, 9), a complete proposal
 *		(Art 10), the district leader's special meeting at 10,000,000 or more
 *		(Art 10), a completed previous phase (Art 33), and a unit free of
 *		sanctions (Art 47-50) - with the sanctions' other bite, a sanctioned
 *		system's acceptances refused (Art 50), kept beside them.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/rangetypes.h"

#include "lgit.h"

#define RULE_SCOPE				"LG020"
#define RULE_SPECIAL_PLAN		"LG090"
#define RULE_PROPOSAL			"LG100"
#define RULE_LEADER_MEETING		"LG101"
#define RULE_PREVIOUS_PHASE		"LG330"
#define RULE_DATA_SHARING		"LG470"
#define RULE_SECURITY			"LG480"
#define RULE_RECTIFICATION		"LG490"

/*
 * Art 2, 3: district funds (一般公共预算, 债券, 自筹, 其他政府性资金) of
 * scope_min_district_funds or more (以上, 含), and not O&M alone or a pure
 * equipment purchase.  A higher-level project (Art 14) is filed whatever its
 * district share.
 */
bool
lgit_gate_scope(LgitCheck *check)
{
	const LgitProject *project = check->move->project;
	DateADT		in_force_from;
	Numeric		threshold;
	LgitFinding *finding;

	if (!lgit_move_enters_lifecycle(check->move))
		return true;
	if (strcmp(project->category, "om_only") == 0 || strcmp(project->category, "equipment_only") == 0)
	{
		finding = lgit_move_finding(check, RULE_SCOPE,
									"Operation and maintenance is funded under Art 46; a pure equipment purchase follows the procurement rules, not these measures.",
									strcmp(project->category, "om_only") == 0
									? "day-to-day operation and maintenance is outside the measures"
									: "a pure equipment purchase is outside the measures");
		lgit_fact(finding, "category", project->category);
	}
	if (project->superior_funded)
		return true;
	threshold = lgit_policy_value("scope_min_district_funds", check->move->on, &in_force_from);
	if (!lgit_numeric_ge(project->district_funds, threshold))
	{
		finding = lgit_move_finding(check, RULE_SCOPE,
									"Projects under the threshold are handled outside lgit; record the district funds by source if they are higher.",
									"district funds are under the threshold of the measures");
		lgit_fact_amount(finding, "district_funds", project->district_funds);
		lgit_fact_amount(finding, "scope_min_district_funds", threshold);
		lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
		lgit_fact(finding, "judged_on", lgit_date_text(check->move->on));
	}
	return true;
}

/* Art 8, 9: inside a filed special plan of the project's own unit, or admitted by a 区政府有关会议. */
bool
lgit_gate_special_plan(LgitCheck *check)
{
	static SPIPlanPtr plan = NULL;
	const LgitProject *project = check->move->project;
	MemoryContext caller = CurrentMemoryContext;
	char	   *problem = NULL;
	LgitDocument *minutes;
	LgitFinding *finding;

	if (project->special_plan_id == 0)
		problem = "names no special plan";
	else
	{
		Oid			types[1] = {INT4OID};
		Datum		values[1];

		values[0] = Int32GetDatum(project->special_plan_id);
		lgit_spi_connect();
		lgit_plan(&plan,
				  "SELECT unit_id, filed_on, lower(years), upper(years) - 1, title "
				  "FROM lgit.special_plan WHERE plan_id = $1",
				  1, types);
		lgit_execute_as_owner(plan, values, NULL, true, 1);
		if (SPI_processed == 1)
		{
			HeapTuple	tuple = SPI_tuptable->vals[0];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			int32		unit_id = DatumGetInt32(SPI_getbinval(tuple, desc, 1, &isnull));
			DateADT		filed_on = DatumGetDateADT(SPI_getbinval(tuple, desc, 2, &isnull));
			int32		first = DatumGetInt32(SPI_getbinval(tuple, desc, 3, &isnull));
			int32		last = DatumGetInt32(SPI_getbinval(tuple, desc, 4, &isnull));
			char	   *title = SPI_getvalue(tuple, desc, 5);

			if (unit_id != project->unit_id)
				problem = psprintf("names the plan \"%s\" of another unit", title);
			else if (filed_on > check->move->on)
				problem = psprintf("names the plan \"%s\", filed only on %s", title, lgit_date_text(filed_on));
			else if (project->plan_year < first || project->plan_year > last)
				problem = psprintf("has plan year %d, outside the plan \"%s\" (%d-%d)",
								   project->plan_year, title, first, last);
			if (problem)
				problem = MemoryContextStrdup(caller, problem);
		}
		lgit_spi_finish();
	}
	if (problem == NULL)
		return true;

	/* Art 9: 经区政府有关会议审议通过 - the latest minutes must admit the project */
	minutes = lgit_latest_document(project->project_id, "government_meeting_minutes");
	if (lgit_document_approving(minutes))
	{
		lgit_rely_on(check, minutes->document_id);
		return true;
	}
	finding = lgit_move_finding(check, RULE_SPECIAL_PLAN,
								"Name a special plan of the unit that the authority has filed and that covers the plan year, or register the minutes of the 区政府有关会议 that admitted the project.",
								psprintf("the project is not inside a filed special plan of its unit: it %s", problem));
	lgit_fact_int(finding, "special_plan_id", project->special_plan_id);
	lgit_fact_int(finding, "plan_year", project->plan_year);
	if (minutes != NULL)
		lgit_fact(finding, "government_meeting_minutes",
				  psprintf("%s: %s", minutes->doc_number ? minutes->doc_number : "(no number)",
						   minutes->conclusion ? minutes->conclusion : "conclusion not stated"));
	return true;
}

/*
 * Art 10: the proposal (立项申请报告/项目建议书) with every part the article
 * lists, and the minutes of the unit leadership's meeting - all that is
 * missing named at once.
 */
bool
lgit_gate_proposal(LgitCheck *check)
{
	int64		project_id = check->move->project->project_id;
	LgitDocument *proposal = lgit_latest_document(project_id, "proposal");
	LgitDocument *minutes = lgit_latest_document(project_id, "unit_leadership_minutes");
	List	   *missing = NIL;
	LgitFinding *finding;

	if (proposal == NULL)
		missing = lappend(missing, lgit_document_kind_name("proposal"));
	else
	{
		missing = list_concat(missing, proposal->missing_parts);
		lgit_rely_on(check, proposal->document_id);
	}
	if (minutes == NULL)
		missing = lappend(missing, lgit_document_kind_name("unit_leadership_minutes"));
	else
	{
		lgit_rely_on(check, minutes->document_id);
		/* the unit leadership's 研究 must have approved the proposal */
		if (!lgit_document_approving(minutes))
			missing = lappend(missing, psprintf("%s（最新一份%s）", lgit_document_kind_name("unit_leadership_minutes"),
												minutes->conclusion ? "不予通过" : "未载明结论"));
	}
	if (missing == NIL)
		return true;

	finding = lgit_move_finding(check, RULE_PROPOSAL,
								"Register the proposal with every part Art 10 lists (lgit.document_part), and the minutes of the unit leadership's meeting.",
								psprintf("the proposal lacks %d required part%s: %s",
										 list_length(missing), list_length(missing) > 1 ? "s" : "",
										 lgit_join(missing, "、")));
	lgit_fact(finding, "missing", lgit_join(missing, "、"));
	lgit_fact(finding, "proposal", proposal ? (proposal->doc_number ? proposal->doc_number : "(no number)") : NULL);
	return true;
}

/* Art 10: 总投资金额1000万以上 (含) needs the district leader's special meeting first. */
bool
lgit_gate_leader_meeting(LgitCheck *check)
{
	const LgitProject *project = check->move->project;
	DateADT		in_force_from;
	Numeric		threshold = lgit_policy_value("leader_meeting_min_investment", check->move->on, &in_force_from);
	List	   *problems;
	LgitFinding *finding;

	if (!lgit_numeric_ge(project->total_investment, threshold))
		return true;
	/* 召开专题会议审议通过: the latest minutes must approve */
	problems = lgit_document_problems(check, "leader_special_meeting_minutes", DOC_APPROVED);
	if (problems == NIL)
		return true;
	finding = lgit_move_finding(check, RULE_LEADER_MEETING,
								"Hold the special meeting chaired by the unit's district leader and register its minutes, approving the project, before proposing.",
								"a project of this size needs the approving minutes of the district leader's special meeting");
	lgit_fact(finding, "problems", lgit_join(problems, "; "));
	lgit_fact_amount(finding, "total_investment", project->total_investment);
	lgit_fact_amount(finding, "leader_meeting_min_investment", threshold);
	lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
	lgit_fact(finding, "judged_on", lgit_date_text(check->move->on));
	return true;
}

/* Art 33: the next phase waits for the previous one's completion acceptance. */
bool
lgit_gate_previous_phase(LgitCheck *check)
{
	static SPIPlanPtr plan = NULL;
	const LgitProject *project = check->move->project;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	char	   *code = NULL;
	char	   *stage = NULL;
	MemoryContext caller = CurrentMemoryContext;
	LgitDocument *exemption;
	LgitFinding *finding;

	if (project->previous_phase_id == 0)
		return true;
	values[0] = Int64GetDatum(project->previous_phase_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT code, stage FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		code = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
		stage = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2));
	}
	lgit_spi_finish();
	if (stage != NULL && strcmp(stage, lgit_stage_names[STAGE_COMPLETED]) == 0)
		return true;
	/* 原则上不批准: the authority may record an exception, with its reason */
	exemption = lgit_latest_document(project->project_id, "phase_exemption");
	if (exemption != NULL)
	{
		lgit_rely_on(check, exemption->document_id);
		return true;
	}

	finding = lgit_move_finding(check, RULE_PREVIOUS_PHASE,
								"Propose this phase once the previous phase has passed its completion acceptance, or once the authority has recorded an exception (phase_exemption, its title stating the reason).",
								psprintf("the previous phase %s is at stage %s, not completed",
										 code ? code : "?", stage ? stage : "?"));
	lgit_fact_int(finding, "previous_phase_id", project->previous_phase_id);
	lgit_fact(finding, "previous_phase_stage", stage);
	return true;
}

/* Reports each sanction of the given kinds in force on the unit on the day of the move. */
static void
report_sanctions(LgitCheck *check, bool rectification)
{
	List	   *sanctions = lgit_sanctions_in_force(check->move->project->unit_id, check->move->on);
	ListCell   *lc;

	foreach(lc, sanctions)
	{
		LgitSanction *sanction = lfirst(lc);
		const char *kind = sanction->kind;
		LgitFinding *finding;

		if (rectification != (strcmp(kind, "refused_rectification") == 0))
			continue;
		if (rectification)
			finding = lgit_move_finding(check, RULE_RECTIFICATION,
										"Approvals resume once the authority lifts the sanction after rectification.",
										"the unit refused rectification: approvals of its projects are suspended");
		else if (strcmp(kind, "data_sharing") == 0)
			finding = lgit_move_finding(check, RULE_DATA_SHARING,
										"Share the data as required; new, expansion and upgrade projects resume once the authority lifts the sanction.",
										"the unit is sanctioned for not sharing data: it may not start new, expansion or upgrade projects");
		else
			finding = lgit_move_finding(check, RULE_SECURITY,
										"Meet the network security requirements; projects resume once the authority lifts the sanction.",
										"the unit is sanctioned for network security: it may not start new, expansion or upgrade projects");
		lgit_fact(finding, "sanction_id", sanction->id);
		lgit_fact(finding, "imposed_on", sanction->imposed_on);
		lgit_fact(finding, "sanction_reason", sanction->reason);
	}
}

/* Art 47, 48, 50: a sanctioned unit does not build, extend or upgrade systems. */
bool
lgit_gate_unit_sanctions(LgitCheck *check)
{
	if (lgit_move_enters_lifecycle(check->move))
		report_sanctions(check, false);
	return true;
}

/* Art 49: 拒不整改的, 暂缓其后续项目的审批. */
bool
lgit_gate_refused_rectification(LgitCheck *check)
{
	report_sanctions(check, true);
	return true;
}

/*
 * Art 50: 对不符合统筹建设和不支持资源共享的 …… 已建成项目不予通过验收.  A
 * data-sharing sanction in force on the system (or on every system of its
 * unit) refuses its acceptances: preliminary, final and completion.
 */
bool
lgit_gate_acceptance_sanction(LgitCheck *check)
{
	List	   *sanctions = lgit_sanctions_in_force(check->move->project->unit_id, check->move->on);
	ListCell   *lc;

	foreach(lc, sanctions)
	{
		LgitSanction *sanction = lfirst(lc);
		LgitFinding *finding;

		if (strcmp(sanction->kind, "data_sharing") != 0 ||
			!lgit_sanction_covers(sanction, check->move->project->project_id))
			continue;
		finding = lgit_move_finding(check, RULE_DATA_SHARING,
									"Share the data as required; acceptance resumes once the authority lifts the sanction.",
									"the system is sanctioned for not sharing data: it does not pass acceptance");
		lgit_fact(finding, "sanction_id", sanction->id);
		lgit_fact(finding, "imposed_on", sanction->imposed_on);
		lgit_fact(finding, "sanction_reason", sanction->reason);
		lgit_fact(finding, "sanctioned_system", sanction->project_id ? "this project" : "every system of the unit");
	}
	return true;
}
