/*
 * refusal_log.c
 *		Refused attempts, kept although their transaction rolled back (Art 51:
 *		units are accountable for what they tried, not only for what moved).
 *
 * A refusal is an ERROR whose SQLSTATE is of class LG, lgit's rule codes.
 * emit_log_hook sees it in the refusing backend as it is reported, before
 * the transaction aborts.  The hook must neither throw nor change the error:
 * it copies a fixed-size record into a ring in shared memory under a
 * spinlock (no palloc, no catalog lookup, no SPI, no lwlock), and a
 * background worker drains the ring into lgit.refusal in its own
 * transactions, so the row outlives the ROLLBACK.  An error caught by an
 * EXCEPTION block is never reported, so it is not kept: the caller undid the
 * attempt itself.  The ring has lgit.refusal_log_size slots: when it is full a
 * refusal is dropped and counted, never waited for, so a flood costs neither
 * memory nor the refusing session's time; the next record kept carries the
 * number dropped before it.
 *
 * The ring and the worker exist only when lgit is in shared_preload_libraries
 * and lgit.refusal_log_database names the database that keeps the rows (for
 * every database of the cluster).  Otherwise each refusal is written to the
 * server log as one line, "lgit refusal: " followed by a JSON object with the
 * same fields (built in a static buffer; the LOG itself is an ereport from
 * inside the hook, which error reporting allows), and
 * lgit.refusal_log_status() says mode = 'log'.
 *
 * The structured fields (actor, capacity, project, stages, table, facts) come
 * from what lgit noted while judging: lgit_raise() notes the finding it is
 * about to raise, lgit_current_actor() the person it resolved.  A note counts
 * only in the transaction that made it, and only for the error it describes.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/dbcommands.h"
#include "commands/trigger.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"

#include "lgit.h"

/* Field sizes of a record: longer values are cut at a character boundary. */
#define REFUSAL_TEXT_LEN	128
#define REFUSAL_MESSAGE_LEN	512
#define REFUSAL_FACTS_LEN	1024	/* facts longer than this are left out whole */
#define REFUSAL_BATCH		64		/* records the worker writes per transaction */

typedef struct RefusalRecord
{
	TimestampTz refused_at;
	Oid			database_id;
	Oid			session_user_id;
	int			pid;
	int			sqlerrcode;
	int64		project_id;		/* 0: none named */
	uint64		dropped_before; /* refusals dropped since the previous record */
	char		database[NAMEDATALEN];
	char		session_user_name[NAMEDATALEN];
	char		actor[REFUSAL_TEXT_LEN];
	char		capacity[NAMEDATALEN];
	char		project_code[REFUSAL_TEXT_LEN];
	char		from_stage[NAMEDATALEN];
	char		to_stage[NAMEDATALEN];
	char		table_name[REFUSAL_TEXT_LEN];
	char		message[REFUSAL_MESSAGE_LEN];
	char		facts[REFUSAL_FACTS_LEN];
} RefusalRecord;

/* Written by every backend (head), read by the worker (tail). */
typedef struct RefusalRing
{
	slock_t		mutex;
	int			size;
	uint64		head;			/* records queued since the server started */
	uint64		tail;			/* records the worker has written or given up on */
	uint64		written;		/* records in lgit.refusal since the server started */
	uint64		dropped;		/* refusals not kept since the server started */
	uint64		dropped_stamped;	/* part of dropped already told by a record */
	RefusalRecord records[FLEXIBLE_ARRAY_MEMBER];
} RefusalRing;

static int	refusal_log_size = 1024;
static char *refusal_log_database = NULL;
static int	refusal_log_interval = 1000;

static RefusalRing *ring = NULL;
static bool is_refusal_worker = false;
static bool refusal_insert_allowed = false;
static bool in_hook = false;

static emit_log_hook_type prev_emit_log_hook = NULL;
static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

/* What lgit noted about the refusal it is raising, and the actor it resolved. */
static RefusalRecord note;
static LocalTransactionId note_lxid = InvalidLocalTransactionId;
static char noted_actor[REFUSAL_TEXT_LEN];
static char noted_capacity[NAMEDATALEN];
static LocalTransactionId noted_actor_lxid = InvalidLocalTransactionId;
static char noted_database[NAMEDATALEN];
static char noted_session_user[NAMEDATALEN];
static Oid	noted_session_user_id = InvalidOid;

