/*
 * guard_locks.c
 *		What a move relied on is held until it commits (Art 21).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "lgit.h"

#define MAX_STAGE_PLANS 16

/*
 * A move holds what it relied on until it commits (Art 21): the documents of
 * its evidence, and the rows of every registry that freezes, whole or in a
 * column, at the stage it enters (the contracts, at contracted and at
 * construction).  In READ COMMITTED the move was
 * judged on a snapshot taken after its project's row lock, which every guarded
 * writer of those rows takes first; under REPEATABLE READ a row changed since
 * the transaction's snapshot fails here with a serialization error.
 */
void
lgit_lock_relied_on(int64 project_id, LgitStage to, List *evidence)
{
	static SPIPlanPtr documents_plan = NULL;
	static struct
	{
		Oid			relid;
		SPIPlanPtr	plan;
	}			stage_plans[MAX_STAGE_PLANS];
	static int	nstage_plans = 0;
	List	   *relnames;
	ListCell   *lc;
	bool		isnull;

	lgit_spi_connect();
	if (evidence != NIL)
	{
		Oid			types[1] = {INT8ARRAYOID};
		Datum	   *ids = palloc(sizeof(Datum) * list_length(evidence));
		Datum		array;
		int			n = 0;
		int64		locked;
		int64		wanted;

		foreach(lc, evidence)
			ids[n++] = Int64GetDatum(*(int64 *) lfirst(lc));
		array = PointerGetDatum(construct_array(ids, n, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		lgit_plan(&documents_plan,
				  "SELECT (SELECT count(*) FROM (SELECT 1 FROM lgit.document WHERE document_id = ANY ($1) "
				  "        FOR SHARE) d), "
				  "       (SELECT count(DISTINCT x) FROM unnest($1) x)",
				  1, types);
		lgit_execute_as_owner(documents_plan, &array, NULL, false, 1);
		locked = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		wanted = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		if (locked != wanted)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("a document the move relied on was removed while the move was judged"),
					 errhint("Retry the move; it is judged again on the documents now on record.")));
	}

	relnames = lgit_registries_frozen_at(to);
	foreach(lc, relnames)
	{
		Oid			relid = lgit_relid(lfirst(lc));
		Oid			types[1] = {INT8OID};
		Datum		value = Int64GetDatum(project_id);
		SPIPlanPtr	plan = NULL;
		int			i;

		for (i = 0; i < nstage_plans; i++)
			if (stage_plans[i].relid == relid)
				plan = stage_plans[i].plan;
		if (plan == NULL)
		{
			if (nstage_plans == MAX_STAGE_PLANS)
				elog(ERROR, "lgit: too many registries freezing at a stage");
			stage_plans[nstage_plans].relid = relid;
			stage_plans[nstage_plans].plan = NULL;
			plan = lgit_plan(&stage_plans[nstage_plans].plan,
							 psprintf("SELECT 1 FROM lgit.%s WHERE project_id = $1 FOR SHARE",
									  quote_identifier(lfirst(lc))),
							 1, types);
			nstage_plans++;
		}
		lgit_execute_as_owner(plan, &value, NULL, false, 0);
	}
	lgit_spi_finish();
}
