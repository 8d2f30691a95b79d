/*
 * calendar_load.c
 *		Loading a year of the working-day calendar, and keeping every loaded
 *		year as it was loaded.
 *
 * The State Council publishes each year's arrangement (国务院办公厅关于部分节假日
 * 安排的通知) in the last weeks of the year before; the authority loads it with
 * lgit.load_calendar_days() (through lgit.load_calendar_year() or
 * lgit.load_calendar_json()), which checks the whole notice and records it with
 * its number and who loaded it.  A year once loaded - the shipped 2020-2026 as
 * much as any later one - is immutable: the tables' guard refuses every other
 * write, the owner's included.  Only an extension script (the shipped years)
 * and the loader write them; a restore or subscriber applies rows in replica
 * mode, where the guard, an ordinary trigger, does not fire.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"

#include "lgit.h"

/* True only while lgit.load_calendar_days() writes the year it checked. */
static bool loading_calendar = false;

typedef struct NoticeDay
{
	DateADT		day;
	bool		off;			/* a holiday (放假); false: an adjusted working day (调休上班) */
	char	   *name;			/* the festival, or NULL when the notice's list gives none */
} NoticeDay;

static inline bool
is_weekend(DateADT day)
{
	int			weekday = j2day(day + POSTGRES_EPOCH_JDATE);

	return weekday == 0 || weekday == 6;
}

static inline int
year_of(DateADT day)
{
	int			year,
				month,
				mday;

	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	return year;
}

/* "YYYY-MM-DD" and a real day of the calendar, nothing else. */
static bool
parse_iso_date(const char *text, DateADT *day)
{
	int			year,
				month,
				mday;
	int			y,
				m,
				d;
	int			i;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char) text[i]))
			return false;
	if (sscanf(text, "%4d-%2d-%2d", &year, &month, &mday) != 3 ||
		month < 1 || month > 12 || mday < 1 || mday > 31)
		return false;
	j2date(date2j(year, month, mday), &y, &m, &d);
	if (y != year || m != month || d != mday)
		return false;
	*day = date2j(year, month, mday) - POSTGRES_EPOCH_JDATE;
	return true;
}

static int
notice_day_cmp(const void *a, const void *b)
{
	DateADT		x = ((const NoticeDay *) a)->day;
	DateADT		y = ((const NoticeDay *) b)->day;

	return (x > y) - (x < y);
}

static const NoticeDay *
find_day(const NoticeDay *days, int ndays, DateADT day)
{
	NoticeDay	key = {day, false, NULL};

	return bsearch(&key, days, ndays, sizeof(NoticeDay), notice_day_cmp);
}

/*
 * A notice lists a holiday's whole run of days off, weekend days included
 * (2026-02-15 to 02-23 for the Spring Festival); a weekend holiday alone,
 * in a run with no weekday off, declares nothing and is a mistake.
 */
static bool
in_run_with_weekday_off(const NoticeDay *days, int ndays, DateADT day)
{
	const NoticeDay *found;
	int			step;

	for (step = -1; step <= 1; step += 2)
	{
		DateADT		d = day;

		while ((found = find_day(days, ndays, d)) != NULL && found->off)
		{
			if (!is_weekend(d))
				return true;
			d += step;
		}
	}
	return false;
}

/* The element's key as text; NULL when absent or null, *wrong when of another type. */
static char *
string_member(JsonbContainer *object, const char *key, bool *wrong)
{
	JsonbValue	value;

	*wrong = false;
	if (!getKeyJsonValueFromContainer(object, key, strlen(key), &value) || value.type == jbvNull)
		return NULL;
	if (value.type != jbvString)
	{
		*wrong = true;
		return NULL;
	}
	return pnstrdup(value.val.string.val, value.val.string.len);
}

/*
 * The notice's days from a JSON array of {"date": "YYYY-MM-DD", "isOffDay":
 * true|false, "name": "元旦"}, with every problem of every element described
 * in *problems.
 */