static volatile sig_atomic_t got_sigterm = false;

void		lgit_refusal_worker_main(Datum arg) pg_attribute_noreturn();

static LocalTransactionId
current_lxid(void)
{
	return MyProc != NULL ? MyProc->lxid : InvalidLocalTransactionId;
}

/* Copies src into dst[size], cut at a character boundary; NULL gives "". */
static void
copy_clipped(char *dst, const char *src, size_t size)
{
	int			len;

	if (src == NULL)
	{
		dst[0] = '\0';
		return;
	}
	len = pg_mbcliplen(src, strlen(src), size - 1);
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static Size
ring_bytes(void)
{
	return add_size(offsetof(RefusalRing, records),
					mul_size(sizeof(RefusalRecord), refusal_log_size));
}

static bool
keeps_table(void)
{
	return ring != NULL;
}

/* ---- notes taken while lgit judges (ordinary context: may palloc) ---- */

static void
fact_text(Jsonb *facts, const char *key, char *dst, size_t size)
{
	JsonbValue	k;
	JsonbValue *v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	v = findJsonbValueFromContainer(&facts->root, JB_FOBJECT, &k);
	if (v != NULL && v->type == jbvString)
	{
		char	   *s = pnstrdup(v->val.string.val, v->val.string.len);

		copy_clipped(dst, s, size);
	}
	else if (v != NULL && v->type == jbvNumeric)
		copy_clipped(dst, DatumGetCString(DirectFunctionCall1(numeric_out,
															  NumericGetDatum(v->val.numeric))),
					 size);
	else
		dst[0] = '\0';
}

/* The names of the database and of the session user, which the hook cannot look up. */
static void
note_session(void)
{
	Oid			session_user_id = GetSessionUserId();

	if (noted_database[0] == '\0')
		copy_clipped(noted_database, get_database_name(MyDatabaseId), sizeof(noted_database));
	if (session_user_id != noted_session_user_id)
	{
		copy_clipped(noted_session_user, GetUserNameFromId(session_user_id, true),
					 sizeof(noted_session_user));
		noted_session_user_id = session_user_id;
	}
}

/*
 * The finding names no actor (lgit refused before resolving one): the person
 * lgit resolves, by its rules, without the registry lookup that could throw;
 * the capacity only when lgit resolved the same person in this transaction.
 */
static void
note_acting_person(void)
{
	Oid			app_role = get_role_oid("lgit_app", true);
	bool		asserted = lgit_actor_setting != NULL && lgit_actor_setting[0] != '\0' &&
		OidIsValid(app_role) && is_member_of_role(GetSessionUserId(), app_role) &&
		(lgit_actor_scope == ACTOR_SCOPE_SESSION || lgit_actor_set_in_this_transaction());

	copy_clipped(note.actor, asserted ? lgit_actor_setting : noted_session_user, sizeof(note.actor));
	if (noted_actor_lxid == current_lxid() && strcmp(noted_actor, note.actor) == 0)
		strcpy(note.capacity, noted_capacity);
}

/*
 * lgit_raise() is about to raise this finding: keep what it says, for the
 * record the hook will make of the error.
 */
void
lgit_refusal_note(const char *code, const char *message, Datum facts_datum)
{
	Jsonb	   *facts = DatumGetJsonbP(facts_datum);
	char		project_id[32];
	char	   *facts_text;

	memset(&note, 0, sizeof(note));
	note.sqlerrcode = LGIT_SQLSTATE(code);
	copy_clipped(note.message, message, sizeof(note.message));
	fact_text(facts, "actor", note.actor, sizeof(note.actor));
	fact_text(facts, "capacity", note.capacity, sizeof(note.capacity));
	fact_text(facts, "project_code", note.project_code, sizeof(note.project_code));
	fact_text(facts, "from_stage", note.from_stage, sizeof(note.from_stage));
	fact_text(facts, "to_stage", note.to_stage, sizeof(note.to_stage));
	fact_text(facts, "table", note.table_name, sizeof(note.table_name));
	fact_text(facts, "project_id", project_id, sizeof(project_id));
	if (project_id[0] != '\0')
		note.project_id = strtoi64(project_id, NULL, 10);
	facts_text = JsonbToCString(NULL, &facts->root, VARSIZE(facts));
	if (strlen(facts_text) < sizeof(note.facts))
		strcpy(note.facts, facts_text);
	note_session();
	if (note.actor[0] == '\0')
		note_acting_person();
	note_lxid = current_lxid();
}

/* lgit_current_actor() resolved the person acting. */
void
lgit_refusal_note_actor(const char *name, const char *capacity)
{
	copy_clipped(noted_actor, name, sizeof(noted_actor));
	copy_clipped(noted_capacity, capacity, sizeof(noted_capacity));
	noted_actor_lxid = current_lxid();
	note_session();
}

/* ---- the hook (error context: no palloc, nothing that can throw) ---- */

static bool
is_refusal(const ErrorData *edata)
{
	return edata->elevel == ERROR &&
		ERRCODE_TO_CATEGORY(edata->sqlerrcode) == MAKE_SQLSTATE('L', 'G', '0', '0', '0');
}

static void
fill_record(RefusalRecord *rec, const ErrorData *edata)
{
	static char message[REFUSAL_MESSAGE_LEN];
	LocalTransactionId lxid = current_lxid();

	copy_clipped(message, edata->message, sizeof(message));
	if (note_lxid == lxid && lxid != InvalidLocalTransactionId &&
		note.sqlerrcode == edata->sqlerrcode && strcmp(note.message, message) == 0)
		memcpy(rec, &note, sizeof(*rec));
	else
	{
		memset(rec, 0, sizeof(*rec));
		strcpy(rec->message, message);
	}
	note_lxid = InvalidLocalTransactionId;

	if (rec->actor[0] == '\0' && noted_actor_lxid == lxid && lxid != InvalidLocalTransactionId)
	{
		strcpy(rec->actor, noted_actor);
		strcpy(rec->capacity, noted_capacity);
	}
	rec->refused_at = GetCurrentTimestamp();
	rec->sqlerrcode = edata->sqlerrcode;
	rec->database_id = MyDatabaseId;
	rec->session_user_id = GetSessionUserId();
	rec->pid = MyProcPid;
	strcpy(rec->database, noted_database);
	if (rec->session_user_id == noted_session_user_id)
		strcpy(rec->session_user_name, noted_session_user);
	else
		rec->session_user_name[0] = '\0';
}

/* Queues the record, or counts it dropped when the ring is full. */
static void
ring_push(RefusalRecord *rec)
{
	SpinLockAcquire(&ring->mutex);
	if (ring->head - ring->tail >= (uint64) ring->size)
		ring->dropped++;
	else
	{
		rec->dropped_before = ring->dropped - ring->dropped_stamped;
		ring->dropped_stamped = ring->dropped;
		memcpy(&ring->records[ring->head % ring->size], rec, sizeof(*rec));
		ring->head++;
	}
	SpinLockRelease(&ring->mutex);
}

/* Appends s to buf[size] as a JSON string; false when it does not fit. */
static bool
append_json_string(char *buf, size_t size, size_t *len, const char *s)
{
	const unsigned char *p;

	if (*len + 2 >= size)
		return false;
	buf[(*len)++] = '"';
	for (p = (const unsigned char *) s; *p; p++)
	{
		if (*len + 7 >= size)
			return false;
		if (*p == '"' || *p == '\\')
		{
			buf[(*len)++] = '\\';
			buf[(*len)++] = *p;
		}
		else if (*p < 0x20)
			*len += snprintf(buf + *len, size - *len, "\\u%04x", *p);
		else
			buf[(*len)++] = *p;
	}
	buf[(*len)++] = '"';
	buf[*len] = '\0';
	return true;
}

static bool
append_raw(char *buf, size_t size, size_t *len, const char *s)
{
	size_t		n = strlen(s);

	if (*len + n + 1 >= size)
		return false;
	memcpy(buf + *len, s, n + 1);
	*len += n;
	return true;
}

static bool
append_field(char *buf, size_t size, size_t *len, const char *key, const char *value)
{
	return append_raw(buf, size, len, *len > 1 ? ", " : "") &&
		append_json_string(buf, size, len, key) &&
		append_raw(buf, size, len, ": ") &&
		(value == NULL || value[0] == '\0'
		 ? append_raw(buf, size, len, "null")
		 : append_json_string(buf, size, len, value));
}

/*
 * The fallback: the record as one LOG line (server log only), a JSON object
 * with the columns of lgit.refusal.
 */
static void
log_record(const RefusalRecord *rec)
{
	static char line[sizeof(RefusalRecord) * 2];
	char		number[32];
	char		database[NAMEDATALEN + 16];
	char		session_user_name[NAMEDATALEN + 16];
	size_t		len = 0;

	line[0] = '\0';
	if (rec->database[0] != '\0')
		strcpy(database, rec->database);
	else
		snprintf(database, sizeof(database), "database %u", rec->database_id);
	if (rec->session_user_name[0] != '\0')
		strcpy(session_user_name, rec->session_user_name);
	else
		snprintf(session_user_name, sizeof(session_user_name), "role %u", rec->session_user_id);
	append_raw(line, sizeof(line), &len, "{");
	append_field(line, sizeof(line), &len, "refused_at", timestamptz_to_str(rec->refused_at));
	append_field(line, sizeof(line), &len, "database", database);
	append_field(line, sizeof(line), &len, "session_user_name", session_user_name);
	append_field(line, sizeof(line), &len, "actor", rec->actor);
	append_field(line, sizeof(line), &len, "capacity", rec->capacity);
	snprintf(number, sizeof(number), INT64_FORMAT, rec->project_id);
	append_field(line, sizeof(line), &len, "project_id", rec->project_id != 0 ? number : NULL);
	append_field(line, sizeof(line), &len, "project_code", rec->project_code);
	append_field(line, sizeof(line), &len, "from_stage", rec->from_stage);
	append_field(line, sizeof(line), &len, "to_stage", rec->to_stage);
	append_field(line, sizeof(line), &len, "table_name", rec->table_name);
	append_field(line, sizeof(line), &len, "code", unpack_sql_state(rec->sqlerrcode));
	append_field(line, sizeof(line), &len, "message", rec->message);
	if (rec->facts[0] != '\0')
		(void) (append_raw(line, sizeof(line), &len, ", \"facts\": ") &&
				append_raw(line, sizeof(line), &len, rec->facts));
	append_raw(line, sizeof(line), &len, "}");
	ereport(LOG_SERVER_ONLY,
			(errmsg_internal("lgit refusal: %s", line),
			 errhidestmt(true), errhidecontext(true)));
}

static void
refusal_emit_log_hook(ErrorData *edata)
{
	if (!in_hook && !is_refusal_worker && IsUnderPostmaster && is_refusal(edata))
	{
		static RefusalRecord rec;

		in_hook = true;
		fill_record(&rec, edata);
		if (keeps_table())
			ring_push(&rec);
		else
			log_record(&rec);
		in_hook = false;
	}
	if (prev_emit_log_hook)
		prev_emit_log_hook(edata);
}

/* ---- shared memory ---- */

static void
refusal_shmem_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(ring_bytes());
}

