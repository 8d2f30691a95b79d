/*
 * calendar.c
 *		Chinese working days (工作日, SPEC §5): lgit.is_workday(),
 *		lgit.add_workdays() and lgit.workdays_between().
 *
 * A working day is Monday-Friday unless the State Council lists it as a
 * holiday, or a Saturday/Sunday it lists as an adjusted working day (调休上班).
 * Only years in lgit.calendar_year are known; a question that touches any
 * other year is an error naming the loaded years, never a guess (SPEC §5).
 *
 * Each backend keeps the calendar as a prefix sum over every day of the
 * loaded span: before[i] = working days among the span's first i days.  So
 * is_workday and workdays_between are O(1) and add_workdays is one binary
 * search.  The copy is rebuilt on first use after lgit.calendar_day or
 * lgit.calendar_year change: their statement triggers send a relcache
 * invalidation to every backend (see cache.c).
 *
 * The reports must not stop at a year boundary because a notice is not loaded
 * yet, so they count with the "provisional" variants: the same answer where
 * every year touched is loaded, and Monday-Friday (closed form outside the
 * span, a second prefix sum inside it) for a year that is not.  A report marks
 * such a row provisional (lgit.calendar_covers); the three functions above
 * never answer for an unloaded year.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/memutils.h"

#include "lgit.h"

typedef struct Calendar
{
	int			first_year;		/* loaded years lie in [first_year, last_year] */
	int			last_year;
	bool	   *year_loaded;	/* per year of that range; NULL when none is */
	DateADT		first_day;		/* 1 January of first_year */
	int32		ndays;			/* days from first_day to 31 December of last_year */
	int32	   *before;			/* ndays + 1 prefix sums; days of unloaded years
								 * count as non-working (never answered) */
	int32	   *provisional_before; /* the same, days of unloaded years counted
									 * Monday-Friday */
	char	   *loaded_text;	/* "2020–2026", for messages */
} Calendar;

static Calendar *calendar = NULL;
static MemoryContext calendar_context = NULL;
static LgitCache calendar_cache = {{"calendar_day", "calendar_year"}};

void
lgit_calendar_cache_init(void)
{
	lgit_cache_register(&calendar_cache);
}

static inline int
date_year(DateADT day)
{
	int			year,
				month,
				mday;

	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	return year;
}

static inline DateADT
january_first(int year)
{
	return date2j(year, 1, 1) - POSTGRES_EPOCH_JDATE;
}

static inline bool
year_is_loaded(const Calendar *cal, int year)
{
	return cal->year_loaded != NULL &&
		year >= cal->first_year && year <= cal->last_year &&
		cal->year_loaded[year - cal->first_year];
}

/* "2020–2026", "2020–2022, 2024" or "none". */
static char *
loaded_years_text(const Calendar *cal)
{
	StringInfoData text;
	int			year;

	initStringInfo(&text);
	for (year = cal->first_year; cal->year_loaded != NULL && year <= cal->last_year; year++)
	{
		int			last = year;

		if (!year_is_loaded(cal, year))
			continue;
		while (year_is_loaded(cal, last + 1))
			last++;
		appendStringInfo(&text, "%s%d", text.len > 0 ? ", " : "", year);
		if (last > year)
			appendStringInfo(&text, "–%d", last);
		year = last;
	}
	if (text.len == 0)
		appendStringInfoString(&text, "none");
	return text.data;
}

/*
 * Reads both tables into a new Calendar.  It is built in a child of the
 * caller's memory context and moved under CacheMemoryContext only when
 * complete, so an error leaves neither a leak nor a half-built calendar.
 */
