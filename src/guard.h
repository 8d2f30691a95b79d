/*
 * guard.h
 *		The registry guard (guard.c) and the rules particular to one table
 *		(guard_rules.c).
 */
#ifndef LGIT_GUARD_H
#define LGIT_GUARD_H

#include "lgit.h"
#include "utils/relcache.h"

/* A column stating the act of a particular body (lgit.registry_column). */
typedef struct GuardColumn
{
	const char *name;
	AttrNumber	attno;
	uint8		writers;		/* capacity bits */
	bool		after_freeze;
	int			frozen_from;	/* LgitStage the column freezes at, or STAGE_NONE */
	const char *article;
} GuardColumn;

/* A registry as lgit.registry describes it. */
typedef struct GuardRegistry
{
	const char *relname;
	AttrNumber	owner_attno;
	char		owner_kind;		/* 'p'roject_id, 'c'ontract_id, 'u'nit_id */
	uint8		writers;
	bool		writers_by_kind;
	bool		append_only;
	int			frozen_from;	/* LgitStage, or STAGE_NONE */
	bool		frozen_when_relied_on;
	bool		frozen_when_filed;
	int			ncolumns;
	GuardColumn *columns;
} GuardRegistry;

/* Whom a row belongs to. */
typedef struct GuardOwner
{
	bool		found;
	bool		missing;		/* no owner given: NOT NULL reports it */
	int64		project_id;		/* 0 for rows owned by a unit directly */
	int32		unit_id;
	int64		contract_id;	/* 0 when the row has none */
} GuardOwner;

/* Who may write one row. */
typedef struct GuardRowWriters
{
	uint8		capacities;
	bool		by_other_department;	/* Art 34: a unit other than the project's */
	char	   *kind_name;		/* the document kind, when writers follow it */
	char	   *names;			/* the writers as the kind lists them, for hints */
} GuardRowWriters;

typedef enum GuardOperation
{
	GUARD_INSERT,
	GUARD_UPDATE,
	GUARD_DELETE
} GuardOperation;

typedef enum GuardFrozen
{
	FROZEN_NOT,
	FROZEN_RELIED_ON,
	FROZEN_FILED,
	FROZEN_STAGE
} GuardFrozen;

/* One row written, as the guard sees it. */
typedef struct GuardWrite
{
	const GuardRegistry *reg;
	Relation	rel;
	GuardOperation operation;
	HeapTuple	old;			/* NULL on INSERT */
	HeapTuple	new;			/* NULL on DELETE */
	const GuardOwner *old_owner;
	const GuardOwner *new_owner;
	const LgitActor *actor;
} GuardWrite;

extern Datum lgit_guard_row(FunctionCallInfo fcinfo);
extern bool lgit_guard_same_value(HeapTuple a, HeapTuple b, TupleDesc desc, int attno);
extern void lgit_require_visible_references(Relation rel, HeapTuple old, HeapTuple new,
											AttrNumber skip_attno);

/* guard_rules.c */
extern HeapTuple lgit_guard_keep_own_columns(const GuardWrite *write);
extern void lgit_guard_row_writers(const GuardWrite *write, HeapTuple row, GuardRowWriters *writers);
extern void lgit_guard_table_rules(const GuardWrite *write);

#endif							/* LGIT_GUARD_H */
