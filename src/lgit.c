/*
 * lgit.c
 *		Module entry: the settings lgit reads and the cache invalidation hooks.
 *
 * lgit.actor names the person acting when the session's role is trusted to
 * assert it (member of lgit_app); lgit.reason carries the reason of a stage
 * change made by a plain UPDATE (lgit.advance() sets it for its own update).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "lgit.h"

PG_MODULE_MAGIC;

char	   *lgit_actor_setting = NULL;
char	   *lgit_reason_setting = NULL;

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

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomStringVariable("lgit.actor",
							   "Person acting in this session, as asserted by a trusted application.",
							   "Honoured only when the session's role is a member of lgit_app; "
							   "otherwise the actor is session_user.",
							   &lgit_actor_setting,
							   NULL,
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	DefineCustomStringVariable("lgit.reason",
							   "Reason recorded with the next stage changes of this transaction.",
							   "Returns, suspensions and terminations need one (rule LG003). "
							   "lgit.advance() sets it from its reason argument.",
							   &lgit_reason_setting,
							   NULL,
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);

	MarkGUCPrefixReserved("lgit");

	lgit_cache_init();
	lgit_actor_cache_init();
	lgit_calendar_cache_init();
}
