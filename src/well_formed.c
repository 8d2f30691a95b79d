/*
 * well_formed.c
 *		lgit.is_a_number() and lgit.is_not_negative(): what the check
 *		constraints on money and counts ask.
 *
 * numeric also stores NaN and, unconstrained, +-Infinity; one such amount
 * turns every sum of the district into NaN or infinity.  PostgreSQL reads a
 * table's check constraints back from the catalog and compiles them again for
 * every statement that writes the table, so their form is paid on every
 * write: one call here is about a third of the text of
 * "x NOT IN ('NaN', 'Infinity', '-Infinity')" and one test instead of three
 * comparisons.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

PG_FUNCTION_INFO_V1(lgit_is_a_number);
Datum
lgit_is_a_number(PG_FUNCTION_ARGS)
{
	Numeric		value = PG_GETARG_NUMERIC(0);

	PG_RETURN_BOOL(!numeric_is_nan(value) && !numeric_is_inf(value));
}

/*
 * x >= 0, as numeric orders it (NaN above every number, so not negative: the
 * *_is_a_number checks refuse it).  Checks every fund of every project row,
 * written on each move: one call is half the stored text of the comparison.
 */
PG_FUNCTION_INFO_V1(lgit_is_not_negative);
Datum
lgit_is_not_negative(PG_FUNCTION_ARGS)
{
	static Numeric zero = NULL;
	Numeric		value = PG_GETARG_NUMERIC(0);

	if (zero == NULL)
	{
		MemoryContext caller = MemoryContextSwitchTo(TopMemoryContext);

		zero = int64_to_numeric(0);
		MemoryContextSwitchTo(caller);
	}
	PG_RETURN_BOOL(DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(value),
													 NumericGetDatum(zero))) >= 0);
}
