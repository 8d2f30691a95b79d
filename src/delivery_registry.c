/*
 * delivery_registry.c
 *		lgit.om_blockers(), the Art 32 rule the authority's list to finance
 *		(lgit.om_eligible) is built from and finance's O&M grants are judged
 *		by, and the Art 29 test of an encrypted secret.  The guards of the
 *		delivery registries are lgit.registry_guard() (guard.c).
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
 * Art 32, 47, 48: what stands between a project and O&M money on a day -
 * completion acceptance on file, and no data-sharing or security sanction on
 * its unit.  The trigger on lgit.om_funding raises it; lgit.om_blockers()
 * and the lgit.om_eligible list report it.
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
	ListCell   *lc;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.code, p.stage::text, p.unit_id, EXISTS (SELECT 1 FROM lgit.document d "
			  "  WHERE d.project_id = p.project_id AND d.kind = 'completion_report' AND d.filed_on IS NOT NULL) "
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
											"O&M money follows the completion acceptance and the authority's filing (备案) of its report.",
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
