/*
 * probe.h
 *		The data-sharing probe (Art 29, 47): a libpq client inside the backend
 *		(probe_connection.c), the checks it runs and the record it writes
 *		(probe.c), and what the gates and the O&M rule read from that record
 *		(probe_evidence.c).
 */
#ifndef LGIT_PROBE_H
#define LGIT_PROBE_H

#include "postgres.h"

#include "libpq-fe.h"
#include "nodes/pg_list.h"
#include "utils/date.h"

/* One connection to a shared database, with the deadline of what it is doing now. */
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

/* What one run of the probe found, for lgit.sharing_probe. */
typedef struct ProbeRecord
{
	int64		project_id;
	int64		credential_id;
	int64		document_id;	/* 0 when no handover is registered */
	const char *probed_by;
	const char *host;
	const char *port;
	const char *dbname;
	const char *user;
	bool		passed;
	Datum		findings;		/* jsonb array */
	Datum		facts;			/* jsonb object */
} ProbeRecord;

/* probe_evidence.c: the record, and what the gates read from it */
extern Datum lgit_record_probe(const ProbeRecord *record);
extern char *lgit_sharing_problem_on(int64 project_id, DateADT on);

#endif							/* LGIT_PROBE_H */
