/*
 * evidence.c
 *		Reading the registered documents a gate relies on (doc/lgit.md §6).
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
#include "utils/memutils.h"

#include "lgit.h"

static char *
copy_text(MemoryContext context, HeapTuple tuple, TupleDesc desc, int col)
{
	char	   *value = SPI_getvalue(tuple, desc, col);

	return value ? MemoryContextStrdup(context, value) : NULL;
}

/* The document columns both reads below select, from column first on. */
#define DOCUMENT_COLUMNS \
	"d.document_id, d.doc_number, d.issuer, d.issuer_qualified, d.conclusion, " \
	"d.parts @> ARRAY['equipment_purchase'], " \
	"ARRAY(SELECT p.label_zh FROM lgit.document_part p " \
	"      WHERE p.kind = d.kind AND p.required AND NOT d.parts @> ARRAY[p.part] " \
	"      ORDER BY p.ordinal) "

static LgitDocument *
document_from_tuple(MemoryContext context, HeapTuple tuple, TupleDesc desc, int first)
{
	LgitDocument *doc = MemoryContextAllocZero(context, sizeof(LgitDocument));
	bool		isnull;
	Datum	   *labels;
	int			nlabels;
	int			i;

	doc->document_id = DatumGetInt64(SPI_getbinval(tuple, desc, first, &isnull));
	doc->doc_number = copy_text(context, tuple, desc, first + 1);
	doc->issuer = copy_text(context, tuple, desc, first + 2);
	doc->issuer_qualified = DatumGetBool(SPI_getbinval(tuple, desc, first + 3, &isnull));
	doc->conclusion = copy_text(context, tuple, desc, first + 4);
	/* @> is never NULL for two arrays, unlike = ANY over one holding a NULL */
	doc->has_equipment = DatumGetBool(SPI_getbinval(tuple, desc, first + 5, &isnull));
	deconstruct_array(DatumGetArrayTypeP(SPI_getbinval(tuple, desc, first + 6, &isnull)),
					  TEXTOID, -1, false, TYPALIGN_INT, &labels, NULL, &nlabels);
	for (i = 0; i < nlabels; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(context);

		doc->missing_parts = lappend(doc->missing_parts, TextDatumGetCString(labels[i]));
		MemoryContextSwitchTo(old);
	}
	return doc;
}

/*
 * The latest document of every kind of one project, read once for a whole
 * lgit.check_project() (which replays a dozen gates over one snapshot) rather
 * than once per gate.  Only between lgit_documents_prefetch() and
 * lgit_documents_prefetch_end(); the triggers always read afresh.
 */
typedef struct PrefetchedDocument
{
	char	   *kind;
	LgitDocument *doc;
} PrefetchedDocument;

static MemoryContext prefetch_context = NULL;
static int64 prefetched_project = 0;
static List *prefetched = NIL;

void
lgit_documents_prefetch(int64 project_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	uint64		row;

	lgit_documents_prefetch_end();
	prefetch_context = AllocSetContextCreate(CurrentMemoryContext, "lgit prefetched documents",
											 ALLOCSET_SMALL_SIZES);
	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT DISTINCT ON (d.kind) d.kind, " DOCUMENT_COLUMNS
			  "FROM lgit.document d WHERE d.project_id = $1 "
			  "ORDER BY d.kind, d.issued_on DESC, d.document_id DESC",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		PrefetchedDocument *entry = MemoryContextAlloc(prefetch_context, sizeof(PrefetchedDocument));
		MemoryContext old;

		entry->kind = copy_text(prefetch_context, SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1);
		entry->doc = document_from_tuple(prefetch_context, SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 2);
		old = MemoryContextSwitchTo(prefetch_context);
		prefetched = lappend(prefetched, entry);
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	prefetched_project = project_id;
}

void
lgit_documents_prefetch_end(void)
{
	if (prefetch_context != NULL)
		MemoryContextDelete(prefetch_context);
	prefetch_context = NULL;
	prefetched_project = 0;
	prefetched = NIL;
}

static LgitDocument *
copy_document(const LgitDocument *doc)
{
	LgitDocument *copy = palloc(sizeof(LgitDocument));
	ListCell   *lc;

	*copy = *doc;
	copy->doc_number = doc->doc_number ? pstrdup(doc->doc_number) : NULL;
	copy->issuer = doc->issuer ? pstrdup(doc->issuer) : NULL;
	copy->conclusion = doc->conclusion ? pstrdup(doc->conclusion) : NULL;
	copy->missing_parts = NIL;
	foreach(lc, doc->missing_parts)
		copy->missing_parts = lappend(copy->missing_parts, pstrdup(lfirst(lc)));
	return copy;
}

