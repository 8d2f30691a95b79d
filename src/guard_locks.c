/*
 * guard_locks.c
 *		What a move relied on is held until it commits (Art 21): by its
 *		project's row lock, and under a transaction snapshot by a lock on
 *		each row.
 */
#include "postgres.h"

#include "access/table.h"
#include "access/xact.h"
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
 * construction).  Every writer of those rows goes through
 * lgit.registry_guard(), which takes their project's row lock first
 * (test/guard_walk.sql fails for a registry without it), and the move holds
 * that row from its UPDATE to its commit.
 * In READ COMMITTED the move was judged on a snapshot taken once that lock
 * was its own: a writer before it has committed and was seen, a writer after
 * it waits for the commit.  The project's lock is then all the holding there
 * is to do, and locking each row again would only write (a lock record per
 * row, and a full-page image of each of their pages after a checkpoint).
 * Under REPEATABLE READ and SERIALIZABLE the move judged on the
 * transaction's snapshot, which may be older than the lock: the rows are
 * locked here, through their indexes (row_access.c), and one changed since
 * that snapshot fails with a serialization error.
 */
void
lgit_lock_relied_on(int64 project_id, LgitStage to, List *evidence)
{
	ListCell   *lc;

	if (!IsolationUsesXactSnapshot())
		return;
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