static void
refusal_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	ring = ShmemInitStruct("lgit refusal log", ring_bytes(), &found);
	if (!found)
	{
		memset(ring, 0, offsetof(RefusalRing, records));
		SpinLockInit(&ring->mutex);
		ring->size = refusal_log_size;
	}
	LWLockRelease(AddinShmemInitLock);
}

/* ---- the worker ---- */

static void
worker_sigterm(SIGNAL_ARGS)
{
	int			save_errno = errno;

	got_sigterm = true;
	SetLatch(MyLatch);
	errno = save_errno;
}

static void
write_record(const RefusalRecord *rec)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[15] = {TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT8OID,
		TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT4OID, INT8OID};
	Datum		values[15];
	char		nulls[15];
	const char *texts[15] = {NULL};
	char	   *database = (char *) rec->database;
	char	   *session_user_name = (char *) rec->session_user_name;
	int			i;

	if (database[0] == '\0')
		database = get_database_name(rec->database_id);
	if (session_user_name[0] == '\0')
		session_user_name = GetUserNameFromId(rec->session_user_id, true);
	if (session_user_name == NULL)
		session_user_name = psprintf("role %u", rec->session_user_id);

	texts[1] = database ? database : psprintf("database %u", rec->database_id);
	texts[2] = session_user_name;
	texts[3] = rec->actor;
	texts[4] = rec->capacity;
	texts[6] = rec->project_code;
	texts[7] = rec->from_stage;
	texts[8] = rec->to_stage;
	texts[9] = rec->table_name;
	texts[10] = unpack_sql_state(rec->sqlerrcode);
	texts[11] = rec->message;
	texts[12] = rec->facts;
	for (i = 0; i < 15; i++)
	{
		nulls[i] = ' ';
		if (types[i] == TEXTOID)
		{
			if (texts[i][0] == '\0')
				nulls[i] = 'n';
			else
				values[i] = CStringGetTextDatum(texts[i]);
		}
	}
	values[0] = TimestampTzGetDatum(rec->refused_at);
	values[5] = Int64GetDatum(rec->project_id);
	nulls[5] = rec->project_id != 0 ? ' ' : 'n';
	values[13] = Int32GetDatum(rec->pid);
	values[14] = Int64GetDatum((int64) rec->dropped_before);

	lgit_plan(&plan,
			  "INSERT INTO lgit.refusal (refused_at, database, session_user_name, actor, capacity, "
			  "project_id, project_code, from_stage, to_stage, table_name, code, message, facts, "
			  "backend_pid, dropped_before) "
			  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15)",
			  15, types);
	refusal_insert_allowed = true;
	PG_TRY();
	{
		lgit_execute(plan, values, nulls, false, 0);
	}
	PG_FINALLY();
	{
		refusal_insert_allowed = false;
	}
	PG_END_TRY();
}

