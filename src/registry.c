/*
 * registry.c
 *		Guards on the registries the gates read: documents (SPEC §6), special
 *		plans (Art 8) and sanctions (Art 47-50).
 *
 * A document is registered by a capacity its kind allows (a unit only for its
 * own projects), names only parts its kind has, and records who registered
 * it.  Once a stage change relied on it (lgit.history.evidence) it is part of
 * the record and can no longer be altered or removed (LG002, Art 21).  Plans
 * and sanctions are written only by the district bodies named in the
 * trigger's arguments.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "lgit.h"

/*
 * PostgreSQL checks NOT NULL only after the BEFORE triggers, so a guard would
 * otherwise read a NULL where its table promises a value.  The same error as
 * PostgreSQL's, raised first.
 */
static void
refuse_null_in_not_null_column(TriggerData *trigdata)
{
	Relation	rel = trigdata->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	row;
	int			i;

	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return;
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		/* generated columns are computed after the BEFORE triggers */
		if (att->attnotnull && !att->attisdropped && att->attgenerated == '\0' &&
			heap_attisnull(row, att->attnum, desc))
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
							NameStr(att->attname), RelationGetRelationName(rel)),
					 errtablecol(rel, att->attnum)));
	}
}

void
lgit_require_before_row(FunctionCallInfo fcinfo, const char *name)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s must be fired BEFORE INSERT, UPDATE or DELETE FOR EACH ROW", name)));
	refuse_null_in_not_null_column(trigdata);
}

static void
refuse_actor(const LgitActor *actor, const char *table, const char *hint, const char *message)
{
	List	   *findings = NIL;
	LgitFinding *finding = lgit_finding(&findings, RULE_CAPACITY, hint, "%s", message);

	lgit_fact(finding, "table", table);
	lgit_fact(finding, "actor", actor->name);
	lgit_fact(finding, "capacity", actor->registered ? lgit_capacity_names[actor->capacity] : NULL);
	lgit_fact(finding, "actor_unit", actor->registered ? actor->unit_name : NULL);
	lgit_raise(findings);
}

/*
 * LG001 unless the actor acts in one of the capacities (bit 1 << capacity),
 * and a unit only for its own project (project_unit 0: no project, so no
 * unit may write).
 */
void
lgit_require_capacity(const LgitActor *actor, int32 project_unit, const char *table, uint8 capacities)
{
	if (actor->registered && (capacities & (1 << actor->capacity)) &&
		(actor->capacity != CAPACITY_UNIT || actor->unit_id == project_unit))
		return;
	if (!actor->registered)
		refuse_actor(actor, table,
					 "Register the person in lgit.actor with their unit and capacity, or act as a registered person.",
					 psprintf("actor \"%s\" is not registered in lgit.actor", actor->name));
	if (actor->capacity == CAPACITY_UNIT && (capacities & (1 << CAPACITY_UNIT)))
		refuse_actor(actor, table, "A unit keeps the records of its own projects only.",
					 psprintf("actor \"%s\" of %s may not write %s of a project of %s",
							  actor->name, actor->unit_name, table, lgit_unit_name(project_unit)));
	{
		List	   *allowed = NIL;
		int			c;

		for (c = 0; c < NUM_CAPACITIES; c++)
			if (capacities & (1 << c))
				allowed = lappend(allowed, (char *) lgit_capacity_names[c]);
		refuse_actor(actor, table,
					 psprintf("%s is written in the capacity of: %s.", table, lgit_join(allowed, ", ")),
					 psprintf("capacity %s may not write %s", lgit_capacity_names[actor->capacity], table));
	}
}

/* The unit that owns a project, or 0 if there is none (a foreign key then reports it). */
int32
lgit_project_unit(int64 project_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	int32		unit = 0;
	bool		isnull;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT unit_id FROM lgit.project WHERE project_id = $1", 1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
		unit = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	lgit_spi_finish();
	return unit;
}

