/*
 * probe.c
 *		lgit.probe_sharing(): the authority checks the shared database itself
 *		(Art 29: 业务数据必须全量实时共享 ... 只读账号和密码、访问数据库的链接、
 *		数据结构文档; Art 47: systems that do not share get no O&M money).
 *
 * With the link and account of the project's latest lgit.data_access_credential
 * and the password given (or decrypted from the stored pgp_sym_encrypt
 * message with the key given), the probe connects (probe_connection.c) and
 * proves, against the data-structure document of the latest handover
 * (lgit.shared_column):
 *	- the account reads every documented table, and can write nothing: no
 *	  write privilege on any relation, no CREATE on a schema or the database,
 *	  not a superuser, and a write attempted inside a transaction that is
 *	  always rolled back is refused by the target;
 *	- every documented column exists with the stated type;
 *	- a table with a change-timestamp column has its newest row within
 *	  sharing_max_lag_hours; every table's row count is recorded.
 * Each failed check is one finding; the run is recorded in lgit.sharing_probe
 * whatever the outcome, and returned.  The password is never stored, logged
 * or put in a message.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

#include "lgit.h"
#include "probe.h"
#include "probe_connection.h"

#define RULE_DATA_SHARING	"LG290"

typedef struct SharedTable
{
	char	   *schema;
	char	   *name;
	char	   *change_column;	/* NULL when none is marked */
	List	   *columns;		/* of SharedColumn */
	bool		exists;
	bool		readable;
	char	   *probe_column;	/* a documented column that exists, for the write attempts */
} SharedTable;

typedef struct SharedColumn
{
	char	   *name;
	char	   *type;
} SharedColumn;

typedef struct Probe
{
	ProbeConnection pc;
	JsonbParseState *findings;	/* an array being built */
	JsonbParseState *facts;		/* an object being built */
	bool		lost;			/* the connection timed out: no further queries */
	double		max_lag_hours;
} Probe;

/* ---- building the record's jsonb (never by concatenating text) ---- */

static void
json_key(JsonbParseState **state, const char *key)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = pstrdup(key);
	v.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &v);
}

static void
json_text(JsonbParseState **state, const char *key, const char *value)
{
	JsonbValue	v;

	json_key(state, key);
	if (value == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvString;
		v.val.string.val = pstrdup(value);
		v.val.string.len = strlen(value);
	}
	pushJsonbValue(state, WJB_VALUE, &v);
}

static void
json_numeric(JsonbParseState **state, const char *key, Numeric value)
{
	JsonbValue	v;

	json_key(state, key);
	v.type = jbvNumeric;
	v.val.numeric = value;
	pushJsonbValue(state, WJB_VALUE, &v);
}

static void
json_int(JsonbParseState **state, const char *key, int64 value)
{
	json_numeric(state, key, DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(value))));
}

/* "-12.5": what count() and date_part() send; anything else from a target is not parsed. */
static bool
is_decimal(const char *value)
{
	const char *c = value;
	int			digits = 0;
	int			points = 0;

	if (value == NULL)
		return false;
	if (*c == '-')
		c++;
	for (; *c; c++)
	{
		if (*c == '.')
			points++;
		else if (*c >= '0' && *c <= '9')
			digits++;
		else
			return false;
	}
	return digits > 0 && digits <= 30 && points <= 1;
}