static void
calendar_load(void)
{
	static SPIPlanPtr years_plan = NULL;
	static SPIPlanPtr days_plan = NULL;
	MemoryContext context;
	Calendar   *cal;
	uint64		seen;
	uint64		row;
	int			rc;

	seen = lgit_cache_load_begin(&calendar_cache);

	context = AllocSetContextCreate(CurrentMemoryContext, "lgit calendar",
									ALLOCSET_SMALL_SIZES);
	cal = MemoryContextAllocZero(context, sizeof(Calendar));

	lgit_spi_connect();
	lgit_plan(&years_plan, "SELECT year FROM lgit.calendar_year ORDER BY year", 0, NULL);
	rc = lgit_execute_as_owner(years_plan, NULL, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "lgit: reading lgit.calendar_year returned %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
	{
		bool		isnull;
		bool	   *workday;
		int32		i;

		cal->first_year = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0],
													  SPI_tuptable->tupdesc, 1, &isnull));
		cal->last_year = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[SPI_processed - 1],
													 SPI_tuptable->tupdesc, 1, &isnull));
		cal->year_loaded = MemoryContextAllocZero(context,
												  cal->last_year - cal->first_year + 1);
		for (row = 0; row < SPI_processed; row++)
		{
			int			year = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[row],
														   SPI_tuptable->tupdesc, 1, &isnull));

			cal->year_loaded[year - cal->first_year] = true;
		}
		cal->first_day = january_first(cal->first_year);
		cal->ndays = january_first(cal->last_year + 1) - cal->first_day;

		/* Monday-Friday by default; j2day() is 0 on Sunday, 6 on Saturday. */
		workday = palloc(cal->ndays * sizeof(bool));
		for (i = 0; i < cal->ndays; i++)
		{
			int			weekday = j2day(cal->first_day + i + POSTGRES_EPOCH_JDATE);

			workday[i] = (weekday != 0 && weekday != 6);
		}

		/* The notice's exceptions, in either direction. */
		lgit_plan(&days_plan, "SELECT day, kind = 'workday' FROM lgit.calendar_day", 0, NULL);
		rc = lgit_execute_as_owner(days_plan, NULL, NULL, true, 0);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "lgit: reading lgit.calendar_day returned %s", SPI_result_code_string(rc));
		for (row = 0; row < SPI_processed; row++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[row];
			DateADT		day = DatumGetDateADT(SPI_getbinval(tuple, SPI_tuptable->tupdesc, 1, &isnull));
			bool		is_workday = DatumGetBool(SPI_getbinval(tuple, SPI_tuptable->tupdesc, 2, &isnull));

			/* A notice may list a day of the year before, loaded or not. */
			if (year_is_loaded(cal, date_year(day)))
				workday[day - cal->first_day] = is_workday;
		}

		cal->before = MemoryContextAlloc(context, (cal->ndays + 1) * sizeof(int32));
		cal->provisional_before = MemoryContextAlloc(context, (cal->ndays + 1) * sizeof(int32));
		cal->before[0] = 0;
		cal->provisional_before[0] = 0;
		for (i = 0; i < cal->ndays; i++)
		{
			bool		loaded = year_is_loaded(cal, date_year(cal->first_day + i));

			cal->before[i + 1] = cal->before[i] + (workday[i] && loaded ? 1 : 0);
			cal->provisional_before[i + 1] = cal->provisional_before[i] + (workday[i] ? 1 : 0);
		}
	}
	lgit_spi_finish();
	cal->loaded_text = MemoryContextStrdup(context, loaded_years_text(cal));

	MemoryContextSetParent(context, CacheMemoryContext);
	if (calendar_context != NULL)
		MemoryContextDelete(calendar_context);
	calendar_context = context;
	calendar = cal;
	lgit_cache_load_end(&calendar_cache, seen);
}

static const Calendar *
calendar_get(void)
{
	if (!lgit_cache_is_valid(&calendar_cache))
		calendar_load();
	return calendar;
}

/* The "year" of an infinite date, in find_missing_year(). */
#define NO_YEAR PG_INT32_MIN

/*
 * The first year whose calendar is not loaded met going from year(from) to
 * year(to), both included and in either order, into *missing; false when
 * every one is loaded.  An infinite date is in no year.
 */
static bool
find_missing_year(const Calendar *cal, DateADT from, DateADT to, int *missing)
{
	int			from_year;
	int			to_year;
	int			step;
	int			year;

	if (DATE_NOT_FINITE(from) || DATE_NOT_FINITE(to))
	{
		*missing = NO_YEAR;
		return true;
	}
	from_year = date_year(from);
	to_year = date_year(to);
	step = (to_year >= from_year) ? 1 : -1;
	for (year = from_year;; year += step)
	{
		if (!year_is_loaded(cal, year))
		{
			*missing = year;
			return true;
		}
		if (year == to_year)
			return false;
	}
}

