/*
 * probe.h
 *		The data-sharing probe (Art 29, 47) as evidence: the record a run
 *		writes, and what the gates and the O&M rule read from it
 *		(probe_evidence.c).  The client itself is probe_connection.h.
 */
#ifndef LGIT_PROBE_H
#define LGIT_PROBE_H

#include "postgres.h"

#include "utils/date.h"

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
