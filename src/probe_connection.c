/*
 * probe_connection.c
 *		A libpq client inside the backend, safe against the database it
 *		connects to (Art 29: the authority checks the shared database itself).
 *
 * The link comes from the unit, so it is screened before use: only options
 * that name where to connect are taken, and nothing may make libpq read a
 * file of this server (a password file, a client certificate or key, a
 * service file) or use this server's identity instead of the handed-over
 * password - files libpq would read by default are pointed at a path that
 * does not exist, and a connection that did not use the password is
 * refused (as dblink refuses it to non-superusers).  Every wait is on the
 * socket and this backend's latch, with a deadline: a target that never
 * answers cannot hang the backend, and the caller's cancel and
 * statement_timeout still work.  The connection holds an external file
 * descriptor of fd.c's budget until probe_disconnect().
 */
#include "postgres.h"

#include "miscadmin.h"
#include "pgstat.h"
#include "storage/fd.h"
#include "storage/latch.h"
#include "utils/builtins.h"

#include "lgit.h"
#include "probe_connection.h"

/* What the target says that the probe keeps: enough to read, never a flood. */
#define MAX_MESSAGE 1000

/* The target's notices go nowhere: libpq would write them to this server's log. */
static void
ignore_notice(void *arg, const char *message)
{
}

/* A message from libpq or the target, trimmed and bounded. */
static char *
target_message(const char *message)
{
	return pchomp(pnstrdup(message, MAX_MESSAGE));
}

/* Where libpq is sent for files it must not read: a path that cannot exist. */
#define NO_FILE "/nonexistent/lgit-probe-reads-no-server-file"

/* Options of the handed-over link that only say where and how to connect. */
static const char *const link_options[] = {
	"host", "hostaddr", "port", "dbname", "user", "sslmode", "application_name",
	"target_session_attrs", "channel_binding", "keepalives", "keepalives_idle",
	"keepalives_interval", "keepalives_count", "tcp_user_timeout", "connect_timeout",
	NULL
};

static bool
is_link_option(const char *keyword)
{
	const char *const *k;

	for (k = link_options; *k != NULL; k++)
		if (strcmp(*k, keyword) == 0)
			return true;
	return false;
}

static bool
has_value(const PQconninfoOption *opt)
{
	return opt->val != NULL && opt->val[0] != '\0';
}

/*
 * Milliseconds left until the deadline; 0 when it has passed.
 */
static long
remaining_ms(TimestampTz deadline)
{
	long		secs;
	int			usecs;

	if (GetCurrentTimestamp() >= deadline)
		return 0;
	TimestampDifference(GetCurrentTimestamp(), deadline, &secs, &usecs);
	return secs * 1000 + usecs / 1000 + 1;
}

/*
 * Waits until the socket is ready for events or the deadline passes; serves
 * interrupts meanwhile.  Returns the WaitLatchOrSocket() flags, 0 on timeout.
 */
static int
wait_for_socket(PGconn *conn, int events, TimestampTz deadline)
{
	for (;;)
	{
		long		timeout = remaining_ms(deadline);
		int			rc;

		if (timeout <= 0)
			return 0;
		rc = WaitLatchOrSocket(MyLatch, WL_EXIT_ON_PM_DEATH | WL_LATCH_SET | WL_TIMEOUT | events,
							   PQsocket(conn), timeout, PG_WAIT_EXTENSION);
		if (rc & WL_LATCH_SET)
		{
			ResetLatch(MyLatch);
			CHECK_FOR_INTERRUPTS();
		}
		if (rc & events)
			return rc & events;
	}
}

/*
 * Screens the link: returns NULL and fills the keyword/value arrays (ending
 * in NULL) when it may be used, else why not.
 */
static char *
screen_link(PQconninfoOption *options, const char *account, const char **keywords,
			const char **values, int *n)
{
	List	   *refused = NIL;
	bool		has_host = false;
	PQconninfoOption *opt;

	for (opt = options; opt->keyword != NULL; opt++)
	{
		if (!has_value(opt))
			continue;
		if (!is_link_option(opt->keyword))
			refused = lappend(refused, psprintf("%s", opt->keyword));
		else if (strcmp(opt->keyword, "user") == 0 && strcmp(opt->val, account) != 0)
			return psprintf("the link names the user \"%s\" but the account handed over is \"%s\"",
							opt->val, account);
		else if (strcmp(opt->keyword, "sslmode") == 0 && strncmp(opt->val, "verify-", 7) == 0)
			refused = lappend(refused, psprintf("sslmode=%s (reads this server's root certificates)", opt->val));
		else if (strcmp(opt->keyword, "connect_timeout") != 0 && strcmp(opt->keyword, "user") != 0)
		{
			keywords[*n] = opt->keyword;
			values[*n] = opt->val;
			(*n)++;
		}
		if (strcmp(opt->keyword, "host") == 0 || strcmp(opt->keyword, "hostaddr") == 0)
			has_host = true;
	}
	if (refused != NIL)
		return psprintf("the link sets options a server-side client must not use: %s",
						lgit_join(refused, ", "));
	if (!has_host)
		return pstrdup("the link names no host: this server's own socket and environment would be used");
	return NULL;
}