/* A number read from the target as text (rounded to scale places unless -1); kept as text if it is none. */
static void
json_decimal(JsonbParseState **state, const char *key, const char *value, int scale)
{
	Datum		number;

	if (!is_decimal(value))
	{
		json_text(state, key, value);
		return;
	}
	number = DirectFunctionCall3(numeric_in, CStringGetDatum(value), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	if (scale >= 0)
		number = DirectFunctionCall2(numeric_round, number, Int32GetDatum(scale));
	json_numeric(state, key, DatumGetNumeric(number));
}

static void
json_bool(JsonbParseState **state, const char *key, bool value)
{
	JsonbValue	v;

	json_key(state, key);
	v.type = jbvBool;
	v.val.boolean = value;
	pushJsonbValue(state, WJB_VALUE, &v);
}

/* Opens a finding {check, message, ...}; the caller adds facts and calls end_finding(). */
static void
begin_finding(Probe *probe, const char *check, const char *fmt,...) pg_attribute_printf(3, 4);

static void
begin_finding(Probe *probe, const char *check, const char *fmt,...)
{
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
	pushJsonbValue(&probe->findings, WJB_BEGIN_OBJECT, NULL);
	json_text(&probe->findings, "check", check);
	json_text(&probe->findings, "message", message.data);
}

static void
end_finding(Probe *probe)
{
	pushJsonbValue(&probe->findings, WJB_END_OBJECT, NULL);
}

/* A boolean the target sent; anything but "t" (a NULL included) is false. */
static bool
is_true(const char *value)
{
	return value != NULL && strcmp(value, "t") == 0;
}

/* Whether the target answered with rows of the shape the probe asked for. */
static bool
answered(const ProbeResult *res, int nrows, int ncols)
{
	return res->ok && res->nrows == nrows && res->ncols == ncols;
}

static char *
qualified_name(const SharedTable *table)
{
	return psprintf("%s.%s", quote_identifier(table->schema), quote_identifier(table->name));
}

/* ---- what lgit holds: the credential, the password, the structure ---- */

typedef struct Credential
{
	int64		credential_id;
	char	   *account;
	char	   *link;
	bytea	   *encrypted;		/* NULL when the password is kept elsewhere */
} Credential;

static Credential *
load_credential(int64 project_id)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	Credential *cred = NULL;

	values[0] = Int64GetDatum(project_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT credential_id, account, connection, secret_encrypted FROM lgit.data_access_credential "
			  "WHERE project_id = $1 ORDER BY delivered_on DESC, credential_id DESC LIMIT 1",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 1);
	if (SPI_processed == 1)
	{
		HeapTuple	tuple = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		secret;

		cred = MemoryContextAllocZero(caller, sizeof(Credential));
		cred->credential_id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
		cred->account = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 2));
		cred->link = MemoryContextStrdup(caller, SPI_getvalue(tuple, desc, 3));
		secret = SPI_getbinval(tuple, desc, 4, &isnull);
		if (!isnull)
		{
			MemoryContext old = MemoryContextSwitchTo(caller);

			cred->encrypted = DatumGetByteaPCopy(secret);
			MemoryContextSwitchTo(old);
		}
	}
	lgit_spi_finish();
	return cred;
}

static void
decrypt_context(void *arg)
{
	errcontext("decrypting the stored password of read-only account %s with the key given", (char *) arg);
}

/*
 * The password in plain text, for this call only: given, or decrypted with
 * pgcrypto's pgp_sym_decrypt(bytea, text) from the stored message.
 */
static char *
account_password(const Credential *cred, text *password, text *key)
{
	static SPIPlanPtr plan = NULL;
	Oid			schema = InvalidOid;
	Oid			argtypes[2] = {BYTEAOID, TEXTOID};
	Oid			decrypt;
	Datum		plain;
	ErrorContextCallback callback;

	if (password != NULL && VARSIZE_ANY_EXHDR(password) > 0)
		return text_to_cstring(password);
	if (key == NULL || cred->encrypted == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the probe needs the password of read-only account %s", cred->account),
				 errdetail("%s", cred->encrypted == NULL
						   ? "The unit registered the password by reference to a secret store."
						   : "The password is stored encrypted; no key was given to decrypt it."),
				 errhint("Pass the password, or the key it was encrypted with, as a bound parameter: a literal in the statement text can end up in the server log.")));

	/* pgcrypto is relocatable: its function is found in the schema it was installed in */
	lgit_spi_connect();
	lgit_plan(&plan, "SELECT extnamespace FROM pg_catalog.pg_extension WHERE extname = 'pgcrypto'", 0, NULL);
	lgit_execute(plan, NULL, NULL, true, 1);
	if (SPI_processed == 1)
	{
		bool		isnull;

		schema = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	lgit_spi_finish();
	if (!OidIsValid(schema))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"pgcrypto\" is not installed"),
				 errhint("lgit requires pgcrypto; CREATE EXTENSION lgit CASCADE installs it.")));
	decrypt = LookupFuncName(list_make2(makeString(get_namespace_name(schema)), makeString("pgp_sym_decrypt")),
							 2, argtypes, false);
	callback.callback = decrypt_context;
	callback.arg = cred->account;
	callback.previous = error_context_stack;
	error_context_stack = &callback;
	plain = OidFunctionCall2(decrypt, PointerGetDatum(cred->encrypted), PointerGetDatum(key));
	error_context_stack = callback.previous;
	return TextDatumGetCString(plain);
}

