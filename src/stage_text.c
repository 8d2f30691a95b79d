/*
 * stage_text.c
 *		lgit.advance() and lgit.blockers() with the stage given as text.
 *
 * Drivers send strings as text or varchar (JDBC's setString, psycopg's str),
 * and PostgreSQL casts neither to an enum implicitly, so without these a
 * client gets "function lgit.blockers(bigint, character varying) does not
 * exist".  Each finds the stage the name names and runs the lgit.stage
 * variant's C function on the same call, so its results and errors are
 * exactly that variant's; a name that is no stage is an error naming it.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "lgit.h"

extern Datum lgit_advance(PG_FUNCTION_ARGS);
extern Datum lgit_blockers(PG_FUNCTION_ARGS);

/* The stage a name names, or an error naming it and every stage. */
static Datum
stage_named(const char *name)
{
	StringInfoData stages;
	int			i;

	for (i = 0; i < NUM_STAGES; i++)
	{
		if (strcmp(name, lgit_stage_names[i]) == 0)
			return lgit_stage_datum((LgitStage) i);
	}

	initStringInfo(&stages);
	for (i = 0; i < NUM_STAGES; i++)
		appendStringInfo(&stages, "%s%s", i > 0 ? ", " : "", lgit_stage_names[i]);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("\"%s\" is not a stage of lgit", name),
			 errhint("Name one of the labels of lgit.stage: %s.", stages.data)));
	pg_unreachable();
}

/*
 * Calls the lgit.stage variant with this call's arguments, argument 1 (the
 * stage's name) replaced by the stage it names, in a call frame of its own:
 * the executor fills constant arguments into this frame once per query.
 * NULL is passed on for the lgit.stage variant to say what is wrong with it.
 */
static Datum
call_with_stage(FunctionCallInfo fcinfo, PGFunction stage_variant)
{
	LOCAL_FCINFO(call, 3);
	Datum		result;
	int			i;

	Assert(fcinfo->nargs <= 3);
	InitFunctionCallInfoData(*call, fcinfo->flinfo, fcinfo->nargs, fcinfo->fncollation,
							 fcinfo->context, fcinfo->resultinfo);
	for (i = 0; i < fcinfo->nargs; i++)
		call->args[i] = fcinfo->args[i];
	if (!PG_ARGISNULL(1))
		call->args[1].value = stage_named(text_to_cstring(PG_GETARG_TEXT_PP(1)));

	result = stage_variant(call);
	fcinfo->isnull = call->isnull;
	return result;
}

PG_FUNCTION_INFO_V1(lgit_advance_text);
Datum
lgit_advance_text(PG_FUNCTION_ARGS)
{
	return call_with_stage(fcinfo, lgit_advance);
}

PG_FUNCTION_INFO_V1(lgit_blockers_text);
Datum
lgit_blockers_text(PG_FUNCTION_ARGS)
{
	return call_with_stage(fcinfo, lgit_blockers);
}