/* SPEC §5: outside the loaded calendar, say so; never guess. */
static void report_missing_year(const Calendar *cal, int year, const char *call) pg_attribute_noreturn();

static void
report_missing_year(const Calendar *cal, int year, const char *call)
{
	if (year == NO_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("no working-day calendar for an infinite date; loaded years: %s",
						cal->loaded_text),
				 errdetail("%s asks about a date that is in no year.", call)));
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("no working-day calendar for %d; loaded years: %s", year, cal->loaded_text),
			 errdetail("%s needs the working days of %d, which are known only once the State Council's holiday notice for that year is loaded.",
					   call, year),
			 errhint("The authority loads the State Council's notice for %d with lgit.load_calendar_year().",
					 year)));
}

/* Index of day in the span; the caller has checked that its year is loaded. */
static inline int32
day_index(const Calendar *cal, DateADT day)
{
	return day - cal->first_day;
}

PG_FUNCTION_INFO_V1(lgit_is_workday);
Datum
lgit_is_workday(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const Calendar *cal = calendar_get();
	int			missing;
	int32		i;

	if (find_missing_year(cal, day, day, &missing))
		report_missing_year(cal, missing, psprintf("lgit.is_workday('%s')", lgit_date_text(day)));
	i = day_index(cal, day);
	PG_RETURN_BOOL(cal->before[i + 1] > cal->before[i]);
}

/*
 * SPEC §5: for n > 0 the n-th working day after day (day never counts), for
 * n = 0 day itself, for n < 0 the n-th working day before day.  The answer is
 * the working day of rank nth (1-based, over the whole span), found by binary
 * search in the prefix sums; int64 so that n near INT_MIN or INT_MAX cannot
 * overflow.
 */
PG_FUNCTION_INFO_V1(lgit_add_workdays);
Datum
lgit_add_workdays(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	const Calendar *cal = calendar_get();
	int			missing;
	int32		i;
	int64		nth;
	int32		low;
	int32		high;
	DateADT		result;

	/* Even n = 0 needs the day's year: a deadline in an unknown year is not a date yet. */
	if (find_missing_year(cal, day, day, &missing))
		report_missing_year(cal, missing,
							psprintf("lgit.add_workdays('%s', %d)", lgit_date_text(day), n));
	if (n == 0)
		PG_RETURN_DATEADT(day);

	i = day_index(cal, day);
	if (n > 0)
		nth = (int64) cal->before[i + 1] + n;	/* working days up to day, then n more */
	else
		nth = (int64) cal->before[i] + n + 1;	/* the last one before day has rank before[i] */

	if (nth < 1 || nth > cal->before[cal->ndays])
	{
		/* Past an end of the span: some year on the way is missing. */
		DateADT		beyond = (n > 0) ? january_first(cal->last_year + 1)
			: january_first(cal->first_year) - 1;

		find_missing_year(cal, day, beyond, &missing);
		report_missing_year(cal, missing,
							psprintf("lgit.add_workdays('%s', %d)", lgit_date_text(day), n));
	}

	/* The first k with before[k] >= nth; the working day of rank nth is k - 1. */
	low = 1;
	high = cal->ndays;
	while (low < high)
	{
		int32		mid = low + (high - low) / 2;

		if (cal->before[mid] >= nth)
			high = mid;
		else
			low = mid + 1;
	}
	result = cal->first_day + low - 1;

	/* Unloaded years inside the span have no working days: never skip one silently. */
	if (find_missing_year(cal, day, result, &missing))
		report_missing_year(cal, missing,
							psprintf("lgit.add_workdays('%s', %d)", lgit_date_text(day), n));
	PG_RETURN_DATEADT(result);
}

/* SPEC §5: the working days in (from_day, to_day], negative when to_day < from_day. */
PG_FUNCTION_INFO_V1(lgit_workdays_between);
Datum
lgit_workdays_between(PG_FUNCTION_ARGS)
{
	DateADT		from_day = PG_GETARG_DATEADT(0);
	DateADT		to_day = PG_GETARG_DATEADT(1);
	const Calendar *cal = calendar_get();
	int			missing;

	if (find_missing_year(cal, from_day, to_day, &missing))
		report_missing_year(cal, missing,
							psprintf("lgit.workdays_between('%s', '%s')",
									 lgit_date_text(from_day), lgit_date_text(to_day)));

	/* Prefix sums: before[k + 1] counts the working days up to and including day k. */
	PG_RETURN_INT32(cal->before[day_index(cal, to_day) + 1] -
					cal->before[day_index(cal, from_day) + 1]);
}

