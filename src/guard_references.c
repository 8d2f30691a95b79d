/*
 * guard_references.c
 *		What a row may point at (Art 4, 8, 33).  A reference to a row of a
 *		table under row-level security that the actor cannot see is refused,
 *		whether or not the row exists, before the foreign key could tell which;
 *		a project's plan and previous phase are its own unit's.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "lgit.h"
#include "guard.h"

/* Whether row-level security is enabled on a relation. */
static bool
row_security_enabled(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	bool		enabled;

	if (!HeapTupleIsValid(tuple))
		return false;
	enabled = ((Form_pg_class) GETSTRUCT(tuple))->relrowsecurity;
	ReleaseSysCache(tuple);
	return enabled;
}

typedef struct ReferencePlan
{
	Oid			relid;
	AttrNumber	attno;
	SPIPlanPtr	plan;
} ReferencePlan;

#define MAX_REFERENCE_PLANS 32

static SPIPlanPtr
reference_plan(Oid confrelid, AttrNumber confkey, Oid type)
{
	static ReferencePlan plans[MAX_REFERENCE_PLANS];
	static int	nplans = 0;
	Oid			types[1] = {type};
	int			i;

	for (i = 0; i < nplans; i++)
		if (plans[i].relid == confrelid && plans[i].attno == confkey)
			return plans[i].plan;
	if (nplans == MAX_REFERENCE_PLANS)
		elog(ERROR, "lgit: too many guarded references");
	plans[nplans].relid = confrelid;
	plans[nplans].attno = confkey;
	plans[nplans].plan = NULL;
	lgit_plan(&plans[nplans].plan,
			  psprintf("SELECT 1 FROM %s.%s WHERE %s = $1",
					   quote_identifier(get_namespace_name(get_rel_namespace(confrelid))),
					   quote_identifier(get_rel_name(confrelid)),
					   quote_identifier(get_attname(confrelid, confkey, false))),
			  1, types);
	return plans[nplans++].plan;
}

void
lgit_require_visible_references(Relation rel, HeapTuple old, HeapTuple new, AttrNumber skip_attno)
{
	TupleDesc	desc = RelationGetDescr(rel);
	ListCell   *lc;

	foreach(lc, RelationGetFKeyList(rel))
	{
		ForeignKeyCacheInfo *fk = lfirst(lc);
		AttrNumber	attno = fk->conkey[0];
		bool		isnull;
		Datum		value;
		bool		visible;

		if (fk->nkeys != 1 || attno == skip_attno || !row_security_enabled(fk->confrelid))
			continue;
		value = heap_getattr(new, attno, desc, &isnull);
		if (isnull || (old && lgit_guard_same_value(old, new, desc, attno)))
			continue;
		lgit_spi_connect();
		/* as the caller, under the caller's row-level security */
		lgit_execute(reference_plan(fk->confrelid, fk->confkey[0], TupleDescAttr(desc, attno - 1)->atttypid),
					 &value, NULL, false, 1);
		visible = SPI_processed == 1;
		lgit_spi_finish();
		if (!visible)
		{
			List	   *findings = NIL;
			const char *column = NameStr(TupleDescAttr(desc, attno - 1)->attname);
			LgitFinding *finding = lgit_finding(&findings, RULE_CAPACITY,
												"Refer only to records you can see: those of your own unit, or of the district bodies.",
												"lgit.%s.%s refers to nothing the actor can see",
												RelationGetRelationName(rel), column);

			lgit_fact(finding, "table", psprintf("lgit.%s", RelationGetRelationName(rel)));
			lgit_fact(finding, "column", column);
			lgit_raise(findings);
		}
	}
}

/*
 * Art 8, 9, 33: a project's special plan and previous phase are its own
 * unit's, whoever writes them; so no gate ever reports another unit's plan
 * or project to the unit (LG090, LG330).
 */
static void
require_own_unit_references(Relation rel, HeapTuple old, HeapTuple new)
{
	static SPIPlanPtr plan_plan = NULL;
	static SPIPlanPtr phase_plan = NULL;
	static const struct
	{
		const char *column;
		const char *code;
		const char *what;
		const char *sql;
	}			references[] =
	{
		{"special_plan_id", "LG090", "special plan",
		"SELECT 1 FROM lgit.special_plan WHERE plan_id = $1 AND unit_id = $2"},
		{"previous_phase_id", "LG330", "previous phase",
		"SELECT 1 FROM lgit.project WHERE project_id = $1 AND unit_id = $2"},
	};
	TupleDesc	desc = RelationGetDescr(rel);
	int			unit_attno = SPI_fnumber(desc, "unit_id");
	int			i;

	for (i = 0; i < lengthof(references); i++)
	{
		int			attno = SPI_fnumber(desc, references[i].column);
		SPIPlanPtr *slot = i == 0 ? &plan_plan : &phase_plan;
		Oid			types[2] = {TupleDescAttr(desc, attno - 1)->atttypid, INT4OID};
		Datum		values[2];
		bool		isnull;
		bool		unit_null;
		bool		own;

		if (attno <= 0 || unit_attno <= 0)
			continue;
		values[0] = heap_getattr(new, attno, desc, &isnull);
		values[1] = heap_getattr(new, unit_attno, desc, &unit_null);
		if (isnull || unit_null || (old && lgit_guard_same_value(old, new, desc, attno)))
			continue;
		lgit_spi_connect();
		lgit_plan(slot, references[i].sql, 2, types);
		lgit_execute_as_owner(*slot, values, NULL, false, 1);
		own = SPI_processed == 1;
		lgit_spi_finish();
		if (!own)
		{
			List	   *findings = NIL;
			LgitFinding *finding = lgit_finding(&findings, references[i].code,
												"Name a plan or a previous phase of the project's own unit.",
												"a project may name only a %s of its own unit", references[i].what);

			lgit_fact(finding, "column", references[i].column);
			lgit_raise(findings);
		}
	}
}

PG_FUNCTION_INFO_V1(lgit_reference_guard);
Datum
lgit_reference_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	new;

	lgit_require_before_row(fcinfo, "lgit.reference_guard()");
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		return PointerGetDatum(trigdata->tg_trigtuple);
	new = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	lgit_require_visible_references(trigdata->tg_relation,
									TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_trigtuple : NULL,
									new, InvalidAttrNumber);
	require_own_unit_references(trigdata->tg_relation,
								TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_trigtuple : NULL, new);
	return PointerGetDatum(new);
}