/*
 * Connects with the handed-over link, account and password.  On anything
 * but PROBE_CONNECTED, *message says what happened (never the password) and
 * the caller still calls probe_disconnect().
 */
ProbeConnectFailure
probe_connect(ProbeConnection *pc, const char *link, const char *account, const char *password,
			  int timeout_ms, char **message)
{
	PQconninfoOption *options;
	char	   *parse_error = NULL;
	const char *keywords[64];
	const char *values[64];
	int			n = 0;
	TimestampTz deadline;
	PostgresPollingStatusType status;
	char	   *refusal;

	memset(pc, 0, sizeof(*pc));
	pc->timeout_ms = timeout_ms;
	pc->user = pstrdup(account);

	options = PQconninfoParse(link, &parse_error);
	if (options == NULL)
	{
		*message = parse_error ? pchomp(parse_error) : pstrdup("out of memory");
		if (parse_error)
			PQfreemem(parse_error);
		return PROBE_LINK_INVALID;
	}
	refusal = screen_link(options, account, keywords, values, &n);
	for (PQconninfoOption *opt = options; opt->keyword != NULL; opt++)
	{
		if (!has_value(opt))
			continue;
		if (strcmp(opt->keyword, "host") == 0)
			pc->host = pstrdup(opt->val);
		else if (strcmp(opt->keyword, "hostaddr") == 0 && pc->host == NULL)
			pc->host = pstrdup(opt->val);
		else if (strcmp(opt->keyword, "port") == 0)
			pc->port = pstrdup(opt->val);
		else if (strcmp(opt->keyword, "dbname") == 0)
			pc->dbname = pstrdup(opt->val);
	}
	/* keywords and values point into options until the connection starts */
	if (refusal != NULL)
	{
		PQconninfoFree(options);
		*message = refusal;
		return PROBE_OPTION_REFUSED;
	}

	keywords[n] = "user";
	values[n++] = account;
	keywords[n] = "password";
	values[n++] = password;
	keywords[n] = "connect_timeout";
	values[n++] = psprintf("%d", Max(2, (timeout_ms + 999) / 1000));
	/* the target's own limits, set at startup so that role settings cannot lift them */
	keywords[n] = "options";
	values[n++] = psprintf("-c statement_timeout=%d -c lock_timeout=%d -c idle_in_transaction_session_timeout=%d "
						   "-c search_path=pg_catalog -c DateStyle=ISO -c TimeZone=UTC",
						   timeout_ms, timeout_ms, 2 * timeout_ms);
	keywords[n] = "client_encoding";
	values[n++] = "UTF8";
	keywords[n] = "gssencmode";
	values[n++] = "disable";
	keywords[n] = "passfile";
	values[n++] = NO_FILE;
	keywords[n] = "sslcert";
	values[n++] = NO_FILE;
	keywords[n] = "sslkey";
	values[n++] = NO_FILE;
	keywords[n] = "sslrootcert";
	values[n++] = NO_FILE;
	keywords[n] = "sslcrl";
	values[n++] = NO_FILE;
	keywords[n] = "sslcrldir";
	values[n++] = NO_FILE;
	keywords[n] = NULL;
	values[n] = NULL;
	Assert(n < lengthof(keywords));

	if (!AcquireExternalFD())
	{
		PQconninfoFree(options);
		ereport(ERROR,
				(errcode(ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION),
				 errmsg("could not open a connection for the data-sharing probe"),
				 errdetail("There are too many open files on this server."),
				 errhint("Raise max_files_per_process, or probe again later.")));
	}
	pc->fd_acquired = true;
	pc->conn = PQconnectStartParams(keywords, values, 0);
	PQconninfoFree(options);
	if (pc->conn == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	PQsetNoticeProcessor(pc->conn, ignore_notice, NULL);

	deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), timeout_ms);
	status = PQstatus(pc->conn) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
	while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
	{
		int			events = status == PGRES_POLLING_READING ? WL_SOCKET_READABLE : WL_SOCKET_WRITEABLE;

		if (wait_for_socket(pc->conn, events, deadline) == 0)
		{
			*message = psprintf("no connection within %d ms", timeout_ms);
			return PROBE_TIMED_OUT;
		}
		status = PQconnectPoll(pc->conn);
	}
	if (status == PGRES_POLLING_FAILED)
	{
		*message = target_message(PQerrorMessage(pc->conn));
		return PQconnectionUsedPassword(pc->conn) ? PROBE_AUTHENTICATION : PROBE_UNREACHABLE;
	}
	pc->host = pstrdup(PQhost(pc->conn));
	pc->port = pstrdup(PQport(pc->conn));
	pc->dbname = pstrdup(PQdb(pc->conn));
	if (!PQconnectionUsedPassword(pc->conn))
	{
		*message = pstrdup("the shared database let the account in without its password (trust, peer or another method that proves nothing about the handover)");
		return PROBE_PASSWORD_NOT_USED;
	}
	if (PQsetnonblocking(pc->conn, 1) != 0)
	{
		*message = target_message(PQerrorMessage(pc->conn));
		return PROBE_UNREACHABLE;
	}
	*message = NULL;
	return PROBE_CONNECTED;
}