/*
 * The provisional count, for reports only.  Monday-Friday days in
 * [WEEKDAY_ORIGIN, day) in closed form: WEEKDAY_ORIGIN (2000-01-03) is a
 * Monday, so of every 7 days from it the first 5 are weekdays.
 */
#define WEEKDAY_ORIGIN 2

static inline int64
floor_div(int64 a, int64 b)
{
	return (a >= 0) ? a / b : -((-a + b - 1) / b);
}

static int64
weekdays_before(int64 day)
{
	int64		weeks = floor_div(day - WEEKDAY_ORIGIN, 7);
	int64		rest = day - WEEKDAY_ORIGIN - weeks * 7;

	return weeks * 5 + Min(rest, 5);
}

/* The weekday of rank t, WEEKDAY_ORIGIN being rank 1 (rank 0 the Friday before). */
static int64
weekday_of_rank(int64 t)
{
	int64		weeks = floor_div(t - 1, 5);

	return WEEKDAY_ORIGIN + weeks * 7 + (t - 1 - weeks * 5);
}

/* Provisional working days up to and including day, counted from the span's start. */
static int64
provisional_rank(const Calendar *cal, int64 day)
{
	int64		span_end;

	if (cal->year_loaded == NULL)
		return weekdays_before(day + 1);
	span_end = (int64) cal->first_day + cal->ndays;
	if (day < cal->first_day)
		return weekdays_before(day + 1) - weekdays_before(cal->first_day);
	if (day < span_end)
		return cal->provisional_before[day - cal->first_day + 1];
	return cal->provisional_before[cal->ndays] + weekdays_before(day + 1) - weekdays_before(span_end);
}

/* The first day whose provisional rank reaches nth: the provisional working day of rank nth. */
static int64
provisional_day_of_rank(const Calendar *cal, int64 nth)
{
	int32		low;
	int32		high;

	if (cal->year_loaded == NULL)
		return weekday_of_rank(nth);
	if (nth <= 0)
		return weekday_of_rank(nth + weekdays_before(cal->first_day));
	if (nth > cal->provisional_before[cal->ndays])
		return weekday_of_rank(nth - cal->provisional_before[cal->ndays] +
							   weekdays_before((int64) cal->first_day + cal->ndays));
	low = 1;
	high = cal->ndays;
	while (low < high)
	{
		int32		mid = low + (high - low) / 2;

		if (cal->provisional_before[mid] >= nth)
			high = mid;
		else
			low = mid + 1;
	}
	return (int64) cal->first_day + low - 1;
}

/*
 * add_workdays() where every year it touches is loaded; otherwise the days of
 * the unloaded years count Monday-Friday.  *provisional says which.  day is
 * finite; a result past the date type's range is +/-infinity.
 */
DateADT
lgit_deadline(DateADT day, int32 n, bool *provisional)
{
	const Calendar *cal = calendar_get();
	int64		nth;
	int64		result;
	int			missing;

	Assert(!DATE_NOT_FINITE(day));
	if (n == 0)
		result = day;
	else
	{
		nth = (n > 0) ? provisional_rank(cal, day) + n : provisional_rank(cal, (int64) day - 1) + n + 1;
		result = provisional_day_of_rank(cal, nth);
	}
	/* Past either end of the date type: no real due date, and no error to stop a report. */
	if (result < 0 - POSTGRES_EPOCH_JDATE || result >= DATE_END_JULIAN - POSTGRES_EPOCH_JDATE)
	{
		*provisional = true;
		return result < 0 ? DATEVAL_NOBEGIN : DATEVAL_NOEND;
	}
	*provisional = find_missing_year(cal, day, (DateADT) result, &missing);
	return (DateADT) result;
}