static NoticeDay *
read_notice_days(Jsonb *document, int year, int *ndays, List **problems)
{
	NoticeDay  *days;
	int			count;
	int			i;
	int			holidays = 0;

	if (!JB_ROOT_IS_ARRAY(document) || JB_ROOT_IS_SCALAR(document))
	{
		*problems = lappend(*problems, pstrdup("the days are not a JSON array"));
		*ndays = 0;
		return NULL;
	}
	count = JB_ROOT_COUNT(document);
	days = palloc0(sizeof(NoticeDay) * Max(count, 1));
	*ndays = 0;
	for (i = 0; i < count; i++)
	{
		JsonbValue *element = getIthJsonbValueFromContainer(&document->root, i);
		JsonbValue	off;
		NoticeDay  *day = &days[*ndays];
		char	   *date_text;
		bool		wrong;

		if (element == NULL || element->type != jbvBinary || !JsonContainerIsObject(element->val.binary.data))
		{
			*problems = lappend(*problems, psprintf("element %d is not an object", i + 1));
			continue;
		}
		date_text = string_member(element->val.binary.data, "date", &wrong);
		if (date_text == NULL || !parse_iso_date(date_text, &day->day))
		{
			*problems = lappend(*problems,
								psprintf("element %d has no date of the form YYYY-MM-DD%s%s", i + 1,
										 date_text ? ": " : "", date_text ? date_text : ""));
			continue;
		}
		if (!getKeyJsonValueFromContainer(element->val.binary.data, "isOffDay", 8, &off) || off.type != jbvBool)
		{
			*problems = lappend(*problems,
								psprintf("%s: isOffDay is not true (holiday) or false (adjusted working day)", date_text));
			continue;
		}
		day->off = off.val.boolean;
		day->name = string_member(element->val.binary.data, "name", &wrong);
		if (wrong)
		{
			*problems = lappend(*problems, psprintf("%s: name is not a string", date_text));
			continue;
		}
		holidays += day->off ? 1 : 0;
		(*ndays)++;
	}
	if (count > 0 && holidays == 0 && *problems == NIL)
		*problems = lappend(*problems, psprintf("no holiday is listed: a notice for %d names its holidays", year));
	if (count == 0)
		*problems = lappend(*problems, psprintf("no day is listed: a notice for %d names its holidays", year));
	qsort(days, *ndays, sizeof(NoticeDay), notice_day_cmp);
	return days;
}

/* Every date in the notice's year, once, and weekends consistent. */
static void
check_notice_days(const NoticeDay *days, int ndays, int year, List **problems)
{
	int			i;

	for (i = 0; i < ndays; i++)
	{
		const NoticeDay *d = &days[i];
		char	   *text = lgit_date_text(d->day);
		int			day_year = year_of(d->day);

		if (i + 1 < ndays && days[i + 1].day == d->day)
			continue;			/* reported once, as a duplicate, by the last of them */
		if (i > 0 && days[i - 1].day == d->day)
			*problems = lappend(*problems, psprintf("%s is listed more than once", text));
		else if (!d->off && !is_weekend(d->day))
			*problems = lappend(*problems,
								psprintf("%s is a Monday–Friday, already a working day: only a Saturday or Sunday can be made one", text));
		else if (d->off && is_weekend(d->day) && !in_run_with_weekday_off(days, ndays, d->day))
			*problems = lappend(*problems,
								psprintf("%s is a Saturday or Sunday listed as a holiday outside any run of days off that includes a weekday", text));
		else if (day_year != year &&
				 !(day_year == year - 1 && d->off && is_weekend(d->day)))
			/* The 2023 notice lists Saturday 2022-12-31: a day off anyway, so it changes nothing in 2022. */
			*problems = lappend(*problems, psprintf("%s is not in %d", text, year));
	}
}

/* Only the authority (Art 4: 区信息化主管部门), or the extension's owner acting as itself, loads a year. */
static char *
check_loader(void)
{
	LgitActor	actor;

	lgit_current_actor(&actor);
	/* A person named by the application acts in their capacity; a role acting as itself must own lgit. */
	if (actor.registered || !has_privs_of_role(GetUserId(), lgit_schema_owner()))
		lgit_require_capacity(&actor, "lgit.calendar_year", 1 << CAPACITY_AUTHORITY);
	return actor.name;
}

/*
 * lgit.load_calendar_days(year, notice, days jsonb): checks the whole notice
 * and loads it, or loads nothing and says every problem.
 */