LgitDocument *
lgit_latest_document(int64 project_id, const char *kind)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		values[2];
	LgitDocument *doc = NULL;

	if (prefetch_context != NULL && prefetched_project == project_id)
	{
		ListCell   *lc;

		foreach(lc, prefetched)
		{
			PrefetchedDocument *entry = lfirst(lc);

			if (strcmp(entry->kind, kind) == 0)
				return copy_document(entry->doc);
		}
		return NULL;
	}
	values[0] = Int64GetDatum(project_id);
	values[1] = CStringGetTextDatum(kind);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT " DOCUMENT_COLUMNS
			  "FROM lgit.document d WHERE d.project_id = $1 AND d.kind = $2 "
			  "ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
		doc = document_from_tuple(caller, SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
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

/*
 * Whether a document concludes approving.  A gate reads the latest document
 * of its kind (by issued_on, then registration order), so a rejection
 * followed by an approving re-test passes, and a conclusion not stated
 * (documents kept from 0.1.0) does not.
 */
bool
lgit_document_approving(const LgitDocument *doc)
{
	return doc != NULL && doc->conclusion != NULL && strcmp(doc->conclusion, "approved") == 0;
}

/*
 * What is wrong with the project's latest document of a kind, as phrases
 * for a finding ("未登记…", "…缺少…", "…不具备相应资质", "…不予通过"); NIL when
 * nothing is.  The move relies on the document whenever one is registered.
 */
List *
lgit_document_problems(LgitCheck *check, const char *kind, int requirements)
{
	return lgit_judge_latest_document(check, kind, requirements, NULL);
}

/*
 * lgit_document_problems(), giving the document judged (NULL when none) to a
 * gate that reads more of it, so that the gate does not fetch it again.
 */
List *
lgit_judge_latest_document(LgitCheck *check, const char *kind, int requirements, LgitDocument **judged)
{
	LgitDocument *doc = lgit_latest_document(check->move->project->project_id, kind);
	char	   *name;
	List	   *problems = NIL;

	if (judged != NULL)
		*judged = doc;
	if (doc == NULL)
		return list_make1(psprintf("未登记%s", lgit_document_kind_name(kind)));
	lgit_rely_on(check, doc->document_id);
	/* the name is for messages: looked up only when there is one to write */
	if (!((requirements & DOC_COMPLETE) && doc->missing_parts != NIL) &&
		!((requirements & DOC_QUALIFIED) && !doc->issuer_qualified) &&
		!((requirements & DOC_APPROVED) && !lgit_document_approving(doc)))
		return NIL;
	name = lgit_document_kind_name(kind);
	if ((requirements & DOC_COMPLETE) && doc->missing_parts != NIL)
		problems = lappend(problems, psprintf("%s缺少%s", name, lgit_join(doc->missing_parts, "、")));
	if ((requirements & DOC_QUALIFIED) && !doc->issuer_qualified)
		problems = lappend(problems, psprintf("%s的出具单位%s不具备相应资质", name, doc->issuer));
	if ((requirements & DOC_APPROVED) && !lgit_document_approving(doc))
		problems = lappend(problems, psprintf("%s最新一份%s", name, doc->conclusion ? "不予通过" : "未载明结论"));
	return problems;
}

/*
 * One finding for a gate's document problems: "<what>: <problems>", with the
 * problems as a fact.  Nothing when there are none.
 */
void
lgit_report_problems(LgitCheck *check, const char *code, const char *hint, const char *what,
					 List *problems)
{
	LgitFinding *finding;

	if (problems == NIL)
		return;
	finding = lgit_move_finding(check, code, hint, psprintf("%s: %s", what, lgit_join(problems, "; ")));
	lgit_fact(finding, "problems", lgit_join(problems, "; "));
}

/* The sanctions in force on a unit on a day (Art 47-50), oldest first. */
List *
lgit_sanctions_in_force(int32 unit_id, DateADT on)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[2] = {INT4OID, DATEOID};
	Datum		values[2];
	List	   *sanctions = NIL;
	uint64		row;

	values[0] = Int32GetDatum(unit_id);
	values[1] = DateADTGetDatum(on);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT sanction_id, kind, to_char(imposed_on, 'YYYY-MM-DD'), reason, project_id FROM lgit.sanction "
			  "WHERE unit_id = $1 AND imposed_on <= $2 AND (lifted_on IS NULL OR lifted_on > $2) "
			  "ORDER BY sanction_id",
			  2, types);
	lgit_execute_as_owner(plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		LgitSanction *sanction = MemoryContextAlloc(caller, sizeof(LgitSanction));
		bool		isnull;
		Datum		system;
		MemoryContext old;

		sanction->id = copy_text(caller, tuple, desc, 1);
		sanction->kind = copy_text(caller, tuple, desc, 2);
		sanction->imposed_on = copy_text(caller, tuple, desc, 3);
		sanction->reason = copy_text(caller, tuple, desc, 4);
		system = SPI_getbinval(tuple, desc, 5, &isnull);
		sanction->project_id = isnull ? 0 : DatumGetInt64(system);
		old = MemoryContextSwitchTo(caller);
		sanctions = lappend(sanctions, sanction);
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	return sanctions;
}

/*
 * Art 47, 48, 50: whether a sanction bites on a system - the one it names, or
 * every system of the unit when it names none.
 */
bool
lgit_sanction_covers(const LgitSanction *sanction, int64 project_id)
{
	return sanction->project_id == 0 || sanction->project_id == project_id;
}
