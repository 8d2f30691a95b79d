/*
 * gates_design.c
 *		From establishment to the approved design: the authority's approving
 *		opinion (Art 10, 13), the higher approval of an Art 14 filing, a named
 *		responsible person and implementing body (Art 16, before construction),
 *		a feasibility report with its chapters by a qualified consultancy and
 *		its approving review and expert review (Art 11), a preliminary
 *		design with its parts, by a qualified consultancy, with three quotes for
 *		any equipment (Art 12), and the expert review with the authority's
 *		opinion before the DRC approves (Art 13).
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "lgit.h"

#define RULE_AUTHORITY_OPINION	"LG102"
#define RULE_FEASIBILITY_REPORT	"LG111"
#define RULE_DESIGN				"LG120"
#define RULE_QUOTES				"LG121"
#define RULE_DESIGN_REVIEW		"LG130"
#define RULE_SUPERIOR_APPROVAL	"LG140"
#define RULE_RESPONSIBILITY		"LG160"

static bool
is_blank(const char *text)
{
	for (; text != NULL && *text != '\0'; text++)
		if (!isspace((unsigned char) *text))
			return false;
	return true;
}

/* Art 10, 13: the DRC establishes on the authority's approving opinion. */
bool
lgit_gate_authority_proposal_opinion(LgitCheck *check)
{
	if (check->move->from == STAGE_PROPOSAL_APPROVED)
		lgit_report_problems(check, RULE_AUTHORITY_OPINION,
							 "Register the authority's approving opinion on the proposal before establishing the project.",
							 "the project cannot be established without the authority's approving opinion",
							 lgit_document_problems(check, "authority_proposal_opinion", DOC_APPROVED));
	return true;
}

/* Art 14: a higher-level project is filed with the higher approval on record. */
bool
lgit_gate_superior_approval(LgitCheck *check)
{
	if (lgit_move_enters_lifecycle(check->move) && check->move->project->superior_funded)
		lgit_report_problems(check, RULE_SUPERIOR_APPROVAL,
							 "Register the approval of the state, province or city before filing.",
							 "a higher-level project is filed only with the higher approval on record",
							 lgit_document_problems(check, "superior_approval", 0));
	return true;
}

/*
 * Art 16: 项目实施机构和项目责任人 are named before construction starts (the
 * article sets no earlier time; establishment would refuse a DRC approval for
 * a staffing detail).
 */
bool
lgit_gate_responsibility(LgitCheck *check)
{
	const LgitProject *project = check->move->project;
	List	   *missing = NIL;
	LgitFinding *finding;

	if (is_blank(project->responsible_person))
		missing = lappend(missing, "项目责任人");
	if (is_blank(project->implementing_body))
		missing = lappend(missing, "项目实施机构");
	if (missing == NIL)
		return true;
	finding = lgit_move_finding(check, RULE_RESPONSIBILITY,
								"Set responsible_person and implementing_body on the project.",
								psprintf("the project names no %s", lgit_join(missing, "、")));
	lgit_fact(finding, "missing", lgit_join(missing, "、"));
	return true;
}

/* Art 11: 具有相应资质的咨询机构编制, 必须包含信息资源共享分析和信息安全的章节. */
bool
lgit_gate_feasibility_report(LgitCheck *check)
{
	lgit_report_problems(check, RULE_FEASIBILITY_REPORT,
						 "Register the feasibility report by a qualified consultancy, with the information-resource sharing and information security chapters.",
						 "the feasibility report is not acceptable",
						 lgit_document_problems(check, "feasibility_report", DOC_COMPLETE | DOC_QUALIFIED));
	return true;
}

/*
 * Art 11: 编制完成后报区信息化主管部门审核，通过后再提交区发改部门审批 - the
 * DRC approves the study on the authority's approving review (审核, due 5
 * working days after 正式受理) and the expert review it organises (评审结论).
 */
bool
lgit_gate_feasibility_review(LgitCheck *check)
{
	lgit_report_problems(check, RULE_FEASIBILITY_REPORT,
						 "Register the authority's approving review of the feasibility study and the approving conclusion of the expert review before the DRC approves it.",
						 "the feasibility study cannot be approved",
						 list_concat(lgit_document_problems(check, "authority_feasibility_opinion", DOC_APPROVED),
									 lgit_document_problems(check, "feasibility_expert_review", DOC_APPROVED)));
	return true;
}

/*
 * Art 12: the preliminary design and estimate, complete and by a qualified
 * consultancy; with equipment, quotes from min_quotes_for_equipment issuers.
 */
bool
lgit_gate_preliminary_design(LgitCheck *check)
{
	LgitDocument *doc;

	lgit_report_problems(check, RULE_DESIGN,
						 "Register the preliminary design by a qualified consultancy with every part Art 12 lists (lgit.document_part).",
						 "the preliminary design is not acceptable",
						 lgit_judge_latest_document(check, "preliminary_design", DOC_COMPLETE | DOC_QUALIFIED, &doc));
	if (doc != NULL && doc->has_equipment)
	{
		DateADT		in_force_from;
		Numeric		minimum = lgit_policy_value("min_quotes_for_equipment", check->move->on, &in_force_from);
		List	   *quotes = lgit_documents_by_distinct_issuer(check->move->project->project_id, "market_quote");
		ListCell   *lc;

		if (lgit_numeric_ge(int64_to_numeric(list_length(quotes)), minimum))
		{
			foreach(lc, quotes)
				lgit_rely_on(check, *(int64 *) lfirst(lc));
		}
		else
		{
			LgitFinding *finding = lgit_move_finding(check, RULE_QUOTES,
													 "Register market quotes (market_quote) from enough different organisations before submitting the design.",
													 psprintf("the design buys equipment with quotes from %d organisation%s",
															  list_length(quotes), list_length(quotes) == 1 ? "" : "s"));

			lgit_fact_int(finding, "quotes", list_length(quotes));
			lgit_fact_amount(finding, "min_quotes_for_equipment", minimum);
			lgit_fact(finding, "policy_in_force_from", lgit_date_text(in_force_from));
		}
	}
	return true;
}

/* Art 13: 通过专家评审并取得区信息化主管部门审核意见后再提交区发改部门审批. */
bool
lgit_gate_design_review(LgitCheck *check)
{
	lgit_report_problems(check, RULE_DESIGN_REVIEW,
						 "Register the expert review conclusion and the authority's approving opinion on the design before the DRC approves it.",
						 "the design cannot be approved",
						 list_concat(lgit_document_problems(check, "expert_review_conclusion", DOC_APPROVED),
									 lgit_document_problems(check, "authority_design_opinion", DOC_APPROVED)));
	return true;
}