/*
 * Writes up to REFUSAL_BATCH queued records in one transaction; returns how
 * many it took off the ring.  Records are copied out, written, committed and
 * only then released, so a crash of the worker loses none; a batch that
 * cannot be written is reported and counted as dropped, never retried for
 * ever.  While the database has no lgit.refusal, records wait (and the ring
 * fills).
 */
static int
drain_batch(void)
{
	static RefusalRecord batch[REFUSAL_BATCH];
	static bool warned_missing = false;
	MemoryContext context = CurrentMemoryContext;
	uint64		tail;
	int			n;
	int			i;
	volatile bool written = false;

	SpinLockAcquire(&ring->mutex);
	tail = ring->tail;
	n = (int) Min(ring->head - tail, (uint64) REFUSAL_BATCH);
	SpinLockRelease(&ring->mutex);
	if (n == 0)
		return 0;
	/* slots between tail and head are not touched until tail moves */
	for (i = 0; i < n; i++)
		memcpy(&batch[i], &ring->records[(tail + i) % ring->size], sizeof(RefusalRecord));

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	PG_TRY();
	{
		Oid			namespace = get_namespace_oid(LGIT_SCHEMA, true);

		if (OidIsValid(namespace) && OidIsValid(get_relname_relid("refusal", namespace)))
		{
			PushActiveSnapshot(GetTransactionSnapshot());
			pgstat_report_activity(STATE_RUNNING, "writing refused attempts to lgit.refusal");
			lgit_spi_connect();
			for (i = 0; i < n; i++)
				write_record(&batch[i]);
			lgit_spi_finish();
			PopActiveSnapshot();
			written = true;
			warned_missing = false;
		}
		else if (!warned_missing)
		{
			ereport(WARNING,
					(errmsg("lgit refusal log: database \"%s\" has no table lgit.refusal",
							refusal_log_database),
					 errhint("CREATE EXTENSION lgit in that database, or set lgit.refusal_log_database to one where it is installed.")));
			warned_missing = true;
		}
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		HOLD_INTERRUPTS();
		EmitErrorReport();
		AbortOutOfAnyTransaction();
		FlushErrorState();
		RESUME_INTERRUPTS();
		MemoryContextSwitchTo(context);
		ereport(LOG,
				(errmsg("lgit refusal log: %d refused attempts could not be written and are counted as dropped", n)));
		SpinLockAcquire(&ring->mutex);
		ring->tail += n;
		ring->dropped += n;
		SpinLockRelease(&ring->mutex);
		pgstat_report_activity(STATE_IDLE, NULL);
		return n;
	}
	PG_END_TRY();
	pgstat_report_activity(STATE_IDLE, NULL);
	if (!written)
		return 0;
	SpinLockAcquire(&ring->mutex);
	ring->tail += n;
	ring->written += n;
	SpinLockRelease(&ring->mutex);
	return n;
}

