/*
 * probe_evidence.c
 *		The data-sharing probe as evidence (Art 29, 47): its record
 *		(lgit.sharing_probe, written only by lgit.probe_sharing()), the
 *		data-structure document it checks (lgit.shared_column, frozen once
 *		relied on), and the one test the handover gate (LG290), the O&M rule
 *		(LG471) and lgit.sharing_status share: is the project's latest probe
 *		passing, recent enough, and of its latest handover?
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/rel.h"

#include "lgit.h"
#include "probe.h"

/* Set only while lgit.probe_sharing() records its run; see lgit_sharing_probe_guard(). */
static bool probe_insert_allowed = false;

/* Inserts the run into lgit.sharing_probe and returns the row written. */
Datum
lgit_record_probe(const ProbeRecord *record)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[12] = {INT8OID, INT8OID, INT8OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
	BOOLOID, JSONBOID, JSONBOID, TIMESTAMPTZOID};
	Datum		values[12];
	char		nulls[12];
	Datum		row;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = Int64GetDatum(record->project_id);
	values[1] = Int64GetDatum(record->credential_id);
	values[2] = Int64GetDatum(record->document_id);
	nulls[2] = record->document_id == 0 ? 'n' : ' ';
	values[3] = CStringGetTextDatum(record->probed_by);
#define TEXT_OR_NULL(i, s) (nulls[i] = (s) ? ' ' : 'n', values[i] = (s) ? CStringGetTextDatum(s) : (Datum) 0)
	TEXT_OR_NULL(4, record->host);
	TEXT_OR_NULL(5, record->port);
	TEXT_OR_NULL(6, record->dbname);
#undef TEXT_OR_NULL
	values[7] = CStringGetTextDatum(record->user);
	values[8] = BoolGetDatum(record->passed);
	values[9] = record->findings;
	values[10] = record->facts;
	/* the time of the run, not of the transaction that may have waited before it */
	values[11] = TimestampTzGetDatum(GetCurrentTimestamp());

	lgit_spi_connect();
	lgit_plan(&plan,
			  "INSERT INTO lgit.sharing_probe (project_id, credential_id, document_id, probed_by, target_host, "
			  "  target_port, target_dbname, target_user, passed, findings, facts, probed_at) "
			  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *",
			  12, types);
	probe_insert_allowed = true;
	PG_TRY();
	{
		lgit_execute_as_owner(plan, values, nulls, false, 1);
	}
	PG_FINALLY();
	{
		probe_insert_allowed = false;
	}
	PG_END_TRY();
	if (SPI_processed != 1)
		elog(ERROR, "lgit: the probe's record was not written");
	row = PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc));
	lgit_spi_finish();
	return row;
}

/*
 * Why the project's data are not verified as shared on a day, or NULL:
 * its latest probe up to that day must have passed, be no older than
 * sharing_probe_max_age_days, and have checked its latest handover.
 */
char *
lgit_sharing_problem_on(int64 project_id, DateADT on)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[2] = {INT8OID, DATEOID};
	Datum		values[2];
	bool		found = false;
	int64		probe_id = 0;
	bool		passed = false;
	DateADT		probed_on = 0;
	bool		latest_handover = false;
	Numeric		max_age = lgit_policy_value("sharing_probe_max_age_days", on, NULL);
	int32		age;

	values[0] = Int64GetDatum(project_id);
	values[1] = DateADTGetDatum(on);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT s.probe_id, s.passed, (s.probed_at AT TIME ZONE 'Asia/Shanghai')::date, "
			  "  s.document_id IS NOT DISTINCT FROM (SELECT d.document_id FROM lgit.document d "
			  "    WHERE d.project_id = $1 AND d.kind = 'data_sharing_handover' "
			  "    ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1) "
			  "FROM lgit.sharing_probe s "
			  "WHERE s.project_id = $1 AND (s.probed_at AT TIME ZONE 'Asia/Shanghai')::date <= $2 "
			  "ORDER BY s.probed_at DESC, s.probe_id DESC LIMIT 1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		found = true;
		probe_id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
		passed = DatumGetBool(SPI_getbinval(tuple, desc, 2, &isnull));
		probed_on = DatumGetDateADT(SPI_getbinval(tuple, desc, 3, &isnull));
		latest_handover = DatumGetBool(SPI_getbinval(tuple, desc, 4, &isnull));
	}
	lgit_spi_finish();

	if (!found)
		return pstrdup("未经数据共享核验（lgit.probe_sharing()）");
	if (!passed)
		return psprintf("最近一次数据共享核验（" INT64_FORMAT "号，%s）未通过", probe_id, lgit_date_text(probed_on));
	age = on - probed_on;
	if (!lgit_numeric_ge(max_age, DatumGetNumeric(DirectFunctionCall1(int4_numeric, Int32GetDatum(age)))))
		return psprintf("最近一次数据共享核验（" INT64_FORMAT "号，%s）已过%d天，超过%s天",
						probe_id, lgit_date_text(probed_on), age,
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(max_age))));
	if (!latest_handover)
		return psprintf("最近一次数据共享核验（" INT64_FORMAT "号）核验的不是最新的业务数据共享移交材料", probe_id);
	return NULL;
}

