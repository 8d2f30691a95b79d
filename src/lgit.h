/*
 * lgit.h
 *		Declarations shared by the parts of lgit: the lifecycle's stages and
 *		capacities, the cached catalogs, the current actor, findings, the check
 *		list and the history chain.
 */
#ifndef LGIT_H
#define LGIT_H

#include "postgres.h"

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/date.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"			/* VARDATA and friends left postgres.h in 16 */
#endif

/* Schema of every lgit object; lgit is not relocatable. */
#define LGIT_SCHEMA "lgit"

/* Stages in the order of the lgit.stage enum (doc/lgit.md §3). */
typedef enum LgitStage
{
	STAGE_DRAFT,
	STAGE_PROPOSED,
	STAGE_PROPOSAL_APPROVED,
	STAGE_ESTABLISHED,
	STAGE_FEASIBILITY_SUBMITTED,
	STAGE_FEASIBILITY_APPROVED,
	STAGE_DESIGN_SUBMITTED,
	STAGE_DESIGN_PREREVIEWED,
	STAGE_DESIGN_REVIEWED,
	STAGE_DESIGN_APPROVED,
	STAGE_PROCUREMENT,
	STAGE_CONTRACTED,
	STAGE_CONSTRUCTION,
	STAGE_SELF_TESTED,
	STAGE_TRIAL_OPERATION,
	STAGE_FINAL_ACCEPTED,
	STAGE_SECURITY_TESTED,
	STAGE_HANDOVER_VERIFIED,
	STAGE_COMPLETED,
	STAGE_SUSPENDED,
	STAGE_TERMINATED,
	NUM_STAGES
} LgitStage;

/* "No stage": the from-stage of the history row that records a creation. */
#define STAGE_NONE (-1)

typedef enum LgitCapacity
{
	CAPACITY_UNIT,
	CAPACITY_AUTHORITY,
	CAPACITY_DRC,
	CAPACITY_FINANCE,
	CAPACITY_LEADER,
	CAPACITY_AUDIT,
	CAPACITY_EXPERT,
	NUM_CAPACITIES
} LgitCapacity;

extern const char *const lgit_stage_names[NUM_STAGES];
extern const char *const lgit_capacity_names[NUM_CAPACITIES];

/* Rule codes used by the C code; each is also its SQLSTATE (see lgit.rule). */
#define RULE_NOT_AN_EDGE		"LG000"
#define RULE_CAPACITY			"LG001"
#define RULE_RECORD_IMMUTABLE	"LG002"
#define RULE_REASON_REQUIRED	"LG003"
#define RULE_CALENDAR			"LG009"
#define RULE_FEASIBILITY_PATH	"LG110"

#define LGIT_SQLSTATE(code) \
	MAKE_SQLSTATE((code)[0], (code)[1], (code)[2], (code)[3], (code)[4])

/* lgit.c: settings */
typedef enum LgitActorScope
{
	ACTOR_SCOPE_SESSION,
	ACTOR_SCOPE_TRANSACTION
} LgitActorScope;

extern char *lgit_actor_setting;
extern char *lgit_reason_setting;
extern int	lgit_actor_scope;		/* LgitActorScope */
typedef struct LgitAdvancing
{
	int64		project_id;
	const char *reason;
} LgitAdvancing;

extern const char *lgit_reason(int64 project_id);
extern bool lgit_reason_is_stale(int64 project_id);
extern LgitAdvancing lgit_advancing_begin(int64 project_id, const char *reason);
extern void lgit_advancing_end(LgitAdvancing outer);
extern bool lgit_actor_set_in_this_transaction(void);

/* spi_plan.c: queries run under a fixed search_path, never the caller's */
extern SPIPlanPtr lgit_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes);
extern int	lgit_execute(SPIPlanPtr plan, Datum *values, const char *nulls,
						 bool read_only, long count);
extern int	lgit_execute_as_owner(SPIPlanPtr plan, Datum *values, const char *nulls,
								  bool read_only, long count);
extern Portal lgit_cursor_open(SPIPlanPtr plan, Datum *values, const char *nulls);
typedef struct LgitSavedUser
{
	Oid			userid;
	int			sec_context;
} LgitSavedUser;
extern void lgit_become_owner(LgitSavedUser *saved);
extern void lgit_restore_user(const LgitSavedUser *saved);
extern void lgit_spi_connect(void);
extern void lgit_spi_finish(void);
extern int	lgit_enter_safe_search_path(void);
extern void lgit_leave_safe_search_path(int nest_level);

