/*
 * evidence.c
 *		Reading the registered documents a gate relies on (doc/lgit.md §6).
 *
 * Gates ask for the latest document of a kind for a project (by issue date),
 * with the required parts it lacks already worked out, or for documents
 * from distinct issuers (market quotes).  These are read through the index
 * on (project_id, kind) under the calling statement's snapshot, as the
 * read-only queries that did it read them, not through SPI: a move reads
 * them with its project locked, and a query's executor start-up cost more
 * than the read (row_access.c).  Results are in the caller's memory.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/varlena.h"

#include "lgit.h"

static char *
copy_text(MemoryContext context, HeapTuple tuple, TupleDesc desc, int col)
{
	char	   *value = SPI_getvalue(tuple, desc, col);

	return value ? MemoryContextStrdup(context, value) : NULL;
}

/* A document of the project as the gates read it. */
typedef struct DocumentRow
{
	char	   *kind;
	DateADT		issued_on;
	text	   *issuer;			/* as stored, for ordering by the column's collation */
	Datum		parts;			/* text[] */
	LgitDocument doc;			/* without has_equipment and missing_parts */
} DocumentRow;

static char *
text_or_null(TupleTableSlot *slot, AttrNumber attno)
{
	bool		isnull;
	Datum		value = slot_getattr(slot, attno, &isnull);

	return isnull ? NULL : TextDatumGetCString(value);
}

/*
 * The parts a document contains (its text[] column), NULL elements left out:
 * taken apart only for the document a gate judges, once for all its parts.
 */
static List *
parts_list(Datum parts)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;
	List	   *result = NIL;

	deconstruct_array(DatumGetArrayTypeP(parts), TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (!nulls[i])
			result = lappend(result, TextDatumGetCString(elems[i]));
	return result;
}

/* Whether the document contains the part (as parts @> ARRAY[part]). */
static bool
parts_contain(List *parts, const char *part)
{
	ListCell   *lc;

	foreach(lc, parts)
		if (strcmp(lfirst(lc), part) == 0)
			return true;
	return false;
}

/*
 * The project's documents of a kind (of every kind when kind is NULL), read
 * through the index on (project_id, kind) under the calling statement's
 * snapshot, as lgit's read-only queries read them (row_access.c), into the
 * current memory context.
 */
static List *
read_documents(int64 project_id, const char *kind, Oid *issuer_collation)
{
	Relation	documents = table_open(lgit_relid("document"), AccessShareLock);
	Oid			relid = RelationGetRelid(documents);
	AttrNumber	key_attnos[2] = {get_attnum(relid, "project_id"), get_attnum(relid, "kind")};
	AttrNumber	id_attno = get_attnum(relid, "document_id");
	AttrNumber	number_attno = get_attnum(relid, "doc_number");
	AttrNumber	issuer_attno = get_attnum(relid, "issuer");
	AttrNumber	qualified_attno = get_attnum(relid, "issuer_qualified");
	AttrNumber	issued_attno = get_attnum(relid, "issued_on");
	AttrNumber	parts_attno = get_attnum(relid, "parts");
	AttrNumber	conclusion_attno = get_attnum(relid, "conclusion");
	Relation	index = lgit_open_index_leading(documents, 2, key_attnos);
	TupleTableSlot *slot = table_slot_create(documents, NULL);
	IndexScanDesc scan;
	ScanKeyData keys[2];
	List	   *rows = NIL;

	*issuer_collation = TupleDescAttr(RelationGetDescr(documents), issuer_attno - 1)->attcollation;
	ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(project_id));
	if (kind != NULL)
		ScanKeyEntryInitialize(&keys[1], 0, 2, BTEqualStrategyNumber, InvalidOid,
							   index->rd_indcollation[1], F_TEXTEQ, CStringGetTextDatum(kind));
	scan = index_beginscan(documents, index, GetActiveSnapshot(), kind ? 2 : 1, 0);
	index_rescan(scan, keys, kind ? 2 : 1, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		DocumentRow *row = palloc0(sizeof(DocumentRow));
		bool		isnull;

		row->kind = text_or_null(slot, key_attnos[1]);
		row->issued_on = DatumGetDateADT(slot_getattr(slot, issued_attno, &isnull));
		row->issuer = DatumGetTextPCopy(slot_getattr(slot, issuer_attno, &isnull));
		row->parts = datumCopy(slot_getattr(slot, parts_attno, &isnull), false, -1);
		row->doc.document_id = DatumGetInt64(slot_getattr(slot, id_attno, &isnull));
		row->doc.doc_number = text_or_null(slot, number_attno);
		row->doc.issuer = text_to_cstring(row->issuer);
		row->doc.issuer_qualified = DatumGetBool(slot_getattr(slot, qualified_attno, &isnull));
		row->doc.conclusion = text_or_null(slot, conclusion_attno);
		rows = lappend(rows, row);
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	index_close(index, AccessShareLock);
	table_close(documents, AccessShareLock);
	return rows;
}

