/*
 * shenzhen_time.c
 *		The day and the month that a moment falls in, in Shenzhen.
 *
 * Every date the measures count by (deadlines, working days, the month a
 * report files a move under) is a day in Longgang, whatever the session's
 * zone: (at AT TIME ZONE 'Asia/Shanghai')::date.  Written here once, with the
 * zone looked up once per backend rather than by name on every call.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "pgtime.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "lgit.h"

static pg_tz *
shenzhen_zone(void)
{
	static pg_tz *shenzhen = NULL;

	if (shenzhen == NULL)
	{
		shenzhen = pg_tzset("Asia/Shanghai");	/* kept by PostgreSQL for the backend's life */
		if (shenzhen == NULL)
			elog(ERROR, "lgit: time zone \"Asia/Shanghai\" is not known to this server");
	}
	return shenzhen;
}

/* The day in Shenzhen of a moment: (at AT TIME ZONE 'Asia/Shanghai')::date. */
DateADT
lgit_shenzhen_date(TimestampTz at)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			offset;

	if (TIMESTAMP_IS_NOBEGIN(at))
		return DATEVAL_NOBEGIN;
	if (TIMESTAMP_IS_NOEND(at))
		return DATEVAL_NOEND;
	if (timestamp2tm(at, &offset, &tm, &fsec, NULL, shenzhen_zone()) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
}

/*
 * The first day of the month in Shenzhen of a moment:
 * date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date.
 */
static DateADT
shenzhen_month(TimestampTz at)
{
	DateADT		day = lgit_shenzhen_date(at);
	int			year;
	int			month;
	int			mday;

	if (DATE_NOT_FINITE(day))
		return day;
	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	return date2j(year, month, 1) - POSTGRES_EPOCH_JDATE;
}

/*
 * Today in Shenzhen, by the clock (not the transaction's start, so that a
 * transaction opened early does not backdate a move): the day that matters,
 * whatever the session's zone.
 */
DateADT
lgit_today(void)
{
	return lgit_shenzhen_date(GetCurrentTimestamp());
}

/*
 * lgit.shenzhen_month(timestamptz): the month a report files a moment under.
 * Per row of the monthly series, where the zone's look-up by name was most of
 * the cost of reading every history row.
 */
PG_FUNCTION_INFO_V1(lgit_shenzhen_month);
Datum
lgit_shenzhen_month(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(shenzhen_month(PG_GETARG_TIMESTAMPTZ(0)));
}
