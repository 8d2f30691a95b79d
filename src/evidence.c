/*
 * evidence.c
 *		Reading the registered documents a gate relies on (SPEC §6).
 *
 * Gates ask for the latest document of a kind for a project (by issue date),
 * with the required parts it lacks already worked out, or for documents
 * from distinct issuers (market quotes).  Results are copied into the
 * caller's memory.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "lgit.h"

static char *
copy_text(MemoryContext context, HeapTuple tuple, TupleDesc desc, int col)
{
	char	   *value = SPI_getvalue(tuple, desc, col);

	return value ? MemoryContextStrdup(context, value) : NULL;
}

LgitDocument *
lgit_latest_document(int64 project_id, const char *kind)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	LgitDocument *doc = NULL;

	values[0] = Int64GetDatum(project_id);
	values[1] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT d.document_id, d.doc_number, d.issuer, d.issuer_qualified, d.conclusion, "
			  "'equipment_purchase' = ANY (d.parts), "
			  "ARRAY(SELECT p.label_zh FROM lgit.document_part p "
			  "      WHERE p.kind = d.kind AND p.required AND NOT p.part = ANY (d.parts) "
			  "      ORDER BY p.ordinal) "
			  "FROM lgit.document d WHERE d.project_id = $1 AND d.kind = $2 "
			  "ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum	   *labels;
		int			nlabels;
		int			i;

		doc = MemoryContextAllocZero(caller, sizeof(LgitDocument));
		doc->document_id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
		doc->doc_number = copy_text(caller, tuple, desc, 2);
		doc->issuer = copy_text(caller, tuple, desc, 3);
		doc->issuer_qualified = DatumGetBool(SPI_getbinval(tuple, desc, 4, &isnull));
		doc->conclusion = copy_text(caller, tuple, desc, 5);
		doc->has_equipment = DatumGetBool(SPI_getbinval(tuple, desc, 6, &isnull));
		deconstruct_array(DatumGetArrayTypeP(SPI_getbinval(tuple, desc, 7, &isnull)),
						  TEXTOID, -1, false, TYPALIGN_INT, &labels, NULL, &nlabels);
		for (i = 0; i < nlabels; i++)
		{
			MemoryContext old = MemoryContextSwitchTo(caller);

			doc->missing_parts = lappend(doc->missing_parts, TextDatumGetCString(labels[i]));
			MemoryContextSwitchTo(old);
		}
	}
	lgit_spi_finish();
	return doc;
}

/* One document (the first registered) per distinct issuer: independent quotes (Art 12). */
List *
lgit_documents_by_distinct_issuer(int64 project_id, const char *kind)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	List	   *ids = NIL;
	uint64		row;

	values[0] = Int64GetDatum(project_id);
	values[1] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT DISTINCT ON (issuer) document_id FROM lgit.document "
			  "WHERE project_id = $1 AND kind = $2 ORDER BY issuer, document_id",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		bool		isnull;
		int64	   *id = MemoryContextAlloc(caller, sizeof(int64));
		MemoryContext old;

		*id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1, &isnull));
		old = MemoryContextSwitchTo(caller);
		ids = lappend(ids, id);
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	return ids;
}

/* The kind's Chinese name, for messages. */
char *
lgit_document_kind_name(const char *kind)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	char	   *name = NULL;

	values[0] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT name_zh FROM lgit.document_kind WHERE kind = $1", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
		name = copy_text(caller, SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	lgit_spi_finish();
	return name ? name : pstrdup(kind);
}
