/*
 * delivery_registry.c
 *		lgit.om_blockers(), the Art 32 rule the authority's list to finance
 *		(lgit.om_eligible) is built from and finance's O&M grants are judged
 *		by.  The guards of the delivery registries are lgit.registry_guard()
 *		(guard.c).
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

#define RULE_OM_MONEY		"LG320"

/*
 * Art 32, 47, 48, 50: what stands between a project and O&M money on a day -
 * a completion acceptance on file and filed by the authority (Art 32:
 * 竣工验收备案), and not one the record says failed - a latest security test
 * or expert completion meeting that rejected the system (Art 28, 30), so a
 * system that reached completed before lgit read conclusions still gets no
 * money; one whose conclusion was never stated (kept from 0.1.0) is paid on
 * its filing and reported by lgit.check_project() - and no data-sharing or
 * security sanction on this system (one naming the system, or naming none:
 * every system of its unit).  Another system of the same unit keeps its
 * money.  The trigger on lgit.om_funding raises it; lgit.om_blockers() and
 * the lgit.om_eligible list report it.
 */
List *
lgit_om_findings(int64 project_id, DateADT on)
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
	char	   *failed = NULL;
	ListCell   *lc;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.code, p.stage::text, p.unit_id, EXISTS (SELECT 1 FROM lgit.document d "
			  "  WHERE d.project_id = p.project_id AND d.kind = 'completion_report' AND d.filed_on IS NOT NULL), "
			  "  (SELECT string_agg(k.name_zh, '、' ORDER BY k.kind) FROM lgit.document_kind k "
			  "   WHERE k.kind IN ('security_test_report', 'expert_completion_minutes') "
			  "     AND (SELECT d.conclusion = 'rejected' FROM lgit.document d "
			  "          WHERE d.project_id = p.project_id AND d.kind = k.kind "
			  "          ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1)) "
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
		if (SPI_getvalue(t, d, 5) != NULL)
			failed = MemoryContextStrdup(caller, SPI_getvalue(t, d, 5));
	}
	lgit_spi_finish();
	if (code == NULL)
		lgit_report_no_such_project(project_id);

	if (strcmp(stage, lgit_stage_names[STAGE_COMPLETED]) != 0 || !completion_filed)
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_OM_MONEY,
											"O&M money follows the completion acceptance and the authority's filing (备案) of its report.",
											"project %s has no completion acceptance on file", code);

		lgit_fact(finding, "project_code", code);
		lgit_fact(finding, "stage", stage);
		lgit_fact(finding, "completion_report", completion_filed ? "filed" : NULL);
	}
	else if (failed != NULL)
	{
		LgitFinding *finding = lgit_finding(&findings, RULE_OM_MONEY,
											"A system the record says failed does not go into operation (Art 30): rectify, test and accept it again.",
											"project %s failed its security test or completion acceptance", code);

		lgit_fact(finding, "project_code", code);
		lgit_fact(finding, "rejected_by", failed);
	}
	foreach(lc, lgit_sanctions_in_force(unit, on))
	{
		LgitSanction *sanction = lfirst(lc);
		LgitFinding *finding;

		if (!lgit_sanction_covers(sanction, project_id))
			continue;
		if (strcmp(sanction->kind, "data_sharing") == 0)
			finding = lgit_finding(&findings, "LG470",
								   "O&M money resumes once the data are shared and the authority lifts the sanction.",
								   "the system is sanctioned for not sharing data: no O&M money");
		else if (strcmp(sanction->kind, "security") == 0)
			finding = lgit_finding(&findings, "LG480",
								   "O&M money resumes once the security requirements are met and the authority lifts the sanction.",
								   "the system is sanctioned for network security: no O&M money");
		else
			continue;
		lgit_fact(finding, "project_code", code);
		lgit_fact(finding, "sanctioned_system", sanction->project_id ? "this project" : "every system of the unit");
		lgit_fact(finding, "sanction_id", sanction->id);
		lgit_fact(finding, "imposed_on", sanction->imposed_on);
		lgit_fact(finding, "sanction_reason", sanction->reason);
	}
	return findings;
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
	foreach(lc, lgit_om_findings(PG_GETARG_INT64(0), PG_GETARG_DATEADT(1)))
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