/* cache.c: when a backend's copy of lgit's tables may be used */
typedef struct LgitCache
{
	const char *relnames[2];	/* tables whose change makes the copy stale */
	Oid			relids[2];
	bool		valid;
	bool		xact_scoped;	/* trusted only until this transaction ends */
	uint64		invalidations;
	uint64		invalidations_at_xact_start;
} LgitCache;

extern void lgit_cache_register(LgitCache *cache);
extern bool lgit_cache_is_valid(LgitCache *cache);
extern void lgit_cache_invalidate_all(void);
extern uint64 lgit_cache_load_begin(LgitCache *cache);
extern void lgit_cache_load_end(LgitCache *cache, uint64 seen);

/* catalog_cache.c: enum values, the stage graph and policy, cached per backend */
typedef enum EdgeKind
{
	EDGE_FORWARD,
	EDGE_FILING,
	EDGE_RETURN,
	EDGE_SUSPEND,
	EDGE_RESUME,
	EDGE_TERMINATE,
	EDGE_CREATE					/* not in lgit.stage_edge: a new project */
} EdgeKind;

typedef enum EdgeCondition
{
	EDGE_UNCONDITIONAL,
	EDGE_FEASIBILITY_REQUIRED,
	EDGE_FEASIBILITY_NOT_REQUIRED,
	EDGE_SUPERIOR_FUNDED
} EdgeCondition;

typedef struct LgitEdge
{
	bool		exists;
	EdgeKind	kind;
	uint8		capacities;		/* bit (1 << LgitCapacity) per allowed capacity */
	EdgeCondition condition;
	int			origin_of;		/* LgitStage, or STAGE_NONE */
	bool		reason_required;
	char		article[32];
} LgitEdge;

extern void lgit_cache_init(void);
extern LgitStage lgit_stage_from_datum(Datum value);
extern Datum lgit_stage_datum(LgitStage stage);
extern LgitCapacity lgit_capacity_from_datum(Datum value);
extern Datum lgit_capacity_datum(LgitCapacity capacity);
extern const LgitEdge *lgit_edge(int from, LgitStage to);
extern Numeric lgit_policy_value(const char *key, DateADT on, DateADT *in_force_from);
extern Oid	lgit_relid(const char *relname);
extern Oid	lgit_schema_owner(void);

/* calendar.c: Chinese working days (doc/lgit.md §5) */
extern void lgit_calendar_cache_init(void);
extern DateADT lgit_deadline(DateADT day, int32 n, bool *provisional);
extern int32 lgit_workdays_between_provisional(DateADT from_day, DateADT to_day, bool *provisional);
extern bool lgit_calendar_covers(DateADT from_day, DateADT to_day);
extern DateADT lgit_calendar_last_day(bool *loaded);

/* actor.c: who is acting */
typedef struct LgitActor
{
	char	   *name;
	bool		registered;
	LgitCapacity capacity;
	int32		unit_id;
	char	   *unit_name;
} LgitActor;

extern void lgit_actor_cache_init(void);
extern void lgit_current_actor(LgitActor *actor);
extern char *lgit_unit_name(int32 unit_id);

/* findings.c: an unmet rule, reported or raised */
typedef struct LgitFinding
{
	const char *code;
	char	   *message;
	char	   *hint;
	List	   *facts;			/* of LgitFact */
} LgitFinding;

extern LgitFinding *lgit_finding(List **findings, const char *code, const char *hint,
								 const char *fmt,...) pg_attribute_printf(4, 5);
extern void lgit_fact(LgitFinding *finding, const char *key, const char *value);
extern char *lgit_date_text(DateADT date);
extern char *lgit_join(List *items, const char *sep);
extern void lgit_report_no_such_project(int64 project_id) pg_attribute_noreturn();
extern void lgit_fact_int(LgitFinding *finding, const char *key, int64 value);
extern void lgit_fact_amount(LgitFinding *finding, const char *key, Numeric value);
extern Datum lgit_facts_jsonb(const LgitFinding *finding);
extern void lgit_rule_info(const char *code, char **article, char **severity, char **quote);
extern void lgit_raise(List *findings) pg_attribute_noreturn();