/* The documented tables with their columns, in name order. */
static List *
load_structure(int64 document_id)
{
	static SPIPlanPtr plan = NULL;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		values[1];
	List	   *tables = NIL;
	SharedTable *current = NULL;
	uint64		row;

	values[0] = Int64GetDatum(document_id);
	lgit_spi_connect();
	lgit_plan(&plan,
			  "SELECT table_schema, table_name, column_name, data_type, marks_change FROM lgit.shared_column "
			  "WHERE document_id = $1 ORDER BY table_schema, table_name, column_name",
			  1, types);
	lgit_execute_as_owner(plan, values, NULL, true, 0);
	for (row = 0; row < SPI_processed; row++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[row];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *schema = SPI_getvalue(tuple, desc, 1);
		char	   *name = SPI_getvalue(tuple, desc, 2);
		bool		isnull;
		MemoryContext old = MemoryContextSwitchTo(caller);
		SharedColumn *column = palloc0(sizeof(SharedColumn));

		if (current == NULL || strcmp(current->schema, schema) != 0 || strcmp(current->name, name) != 0)
		{
			current = palloc0(sizeof(SharedTable));
			current->schema = pstrdup(schema);
			current->name = pstrdup(name);
			tables = lappend(tables, current);
		}
		column->name = pstrdup(SPI_getvalue(tuple, desc, 3));
		column->type = pstrdup(SPI_getvalue(tuple, desc, 4));
		if (DatumGetBool(SPI_getbinval(tuple, desc, 5, &isnull)))
			current->change_column = column->name;
		current->columns = lappend(current->columns, column);
		MemoryContextSwitchTo(old);
	}
	lgit_spi_finish();
	return tables;
}

/* A text[] literal the target can read back, built by array_out (quoting included). */
static char *
text_array_literal(List *items)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(1, list_length(items)));
	ListCell   *lc;
	Oid			output;
	bool		varlena;

	foreach(lc, items)
		elems[foreach_current_index(lc)] = CStringGetTextDatum((char *) lfirst(lc));
	getTypeOutputInfo(TEXTARRAYOID, &output, &varlena);
	return OidOutputFunctionCall(output, PointerGetDatum(construct_array(elems, list_length(items), TEXTOID,
																		 -1, false, TYPALIGN_INT)));
}

/* ---- the checks on the target ---- */

/*
 * Runs a query; a timeout becomes a finding and ends the probe's queries.
 * Returns NULL after a timeout.
 */
static ProbeResult *
run(Probe *probe, const char *step, const char *sql, int nparams, const char *const *params)
{
	ProbeResult *res;

	if (probe->lost)
		return NULL;
	res = probe_query(&probe->pc, sql, nparams, params);
	if (res->timed_out)
	{
		begin_finding(probe, "timeout", "the shared database did not answer within %d ms (%s)",
					  probe->pc.timeout_ms, step);
		end_finding(probe);
		probe->lost = true;
		return NULL;
	}
	if (!res->ok && strcmp(res->sqlstate, "57014") == 0)
	{
		begin_finding(probe, "timeout", "the shared database cancelled the query after %d ms (%s): %s",
					  probe->pc.timeout_ms, step, res->error);
		end_finding(probe);
	}
	return res;
}

