/*
 * unit_visibility.c
 *		Which units' rows the person acting sees (Art 4: each street and
 *		department builds and runs its own systems; the authority, the DRC,
 *		finance, audit and the others oversee all of them within their duties).
 *
 * The row-level security policies of every scoped table (95_security.sql) and
 * the reports that list units ask these functions, once per statement for the
 * policies (an initplan each).  They are one call each in C rather than SQL
 * expressions over lgit.current_actor(): a policy's expression is compiled at
 * every executor start, and the SQL forms cost four calls of current_actor()
 * and a function scan per statement of an application's role.
 *
 * - lgit.sees_all_units(): a registered person of any capacity but unit, or a
 *   reporting tool (lgit.is_reporting_tool());
 * - lgit.scoped_unit(): the unit a unit-capacity person acts for, whose rows
 *   they see; NULL for everyone else (who sees all units, or nothing);
 * - lgit.sees_unit(unit): the two together, for one unit.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"

#include "lgit.h"

/*
 * A member of lgit_reader reading as itself: it names nobody else in
 * lgit.actor (the actor is the session's own role) and is not registered.
 * A reader naming a person, or registered as one, reads as that person.
 */
static bool
is_reporting_tool(const LgitActor *actor)
{
	Oid			reader_role;

	if (actor->registered)
		return false;
	if (strcmp(actor->name, GetUserNameFromId(GetSessionUserId(), false)) != 0)
		return false;
	reader_role = get_role_oid("lgit_reader", true);
	return OidIsValid(reader_role) && has_privs_of_role(GetUserId(), reader_role);
}

/* A person acting in the unit capacity: their own unit's rows only. */
static bool
limited_to_own_unit(const LgitActor *actor)
{
	return actor->registered && actor->capacity == CAPACITY_UNIT;
}

static bool
sees_all_units(const LgitActor *actor)
{
	if (actor->registered)
		return actor->capacity != CAPACITY_UNIT;
	return is_reporting_tool(actor);
}

PG_FUNCTION_INFO_V1(lgit_is_reporting_tool);
Datum
lgit_is_reporting_tool(PG_FUNCTION_ARGS)
{
	LgitActor	actor;

	lgit_current_actor(&actor);
	PG_RETURN_BOOL(is_reporting_tool(&actor));
}

PG_FUNCTION_INFO_V1(lgit_sees_all_units);
Datum
lgit_sees_all_units(PG_FUNCTION_ARGS)
{
	LgitActor	actor;

	lgit_current_actor(&actor);
	PG_RETURN_BOOL(sees_all_units(&actor));
}

PG_FUNCTION_INFO_V1(lgit_scoped_unit);
Datum
lgit_scoped_unit(PG_FUNCTION_ARGS)
{
	LgitActor	actor;

	lgit_current_actor(&actor);
	if (!limited_to_own_unit(&actor))
		PG_RETURN_NULL();
	PG_RETURN_INT32(actor.unit_id);
}

PG_FUNCTION_INFO_V1(lgit_sees_unit);
Datum
lgit_sees_unit(PG_FUNCTION_ARGS)
{
	LgitActor	actor;

	lgit_current_actor(&actor);
	if (sees_all_units(&actor))
		PG_RETURN_BOOL(true);
	if (PG_ARGISNULL(0) || !limited_to_own_unit(&actor))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(actor.unit_id == PG_GETARG_INT32(0));
}