/* gates.c: the one list of checks every write and every report runs */
typedef struct LgitProject
{
	int64		project_id;
	char	   *code;
	int32		unit_id;
	char	   *category;
	char	   *build_type;
	Numeric		district_funds;
	Numeric		total_investment;
	bool		superior_funded;
	bool		custom_development;
	int64		previous_phase_id;	/* 0 when none */
	int32		special_plan_id;	/* 0 when none */
	int32		plan_year;		/* 0 when none */
	char	   *responsible_person;
	char	   *implementing_body;
	LgitStage	stage;
} LgitProject;

typedef struct LgitMove
{
	const LgitProject *project;
	int			from;			/* LgitStage, or STAGE_NONE when creating */
	LgitStage	to;
	const LgitActor *actor;		/* NULL when replaying history */
	const char *reason;
	DateADT		on;				/* the day of the move, in Shenzhen */
} LgitMove;

/* The last row of a project's chain, as a read under the project's row lock found it. */
typedef struct LgitChainEnd
{
	bool		read;			/* whether it was read at all */
	bool		exists;			/* false: the project has no history yet */
	int32		seq;
	uint8		hash[PG_SHA256_DIGEST_LENGTH];
	TimestampTz changed_at;
} LgitChainEnd;

/* One run of the check list over a move: what it found, and what it relied on. */
typedef struct LgitCheck
{
	const LgitMove *move;
	List	   *findings;
	List	   *evidence;		/* of int64 *, document_id */
	LgitChainEnd chain_end;		/* read by a gate that walks the chain, for the append */
} LgitCheck;

extern void lgit_check_move(LgitCheck *check, const LgitMove *move);
extern void lgit_replay_move(LgitCheck *check, const LgitMove *move);
extern LgitFinding *lgit_move_finding(LgitCheck *check, const char *code, const char *hint,
									  const char *message);
extern void lgit_rely_on(LgitCheck *check, int64 document_id);
extern List *lgit_check_edit(const LgitActor *actor, const LgitProject *project, int32 old_unit_id);
extern bool lgit_capacity_allowed(const LgitEdge *edge, LgitCapacity capacity,
								  int32 actor_unit_id, int32 project_unit_id);
extern void lgit_project_from_tuple(LgitProject *project, HeapTuple tuple, TupleDesc tupdesc);
extern bool lgit_edits_beyond_stage(HeapTuple old_tuple, HeapTuple new_tuple, TupleDesc tupdesc);
extern bool lgit_stage_guard_fires(Relation rel);
extern DateADT lgit_shenzhen_date(TimestampTz at);
extern DateADT lgit_today(void);
extern bool lgit_move_enters_lifecycle(const LgitMove *move);
extern bool lgit_numeric_ge(Numeric a, Numeric b);

/* evidence.c: the documents a gate relies on */
typedef struct LgitDocument
{
	int64		document_id;
	char	   *doc_number;
	char	   *issuer;
	bool		issuer_qualified;
	char	   *conclusion;
	bool		has_equipment;	/* preliminary design: contains equipment_purchase */
	List	   *missing_parts;	/* label_zh of each required part it lacks */
} LgitDocument;

typedef struct LgitSanction
{
	char	   *id;
	char	   *kind;			/* data_sharing, security, refused_rectification */
	char	   *imposed_on;		/* YYYY-MM-DD */
	char	   *reason;
	int64		project_id;		/* the system named (Art 47, 48, 50); 0: every system of the unit */
} LgitSanction;

extern LgitDocument *lgit_latest_document(int64 project_id, const char *kind);
extern void lgit_documents_prefetch(int64 project_id);
extern void lgit_documents_prefetch_end(void);
extern List *lgit_sanctions_in_force(int32 unit_id, DateADT on);
extern List *lgit_documents_by_distinct_issuer(int64 project_id, const char *kind);
extern char *lgit_document_kind_name(const char *kind);
extern void lgit_document_parts_cache_init(void);
extern bool lgit_document_approving(const LgitDocument *doc);
extern bool lgit_sanction_covers(const LgitSanction *sanction, int64 project_id);

/* what lgit_document_problems() checks beyond the document's presence */
#define DOC_COMPLETE	0x01		/* every required part */
#define DOC_QUALIFIED	0x02		/* issuer holds the kind's qualification */
#define DOC_APPROVED	0x04		/* conclusion approved */

extern List *lgit_document_problems(LgitCheck *check, const char *kind, int requirements);
extern List *lgit_judge_latest_document(LgitCheck *check, const char *kind, int requirements,
										LgitDocument **judged);
extern void lgit_report_problems(LgitCheck *check, const char *code, const char *hint,
								 const char *what, List *problems);

