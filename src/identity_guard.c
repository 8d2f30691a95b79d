/*
 * identity_guard.c
 *		Ids are handed out by their sequences.
 *
 * An id column GENERATED ALWAYS AS IDENTITY still takes a value from anyone
 * with INSERT who writes OVERRIDING SYSTEM VALUE.  An id ahead of the
 * sequence is a trap for everyone else: once the sequence reaches it, every
 * other unit's insert fails on the primary key.  lgit.identity_guard()
 * (BEFORE INSERT) refuses an id the sequence has not yet handed out, that is
 * one above the sequence's last value, for everyone but the schema's owner.
 * nextval() moves that value at once for every session, outside any
 * transaction, so an id drawn by a concurrent insert is never refused; an id
 * taken below it either collides with a row (the primary key refuses it) or
 * fills a gap left by a rolled-back insert, which blocks nobody.  Restores
 * run in replica mode, where the trigger does not fire.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/dependency.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "lgit.h"

/* The sequence's last value, or false when it has handed out nothing yet. */
static bool
sequence_last_value(Oid sequence, int64 *last)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {REGCLASSOID};
	Datum		values[1];
	bool		isnull = true;
	Datum		value = (Datum) 0;

	values[0] = ObjectIdGetDatum(sequence);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT pg_catalog.pg_sequence_last_value($1)", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		*last = DatumGetInt64(value);
	lgit_spi_finish();
	return !isnull;
}

PG_FUNCTION_INFO_V1(lgit_identity_guard);
Datum
lgit_identity_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	int			i;

	lgit_require_before_row(fcinfo, "lgit.identity_guard()");
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.identity_guard() must be fired BEFORE INSERT")));
	if (has_privs_of_role(GetUserId(), lgit_schema_owner()))
		return PointerGetDatum(trigdata->tg_trigtuple);

	rel = trigdata->tg_relation;
	desc = RelationGetDescr(rel);
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		bool		isnull;
		Datum		value;
		int64		id;
		int64		last = 0;
		bool		handed_out;

		if (att->attisdropped || att->attidentity == '\0')
			continue;
		value = heap_getattr(trigdata->tg_trigtuple, att->attnum, desc, &isnull);
		if (isnull)
			continue;
		id = att->atttypid == INT8OID ? DatumGetInt64(value) :
			att->atttypid == INT4OID ? DatumGetInt32(value) : DatumGetInt16(value);
		handed_out = sequence_last_value(getIdentitySequence(RelationGetRelid(rel), att->attnum, false),
										 &last);
		if (!handed_out || id > last)
			ereport(ERROR,
					(errcode(ERRCODE_GENERATED_ALWAYS),
					 errmsg("%s " INT64_FORMAT " of lgit.%s was not handed out by its sequence",
							NameStr(att->attname), id, RelationGetRelationName(rel)),
					 errdetail("Ids are given by lgit.%s's sequence, whose last id is %s; an id ahead of it would make other inserts fail once the sequence reaches it.",
							   RelationGetRelationName(rel),
							   handed_out ? psprintf(INT64_FORMAT, last) : "none yet"),
					 errhint("Leave %s out of the INSERT (no OVERRIDING SYSTEM VALUE).",
							 NameStr(att->attname))));
	}
	return PointerGetDatum(trigdata->tg_trigtuple);
}