static void
query_failed(Probe *probe, const char *step, ProbeResult *res)
{
	if (strcmp(res->sqlstate, "57014") == 0)
		return;					/* run() reported the timeout */
	begin_finding(probe, "query_failed", "the shared database refused the probe's query (%s): %s",
				  step, res->error ? res->error : "an answer of another shape than asked");
	json_text(&probe->findings, "sqlstate", res->sqlstate[0] ? res->sqlstate : NULL);
	end_finding(probe);
}

/* Not a superuser, no write on any relation, no CREATE on a schema or the database. */
static void
check_account(Probe *probe)
{
	ProbeResult *res = run(probe, "the account's privileges",
						   "SELECT r.rolsuper, "
						   "  pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE'), "
						   "  COALESCE(pg_catalog.pg_has_role(r.oid, (SELECT w.oid FROM pg_catalog.pg_roles w "
						   "           WHERE w.rolname = 'pg_write_all_data'), 'MEMBER'), false), "
						   "  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' "
						   "          OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c.relname), ', ' ORDER BY n.nspname, c.relname) "
						   "   FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
						   "   WHERE c.relkind IN ('r', 'p', 'v', 'f') AND n.nspname <> 'information_schema' "
						   "     AND n.nspname NOT LIKE 'pg\\_%' "
						   "     AND pg_catalog.has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')), "
						   "  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(n.nspname), ', ' ORDER BY n.nspname) "
						   "   FROM pg_catalog.pg_namespace n WHERE n.nspname <> 'information_schema' "
						   "     AND n.nspname NOT LIKE 'pg\\_%' AND pg_catalog.has_schema_privilege(n.oid, 'CREATE')), "
						   "  pg_catalog.current_setting('server_version') "
						   "FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER",
						   0, NULL);
	bool		superuser;

	if (res == NULL)
		return;
	if (!answered(res, 1, 6))
	{
		query_failed(probe, "the account's privileges", res);
		return;
	}
	superuser = is_true(PROBE_VALUE(res, 0, 0));
	json_text(&probe->facts, "server_version", PROBE_VALUE(res, 0, 5));
	json_bool(&probe->facts, "superuser", superuser);
	json_text(&probe->facts, "writable_relations", PROBE_VALUE(res, 0, 3));
	json_text(&probe->facts, "schemas_with_create", PROBE_VALUE(res, 0, 4));
	json_bool(&probe->facts, "database_create", is_true(PROBE_VALUE(res, 0, 1)));
	if (superuser)
	{
		begin_finding(probe, "superuser", "the account %s is a superuser of the shared database", probe->pc.user);
		end_finding(probe);
	}
	if (PROBE_VALUE(res, 0, 3) != NULL || is_true(PROBE_VALUE(res, 0, 2)))
	{
		begin_finding(probe, "write_privilege", "the account %s may write: %s", probe->pc.user,
					  PROBE_VALUE(res, 0, 3) ? PROBE_VALUE(res, 0, 3) : "every table (pg_write_all_data)");
		json_text(&probe->findings, "relations", PROBE_VALUE(res, 0, 3));
		end_finding(probe);
	}
	if (PROBE_VALUE(res, 0, 4) != NULL || is_true(PROBE_VALUE(res, 0, 1)))
	{
		begin_finding(probe, "write_privilege", "the account %s may create objects: %s", probe->pc.user,
					  PROBE_VALUE(res, 0, 4) ? psprintf("in schema %s", PROBE_VALUE(res, 0, 4)) : "schemas in the database");
		json_text(&probe->findings, "schemas", PROBE_VALUE(res, 0, 4));
		end_finding(probe);
	}
}