PG_FUNCTION_INFO_V1(lgit_load_calendar_days);
Datum
lgit_load_calendar_days(PG_FUNCTION_ARGS)
{
	static SPIPlanPtr loaded_plan = NULL;
	static SPIPlanPtr year_plan = NULL;
	static SPIPlanPtr day_plan = NULL;
	Oid			year_types[3] = {INT4OID, TEXTOID, TEXTOID};
	Oid			day_types[4] = {DATEOID, TEXTOID, TEXTOID, INT4OID};
	char	   *loaded_by = check_loader();
	List	   *problems = NIL;
	NoticeDay  *days = NULL;
	int			ndays = 0;
	int			year;
	char	   *notice;
	Datum		values[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	int			i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the year of the notice must be given, as a number such as 2027")));
	year = PG_GETARG_INT32(0);
	if (year < 1949 || year > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d is not a year a holiday notice can cover", year),
				 errhint("Give the year the State Council's notice is for, e.g. 2027.")));
	notice = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (notice == NULL || notice[strspn(notice, " \t\r\n")] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the notice for %d must be named", year),
				 errhint("Give the notice's document number, e.g. 国办发明电〔2026〕N号, as the notice.")));

	lgit_spi_connect();
	values[0] = Int32GetDatum(year);
	lgit_plan(&loaded_plan,
			  "SELECT source, coalesce(loaded_by, 'lgit ' || CASE WHEN seeded THEN '(shipped)' ELSE '(before 0.2.0)' END) "
			  "FROM lgit.calendar_year WHERE year = $1",
			  1, year_types);
	lgit_execute_as_owner(loaded_plan, values, NULL, true, 1);
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(LGIT_SQLSTATE(RULE_RECORD_IMMUTABLE)),
				 errmsg("the working-day calendar for %d is already loaded", year),
				 errdetail("%d was loaded from %s by %s. A loaded year is immutable: every deadline counted in it stays as it was counted.",
						   year, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1),
						   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2)),
				 errhint("Nothing was loaded. Look up a year's days in lgit.calendar_day.")));

	if (PG_ARGISNULL(2))
		problems = lappend(problems, pstrdup("no day is listed"));
	else
	{
		days = read_notice_days(PG_GETARG_JSONB_P(2), year, &ndays, &problems);
		check_notice_days(days, ndays, year, &problems);
	}
	if (problems != NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the notice for %d is not valid: %d problem%s", year, list_length(problems),
						list_length(problems) > 1 ? "s" : ""),
				 errdetail("%s.", lgit_join(problems, "; ")),
				 errhint("Nothing was loaded. List every holiday of the notice (放假, weekend days of a run included) and every adjusted working Saturday or Sunday (调休上班), each once, all in %d.",
						 year)));

	lgit_plan(&year_plan,
			  "INSERT INTO lgit.calendar_year (year, source, seeded, loaded_by, loaded_at) "
			  "VALUES ($1, $2, false, $3, now())",
			  3, year_types);
	lgit_plan(&day_plan,
			  "INSERT INTO lgit.calendar_day (day, kind, name_zh, year) VALUES ($1, $2, $3, $4)",
			  4, day_types);
	loading_calendar = true;
	PG_TRY();
	{
		values[1] = CStringGetTextDatum(notice);
		values[2] = CStringGetTextDatum(loaded_by);
		if (lgit_execute_as_owner(year_plan, values, NULL, false, 0) != SPI_OK_INSERT)
			elog(ERROR, "lgit: loading lgit.calendar_year failed");
		for (i = 0; i < ndays; i++)
		{
			values[0] = DateADTGetDatum(days[i].day);
			values[1] = CStringGetTextDatum(days[i].off ? "holiday" : "workday");
			values[2] = days[i].name ? CStringGetTextDatum(days[i].name) : (Datum) 0;
			nulls[2] = days[i].name ? ' ' : 'n';
			values[3] = Int32GetDatum(year);
			if (lgit_execute_as_owner(day_plan, values, nulls, false, 0) != SPI_OK_INSERT)
				elog(ERROR, "lgit: loading lgit.calendar_day failed");
		}
	}
	PG_FINALLY();
	{
		loading_calendar = false;
	}
	PG_END_TRY();
	lgit_spi_finish();
	PG_RETURN_INT32(ndays);
}

/*
 * BEFORE INSERT, UPDATE, DELETE (row) and TRUNCATE (statement) on
 * lgit.calendar_year and lgit.calendar_day: only the loader and extension
 * scripts write them.
 */
PG_FUNCTION_INFO_V1(lgit_calendar_guard);
Datum
lgit_calendar_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HeapTuple	row;
	bool		isnull;
	int			year = 0;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("lgit.calendar_guard() must be called as a BEFORE trigger")));
	row = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	/* lgit's own scripts: CREATE EXTENSION ships 2020-2026, ALTER EXTENSION UPDATE may correct them */
	if (loading_calendar ||
		(creating_extension && CurrentExtensionObject == get_extension_oid("lgit", true)))
		return PointerGetDatum(TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ? row : NULL);

	if (TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
	{
		TupleDesc	desc = trigdata->tg_relation->rd_att;
		Datum		value = heap_getattr(trigdata->tg_trigtuple, SPI_fnumber(desc, "year"), desc, &isnull);

		year = isnull ? 0 : DatumGetInt32(value);
	}
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(LGIT_SQLSTATE(RULE_RECORD_IMMUTABLE)),
				 errmsg("the working-day calendar is loaded a whole year at a time, with lgit.load_calendar_year()"),
				 errdetail("A row was written into %s directly; a year is loaded once, checked whole, with the notice's number and who loaded it, and is immutable afterwards.",
						   RelationGetRelationName(trigdata->tg_relation)),
				 errhint("The authority calls lgit.load_calendar_year(year, notice, holidays, workdays) or lgit.load_calendar_json(document).")));
	ereport(ERROR,
			(errcode(LGIT_SQLSTATE(RULE_RECORD_IMMUTABLE)),
			 errmsg("a loaded year of the working-day calendar is immutable"),
			 year > 0 ? errdetail("%s of %s changes the calendar of %d, by which deadlines have been counted.",
								  TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ? "An update" : "A delete",
								  RelationGetRelationName(trigdata->tg_relation), year)
			 : errdetail("TRUNCATE of %s removes loaded years, by which deadlines have been counted.",
						 RelationGetRelationName(trigdata->tg_relation)),
			 errhint("A year is changed only by an update of the extension (a shipped year) or not at all.")));
	pg_unreachable();
}