void
lgit_refusal_worker_main(Datum arg)
{
	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, worker_sigterm);
	BackgroundWorkerUnblockSignals();
	is_refusal_worker = true;
	BackgroundWorkerInitializeConnection(refusal_log_database, NULL, 0);

	for (;;)
	{
		bool		stopping = got_sigterm;
		int			taken = 0;
		int			n;

		/*
		 * At most one ring's worth per wake-up: rows are added no faster than
		 * lgit.refusal_log_size per lgit.refusal_log_interval, whatever the
		 * flood; on a clean shutdown what is queued is written first.
		 */
		do
		{
			n = drain_batch();
			taken += n;
			CHECK_FOR_INTERRUPTS();
		} while (n == REFUSAL_BATCH && taken < ring->size);
		if (stopping)
			proc_exit(0);
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 refusal_log_interval, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
	}
}

/* ---- SQL ---- */

/*
 * BEFORE INSERT on lgit.refusal: only the refusal-log worker writes it
 * (LG002), so nobody can forge or pre-empt a refusal, the owner included.
 */
PG_FUNCTION_INFO_V1(lgit_refusal_guard);
Datum
lgit_refusal_guard(PG_FUNCTION_ARGS)
{
	return lgit_insert_only_by_lgit(fcinfo, refusal_insert_allowed, "lgit.refusal", "lgit's refusal-log worker",
									"Refused attempts are recorded by lgit's refusal-log worker; nobody writes them.");
}