/* Every documented table exists and is readable; every documented column has the stated type. */
static void
check_structure(Probe *probe, List *tables)
{
	List	   *schemas = NIL;
	List	   *names = NIL;
	List	   *col_schemas = NIL;
	List	   *col_tables = NIL;
	List	   *col_names = NIL;
	const char *params[3];
	ProbeResult *res;
	ListCell   *lc;
	int			i;

	foreach(lc, tables)
	{
		SharedTable *t = lfirst(lc);
		ListCell   *cc;

		schemas = lappend(schemas, t->schema);
		names = lappend(names, t->name);
		foreach(cc, t->columns)
		{
			col_schemas = lappend(col_schemas, t->schema);
			col_tables = lappend(col_tables, t->name);
			col_names = lappend(col_names, ((SharedColumn *) lfirst(cc))->name);
		}
	}
	params[0] = text_array_literal(schemas);
	params[1] = text_array_literal(names);
	res = run(probe, "the documented tables",
			  "SELECT c.oid IS NOT NULL, COALESCE(pg_catalog.has_table_privilege(c.oid, 'SELECT'), false) "
			  "FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[])) "
			  "     WITH ORDINALITY AS s(sch, tab, i) "
			  "LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.sch "
			  "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.tab "
			  "  AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
			  "ORDER BY s.i",
			  2, params);
	if (res == NULL)
		return;
	if (!answered(res, list_length(tables), 2))
	{
		query_failed(probe, "the documented tables", res);
		return;
	}
	foreach(lc, tables)
	{
		SharedTable *t = lfirst(lc);

		i = foreach_current_index(lc);
		t->exists = is_true(PROBE_VALUE(res, i, 0));
		t->readable = is_true(PROBE_VALUE(res, i, 1));
		if (!t->exists)
		{
			begin_finding(probe, "table_missing", "table %s of the data-structure document does not exist in the shared database",
						  qualified_name(t));
			json_text(&probe->findings, "table", qualified_name(t));
			end_finding(probe);
		}
		else if (!t->readable)
		{
			begin_finding(probe, "table_unreadable", "the account %s may not read table %s", probe->pc.user,
						  qualified_name(t));
			json_text(&probe->findings, "table", qualified_name(t));
			end_finding(probe);
		}
	}

	params[0] = text_array_literal(col_schemas);
	params[1] = text_array_literal(col_tables);
	params[2] = text_array_literal(col_names);
	res = run(probe, "the documented columns",
			  "SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) "
			  "FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]), pg_catalog.unnest($2::pg_catalog.text[]), "
			  "               pg_catalog.unnest($3::pg_catalog.text[])) "
			  "     WITH ORDINALITY AS s(sch, tab, col, i) "
			  "LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = s.sch "
			  "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.tab "
			  "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = s.col "
			  "  AND a.attnum > 0 AND NOT a.attisdropped "
			  "ORDER BY s.i",
			  3, params);
	if (res == NULL)
		return;
	if (!answered(res, list_length(col_names), 1))
	{
		query_failed(probe, "the documented columns", res);
		return;
	}
	i = 0;
	foreach(lc, tables)
	{
		SharedTable *t = lfirst(lc);
		ListCell   *cc;

		foreach(cc, t->columns)
		{
			SharedColumn *c = lfirst(cc);
			char	   *actual = PROBE_VALUE(res, i, 0);

			i++;
			if (!t->exists)
				continue;
			if (actual == NULL)
			{
				begin_finding(probe, "column_missing", "column %s of table %s does not exist in the shared database",
							  quote_identifier(c->name), qualified_name(t));
				json_text(&probe->findings, "table", qualified_name(t));
				json_text(&probe->findings, "column", c->name);
				end_finding(probe);
				if (t->change_column == c->name)
					t->change_column = NULL;
				continue;
			}
			if (t->probe_column == NULL && t->change_column != c->name)
				t->probe_column = c->name;
			if (strcmp(actual, c->type) != 0)
			{
				begin_finding(probe, "column_type", "column %s of table %s is %s, the data-structure document says %s",
							  quote_identifier(c->name), qualified_name(t), actual, c->type);
				json_text(&probe->findings, "table", qualified_name(t));
				json_text(&probe->findings, "column", c->name);
				json_text(&probe->findings, "stated", c->type);
				json_text(&probe->findings, "actual", actual);
				end_finding(probe);
			}
		}
		if (t->probe_column == NULL)
			t->probe_column = t->change_column;
	}
}

