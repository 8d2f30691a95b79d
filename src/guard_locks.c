/*
 * guard_locks.c
 *		What a move relied on is held until it commits (Art 21).
 */
#include "postgres.h"

#include "access/table.h"
#include "lib/qunique.h"
#include "utils/lsyscache.h"

#include "lgit.h"

static int
int64_order(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/*
 * A move holds what it relied on until it commits (Art 21): the documents of
 * its evidence, and the rows of every registry that freezes, whole or in a
 * column, at the stage it enters (the contracts, at contracted and at
 * construction).  In READ COMMITTED the move was
 * judged on a snapshot taken after its project's row lock, which every guarded
 * writer of those rows takes first; under REPEATABLE READ a row changed since
 * the transaction's snapshot fails here with a serialization error.  The rows
 * are locked through their indexes, as the queries that did it locked them
 * (row_access.c).
 */
void
lgit_lock_relied_on(int64 project_id, LgitStage to, List *evidence)
{
	ListCell   *lc;

	if (evidence != NIL)
	{
		Relation	documents = table_open(lgit_relid("document"), RowShareLock);
		int64	   *ids = palloc(sizeof(int64) * list_length(evidence));
		int			n = 0;

		foreach(lc, evidence)
			ids[n++] = *(int64 *) lfirst(lc);
		qsort(ids, n, sizeof(int64), int64_order);
		n = qunique(ids, n, sizeof(int64), int64_order);
		if (lgit_lock_rows_for_share(documents, get_attnum(RelationGetRelid(documents), "document_id"),
									 ids, n) != n)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("a document the move relied on was removed while the move was judged"),
					 errhint("Retry the move; it is judged again on the documents now on record.")));
		table_close(documents, NoLock);
	}

	foreach(lc, lgit_registries_frozen_at(to))
	{
		Relation	registry = table_open(lgit_relid(lfirst(lc)), RowShareLock);

		(void) lgit_lock_rows_for_share(registry, get_attnum(RelationGetRelid(registry), "project_id"),
										&project_id, 1);
		table_close(registry, NoLock);
	}
}