/*
 * The required parts of each kind (lgit.document_part), kept per backend:
 * every document a gate judges is held against them.  A change to the table
 * reloads them everywhere (cache.c).
 */
typedef struct KindParts
{
	char	   *kind;
	List	   *labels;			/* label_zh of each required part, by ordinal */
	List	   *parts;			/* the parts themselves, in the same order */
} KindParts;

static LgitCache parts_cache = {{"document_part", NULL}};
static MemoryContext parts_context = NULL;
static List *kinds_parts = NIL; /* of KindParts */

void
lgit_document_parts_cache_init(void)
{
	lgit_cache_register(&parts_cache);
}

static void
load_required_parts(void)
{
	static SPIPlanPtr plan = NULL;
	uint64		seen = lgit_cache_load_begin(&parts_cache);
	MemoryContext old;
	KindParts  *current = NULL;
	uint64		row;

	if (parts_context == NULL)
		parts_context = AllocSetContextCreate(CacheMemoryContext, "lgit document parts", ALLOCSET_SMALL_SIZES);
	MemoryContextReset(parts_context);
	kinds_parts = NIL;
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT kind, part, label_zh FROM lgit.document_part WHERE required ORDER BY kind, ordinal",
			  0, NULL);
	lgit_execute_as_owner(plan, NULL, NULL, true, 0);
	old = MemoryContextSwitchTo(parts_context);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *kind = SPI_getvalue(tuple, desc, 1);

		if (current == NULL || strcmp(current->kind, kind) != 0)
		{
			current = palloc0(sizeof(KindParts));
			current->kind = kind;
			kinds_parts = lappend(kinds_parts, current);
		}
		current->parts = lappend(current->parts, SPI_getvalue(tuple, desc, 2));
		current->labels = lappend(current->labels, SPI_getvalue(tuple, desc, 3));
	}
	MemoryContextSwitchTo(old);
	lgit_spi_finish();
	lgit_cache_load_end(&parts_cache, seen);
}

/* The required parts of a kind, in their order (NULL: none); not to be changed by the caller. */
static const KindParts *
required_parts(const char *kind)
{
	ListCell   *lc;

	if (!lgit_cache_is_valid(&parts_cache))
		load_required_parts();
	foreach(lc, kinds_parts)
	{
		const KindParts *entry = lfirst(lc);

		if (strcmp(entry->kind, kind) == 0)
			return entry;
	}
	return NULL;
}

/*
 * The document as a gate judges it: whether it buys equipment, and the label
 * of each required part of its kind it lacks, in the parts' order.
 */
static LgitDocument *
judged_document(const DocumentRow *row)
{
	LgitDocument *doc = palloc(sizeof(LgitDocument));
	const KindParts *required = required_parts(row->kind);
	List	   *contained = parts_list(row->parts);
	ListCell   *part;
	ListCell   *label;

	*doc = row->doc;
	doc->has_equipment = parts_contain(contained, "equipment_purchase");
	doc->missing_parts = NIL;
	if (required != NULL)
		forboth(part, required->parts, label, required->labels)
		{
			if (!parts_contain(contained, lfirst(part)))
				doc->missing_parts = lappend(doc->missing_parts, pstrdup(lfirst(label)));
		}
	return doc;
}

