/*
 * assessment_target.c
 *		The targets of the Art 49 annual assessment: who set them, and that
 *		they stay once the year they measure has ended.
 *
 * Art 49: the authority assesses every street and department at each year's
 * end against the targets it set.  A target changed or removed after its
 * year would move the goal of an assessment already made, so lgit refuses it
 * (LG002); and who set or changed a target is the actor writing it, not a
 * value the writer supplies.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/rel.h"

#include "lgit.h"

/* The Gregorian year of a date. */
static int
year_of(DateADT date)
{
	int			year;
	int			month;
	int			day;

	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return year;
}

/*
 * BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW on lgit.assessment_target.
 */
PG_FUNCTION_INFO_V1(lgit_assessment_target_guard);
Datum
lgit_assessment_target_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	written;
	LgitActor	actor;
	int			set_by;
	Datum		value;
	bool		not_null = false;

	lgit_require_before_row(fcinfo, "lgit.assessment_target_guard()");
	desc = RelationGetDescr(trigdata->tg_relation);
	if (!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		bool		isnull;
		int			year = DatumGetInt32(heap_getattr(trigdata->tg_trigtuple, SPI_fnumber(desc, "year"),
													  desc, &isnull));
		int			this_year = year_of(lgit_today());

		if (!isnull && year < this_year)
		{
			List	   *findings = NIL;
			LgitFinding *finding;

			finding = lgit_finding(&findings, RULE_RECORD_IMMUTABLE,
								   "Art 49 assesses a year against the targets set for it: set the targets of the current or a coming year.",
								   "the targets of %d cannot be %s: the year has ended and its assessment was made against them",
								   year, TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? "changed" : "removed");
			lgit_fact(finding, "table", "lgit.assessment_target");
			lgit_fact(finding, "year", psprintf("%d", year));
			lgit_fact(finding, "current_year", psprintf("%d", this_year));
			lgit_fact(finding, "role", GetUserNameFromId(GetUserId(), false));
			lgit_raise(findings);
		}
		if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
			return PointerGetDatum(trigdata->tg_trigtuple);
	}

	/* who set the target is who wrote it */
	written = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	lgit_current_actor(&actor);
	set_by = SPI_fnumber(desc, "set_by");
	value = CStringGetTextDatum(actor.name);
	return PointerGetDatum(heap_modify_tuple_by_cols(written, desc, 1, &set_by, &value, &not_null));
}
