/*
 * probe_connection.h
 *		A libpq client inside the backend, for the data-sharing probe
 *		(probe_connection.c): connect with a screened link, run a query, close.
 */
#ifndef LGIT_PROBE_CONNECTION_H
#define LGIT_PROBE_CONNECTION_H

#include "postgres.h"

#include "libpq-fe.h"

/* One connection to a shared database, and how long it waits for each step. */
typedef struct ProbeConnection
{
	PGconn	   *conn;
	bool		fd_acquired;
	int			timeout_ms;		/* per connect and per query */
	char	   *host;			/* what was probed, for the record */
	char	   *port;
	char	   *dbname;
	char	   *user;
} ProbeConnection;

/* Why a connection was not made; the message says more. */
typedef enum ProbeConnectFailure
{
	PROBE_CONNECTED,
	PROBE_LINK_INVALID,			/* the link does not parse */
	PROBE_OPTION_REFUSED,		/* it names an option a server-side client must not use */
	PROBE_UNREACHABLE,			/* no connection */
	PROBE_AUTHENTICATION,		/* the server asked for the password and refused it */
	PROBE_PASSWORD_NOT_USED,	/* connected without the password (trust, peer, ...) */
	PROBE_TIMED_OUT
} ProbeConnectFailure;

/* The result of one query: rows as text, or the error the target gave. */
typedef struct ProbeResult
{
	bool		ok;
	bool		timed_out;
	char		sqlstate[6];
	char	   *error;
	int			nrows;
	int			ncols;
	char	  **values;			/* nrows * ncols, NULL for SQL NULL */
} ProbeResult;

extern ProbeConnectFailure probe_connect(ProbeConnection *pc, const char *link, const char *account,
										 const char *password, int timeout_ms, char **message);
extern ProbeResult *probe_query(ProbeConnection *pc, const char *sql, int nparams, const char *const *params);
extern void probe_disconnect(ProbeConnection *pc);

#define PROBE_VALUE(res, row, col) ((res)->values[(row) * (res)->ncols + (col)])

#endif							/* LGIT_PROBE_CONNECTION_H */