/* The project a registry row belongs to, through project_id or contract_id; 0 if neither. */
static int32
row_project_unit(HeapTuple row, TupleDesc desc)
{
	static SPIPlanPtr plan = NULL;
	int			attno;
	bool		isnull;
	Datum		value;
	Oid			types[1] = {INT8OID};
	int32		unit = 0;

	if ((attno = SPI_fnumber(desc, "project_id")) > 0)
	{
		value = SPI_getbinval(row, desc, attno, &isnull);
		return isnull ? 0 : lgit_project_unit(DatumGetInt64(value));
	}
	if ((attno = SPI_fnumber(desc, "contract_id")) <= 0)
		return 0;
	value = SPI_getbinval(row, desc, attno, &isnull);
	if (isnull)
		return 0;
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT p.unit_id FROM lgit.contract c JOIN lgit.project p USING (project_id) "
			  "WHERE c.contract_id = $1",
			  1, types);
	lgit_execute_as_owner(plan, &value, NULL, true, 1);
	if (SPI_processed == 1)
		unit = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	lgit_spi_finish();
	return unit;
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE on a registry: the actor must act in one
 * of the capacities given as trigger arguments, a unit only for rows of its
 * own projects (through the row's project_id or contract_id).
 */
PG_FUNCTION_INFO_V1(lgit_registry_guard);
Datum
lgit_registry_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	LgitActor	actor;
	uint8		capacities = 0;
	int			i;
	int			c;

	lgit_require_before_row(fcinfo, "lgit.registry_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	for (i = 0; i < trigdata->tg_trigger->tgnargs; i++)
		for (c = 0; c < NUM_CAPACITIES; c++)
			if (strcmp(trigdata->tg_trigger->tgargs[i], lgit_capacity_names[c]) == 0)
				capacities |= 1 << c;
	lgit_current_actor(&actor);
	lgit_require_capacity(&actor, row_project_unit(row, desc),
						  psprintf("lgit.%s", RelationGetRelationName(trigdata->tg_relation)), capacities);
	/* an update may not move the row to another unit's project either */
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		lgit_require_capacity(&actor, row_project_unit(trigdata->tg_trigtuple, desc),
							  psprintf("lgit.%s", RelationGetRelationName(trigdata->tg_relation)), capacities);
	return PointerGetDatum(row);
}

/* Whether a stage change relied on the document. */
static bool
document_relied_on(int64 document_id, int64 *history_id)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	bool		relied = false;
	bool		isnull;

	values[0] = Int64GetDatum(document_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT history_id FROM lgit.history WHERE evidence @> ARRAY[$1] ORDER BY history_id LIMIT 1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		relied = true;
		*history_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	lgit_spi_finish();
	return relied;
}

/*
 * Checks the actor against the kind's registered_by and the project's unit,
 * and the parts against the kind's; raises what is wrong.
 */
static void
check_registration(const LgitActor *actor, int64 project_id, const char *kind, ArrayType *parts)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[4] = {TEXTOID, INT8OID, TEXTARRAYOID, TEXTOID};
	Datum		values[4];
	char	   *allowed = NULL;
	bool		capacity_allowed = false;
	char	   *unknown_parts = NULL;
	char	   *known_parts = NULL;
	int32		project_unit = 0;
	bool		found = false;

	if (!actor->registered)
		refuse_actor(actor, "lgit.document",
					 "Register the person in lgit.actor with their unit and capacity, or act as a registered person.",
					 psprintf("actor \"%s\" is not registered in lgit.actor", actor->name));

	values[0] = CStringGetTextDatum(kind);
	values[1] = Int64GetDatum(project_id);
	values[2] = PointerGetDatum(parts);
	values[3] = CStringGetTextDatum(lgit_capacity_names[actor->capacity]);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT array_to_string(k.registered_by, ', '), p.unit_id, "
			  "  (SELECT string_agg(coalesce(x, 'NULL'), ', ') FROM unnest($3) AS x "
			  "   WHERE NOT EXISTS (SELECT FROM lgit.document_part WHERE kind = $1 AND part = x)), "
			  "  (SELECT string_agg(part, ', ' ORDER BY ordinal) FROM lgit.document_part WHERE kind = $1) "
			  "  , k.registered_by @> ARRAY[$4::lgit.capacity] "
			  "FROM lgit.document_kind k, lgit.project p WHERE k.kind = $1 AND p.project_id = $2",
			  4, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		char	   *u = SPI_getvalue(tuple, desc, 3);
		char	   *k = SPI_getvalue(tuple, desc, 4);

		found = true;
		allowed = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 1));
		project_unit = DatumGetInt32(SPI_getbinval(tuple, desc, 2, &isnull));
		unknown_parts = u ? MemoryContextStrdup(caller, u) : NULL;
		known_parts = k ? MemoryContextStrdup(caller, k) : NULL;
		capacity_allowed = DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull));
	}
	lgit_spi_finish();

	if (!found)
		return;					/* the foreign keys report an unknown kind or project */
	if (!capacity_allowed)
		refuse_actor(actor, "lgit.document",
					 psprintf("Documents of this kind are registered in the capacity of: %s.", allowed),
					 psprintf("capacity %s may not register a %s",
							  lgit_capacity_names[actor->capacity], lgit_document_kind_name(kind)));
	if (actor->capacity == CAPACITY_UNIT && actor->unit_id != project_unit)
		refuse_actor(actor, "lgit.document", "A unit registers documents only for its own projects.",
					 psprintf("actor \"%s\" of %s may not register documents of a project of %s",
							  actor->name, actor->unit_name, lgit_unit_name(project_unit)));
	if (unknown_parts != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a %s has no part named %s", lgit_document_kind_name(kind), unknown_parts),
				 errdetail("The parts of a %s are: %s.", lgit_document_kind_name(kind),
						   known_parts ? known_parts : "(none)"),
				 errhint("Name parts as lgit.document_part lists them.")));
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE on lgit.document.
 */
