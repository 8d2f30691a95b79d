/*
 * evidence_scan.c
 *		The documents a history row relied on, read by their primary key
 *		without SPI, for lgit.verify() and for the row a move appends.
 *
 * verify() hashes the documents of every sealed row; a query per row was half
 * of its time.  A move hashes those of its own row.  This reads them through the index on document_id under the
 * calling statement's snapshot, with no row-level security (lgit's own reads
 * run as the owner, who is not subject to it), and turns each field into the
 * text lgit_evidence_hash()'s query gives, so both give the same digest.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/itup.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_am.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "lgit.h"

/* The document's columns the hash covers, in the order of lgit_evidence_digest(), and their types. */
static const struct
{
	const char *name;
	Oid			type;
}			evidence_columns[LGIT_EVIDENCE_FIELDS] =
{
	{"document_id", INT8OID}, {"project_id", INT8OID}, {"kind", TEXTOID}, {"doc_number", TEXTOID},
	{"title", TEXTOID}, {"issuer", TEXTOID}, {"issuer_qualified", BOOLOID}, {"issued_on", DATEOID},
	{"content_sha256", BYTEAOID}, {"parts", TEXTARRAYOID}, {"conclusion", TEXTOID}, {"amount", NUMERICOID}
};

/*
 * The documents a chain relies on have ids close together, from row to row
 * mostly rising: the index is read once over a window of ids around the one
 * looked up, and the next ids inside it are found among the entries read
 * instead of descending the tree again.  A scan for one row (a move's own)
 * reads only the span of that row's ids.
 */
#define WINDOW_BEFORE 8
#define WINDOW_AFTER 32

typedef struct WindowEntry
{
	int64		id;
	ItemPointerData tid;
} WindowEntry;

struct LgitEvidenceScan
{
	Relation	documents;
	Relation	index;
	bool		one_row;		/* windows span one row's ids, not the ids around them */
	IndexScanDesc scan;			/* returning index entries: the ids are read from them */
	TupleTableSlot *slot;
	ScanKeyData keys[2];		/* document_id >= lo and <= hi */
	/* the index entries with ids in [lo, hi], in index order */
	bool		has_window;
	int64		lo;
	int64		hi;
	WindowEntry *entries;
	int			nentries;
	int			allocated;
	AttrNumber	attnums[LGIT_EVIDENCE_FIELDS];
	FmgrInfo	output[LGIT_EVIDENCE_FIELDS];	/* the types printed as ::text prints them */
	MemoryContext context;		/* the scan's: it allocates as it goes */
	text	   *date_format;
};

/*
 * Opens the documents for lgit_evidence_scan_hash() of one row or of many in
 * turn, or returns NULL when lgit.document is not as this reader expects (its
 * columns or primary key changed around lgit); the caller then hashes with
 * lgit_evidence_hash().
 */
