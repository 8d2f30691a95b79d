/*
 * outcome.c
 *		Art 9-11, 21, 26-30, 34: a document that records a decision or a test
 *		result (lgit.document_kind.records_outcome) states its conclusion, so
 *		that a gate reading it never takes "no answer" for a pass.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "lgit.h"

/* Whether the kind records an outcome; false for a kind not in the catalog (its FK says so). */
static bool
kind_records_outcome(Datum kind, char **name_zh, char **article)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	bool		records = false;

	lgit_spi_connect();
	/* the articles "12, 13" read 第12、13条 */
	lgit_plan(&plan,
			  "SELECT records_outcome, name_zh, replace(article, ', ', '、') FROM lgit.document_kind WHERE kind = $1",
			  1, types);
	lgit_execute_as_owner(plan, &kind, NULL, true, 1);
	if (SPI_processed == 1)
	{
		bool		isnull;

		records = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		*name_zh = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2));
		*article = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3));
	}
	lgit_spi_finish();
	return records;
}

/* BEFORE INSERT OR UPDATE OF kind, conclusion on lgit.document. */
PG_FUNCTION_INFO_V1(lgit_document_outcome_guard);
Datum
lgit_document_outcome_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	bool		isnull;
	Datum		kind;
	char	   *name_zh = NULL;
	char	   *article = NULL;

	lgit_require_before_row(fcinfo, "lgit.document_outcome_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(row);
	kind = SPI_getbinval(row, desc, SPI_fnumber(desc, "kind"), &isnull);
	if (isnull)
		return PointerGetDatum(row);
	(void) SPI_getbinval(row, desc, SPI_fnumber(desc, "conclusion"), &isnull);
	if (isnull && kind_records_outcome(kind, &name_zh, &article))
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("a document of kind %s records an outcome: its conclusion must be stated",
						TextDatumGetCString(kind)),
				 errdetail("%s（第%s条）记载审议、审核、检测或验收的结论；conclusion 为 approved（通过）或 rejected（不予通过）。",
						   name_zh, article),
				 errhint("Register the document with conclusion 'approved' or 'rejected', as the document itself concludes.")));
	return PointerGetDatum(row);
}