/* Whether a is later than b: by issued_on, then registration order (document_id). */
static bool
is_later(const DocumentRow *a, const DocumentRow *b)
{
	return a->issued_on != b->issued_on ? a->issued_on > b->issued_on
		: a->doc.document_id > b->doc.document_id;
}

/* The latest of the rows of one kind, or NULL. */
static DocumentRow *
latest_row(List *rows, const char *kind)
{
	DocumentRow *latest = NULL;
	ListCell   *lc;

	foreach(lc, rows)
	{
		DocumentRow *row = lfirst(lc);

		if ((kind == NULL || strcmp(row->kind, kind) == 0) && (latest == NULL || is_later(row, latest)))
			latest = row;
	}
	return latest;
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
	MemoryContext old;
	List	   *rows;
	Oid			collation;
	ListCell   *lc;

	lgit_documents_prefetch_end();
	prefetch_context = AllocSetContextCreate(CurrentMemoryContext, "lgit prefetched documents",
											 ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(prefetch_context);
	rows = read_documents(project_id, NULL, &collation);
	foreach(lc, rows)
	{
		DocumentRow *row = lfirst(lc);
		PrefetchedDocument *entry;
		ListCell   *seen;
		bool		kept = false;

		foreach(seen, prefetched)
			kept = kept || strcmp(((PrefetchedDocument *) lfirst(seen))->kind, row->kind) == 0;
		if (kept)
			continue;
		entry = palloc(sizeof(PrefetchedDocument));
		entry->kind = row->kind;
		entry->doc = judged_document(latest_row(rows, row->kind));
		prefetched = lappend(prefetched, entry);
	}
	MemoryContextSwitchTo(old);
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

LgitDocument *
lgit_latest_document(int64 project_id, const char *kind)
{
	DocumentRow *latest;
	Oid			collation;

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
	latest = latest_row(read_documents(project_id, kind, &collation), NULL);
	return latest ? judged_document(latest) : NULL;
}

static Oid	issuer_sort_collation;

static int
issuer_order(const ListCell *a, const ListCell *b)
{
	const DocumentRow *x = lfirst(a);
	const DocumentRow *y = lfirst(b);
	int			by_issuer = varstr_cmp(VARDATA_ANY(x->issuer), VARSIZE_ANY_EXHDR(x->issuer),
									   VARDATA_ANY(y->issuer), VARSIZE_ANY_EXHDR(y->issuer),
									   issuer_sort_collation);

	if (by_issuer != 0)
		return by_issuer;
	return (x->doc.document_id > y->doc.document_id) - (x->doc.document_id < y->doc.document_id);
}

/*
 * One document (the first registered) per distinct issuer: independent quotes
 * (Art 12), in the order of the issuers (by the column's collation).
 */
List *
lgit_documents_by_distinct_issuer(int64 project_id, const char *kind)
{
	List	   *rows = read_documents(project_id, kind, &issuer_sort_collation);
	List	   *ids = NIL;
	const DocumentRow *previous = NULL;
	ListCell   *lc;

	list_sort(rows, issuer_order);
	foreach(lc, rows)
	{
		DocumentRow *row = lfirst(lc);

		if (previous == NULL || VARSIZE_ANY_EXHDR(row->issuer) != VARSIZE_ANY_EXHDR(previous->issuer) ||
			memcmp(VARDATA_ANY(row->issuer), VARDATA_ANY(previous->issuer), VARSIZE_ANY_EXHDR(row->issuer)) != 0)
		{
			int64	   *id = palloc(sizeof(int64));

			*id = row->doc.document_id;
			ids = lappend(ids, id);
		}
		previous = row;
	}
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
