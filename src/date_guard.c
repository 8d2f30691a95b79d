/*
 * date_guard.c
 *		Dates of record that cannot be (rule LG008).
 *
 * A registry row records an act that has happened: a document issued or
 * accepted, a contract signed or filed, a payment requested.  Its date cannot
 * be after today in Shenzhen.  The steps of the measures' own procedure (the
 * authority's formal acceptance of a document, and the acts from contract to
 * final accounts, which follow a design approved under the measures) cannot
 * predate the measures either (the earliest day lgit.policy has a value in
 * force):
 * a date outside that range is a typing error, and one such row would
 * otherwise stop the district-wide reports that count from it.
 *
 * lgit.date_guard() is a BEFORE INSERT OR UPDATE row trigger; its first
 * argument says which bound applies (until_today, or since_measures for
 * both), the others name the date columns it judges (on UPDATE, those whose
 * value changes).
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "lgit.h"

#define RULE_DATE_OF_RECORD "LG008"

/* The first day any policy is in force: when the measures took effect. */
static bool
measures_in_force_from(DateADT *from)
{
	static SPIPlanPtr plan = NULL;
	bool		isnull = true;
	Datum		value = (Datum) 0;

	lgit_spi_connect();
	lgit_plan(&plan, "SELECT min(lower(in_force)) FROM lgit.policy", 0, NULL);
	lgit_execute_as_owner(plan, NULL, NULL, true, 1);
	if (SPI_processed == 1)
		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
		*from = DatumGetDateADT(value);
	lgit_spi_finish();
	return !isnull;
}

static void
refuse_date(Relation rel, const char *column, DateADT date, const char *bound_name, DateADT bound,
			const char *message, const char *hint)
{
	List	   *findings = NIL;
	LgitFinding *finding = lgit_finding(&findings, RULE_DATE_OF_RECORD, hint,
										"%s %s of lgit.%s is %s",
										column, lgit_date_text(date), RelationGetRelationName(rel), message);

	lgit_fact(finding, "table", psprintf("lgit.%s", RelationGetRelationName(rel)));
	lgit_fact(finding, "column", column);
	lgit_fact(finding, "date", lgit_date_text(date));
	lgit_fact(finding, bound_name, lgit_date_text(bound));
	lgit_raise(findings);
}

PG_FUNCTION_INFO_V1(lgit_date_guard);
Datum
lgit_date_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	TupleDesc	desc;
	HeapTuple	row;
	bool		since_measures;
	DateADT		today;
	DateADT		measures_from = 0;
	bool		measures_known = false;
	int			i;

	lgit_require_before_row(fcinfo, "lgit.date_guard()");
	trigger = trigdata->tg_trigger;
	if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) || trigger->tgnargs < 2 ||
		(strcmp(trigger->tgargs[0], "until_today") != 0 && strcmp(trigger->tgargs[0], "since_measures") != 0))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.date_guard() must be fired BEFORE INSERT OR UPDATE with arguments (until_today | since_measures, column, ...)")));
	since_measures = strcmp(trigger->tgargs[0], "since_measures") == 0;
	desc = RelationGetDescr(trigdata->tg_relation);
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	today = lgit_today();

	for (i = 1; i < trigger->tgnargs; i++)
	{
		const char *column = trigger->tgargs[i];
		int			attno = SPI_fnumber(desc, column);
		bool		isnull;
		DateADT		date;

		if (attno <= 0)
			elog(ERROR, "lgit: lgit.%s has no column %s", RelationGetRelationName(trigdata->tg_relation), column);
		date = DatumGetDateADT(SPI_getbinval(row, desc, attno, &isnull));
		if (isnull)
			continue;
		/* an update judges the dates it writes, not those it leaves as they were */
		if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		{
			bool		old_isnull;
			DateADT		old = DatumGetDateADT(SPI_getbinval(trigdata->tg_trigtuple, desc, attno, &old_isnull));

			if (!old_isnull && old == date)
				continue;
		}
		if (DATE_NOT_FINITE(date))
			refuse_date(trigdata->tg_relation, column, date, "today", today, "not a day",
						"Give the day the act happened on.");
		if (date > today)
			refuse_date(trigdata->tg_relation, column, date, "today", today, "after today",
						"Record an act once it has happened, with the date it happened on (Shenzhen time).");
		if (since_measures && !measures_known)
			measures_known = measures_in_force_from(&measures_from);
		if (since_measures && measures_known && date < measures_from)
			refuse_date(trigdata->tg_relation, column, date, "measures_in_force_from", measures_from,
						"before the measures were in force",
						"This act is a step of the measures' procedure, so it cannot be older than they are; check the date.");
	}
	return PointerGetDatum(row);
}