/* Copies a result's rows, or its error, into palloc'd memory. */
static void
take_result(ProbeResult *out, PGresult *res)
{
	ExecStatusType status = PQresultStatus(res);

	if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
	{
		int			r;
		int			c;

		out->ok = true;
		out->error = NULL;
		out->sqlstate[0] = '\0';
		out->nrows = PQntuples(res);
		out->ncols = PQnfields(res);
		out->values = palloc0(sizeof(char *) * Max(1, out->nrows * out->ncols));
		for (r = 0; r < out->nrows; r++)
			for (c = 0; c < out->ncols; c++)
				if (!PQgetisnull(res, r, c))
					PROBE_VALUE(out, r, c) = pstrdup(PQgetvalue(res, r, c));
	}
	else
	{
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

		out->ok = false;
		strlcpy(out->sqlstate, state ? state : "", sizeof(out->sqlstate));
		out->error = target_message(primary ? primary : PQresultErrorMessage(res));
	}
}

/*
 * Runs one query with text parameters and waits for its result at most the
 * connection's timeout (plus a second, so that the target's own
 * statement_timeout normally answers first).  After a timeout the
 * connection is unusable.
 */
ProbeResult *
probe_query(ProbeConnection *pc, const char *sql, int nparams, const char *const *params)
{
	ProbeResult *out = palloc0(sizeof(ProbeResult));
	TimestampTz deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), pc->timeout_ms + 1000);
	PGresult   *volatile res = NULL;
	int			flushed;

	if (!PQsendQueryParams(pc->conn, sql, nparams, NULL, params, NULL, NULL, 0))
	{
		out->error = target_message(PQerrorMessage(pc->conn));
		return out;
	}
	while ((flushed = PQflush(pc->conn)) == 1)
	{
		int			ready = wait_for_socket(pc->conn, WL_SOCKET_READABLE | WL_SOCKET_WRITEABLE, deadline);

		if (ready == 0)
		{
			out->timed_out = true;
			out->error = psprintf("no answer within %d ms", pc->timeout_ms);
			return out;
		}
		if ((ready & WL_SOCKET_READABLE) && !PQconsumeInput(pc->conn))
			break;
	}
	if (flushed != 0)
	{
		out->error = target_message(PQerrorMessage(pc->conn));
		return out;
	}
	PG_TRY();
	{
		for (;;)
		{
			PGresult   *next;

			while (PQisBusy(pc->conn))
			{
				if (wait_for_socket(pc->conn, WL_SOCKET_READABLE, deadline) == 0)
				{
					out->timed_out = true;
					out->error = psprintf("no answer within %d ms", pc->timeout_ms);
					break;
				}
				if (!PQconsumeInput(pc->conn))
					break;
			}
			if (out->timed_out)
				break;
			next = PQgetResult(pc->conn);
			if (next == NULL)
				break;
			if (res != NULL)
				PQclear(res);
			res = next;
			if (PQstatus(pc->conn) == CONNECTION_BAD)
				break;
		}
		if (!out->timed_out)
		{
			if (res != NULL)
				take_result(out, res);
			else
				out->error = target_message(PQerrorMessage(pc->conn));
		}
	}
	PG_FINALLY();
	{
		if (res != NULL)
			PQclear(res);
	}
	PG_END_TRY();
	return out;
}

/* Closes the connection and gives its file descriptor back; safe to call twice. */
void
probe_disconnect(ProbeConnection *pc)
{
	if (pc->conn != NULL)
		PQfinish(pc->conn);
	pc->conn = NULL;
	if (pc->fd_acquired)
		ReleaseExternalFD();
	pc->fd_acquired = false;
}