/*
 * Reads each table: its row count and, where a change-timestamp column is
 * marked, the newest change and its age by this server's clock.
 */
static void
check_tables_current(Probe *probe, List *tables)
{
	ListCell   *lc;

	json_key(&probe->facts, "tables");
	pushJsonbValue(&probe->facts, WJB_BEGIN_ARRAY, NULL);
	foreach(lc, tables)
	{
		SharedTable *t = lfirst(lc);
		ProbeResult *res;
		char	   *sql;

		pushJsonbValue(&probe->facts, WJB_BEGIN_OBJECT, NULL);
		json_text(&probe->facts, "table", qualified_name(t));
		json_bool(&probe->facts, "exists", t->exists);
		if (t->exists && t->readable && !probe->lost)
		{
			if (t->change_column)
				sql = psprintf("SELECT pg_catalog.count(*), "
							   "  pg_catalog.max(%s)::pg_catalog.timestamptz::pg_catalog.text, "
							   "  pg_catalog.date_part('epoch', pg_catalog.statement_timestamp() "
							   "    OPERATOR(pg_catalog.-) pg_catalog.max(%s)::pg_catalog.timestamptz) "
							   "    OPERATOR(pg_catalog./) 3600, "
							   "  pg_catalog.date_part('epoch', pg_catalog.max(%s)::pg_catalog.timestamptz) "
							   "FROM %s",
							   quote_identifier(t->change_column), quote_identifier(t->change_column),
							   quote_identifier(t->change_column), qualified_name(t));
			else
				sql = psprintf("SELECT pg_catalog.count(*) FROM %s", qualified_name(t));
			res = run(probe, psprintf("reading %s", qualified_name(t)), sql, 0, NULL);
			if (res != NULL && answered(res, 1, t->change_column ? 4 : 1))
			{
				json_decimal(&probe->facts, "rows", PROBE_VALUE(res, 0, 0), -1);
				if (t->change_column)
				{
					double		lag_hours = -1;

					json_text(&probe->facts, "change_column", t->change_column);
					json_text(&probe->facts, "newest_change", PROBE_VALUE(res, 0, 1));
					if (PROBE_VALUE(res, 0, 3) != NULL)
					{
						/* the age by the authority's clock, not the target's */
						lag_hours = ((double) GetCurrentTimestamp() / USECS_PER_SEC +
									 (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * (double) SECS_PER_DAY -
									 strtod(PROBE_VALUE(res, 0, 3), NULL)) / 3600.0;
						json_decimal(&probe->facts, "lag_hours", psprintf("%.4f", lag_hours), 2);
					}
					if (PROBE_VALUE(res, 0, 3) == NULL || lag_hours > probe->max_lag_hours)
					{
						begin_finding(probe, "stale", "table %s is not current: its newest change (%s) is older than %g hours",
									  qualified_name(t), PROBE_VALUE(res, 0, 1) ? PROBE_VALUE(res, 0, 1) : "no rows",
									  probe->max_lag_hours);
						json_text(&probe->findings, "table", qualified_name(t));
						json_text(&probe->findings, "newest_change", PROBE_VALUE(res, 0, 1));
						end_finding(probe);
					}
				}
			}
			else if (res != NULL)
			{
				if (strcmp(res->sqlstate, "42501") == 0)
				{
					begin_finding(probe, "table_unreadable", "the account %s may not read table %s: %s",
								  probe->pc.user, qualified_name(t), res->error);
					json_text(&probe->findings, "table", qualified_name(t));
					end_finding(probe);
				}
				else
					query_failed(probe, psprintf("reading %s", qualified_name(t)), res);
			}
		}
		pushJsonbValue(&probe->facts, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(&probe->facts, WJB_END_ARRAY, NULL);
}

/*
 * Attempts each write on each table inside a transaction that is always
 * rolled back, and touching no row (WHERE false, zero rows inserted), so
 * that nothing changes on the target even where the account may write.
 * The target must refuse it: insufficient privilege, or a read-only
 * transaction.
 */
static void
check_writes_refused(Probe *probe, List *tables)
{
	ListCell   *lc;

	json_key(&probe->facts, "write_attempts");
	pushJsonbValue(&probe->facts, WJB_BEGIN_ARRAY, NULL);
	foreach(lc, tables)
	{
		SharedTable *t = lfirst(lc);
		char	   *column;
		const char *attempts[3];
		int			a;

		if (!t->exists || t->probe_column == NULL)
			continue;
		column = (char *) quote_identifier(t->probe_column);
		attempts[0] = psprintf("INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT NULL WHERE false",
							   qualified_name(t), column);
		attempts[1] = psprintf("UPDATE %s SET %s = %s WHERE false", qualified_name(t), column, column);
		attempts[2] = psprintf("DELETE FROM %s WHERE false", qualified_name(t));
		for (a = 0; a < lengthof(attempts) && !probe->lost; a++)
		{
			ProbeResult *begin = run(probe, "BEGIN", "BEGIN", 0, NULL);
			ProbeResult *res = begin && begin->ok ? run(probe, attempts[a], attempts[a], 0, NULL) : NULL;
			ProbeResult *rollback = run(probe, "ROLLBACK", "ROLLBACK", 0, NULL);
			bool		refused;

			if (begin == NULL || !begin->ok || res == NULL)
				break;
			refused = !res->ok && (strcmp(res->sqlstate, "42501") == 0 || strcmp(res->sqlstate, "25006") == 0);
			pushJsonbValue(&probe->facts, WJB_BEGIN_OBJECT, NULL);
			json_text(&probe->facts, "statement", attempts[a]);
			json_text(&probe->facts, "sqlstate", res->ok ? "00000" : res->sqlstate);
			json_bool(&probe->facts, "refused", refused);
			pushJsonbValue(&probe->facts, WJB_END_OBJECT, NULL);
			if (res->ok)
			{
				begin_finding(probe, "write_accepted", "the shared database accepted a write by the account %s: %s",
							  probe->pc.user, attempts[a]);
				json_text(&probe->findings, "table", qualified_name(t));
				end_finding(probe);
			}
			if (rollback == NULL || !rollback->ok)
				break;
		}
	}
	pushJsonbValue(&probe->facts, WJB_END_ARRAY, NULL);
}

static const char *const connect_checks[] = {
	[PROBE_CONNECTED] = NULL,
	[PROBE_LINK_INVALID] = "link_invalid",
	[PROBE_OPTION_REFUSED] = "option_refused",
	[PROBE_UNREACHABLE] = "connection",
	[PROBE_AUTHENTICATION] = "authentication",
	[PROBE_PASSWORD_NOT_USED] = "password_not_used",
	[PROBE_TIMED_OUT] = "timeout",
};

static void
require_authority(void)
{
	LgitActor	actor;

	lgit_current_actor(&actor);
	if (!actor.registered || actor.capacity != CAPACITY_AUTHORITY)
	{
		List	   *findings = NIL;
		LgitFinding *finding = lgit_finding(&findings, RULE_CAPACITY,
											"Ask the authority (区信息化主管部门) to run the probe.",
											"only the authority probes a project's shared database");

		lgit_fact(finding, "actor", actor.name);
		lgit_fact(finding, "capacity", actor.registered ? lgit_capacity_names[actor.capacity] : NULL);
		lgit_raise(findings);
	}
}

static double
policy_double(const char *key)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(lgit_policy_value(key, lgit_today(), NULL))));
}

