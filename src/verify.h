/*
 * verify.h
 *		What lgit.verify() replays: every project with its history, one line
 *		per history row (or one line for a project without history, or history
 *		without a project), ordered by project and seq.
 */
#ifndef LGIT_VERIFY_H
#define LGIT_VERIFY_H

/* The columns of a line, as the replay query selects them. */
typedef enum VerifyColumn
{
	COL_PROJECT_ID,
	COL_PROJECT_STAGE,
	COL_PROJECT_EXISTS,
	COL_HISTORY_ID,
	COL_SEQ,
	COL_FROM,
	COL_TO,
	COL_ACTOR,
	COL_CAPACITY,
	COL_ACTOR_UNIT,
	COL_PROJECT_UNIT,
	COL_CHANGED_AT,
	COL_REASON,
	COL_EVIDENCE,
	COL_PREV_HASH,
	COL_ROW_HASH,
	COL_HASH_VERSION,
	COL_KIND,
	COL_JUDGED,					/* jsonb in the query, text in a line */
	COL_EVIDENCE_HASH,
	COL_HEAD_SEQ,
	COL_HEAD_HASH,
	VERIFY_COLUMNS
} VerifyColumn;

typedef struct VerifyLine
{
	Datum		values[VERIFY_COLUMNS];
	bool		nulls[VERIFY_COLUMNS];
} VerifyLine;

typedef struct VerifyReader VerifyReader;

/* heads_kept: the schema is 0.2.0's (sealed columns, heads); else 0.1.0's */
extern VerifyReader *verify_reader_open(bool heads_kept);
/* the next line, valid until the next call; false at the end */
extern bool verify_reader_next(VerifyReader *reader, VerifyLine *line);
extern void verify_reader_close(VerifyReader *reader);

#endif							/* LGIT_VERIFY_H */