/* lgit.sharing_problem(project_id, on_date): the test above, for a project the caller sees. */
PG_FUNCTION_INFO_V1(lgit_sharing_problem);
Datum
lgit_sharing_problem(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		visible;
	char	   *problem;

	values[0] = PG_GETARG_DATUM(0);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT 1 FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute(plan, values, NULL, true, 1);
	visible = SPI_processed == 1;
	lgit_spi_finish();
	if (!visible)
		lgit_report_no_such_project(PG_GETARG_INT64(0));
	problem = lgit_sharing_problem_on(PG_GETARG_INT64(0), PG_GETARG_DATEADT(1));
	if (problem == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(problem));
}

/* BEFORE INSERT on lgit.sharing_probe: only the probe records a probe (LG002). */
PG_FUNCTION_INFO_V1(lgit_sharing_probe_guard);
Datum
lgit_sharing_probe_guard(PG_FUNCTION_ARGS)
{
	return lgit_insert_only_by_lgit(fcinfo, probe_insert_allowed, "lgit.sharing_probe", "lgit.probe_sharing()",
									"Run lgit.probe_sharing(); lgit records what it found.");
}

/*
 * The data-structure document of one handover: written by the project's
 * unit, and only while nothing relies on it - neither a stage change (Art
 * 21, as for the handover itself) nor a passing probe, whose record would
 * otherwise vouch for a structure it never saw.
 */
static void
check_structure_write(const LgitActor *actor, int64 document_id, bool removing)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		found = false;
	char	   *kind = NULL;
	char	   *number = NULL;
	int32		unit = 0;
	int64		history_id = 0;
	int64		probe_id = 0;

	values[0] = Int64GetDatum(document_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT d.kind, p.unit_id, coalesce(d.doc_number, d.title), "
			  "  (SELECT h.history_id FROM lgit.history h WHERE h.evidence @> ARRAY[d.document_id] "
			  "   ORDER BY h.history_id LIMIT 1), "
			  "  (SELECT s.probe_id FROM lgit.sharing_probe s WHERE s.document_id = d.document_id AND s.passed "
			  "   ORDER BY s.probe_id LIMIT 1) "
			  "FROM lgit.document d JOIN lgit.project p USING (project_id) WHERE d.document_id = $1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		value;

		found = true;
		kind = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 1));
		unit = DatumGetInt32(SPI_getbinval(tuple, desc, 2, &isnull));
		number = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 3));
		value = SPI_getbinval(tuple, desc, 4, &isnull);
		history_id = isnull ? 0 : DatumGetInt64(value);
		value = SPI_getbinval(tuple, desc, 5, &isnull);
		probe_id = isnull ? 0 : DatumGetInt64(value);
	}
	lgit_spi_finish();
	if (!found)
		return;					/* the foreign key reports it */

	if (strcmp(kind, "data_sharing_handover") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is a %s, not a data sharing handover", number, lgit_document_kind_name(kind)),
				 errhint("List the shared tables under the project's data_sharing_handover document.")));
	if (history_id != 0 || probe_id != 0)
	{
		List	   *findings = NIL;
		LgitFinding *finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
											"Register a new data sharing handover with its data-structure document; the one on record stays as the evidence.",
											"the data-structure document of handover %s was relied on by %s and cannot be %s",
											number, history_id != 0 ? "a stage change" : "a passing probe",
											removing ? "removed" : "altered");

		lgit_fact_int(finding, "document_id", document_id);
		if (history_id != 0)
			lgit_fact_int(finding, "history_id", history_id);
		if (probe_id != 0)
			lgit_fact_int(finding, "probe_id", probe_id);
		lgit_raise(findings);
	}
	lgit_require_capacity(actor, unit, "lgit.shared_column", 1 << CAPACITY_UNIT);
}

/* BEFORE INSERT OR UPDATE OR DELETE on lgit.shared_column. */
PG_FUNCTION_INFO_V1(lgit_shared_column_guard);
Datum
lgit_shared_column_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	LgitActor	actor;
	bool		isnull;
	int			attno;

	lgit_require_before_row(fcinfo, "lgit.shared_column_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	attno = SPI_fnumber(desc, "document_id");
	lgit_current_actor(&actor);
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		check_structure_write(&actor, DatumGetInt64(SPI_getbinval(trigdata->tg_trigtuple, desc, attno, &isnull)),
							  TRIGGER_FIRED_BY_DELETE(trigdata->tg_event));
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(trigdata->tg_trigtuple);
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		check_structure_write(&actor, DatumGetInt64(SPI_getbinval(trigdata->tg_trigtuple, desc, attno, &isnull)), false);
		return PointerGetDatum(trigdata->tg_trigtuple);
	}
	check_structure_write(&actor, DatumGetInt64(SPI_getbinval(trigdata->tg_newtuple, desc, attno, &isnull)), false);
	return PointerGetDatum(trigdata->tg_newtuple);
}