static Datum
probe_sharing(FunctionCallInfo fcinfo)
{
	int64		project_id;
	Credential *cred;
	LgitDocument *handover;
	List	   *volatile tables = NIL;
	char	   *volatile password = NULL;
	Probe		probe;
	ProbeRecord record;
	LgitActor	actor;
	int			timeout_ms;
	JsonbValue *findings;
	JsonbValue *facts;
	int			nfindings;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("project_id must not be null")));
	project_id = PG_GETARG_INT64(0);
	require_authority();
	if (lgit_project_unit(project_id) == 0)
		lgit_report_no_such_project(project_id);
	cred = load_credential(project_id);
	if (cred == NULL)
	{
		List	   *findings = NIL;
		LgitFinding *finding = lgit_finding(&findings, RULE_DATA_SHARING,
											"The unit registers the account in lgit.data_access_credential.",
											"project " INT64_FORMAT " has no read-only account to probe", project_id);

		lgit_fact_int(finding, "project_id", project_id);
		lgit_raise(findings);
	}
	password = account_password(cred, PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1),
								PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2));
	/* between a tenth of a second and an hour, whatever the policy says */
	timeout_ms = (int) (Min(Max(policy_double("sharing_probe_timeout_seconds"), 0.1), 3600.0) * 1000);
	handover = lgit_latest_document(project_id, "data_sharing_handover");
	if (handover != NULL)
		tables = load_structure(handover->document_id);

	memset(&probe, 0, sizeof(probe));
	probe.max_lag_hours = policy_double("sharing_max_lag_hours");
	pushJsonbValue(&probe.findings, WJB_BEGIN_ARRAY, NULL);
	pushJsonbValue(&probe.facts, WJB_BEGIN_OBJECT, NULL);
	json_int(&probe.facts, "timeout_ms", timeout_ms);
	json_decimal(&probe.facts, "max_lag_hours", psprintf("%g", probe.max_lag_hours), -1);
	if (tables == NIL)
	{
		begin_finding(&probe, "no_structure", "%s",
					  handover == NULL ? "no data sharing handover is registered, so there is no data-structure document to check"
					  : "the data-structure document of the handover lists no table (lgit.shared_column)");
		end_finding(&probe);
	}

	PG_TRY();
	{
		char	   *message;
		ProbeConnectFailure failure = probe_connect(&probe.pc, cred->link, cred->account, password,
													timeout_ms, &message);

		if (failure != PROBE_CONNECTED)
		{
			begin_finding(&probe, connect_checks[failure], "%s", message);
			end_finding(&probe);
		}
		else
		{
			check_account(&probe);
			check_structure(&probe, tables);
			check_tables_current(&probe, tables);
			check_writes_refused(&probe, tables);
		}
	}
	PG_FINALLY();
	{
		probe_disconnect(&probe.pc);
		if (password != NULL)
			explicit_bzero(password, strlen(password));
	}
	PG_END_TRY();

	findings = pushJsonbValue(&probe.findings, WJB_END_ARRAY, NULL);
	facts = pushJsonbValue(&probe.facts, WJB_END_OBJECT, NULL);
	nfindings = findings->val.array.nElems;

	lgit_current_actor(&actor);
	memset(&record, 0, sizeof(record));
	record.project_id = project_id;
	record.credential_id = cred->credential_id;
	record.document_id = handover ? handover->document_id : 0;
	record.probed_by = actor.name;
	record.host = probe.pc.host;
	record.port = probe.pc.port;
	record.dbname = probe.pc.dbname;
	record.user = cred->account;
	record.passed = nfindings == 0;
	record.findings = JsonbPGetDatum(JsonbValueToJsonb(findings));
	record.facts = JsonbPGetDatum(JsonbValueToJsonb(facts));
	return lgit_record_probe(&record);
}

/*
 * lgit.probe_sharing(project_id, password, key).  The statement that calls it
 * may carry the password or the key as literals, so an error leaving it is
 * logged without the statement (log_min_error_statement); log_statement and
 * auto_explain still log it, which is why callers bind them as parameters.
 */
PG_FUNCTION_INFO_V1(lgit_probe_sharing);
Datum
lgit_probe_sharing(PG_FUNCTION_ARGS)
{
	volatile Datum result = (Datum) 0;

	PG_TRY();
	{
		result = probe_sharing(fcinfo);
	}
	PG_CATCH();
	{
		errhidestmt(true);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return result;
}
