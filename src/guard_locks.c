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
	static SPIPlanPtr registries_plan = NULL;
	static struct
	{
		Oid			relid;
		SPIPlanPtr	plan;
	}			stage_plans[MAX_STAGE_PLANS];
	static int	nstage_plans = 0;
	MemoryContext caller = CurrentMemoryContext;
	List	   *relnames = NIL;
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

	{
		Oid			types[1] = {TEXTOID};
		Datum		stage = CStringGetTextDatum(lgit_stage_names[to]);
		uint64		row;

		lgit_plan(&registries_plan,
				  "SELECT r.relname::text FROM lgit.registry r WHERE r.owner_column = 'project_id' "
				  "AND (r.frozen_from = $1::lgit.stage OR EXISTS (SELECT FROM lgit.registry_column c "
				  "     WHERE c.relname = r.relname AND c.frozen_from = $1::lgit.stage)) ORDER BY r.relname",
				  1, types);
		lgit_execute_as_owner(registries_plan, &stage, NULL, true, 0);
		for (row = 0; row < SPI_processed; row++)
		{
			MemoryContext old = MemoryContextSwitchTo(caller);

			relnames = lappend(relnames, pstrdup(SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, 1)));
			MemoryContextSwitchTo(old);
		}
	}
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
