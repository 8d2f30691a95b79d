/*
 * findings.c
 *		A finding is one unmet rule: its code, a one-sentence message, the
 *		facts that broke it and a hint.  Checks collect findings; the trigger
 *		raises them (doc/lgit.md §4 error format), lgit.blockers() returns them.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "miscadmin.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"

#include "lgit.h"

typedef struct LgitFact
{
	const char *key;
	char	   *value;
	bool		is_number;
} LgitFact;

LgitFinding *
lgit_finding(List **findings, const char *code, const char *hint, const char *fmt,...)
{
	LgitFinding *finding = palloc0(sizeof(LgitFinding));
	StringInfoData message;

	initStringInfo(&message);
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&message, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&message, needed);
	}
	finding->code = code;
	finding->message = message.data;
	finding->hint = hint ? pstrdup(hint) : NULL;
	*findings = lappend(*findings, finding);
	return finding;
}

static void
add_fact(LgitFinding *finding, const char *key, const char *value, bool is_number)
{
	LgitFact   *fact = palloc(sizeof(LgitFact));

	fact->key = key;
	fact->value = value ? pstrdup(value) : NULL;
	fact->is_number = is_number;
	finding->facts = lappend(finding->facts, fact);
}

void
lgit_fact(LgitFinding *finding, const char *key, const char *value)
{
	add_fact(finding, key, value, false);
}

void
lgit_fact_amount(LgitFinding *finding, const char *key, Numeric value)
{
	add_fact(finding, key,
			 value ? DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value))) : NULL,
			 true);
}

void
lgit_fact_int(LgitFinding *finding, const char *key, int64 value)
{
	add_fact(finding, key, psprintf(INT64_FORMAT, value), true);
}

/* A date in ISO 8601 whatever the session's DateStyle: facts read the same everywhere. */
char *
lgit_date_text(DateADT date)
{
	struct pg_tm tm;
	char		buf[MAXDATELEN + 1];

	if (DATE_NOT_FINITE(date))
		return pstrdup(DATE_IS_NOBEGIN(date) ? "-infinity" : "infinity");
	j2date(date + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	EncodeDateOnly(&tm, USE_ISO_DATES, buf);
	return pstrdup(buf);
}

/* A project the caller cannot see, or that does not exist: the same answer for both. */
void
lgit_report_no_such_project(int64 project_id)
{
	ereport(ERROR,
			(errcode(ERRCODE_NO_DATA_FOUND),
			 errmsg("project " INT64_FORMAT " does not exist", project_id),
			 errhint("Projects are listed in lgit.project; a unit sees only its own.")));
}

/* "a、b、c": items joined by sep. */
char *
lgit_join(List *items, const char *sep)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, items)
		appendStringInfo(&buf, "%s%s", foreach_current_index(lc) > 0 ? sep : "", (char *) lfirst(lc));
	return buf.data;
}

/*
 * One fact as a jsonb value: a number as a JSON number (JSON has none for
 * NaN or infinity, which are given as strings), anything else as a string.
 */
static void
fact_jsonb_value(const LgitFact *fact, JsonbValue *value)
{
	if (fact->value == NULL)
	{
		value->type = jbvNull;
		return;
	}
	if (fact->is_number)
	{
		Numeric		number = DatumGetNumeric(DirectFunctionCall3(numeric_in,
																 CStringGetDatum(fact->value),
																 ObjectIdGetDatum(InvalidOid),
																 Int32GetDatum(-1)));

		if (!numeric_is_nan(number) && !numeric_is_inf(number))
		{
			value->type = jbvNumeric;
			value->val.numeric = number;
			return;
		}
	}
	value->type = jbvString;
	value->val.string.val = fact->value;
	value->val.string.len = strlen(fact->value);
}

/*
 * The facts as a jsonb object, amounts as numbers, for applications; built
 * with the jsonb API, so whatever a key or value holds (quotes, backslashes,
 * newlines) comes back as it was.
 */
Datum
lgit_facts_jsonb(const LgitFinding *finding)
{
	JsonbParseState *state = NULL;
	JsonbValue *object;
	ListCell   *lc;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	foreach(lc, finding->facts)
	{
		LgitFact   *fact = lfirst(lc);
		JsonbValue	key;
		JsonbValue	value;

		key.type = jbvString;
		key.val.string.val = (char *) fact->key;
		key.val.string.len = strlen(fact->key);
		pushJsonbValue(&state, WJB_KEY, &key);
		fact_jsonb_value(fact, &value);
		pushJsonbValue(&state, WJB_VALUE, &value);
	}
	object = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(object));
}

/*
 * The rule's articles as written in doc/lgit.md §4, its severity and the passage
 * its errors quote, from lgit.rule, copied into the caller's memory.
 */
void
lgit_rule_info(const char *code, char **article, char **severity, char **quote)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	bool		found;

	values[0] = CStringGetTextDatum(code);
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT article, severity, quote_zh FROM lgit.rule WHERE code = $1", 1, argtypes);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	found = SPI_processed == 1;
	if (found)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *q = SPI_getvalue(tuple, desc, 3);

		*article = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 1));
		*severity = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 2));
		*quote = q ? MemoryContextStrdup(caller, q) : NULL;
	}
	lgit_spi_finish();
	if (!found)
		elog(ERROR, "lgit: rule %s is missing from lgit.rule", code);
}

/*
 * Raises the first finding with its rule's SQLSTATE; the detail quotes the
 * article, gives the facts, and names every other unmet rule of the same
 * write so that the caller learns all of them at once.
 */
void
lgit_raise(List *findings)
{
	LgitFinding *first = linitial(findings);
	StringInfoData detail;
	char	   *article;
	char	   *severity;
	char	   *quote;
	Jsonb	   *facts;
	ListCell   *lc;

	lgit_rule_info(first->code, &article, &severity, &quote);
	facts = DatumGetJsonbP(lgit_facts_jsonb(first));
	initStringInfo(&detail);
	if (quote)
		appendStringInfo(&detail, "%s\n", quote);
	/* one line an application can parse: everything after "Facts: " is a JSON object */
	appendStringInfo(&detail, "Facts: %s", JsonbToCString(NULL, &facts->root, VARSIZE(facts)));
	for_each_from(lc, findings, 1)
	{
		LgitFinding *other = lfirst(lc);

		appendStringInfo(&detail, "%s%s %s",
						 foreach_current_index(lc) == 1 ? "\nAlso unmet: " : "; ",
						 other->code, other->message);
	}
	lgit_refusal_note(first->code, first->message, JsonbPGetDatum(facts));
	ereport(ERROR,
			(errcode(LGIT_SQLSTATE(first->code)),
			 errmsg("%s", first->message),
			 errdetail("%s", detail.data),
			 first->hint ? errhint("%s", first->hint) : 0));
	pg_unreachable();
}