PG_FUNCTION_INFO_V1(lgit_document_guard);
Datum
lgit_document_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	tuple;
	LgitActor	actor;
	bool		isnull;
	int			attno;
	Datum		value;

	lgit_require_before_row(fcinfo, "lgit.document_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);

	/* Art 21: what a stage change relied on stays as it was. */
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		int64		document_id = DatumGetInt64(SPI_getbinval(trigdata->tg_trigtuple, desc,
															  SPI_fnumber(desc, "document_id"), &isnull));
		int64		history_id;

		if (document_relied_on(document_id, &history_id))
		{
			List	   *findings = NIL;
			char	   *number = SPI_getvalue(trigdata->tg_trigtuple, desc, SPI_fnumber(desc, "doc_number"));
			LgitFinding *finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
												"Register a new document instead; the one on record stays as the evidence of that change.",
												"the %s %s was relied on by a stage change and cannot be %s",
												lgit_document_kind_name(SPI_getvalue(trigdata->tg_trigtuple, desc,
																					 SPI_fnumber(desc, "kind"))),
												number ? number : "(no number)",
												TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ? "removed" : "altered");

			lgit_fact_int(finding, "document_id", document_id);
			lgit_fact_int(finding, "history_id", history_id);
			lgit_raise(findings);
		}
	}

	lgit_current_actor(&actor);
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	check_registration(&actor,
					   DatumGetInt64(SPI_getbinval(tuple, desc, SPI_fnumber(desc, "project_id"), &isnull)),
					   SPI_getvalue(tuple, desc, SPI_fnumber(desc, "kind")),
					   DatumGetArrayTypeP(SPI_getbinval(tuple, desc, SPI_fnumber(desc, "parts"), &isnull)));
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(tuple);

	/* who registered it is lgit's to record */
	attno = SPI_fnumber(desc, "registered_by");
	value = CStringGetTextDatum(actor.name);
	isnull = false;
	return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, 1, &attno, &value, &isnull));
}
