/*
 * well_formed.c
 *		lgit.is_a_number(): what the check constraints on money and counts ask.
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
#include "utils/numeric.h"

PG_FUNCTION_INFO_V1(lgit_is_a_number);
Datum
lgit_is_a_number(PG_FUNCTION_ARGS)
{
	Numeric		value = PG_GETARG_NUMERIC(0);

	PG_RETURN_BOOL(!numeric_is_nan(value) && !numeric_is_inf(value));
}