LgitEvidenceScan *
lgit_evidence_scan_open(bool one_row)
{
	LgitEvidenceScan *es = palloc0(sizeof(LgitEvidenceScan));
	TupleDesc	desc;
	Oid			pkey;
	int			i;

	es->documents = table_open(lgit_relid("document"), AccessShareLock);
	desc = RelationGetDescr(es->documents);
	for (i = 0; i < LGIT_EVIDENCE_FIELDS; i++)
	{
		AttrNumber	attnum = get_attnum(RelationGetRelid(es->documents), evidence_columns[i].name);
		Oid			output;
		bool		varlena;

		if (attnum <= 0 || TupleDescAttr(desc, attnum - 1)->atttypid != evidence_columns[i].type)
			break;
		es->attnums[i] = attnum;
		getTypeOutputInfo(evidence_columns[i].type, &output, &varlena);
		fmgr_info(output, &es->output[i]);
	}
	pkey = RelationGetPrimaryKeyIndex(es->documents);
	if (i < LGIT_EVIDENCE_FIELDS || !OidIsValid(pkey))
	{
		table_close(es->documents, AccessShareLock);
		return NULL;
	}
	es->index = index_open(pkey, AccessShareLock);
	if (es->index->rd_index->indnkeyatts != 1 || es->index->rd_index->indkey.values[0] != es->attnums[0] ||
		es->index->rd_rel->relam != BTREE_AM_OID || es->index->rd_opfamily[0] != INTEGER_BTREE_FAM_OID)
	{
		index_close(es->index, AccessShareLock);
		table_close(es->documents, AccessShareLock);
		return NULL;
	}
	es->one_row = one_row;
	es->context = CurrentMemoryContext;
	es->slot = table_slot_create(es->documents, NULL);
	es->scan = index_beginscan(es->documents, es->index, GetActiveSnapshot(), 2, 0);
	es->scan->xs_want_itup = true;
	ScanKeyInit(&es->keys[0], 1, BTGreaterEqualStrategyNumber, F_INT8GE, Int64GetDatum(0));
	ScanKeyInit(&es->keys[1], 1, BTLessEqualStrategyNumber, F_INT8LE, Int64GetDatum(0));
	es->date_format = cstring_to_text("YYYY-MM-DD");
	return es;
}

void
lgit_evidence_scan_close(LgitEvidenceScan *es)
{
	index_endscan(es->scan);
	ExecDropSingleTupleTableSlot(es->slot);
	index_close(es->index, NoLock);
	table_close(es->documents, NoLock);
}

/* One field as text, as lgit_evidence_hash()'s query writes it. */
static const char *
field_text(LgitEvidenceScan *es, int field, Datum value)
{
	switch (evidence_columns[field].type)
	{
		case INT8OID:
			{
				char	   *digits = palloc(MAXINT8LEN + 1);

				pg_lltoa(DatumGetInt64(value), digits);
				return digits;
			}
		case TEXTOID:
			return TextDatumGetCString(value);
		case BOOLOID:
			return DatumGetBool(value) ? "true" : "false";	/* boolean::text */
		case DATEOID:
			{
				/* to_char(issued_on, 'YYYY-MM-DD') goes through timestamptz; infinity gives NULL */
				DateADT		date = DatumGetDateADT(value);
				int			year;
				int			month;
				int			day;

				if (DATE_NOT_FINITE(date))
					return NULL;
				/* midnight keeps its day in every zone; years of four digits print plainly */
				j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
				if (year >= 1 && year <= 9999)
				{
					char	   *text = palloc(11);

					text[0] = '0' + year / 1000;
					text[1] = '0' + year / 100 % 10;
					text[2] = '0' + year / 10 % 10;
					text[3] = '0' + year % 10;
					text[4] = text[7] = '-';
					text[5] = '0' + month / 10;
					text[6] = '0' + month % 10;
					text[8] = '0' + day / 10;
					text[9] = '0' + day % 10;
					text[10] = '\0';
					return text;
				}
			}
			return TextDatumGetCString(DirectFunctionCall2Coll(timestamptz_to_char, DEFAULT_COLLATION_OID,
															   DirectFunctionCall1(date_timestamptz, value),
															   PointerGetDatum(es->date_format)));
		case BYTEAOID:
			{
				/* encode(content_sha256, 'hex') */
				bytea	   *bytes = DatumGetByteaPP(value);
				char	   *hex = palloc(VARSIZE_ANY_EXHDR(bytes) * 2 + 1);

				hex[hex_encode(VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes), hex)] = '\0';
				return hex;
			}
		default:
			return OutputFunctionCall(&es->output[field], value);
	}
}