/* gates_*.c: the gates of each stretch of the lifecycle (Art 2-16, 33, 47-50) */
extern bool lgit_gate_scope(LgitCheck *check);
extern bool lgit_gate_special_plan(LgitCheck *check);
extern bool lgit_gate_proposal(LgitCheck *check);
extern bool lgit_gate_leader_meeting(LgitCheck *check);
extern bool lgit_gate_previous_phase(LgitCheck *check);
extern bool lgit_gate_unit_sanctions(LgitCheck *check);
extern bool lgit_gate_refused_rectification(LgitCheck *check);
extern bool lgit_gate_authority_proposal_opinion(LgitCheck *check);
extern bool lgit_gate_superior_approval(LgitCheck *check);
extern bool lgit_gate_responsibility(LgitCheck *check);
extern bool lgit_gate_feasibility_report(LgitCheck *check);
extern bool lgit_gate_preliminary_design(LgitCheck *check);
extern bool lgit_gate_design_review(LgitCheck *check);
extern bool lgit_gate_contract_terms(LgitCheck *check);
extern bool lgit_gate_construction_start(LgitCheck *check);
extern List *lgit_contract_filing_findings(int64 project_id);
extern bool lgit_gate_preliminary_acceptance(LgitCheck *check);
extern bool lgit_gate_final_acceptance(LgitCheck *check);
extern bool lgit_gate_security_test(LgitCheck *check);
extern bool lgit_gate_handover(LgitCheck *check);
extern bool lgit_gate_completion(LgitCheck *check);
extern bool lgit_gate_results_registered(LgitCheck *check);
extern bool lgit_gate_devices_registered(LgitCheck *check);
extern bool lgit_gate_audit_settlement(LgitCheck *check);
extern bool lgit_gate_termination(LgitCheck *check);
extern bool lgit_gate_feasibility_review(LgitCheck *check);
extern bool lgit_gate_acceptance_sanction(LgitCheck *check);

/* approval.c: what an approval judged stays as judged (Art 10-14, 23) */
extern bool lgit_gate_drc_approval(LgitCheck *check);
extern Numeric lgit_approved_estimate(int64 project_id, char **doc_number);
extern List *lgit_check_judged_edit(HeapTuple old_tuple, HeapTuple new_tuple, TupleDesc tupdesc,
									const LgitProject *project);
extern bool lgit_take_reapproval(int64 project_id, int64 *document_id, char **reason);
extern List *lgit_judged_findings(const LgitProject *project);
extern bool lgit_history_row_approves(int from, LgitStage to, const char *kind);

/* refusal_log.c: refused attempts kept outside the refused transaction (Art 51) */
extern void lgit_refusal_log_init(void);
extern void lgit_refusal_note(const char *code, const char *message, Datum facts);
extern void lgit_refusal_note_actor(const char *name, const char *capacity);

/* guard.c: the one guard of the registries (lgit.registry) */
extern void lgit_require_before_row(FunctionCallInfo fcinfo, const char *name);
extern void lgit_require_capacity(const LgitActor *actor, int32 project_unit, const char *table,
								  uint8 capacities);
extern int32 lgit_project_unit(int64 project_id);
extern List *lgit_registries_frozen_at(LgitStage stage);
extern Datum lgit_insert_only_by_lgit(FunctionCallInfo fcinfo, bool allowed, const char *table,
									  const char *writer, const char *hint);
extern void lgit_refuse_write_by_others(const char *table, const char *writer,
										const char *hint) pg_attribute_noreturn();

/* row_access.c: rows read and locked by index, without SPI, on a move's path */
extern Snapshot lgit_statement_snapshot(void);
extern Relation lgit_open_index_leading(Relation rel, int nattnos, const AttrNumber *attnos);
extern int64 lgit_lock_rows_for_share(Relation rel, AttrNumber attno, const int64 *values, int nvalues);

/* guard_locks.c: a move holds what it relied on */
extern void lgit_lock_relied_on(int64 project_id, LgitStage to, List *evidence);

/* compliance.c: what lgit.check_project() reports */
extern bool lgit_standing_findings(int64 project_id, List **findings);
extern void lgit_finding_columns(LgitFinding *finding, Datum *out);

/* delivery_registry.c: Art 32, 47, 48 */
extern List *lgit_om_findings(int64 project_id, DateADT on);

/* calendar.c's SQL entry, called directly for deadlines */
extern Datum lgit_add_workdays(PG_FUNCTION_ARGS);