/* lgit.refusal_log_status(): where refusals go, and what was lost. */
PG_FUNCTION_INFO_V1(lgit_refusal_log_status);
Datum
lgit_refusal_log_status(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	uint64		head = 0,
				tail = 0,
				written = 0,
				dropped = 0;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "lgit: refusal_log_status must return a composite type");
	if (keeps_table())
	{
		SpinLockAcquire(&ring->mutex);
		head = ring->head;
		tail = ring->tail;
		written = ring->written;
		dropped = ring->dropped;
		SpinLockRelease(&ring->mutex);
	}
	values[0] = CStringGetTextDatum(keeps_table() ? "table" : "log");
	if (keeps_table())
		values[1] = CStringGetTextDatum(refusal_log_database);
	else
		nulls[1] = true;
	values[2] = Int32GetDatum(keeps_table() ? ring->size : 0);
	values[3] = Int64GetDatum((int64) (head - tail));
	values[4] = Int64GetDatum((int64) written);
	values[5] = Int64GetDatum((int64) dropped);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/* ---- module init ---- */

/*
 * The hook always; the settings, the ring and the worker only while the
 * postmaster preloads lgit (a PGC_POSTMASTER setting cannot be defined
 * later, and set without preloading it would do nothing).
 */
void
lgit_refusal_log_init(void)
{
	prev_emit_log_hook = emit_log_hook;
	emit_log_hook = refusal_emit_log_hook;

	if (!process_shared_preload_libraries_in_progress)
		return;

	DefineCustomIntVariable("lgit.refusal_log_size",
							"Refused attempts queued in shared memory for lgit.refusal.",
							"When the queue is full further refusals are dropped and counted. "
							"Needs lgit in shared_preload_libraries.",
							&refusal_log_size,
							1024, 8, 65536,
							PGC_POSTMASTER,
							0,
							NULL, NULL, NULL);
	DefineCustomStringVariable("lgit.refusal_log_database",
							   "Database whose lgit.refusal keeps the refused attempts of every database.",
							   "Empty: refusals are written to the server log only. "
							   "Needs lgit in shared_preload_libraries.",
							   &refusal_log_database,
							   "",
							   PGC_POSTMASTER,
							   0,
							   NULL, NULL, NULL);
	DefineCustomIntVariable("lgit.refusal_log_interval",
							"How often the refusal-log worker writes queued refusals.",
							NULL,
							&refusal_log_interval,
							1000, 10, 3600000,
							PGC_SIGHUP,
							GUC_UNIT_MS,
							NULL, NULL, NULL);

	if (refusal_log_database != NULL && refusal_log_database[0] != '\0')
	{
		BackgroundWorker worker;

		prev_shmem_request_hook = shmem_request_hook;
		shmem_request_hook = refusal_shmem_request;
		prev_shmem_startup_hook = shmem_startup_hook;
		shmem_startup_hook = refusal_shmem_startup;

		memset(&worker, 0, sizeof(worker));
		worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
		worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
		worker.bgw_restart_time = 5;
		snprintf(worker.bgw_library_name, BGW_MAXLEN, "lgit");
		snprintf(worker.bgw_function_name, BGW_MAXLEN, "lgit_refusal_worker_main");
		snprintf(worker.bgw_name, BGW_MAXLEN, "lgit refusal log");
		snprintf(worker.bgw_type, BGW_MAXLEN, "lgit refusal log");
		RegisterBackgroundWorker(&worker);
	}
}