static int
int64_order(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* Reads the index entries of the window of ids from lo to hi. */
static void
read_window(LgitEvidenceScan *es, int64 lo, int64 hi)
{
	es->lo = lo;
	es->hi = hi;
	es->keys[0].sk_argument = Int64GetDatum(es->lo);
	es->keys[1].sk_argument = Int64GetDatum(es->hi);
	index_rescan(es->scan, es->keys, 2, NULL, 0);
	es->nentries = 0;
	while (index_getnext_tid(es->scan, ForwardScanDirection) != NULL)
	{
		bool		isnull;

		if (es->nentries == es->allocated)
		{
			es->allocated = Max(64, es->allocated * 2);
			es->entries = es->entries == NULL ? palloc(sizeof(WindowEntry) * es->allocated)
				: repalloc(es->entries, sizeof(WindowEntry) * es->allocated);
		}
		es->entries[es->nentries].id = DatumGetInt64(index_getattr(es->scan->xs_itup, 1,
																   es->scan->xs_itupdesc, &isnull));
		es->entries[es->nentries].tid = es->scan->xs_heaptid;
		es->nentries++;
	}
	es->has_window = true;
}

/*
 * Puts the visible version of the document with that id in the slot; false if
 * there is none.  row_last is the highest id of the row's evidence within
 * WINDOW_AFTER of id.
 */
static bool
fetch_document(LgitEvidenceScan *es, int64 id, int64 row_last)
{
	int			low = 0;
	int			high;

	if (!es->has_window || id < es->lo || id > es->hi)
	{
		if (es->one_row)
			read_window(es, id, row_last);
		else
			read_window(es, id < PG_INT64_MIN + WINDOW_BEFORE ? PG_INT64_MIN : id - WINDOW_BEFORE,
						id > PG_INT64_MAX - WINDOW_AFTER ? PG_INT64_MAX : id + WINDOW_AFTER);
	}
	/* the first entry with that id, then each version in turn */
	high = es->nentries;
	while (low < high)
	{
		int			middle = low + (high - low) / 2;

		if (es->entries[middle].id < id)
			low = middle + 1;
		else
			high = middle;
	}
	for (; low < es->nentries && es->entries[low].id == id; low++)
	{
		bool		call_again = false;
		bool		all_dead;

		if (table_index_fetch_tuple(es->scan->xs_heapfetch, &es->entries[low].tid, es->scan->xs_snapshot,
									es->slot, &call_again, &all_dead))
			return true;
	}
	return false;
}

/*
 * lgit_evidence_hash() of the documents as the calling statement sees them:
 * each document found once, by ascending document_id.
 */
void
lgit_evidence_scan_hash(LgitEvidenceScan *es, List *evidence, uint8 *digest, List **missing)
{
	int			n = list_length(evidence);
	int64	   *ids = palloc(sizeof(int64) * Max(n, 1));
	LgitEvidenceDoc *docs = palloc(sizeof(LgitEvidenceDoc) * Max(n, 1));
	int			ndocs = 0;
	ListCell   *lc;
	int			i;
	int			field;

	foreach(lc, evidence)
		ids[foreach_current_index(lc)] = *(int64 *) lfirst(lc);
	qsort(ids, n, sizeof(int64), int64_order);
	for (i = 0; i < n; i++)
	{
		MemoryContext old;
		bool		found;
		int64		reach = ids[i] > PG_INT64_MAX - WINDOW_AFTER ? PG_INT64_MAX : ids[i] + WINDOW_AFTER;
		int			last = i;

		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		while (last + 1 < n && ids[last + 1] <= reach)
			last++;
		old = MemoryContextSwitchTo(es->context);
		found = fetch_document(es, ids[i], ids[last]);
		MemoryContextSwitchTo(old);
		if (!found)
			continue;
		slot_getallattrs(es->slot);
		docs[ndocs].document_id = ids[i];
		for (field = 0; field < LGIT_EVIDENCE_FIELDS; field++)
		{
			AttrNumber	attnum = es->attnums[field];

			docs[ndocs].fields[field] = es->slot->tts_isnull[attnum - 1] ? NULL :
				field_text(es, field, es->slot->tts_values[attnum - 1]);
		}
		ndocs++;
	}
	lgit_evidence_digest(evidence, docs, ndocs, digest, missing);
}
