/*
 * lgit.c
 *		Module entry: the settings lgit reads and the cache invalidation hooks.
 *
 * lgit.actor names the person acting when the session's role is trusted to
 * assert it (member of lgit_app); lgit.reason carries the reason of a stage
 * change made by a plain UPDATE (lgit.advance() hands its reason argument to
 * the trigger of its own update instead, see lgit_advancing_begin()).
 *
 * A connection pooler in transaction mode hands one server session to many
 * clients in turn, so a setting left by one transaction is still there for
 * the next client's.  Each value of lgit.actor and lgit.reason is therefore
 * stamped with the transaction that set it (the stamp is the setting's GUC
 * "extra", which PostgreSQL saves and restores together with the value): a
 * reason counts only in the transaction that set it, and with
 * lgit.actor_scope = transaction so does the actor.
 */
#include "postgres.h"

#include "fmgr.h"
#include "storage/proc.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"

#include "lgit.h"

PG_MODULE_MAGIC;

char	   *lgit_actor_setting = NULL;
char	   *lgit_reason_setting = NULL;
int			lgit_actor_scope = ACTOR_SCOPE_SESSION;

static const struct config_enum_entry actor_scope_options[] = {
	{"session", ACTOR_SCOPE_SESSION, false},
	{"transaction", ACTOR_SCOPE_TRANSACTION, false},
	{NULL, 0, false}
};

const char *const lgit_stage_names[NUM_STAGES] = {
	"draft", "proposed", "proposal_approved", "established",
	"feasibility_submitted", "feasibility_approved", "design_submitted",
	"design_prereviewed", "design_reviewed", "design_approved", "procurement",
	"contracted", "construction", "self_tested", "trial_operation",
	"final_accepted", "security_tested", "handover_verified", "completed",
	"suspended", "terminated"
};

const char *const lgit_capacity_names[NUM_CAPACITIES] = {
	"unit", "authority", "drc", "finance", "leader", "audit", "expert"
};

/* The transaction (local id of this backend) in which a value was set. */
typedef struct SettingStamp
{
	LocalTransactionId set_in;
} SettingStamp;

static SettingStamp *actor_stamp = NULL;
static SettingStamp *reason_stamp = NULL;

/*
 * While lgit is being loaded, PostgreSQL re-applies the values a session
 * gave lgit.* before it was loaded; those count as set in this transaction
 * only if they were (the placeholder has stacked values only then).
 */
static bool loading = false;
static bool loaded_value_is_fresh = false;

static bool
placeholder_set_in_this_transaction(const char *name)
{
	struct config_generic **vars = get_guc_variables();
	int			n = GetNumConfigOptions();
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(vars[i]->name, name) == 0)
			return vars[i]->stack != NULL;
	return false;
}

static bool
check_stamped(char **newval, void **extra, GucSource source)
{
	SettingStamp *stamp = malloc(sizeof(SettingStamp));

	if (stamp == NULL)
		return false;
	stamp->set_in = InvalidLocalTransactionId;
	if (MyProc != NULL && (!loading || loaded_value_is_fresh))
		stamp->set_in = MyProc->lxid;
	*extra = stamp;
	return true;
}

static void
assign_actor(const char *newval, void *extra)
{
	actor_stamp = extra;
}

static void
assign_reason(const char *newval, void *extra)
{
	reason_stamp = extra;
}

static bool
stamped_now(const SettingStamp *stamp)
{
	return stamp != NULL && stamp->set_in != InvalidLocalTransactionId &&
		MyProc != NULL && stamp->set_in == MyProc->lxid;
}

static bool
is_set(const char *value)
{
	return value != NULL && value[0] != '\0';
}

/* The move lgit.advance() is making: its project (0: none) and the reason it was given. */
static LgitAdvancing advancing = {0, NULL};

/*
 * lgit.advance() moving a project: its reason argument is the reason of that
 * project's move, whatever lgit.reason says, until lgit_advancing_end().
 * Handed over here rather than by setting lgit.reason for the update: saving
 * and restoring a setting walks every setting of the session, on every move.
 * Returns what to restore (an advance() run by a trigger of another's update).
 */
LgitAdvancing
lgit_advancing_begin(int64 project_id, const char *reason)
{
	LgitAdvancing outer = advancing;

	advancing.project_id = project_id;
	advancing.reason = reason;
	return outer;
}

void
lgit_advancing_end(LgitAdvancing outer)
{
	advancing = outer;
}

/* The reason of a move of the project: advance()'s, or the one set in this transaction, or NULL. */
const char *
lgit_reason(int64 project_id)
{
	if (project_id != 0 && project_id == advancing.project_id)
		return is_set(advancing.reason) ? advancing.reason : NULL;
	return is_set(lgit_reason_setting) && stamped_now(reason_stamp) ? lgit_reason_setting : NULL;
}

/* A reason is set, but by an earlier transaction: it does not count (advance() gave none). */
bool
lgit_reason_is_stale(int64 project_id)
{
	if (project_id != 0 && project_id == advancing.project_id)
		return false;
	return is_set(lgit_reason_setting) && !stamped_now(reason_stamp);
}

/* lgit.actor was set in this transaction. */
bool
lgit_actor_set_in_this_transaction(void)
{
	return stamped_now(actor_stamp);
}

void		_PG_init(void);

void
_PG_init(void)
{
	loading = true;
	loaded_value_is_fresh = placeholder_set_in_this_transaction("lgit.actor");
	DefineCustomStringVariable("lgit.actor",
							   "Person acting in this session, as asserted by a trusted application.",
							   "Honoured only when the session's role is a member of lgit_app; "
							   "otherwise the actor is session_user.",
							   &lgit_actor_setting,
							   NULL,
							   PGC_USERSET,
							   0,
							   check_stamped, assign_actor, NULL);

	loaded_value_is_fresh = placeholder_set_in_this_transaction("lgit.reason");
	DefineCustomStringVariable("lgit.reason",
							   "Reason recorded with the next stage changes of this transaction.",
							   "Returns, suspensions and terminations need one (rule LG003). "
							   "Counts only in the transaction that set it. "
							   "lgit.advance() sets it from its reason argument.",
							   &lgit_reason_setting,
							   NULL,
							   PGC_USERSET,
							   0,
							   check_stamped, assign_reason, NULL);
	loading = false;

	DefineCustomEnumVariable("lgit.actor_scope",
							 "Whether lgit.actor holds for the session or must be set in each transaction.",
							 "transaction: lgit.actor counts only in the transaction that set it, "
							 "as behind a pooler in transaction mode; session: until changed.",
							 &lgit_actor_scope,
							 ACTOR_SCOPE_SESSION,
							 actor_scope_options,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	lgit_refusal_log_init();

	MarkGUCPrefixReserved("lgit");

	lgit_cache_init();
	lgit_actor_cache_init();
	lgit_calendar_cache_init();
	lgit_document_parts_cache_init();
	lgit_row_write_init();
}
