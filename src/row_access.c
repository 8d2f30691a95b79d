/*
 * row_access.c
 *		Reading and locking lgit's rows by index, without SPI, on the hot
 *		path of a move (doc/performance.md "Performance of stage moves").
 *
 * Each query a move ran through SPI paid an executor start-up of its own;
 * these read what it read through the same index, with the same snapshot
 * and row locks the query took.  lgit's own reads run as the owner of the
 * lgit schema, who is not subject to row-level security (no table forces
 * it), so reading the table directly sees the same rows.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_am.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "storage/bufmgr.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "lgit.h"

/*
 * The snapshot a query lgit runs through SPI for writing (read_only =
 * false) takes: a new one, after this command's own writes.  Unregister it
 * when done.
 */
Snapshot
lgit_statement_snapshot(void)
{
	CommandCounterIncrement();
	return RegisterSnapshot(GetTransactionSnapshot());
}

/* Whether an open index is a plain btree index whose leading key columns are attnos. */
static bool
index_leads_with(Relation index, int nattnos, const AttrNumber *attnos)
{
	Form_pg_index form = index->rd_index;
	int			i;

	if (index->rd_rel->relam != BTREE_AM_OID || !form->indisvalid || form->indnkeyatts < nattnos ||
		RelationGetIndexPredicate(index) != NIL)
		return false;
	for (i = 0; i < nattnos; i++)
		if (form->indkey.values[i] != attnos[i])
			return false;
	return true;
}

/* The index each lookup found last time, tried first. */
#define MAX_INDEX_HINTS 16
static struct
{
	Oid			relid;
	int			nattnos;
	AttrNumber	attnos[2];
	Oid			index;
}			index_hints[MAX_INDEX_HINTS];
static int	nindex_hints = 0;

/*
 * Opens (AccessShareLock) the btree index of rel whose leading key columns
 * are attnos (a plain index: no expression, no predicate); error if there is
 * none - every column a check looks rows up by has one
 * (test/structure_indexes.sql).  The index found last time is tried first,
 * if rel still has it and it still fits.
 */
Relation
lgit_open_index_leading(Relation rel, int nattnos, const AttrNumber *attnos)
{
	List	   *indexes = RelationGetIndexList(rel);
	int			hint;
	ListCell   *lc;
	Relation	found = NULL;

	Assert(nattnos <= 2);
	for (hint = 0; hint < nindex_hints; hint++)
		if (index_hints[hint].relid == RelationGetRelid(rel) && index_hints[hint].nattnos == nattnos &&
			memcmp(index_hints[hint].attnos, attnos, sizeof(AttrNumber) * nattnos) == 0)
			break;
	if (hint < nindex_hints && list_member_oid(indexes, index_hints[hint].index))
	{
		found = index_open(index_hints[hint].index, AccessShareLock);
		if (!index_leads_with(found, nattnos, attnos))
		{
			index_close(found, AccessShareLock);
			found = NULL;
		}
	}
	foreach(lc, indexes)
	{
		if (found != NULL)
			break;
		found = index_open(lfirst_oid(lc), AccessShareLock);
		if (!index_leads_with(found, nattnos, attnos))
		{
			index_close(found, AccessShareLock);
			found = NULL;
		}
	}
	list_free(indexes);
	if (found == NULL)
		elog(ERROR, "lgit: %s has no index to look rows up by", RelationGetRelationName(rel));
	if (hint == nindex_hints && nindex_hints < MAX_INDEX_HINTS)
	{
		index_hints[hint].relid = RelationGetRelid(rel);
		index_hints[hint].nattnos = nattnos;
		memcpy(index_hints[hint].attnos, attnos, sizeof(AttrNumber) * nattnos);
		nindex_hints++;
	}
	if (hint < nindex_hints)
		index_hints[hint].index = RelationGetRelid(found);
	return found;
}

/*
 * Locks FOR SHARE the rows of rel whose int8 column attno equals one of
 * values, found through the index leading on the column in the transaction's
 * snapshot (REPEATABLE READ or SERIALIZABLE, guard_locks.c), as SELECT ...
 * WHERE column = ANY (values) FOR SHARE locks them there: a row changed or
 * removed since that snapshot is a serialization failure.  Returns the
 * number of rows locked.
 */
int64
lgit_lock_rows_for_share(Relation rel, AttrNumber attno, const int64 *values, int nvalues)
{
	Relation	index = lgit_open_index_leading(rel, 1, &attno);
	Snapshot	snapshot = lgit_statement_snapshot();
	CommandId	cid = GetCurrentCommandId(true);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	IndexScanDesc scan;
	ScanKeyData key;
	List	   *tids = NIL;
	ListCell   *lc;
	int64		locked = 0;
	int			i;

	Assert(IsolationUsesXactSnapshot());
	scan = index_beginscan(rel, index, snapshot, 1, 0);
	for (i = 0; i < nvalues; i++)
	{
		ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(values[i]));
		index_rescan(scan, &key, 1, NULL, 0);
		while (index_getnext_slot(scan, ForwardScanDirection, slot))
		{
			ItemPointer tid = palloc(sizeof(ItemPointerData));

			*tid = slot->tts_tid;
			tids = lappend(tids, tid);
		}
	}
	index_endscan(scan);

	foreach(lc, tids)
	{
		TM_FailureData tmfd;
		TM_Result	result;

		result = table_tuple_lock(rel, lfirst(lc), snapshot, slot, cid, LockTupleShare, LockWaitBlock, 0,
								  &tmfd);
		switch (result)
		{
			case TM_Ok:
				locked++;
				break;
			case TM_SelfModified:
				/* changed by this transaction's later command: not the row the snapshot saw */
				break;
			case TM_Updated:
			case TM_Deleted:
				ereport(ERROR,
						(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
						 errmsg("could not serialize access due to concurrent update")));
				break;
			default:
				elog(ERROR, "lgit: unexpected result %d locking a row of %s", (int) result,
					 RelationGetRelationName(rel));
		}
	}
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snapshot);
	index_close(index, AccessShareLock);
	list_free_deep(tids);
	return locked;
}