/* workdays_between() with the same provisional counting; *provisional says whether it was used. */
int32
lgit_workdays_between_provisional(DateADT from_day, DateADT to_day, bool *provisional)
{
	const Calendar *cal = calendar_get();
	int			missing;

	Assert(!DATE_NOT_FINITE(from_day) && !DATE_NOT_FINITE(to_day));
	*provisional = find_missing_year(cal, from_day, to_day, &missing);
	return (int32) (provisional_rank(cal, to_day) - provisional_rank(cal, from_day));
}

/* True when every year from from_day's to to_day's (either order) is loaded. */
bool
lgit_calendar_covers(DateADT from_day, DateADT to_day)
{
	int			missing;

	return !find_missing_year(calendar_get(), from_day, to_day, &missing);
}

/* The last day of the last loaded year, or 0 with *loaded false when none is. */
DateADT
lgit_calendar_last_day(bool *loaded)
{
	const Calendar *cal = calendar_get();

	*loaded = cal->year_loaded != NULL;
	return *loaded ? january_first(cal->last_year + 1) - 1 : 0;
}

PG_FUNCTION_INFO_V1(lgit_add_workdays_provisional);
Datum
lgit_add_workdays_provisional(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	bool		provisional;

	/* An infinite date has no deadline: undecidable, not an error that stops a report. */
	if (DATE_NOT_FINITE(day))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(lgit_deadline(day, PG_GETARG_INT32(1), &provisional));
}

PG_FUNCTION_INFO_V1(lgit_workdays_between_provisional_sql);
Datum
lgit_workdays_between_provisional_sql(PG_FUNCTION_ARGS)
{
	DateADT		from_day = PG_GETARG_DATEADT(0);
	DateADT		to_day = PG_GETARG_DATEADT(1);
	bool		provisional;

	if (DATE_NOT_FINITE(from_day) || DATE_NOT_FINITE(to_day))
		PG_RETURN_NULL();
	PG_RETURN_INT32(lgit_workdays_between_provisional(from_day, to_day, &provisional));
}

PG_FUNCTION_INFO_V1(lgit_calendar_covers_sql);
Datum
lgit_calendar_covers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(lgit_calendar_covers(PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1)));
}

/*
 * lgit.calendar_warning(as_of): a WARNING when as_of lies in a year not loaded,
 * or within calendar_warning_days of the last loaded day; always true, so that
 * a report can call it once as a constant filter.
 */
PG_FUNCTION_INFO_V1(lgit_calendar_warning);
Datum
lgit_calendar_warning(PG_FUNCTION_ARGS)
{
	DateADT		as_of = PG_GETARG_DATEADT(0);
	const Calendar *cal = calendar_get();
	bool		loaded;
	DateADT		last_day = lgit_calendar_last_day(&loaded);
	int			missing;
	int32		window;

	if (DATE_NOT_FINITE(as_of))
		PG_RETURN_BOOL(true);
	window = DatumGetInt32(DirectFunctionCall1(numeric_int4,
											   NumericGetDatum(lgit_policy_value("calendar_warning_days", as_of, NULL))));
	if (find_missing_year(cal, as_of, as_of, &missing))
		ereport(WARNING,
				(errcode(LGIT_SQLSTATE(RULE_CALENDAR)),
				 errmsg("no working-day calendar for %d: deadlines counted in it are provisional", missing),
				 errdetail("Loaded years: %s. Rows that count working days in %d are computed on Monday–Friday only and marked provisional until the State Council's notice for %d is loaded.",
						   cal->loaded_text, missing, missing),
				 errhint("The authority loads the notice with lgit.load_calendar_year() or lgit.load_calendar_json().")));
	else if (loaded && last_day - as_of <= window)
		ereport(WARNING,
				(errcode(LGIT_SQLSTATE(RULE_CALENDAR)),
				 errmsg("the working-day calendar ends on %s, in %d days", lgit_date_text(last_day),
						last_day - as_of),
				 errdetail("Loaded years: %s. From %s, deadlines will be provisional (Monday–Friday only) until the notice for %d is loaded; the warning starts calendar_warning_days (%d) before the end.",
						   cal->loaded_text, lgit_date_text(last_day + 1), date_year(last_day + 1), window),
				 errhint("The authority loads the State Council's notice for %d with lgit.load_calendar_year() or lgit.load_calendar_json() as soon as it is published.",
						 date_year(last_day + 1))));
	PG_RETURN_BOOL(true);
}