/* field_hash.c: SHA-256 over named fields, one input at a time */
typedef struct LgitFieldHash
{
	pg_cryptohash_ctx *ctx;		/* a server built without OpenSSL */
	size_t		len;			/* bytes gathered in buf, not yet hashed */
	uint8		buf[2048];
} LgitFieldHash;

extern void lgit_field_hash_begin(LgitFieldHash *hash);
extern void lgit_field_hash_field(LgitFieldHash *hash, const char *name, const void *value, size_t len);
extern void lgit_field_hash_text(LgitFieldHash *hash, const char *name, const char *value);
extern void lgit_field_hash_int(LgitFieldHash *hash, const char *name, int64 value);
extern void lgit_field_hash_end(LgitFieldHash *hash, uint8 *digest);

/* history.c: the hash chain */
typedef struct LgitHistoryRow
{
	int			hash_version;	/* 1: as lgit 0.1.0 sealed it; 2: with kind, judged, evidence_hash */
	const char *kind;			/* "move" or "reapproval" (version 2) */
	const char *judged;			/* lgit.judged_fields() as text, or NULL (version 2) */
	const uint8 *evidence_hash; /* version 2 */
	int64		project_id;
	int32		seq;
	int			from;			/* LgitStage, or STAGE_NONE */
	LgitStage	to;
	const char *actor;
	LgitCapacity capacity;
	int32		actor_unit_id;
	int32		project_unit_id;
	TimestampTz changed_at;
	const char *reason;
	List	   *evidence;		/* of int64 *, document_id, ascending */
	const uint8 *prev_hash;		/* NULL on seq 1 */
} LgitHistoryRow;

extern void lgit_history_hash(const LgitHistoryRow *row, uint8 *digest);
extern int64 lgit_history_append(const LgitMove *move, List *evidence, const LgitChainEnd *chain_end,
								 const char *kind, Datum project_row);

/* a document relied on, as the evidence hash covers it: its fields as text (NULL for NULL) */
#define LGIT_EVIDENCE_FIELDS 12
typedef struct LgitEvidenceDoc
{
	int64		document_id;
	const char *fields[LGIT_EVIDENCE_FIELDS];
} LgitEvidenceDoc;

extern void lgit_evidence_digest(List *evidence, const LgitEvidenceDoc *docs, int ndocs,
								 uint8 *digest, List **missing);
extern Datum lgit_history_row_written(int64 history_id);
extern void lgit_evidence_hash(List *evidence, uint8 *digest, List **missing);
extern bool lgit_history_sealed(void);
extern bool lgit_history_appending_with_head(void);
extern List *lgit_evidence_from_array(ArrayType *array);
extern int	lgit_origin_stage(int64 project_id, LgitStage entered, LgitChainEnd *end);
extern void lgit_chain_end(int64 project_id, LgitChainEnd *end);
extern DateADT lgit_proposal_date(int64 project_id);

/* row_write.c: the rows of a move written without SPI, as the owner */
#define LGIT_MAX_COLUMNS 24
typedef struct LgitColumns
{
	int			n;
	const char *names[LGIT_MAX_COLUMNS];
	Datum		values[LGIT_MAX_COLUMNS];
	bool		nulls[LGIT_MAX_COLUMNS];
} LgitColumns;
extern void lgit_columns_set(LgitColumns *columns, const char *name, Datum value, bool isnull);
typedef struct LgitRowWriter LgitRowWriter;
extern LgitRowWriter *lgit_row_writer_open(const char *table);
extern Datum lgit_row_writer_insert(LgitRowWriter *w, const LgitColumns *columns);
extern bool lgit_row_writer_update_by_key(LgitRowWriter *w, int64 key, const LgitColumns *columns);
extern void lgit_row_writer_close(LgitRowWriter *w);
extern void lgit_row_write_init(void);
extern Datum lgit_insert_project_row(const char *table, int64 project_id, const LgitColumns *columns);
extern bool lgit_update_project_row(const char *table, int64 project_id, const LgitColumns *columns);

/* evidence_scan.c: the same digest, the documents read without SPI (verify) */
typedef struct LgitEvidenceScan LgitEvidenceScan;
extern LgitEvidenceScan *lgit_evidence_scan_open(bool one_row);
extern void lgit_evidence_scan_hash(LgitEvidenceScan *es, List *evidence, uint8 *digest, List **missing);
extern void lgit_evidence_scan_close(LgitEvidenceScan *es);

#endif							/* LGIT_H */
