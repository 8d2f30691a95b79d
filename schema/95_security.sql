-- Nobody goes around it (doc/lgit.md §8): row-level security, the privileges every relation and
-- function of the schema gets, how lgit behaves when PostgreSQL applies rows it did not judge
-- itself (pg_restore, logical replication), and what pg_dump keeps.  This file sorts after
-- every other schema file, so its loops over the catalog cover every table, view and
-- function the install script created, whichever file created it.

-- Identity inside the policies.  lgit.current_actor() is the person acting (lgit.actor when
-- asserted by a member of lgit_app, else session_user) with the unit and capacity the
-- registry gives them; each sub-select below is evaluated once per query.  A unit-capacity
-- person sees the rows of their own unit; authority, drc, finance, leader, audit and expert
-- see every row, and so does a member of lgit_reader naming nobody (lgit.sees_all_units()
-- and lgit.scoped_unit(), 83_unit_visibility.sql and 84_scope.sql); a person missing from the
-- registry sees nothing.  Policies are stored parsed, with the OIDs of the functions and
-- operators they use: the caller's search_path plays no part in them.
--
-- Which rows belong to a unit is read from the foreign keys: lgit.project by its unit_id;
-- every table with a foreign key to lgit.project (documents, history, contracts, O&M money,
-- results ...) through its project, whose policy applies inside the sub-select; tables
-- hanging off those (payments, payment schedules, change orders through their contract)
-- through their parent; tables with a foreign key to lgit.unit (special plans, sanctions)
-- by that unit.  The directories (lgit.unit, lgit.actor) and the catalogs are read by every
-- role of lgit.  The owner of the schema is not subject to row-level security (it is not
-- forced): lgit's own reads and writes run as the owner, so gates and history see all rows.
DO $$
DECLARE
  sees_all constant text := '(SELECT lgit.sees_all_units())';
  own_unit constant text := '(SELECT lgit.scoped_unit())';
  -- the registry of units and people is everybody's (the catalogs hang off neither table)
  unscoped constant regclass[] := ARRAY['lgit.unit', 'lgit.actor']::regclass[];
  scoped regclass[] := ARRAY['lgit.project']::regclass[];
  found_one boolean := true;
  r record;
  visible text;
BEGIN
  ALTER TABLE lgit.project ENABLE ROW LEVEL SECURITY;
  visible := format('%s OR unit_id = %s', sees_all, own_unit);
  EXECUTE format('CREATE POLICY unit_scope ON lgit.project USING (%s) WITH CHECK (%s)', visible, visible);

  -- Tables with a foreign key to a table already scoped, nearest to lgit.project first, until
  -- none is left; then those with a foreign key to lgit.unit.
  WHILE found_one LOOP
    found_one := false;
    FOR r IN
      SELECT DISTINCT ON (c.conrelid) c.conrelid::regclass AS tbl, a.attname AS col,
             c.confrelid::regclass AS parent, pa.attname AS parent_col
      FROM pg_catalog.pg_constraint c
      JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_catalog.pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
        AND t.relnamespace = 'lgit'::regnamespace AND t.relkind = 'r'
        AND c.confrelid = ANY (scoped) AND NOT c.conrelid = ANY (scoped)
        AND NOT c.conrelid = ANY (unscoped)
      ORDER BY c.conrelid, c.confrelid <> 'lgit.project'::regclass, NOT a.attnotnull, c.conname
    LOOP
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r.tbl);
      visible := format('%s OR %I IN (SELECT %I FROM %s)', sees_all, r.col, r.parent_col, r.parent);
      EXECUTE format('CREATE POLICY unit_scope ON %s USING (%s) WITH CHECK (%s)', r.tbl, visible, visible);
      scoped := scoped || r.tbl;
      found_one := true;
    END LOOP;
    IF NOT found_one THEN
      FOR r IN
        SELECT DISTINCT ON (c.conrelid) c.conrelid::regclass AS tbl, a.attname AS col
        FROM pg_catalog.pg_constraint c
        JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND t.relnamespace = 'lgit'::regnamespace AND t.relkind = 'r'
          AND c.confrelid = 'lgit.unit'::regclass
          AND NOT c.conrelid = ANY (scoped) AND NOT c.conrelid = ANY (unscoped)
        ORDER BY c.conrelid, NOT a.attnotnull, c.conname
      LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', r.tbl);
        visible := format('%s OR %I = %s', sees_all, r.col, own_unit);
        EXECUTE format('CREATE POLICY unit_scope ON %s USING (%s) WITH CHECK (%s)', r.tbl, visible, visible);
        scoped := scoped || r.tbl;
        found_one := true;
      END LOOP;
    END IF;
  END LOOP;
END
$$;

-- Everyone reads the working-day calendar.  Nobody writes it directly (no grant, and the guard
-- trigger refuses even the owner): the authority loads a year whole with
-- lgit.load_calendar_year(), which writes as the owner, and a loaded year is immutable.
ALTER TABLE lgit.calendar_year ENABLE ROW LEVEL SECURITY;
ALTER TABLE lgit.calendar_day ENABLE ROW LEVEL SECURITY;
CREATE POLICY calendar_read ON lgit.calendar_year FOR SELECT USING (true);
CREATE POLICY calendar_read ON lgit.calendar_day FOR SELECT USING (true);

-- Views run with the privileges and policies of whoever reads them, so a unit reading
-- lgit.violations or lgit.overdue sees its own projects only.
DO $$
DECLARE
  v regclass;
BEGIN
  FOR v IN SELECT c.oid FROM pg_catalog.pg_class c
           WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'v' LOOP
    EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', v);
  END LOOP;
END
$$;

-- Privileges on everything the schema holds.  PUBLIC gets nothing: no use of the schema, no
-- table, sequence or function, with four exceptions: lgit.current_actor(), which tells the
-- caller who lgit believes they are, lgit.is_reporting_tool(), lgit.sees_all_units() and
-- lgit.scoped_unit(), whether they read as a reporting tool, see every unit or one unit's rows;
-- they tell nothing else, and every row-level security policy calls them with the
-- privileges of whoever queries the table.  Every role of lgit reads
-- every table and view (row-level security decides which rows) and calls the functions that
-- read; 90_privileges.sql grants the writes and lgit.advance().  Trigger functions are granted
-- to nobody: a trigger fires without it.
REVOKE ALL ON ALL TABLES IN SCHEMA lgit FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA lgit FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA lgit FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.current_actor(), lgit.is_reporting_tool(), lgit.sees_all_units(),
  lgit.scoped_unit() TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA lgit
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
-- Art 29: the read-only accounts delivered to the authority (connections, where the secrets
-- are kept) are for the capacities that work with them, not for reporting tools.
REVOKE SELECT ON lgit.data_access_credential FROM lgit_reader;
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid FROM pg_catalog.pg_proc p
           WHERE p.pronamespace = 'lgit'::regnamespace
             AND p.prorettype <> 'pg_catalog.trigger'::regtype
             AND p.oid <> ALL (ARRAY['lgit.advance(bigint, lgit.stage, text)',
                                     'lgit.reapprove(bigint, jsonb, text, text)']::regprocedure[]) LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, '
                   'lgit_leader, lgit_audit, lgit_expert, lgit_reader', f);
  END LOOP;
END
$$;

-- Functions written in SQL or PL/pgSQL resolve their operators and functions when they run;
-- pinned to pg_catalog, a look-alike the caller put earlier in search_path is never used
-- (C functions pin their own path, src/spi_plan.c).  A SQL function whose body is stored
-- parsed (RETURN ...) resolved every name when it was created, like a policy, and is left
-- unpinned so that it can be inlined.  No function of lgit is SECURITY DEFINER.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid FROM pg_catalog.pg_proc p
           JOIN pg_catalog.pg_language l ON l.oid = p.prolang
           WHERE p.pronamespace = 'lgit'::regnamespace AND l.lanname <> 'c'
             AND p.prosqlbody IS NULL
             AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS s WHERE s LIKE 'search\_path=%') LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, pg_temp', f);
  END LOOP;
END
$$;

-- session_replication_role = replica (superuser only: pg_restore of a dump, the apply worker
-- of a logical-replication subscriber) makes PostgreSQL apply rows without firing ordinary
-- triggers.  lgit's checks are ordinary triggers on purpose: those rows were judged where they
-- were first written, and judging them again would refuse history itself (only lgit writes
-- it) and write a second creation row for every restored project.  What a superuser brings in
-- that way is replayed by lgit.verify() and lgit.check_project().  Two kinds of trigger do
-- fire then.  The cache invalidations, so that no backend of a restored or subscribing
-- database keeps a stale stage graph, policy, registry, calendar or list of required document
-- parts: the statement triggers always (a restore's COPY, a subscriber's first copy of a table,
-- TRUNCATE), and a row trigger for each in replica mode only, because a subscriber applies the
-- changes that follow row by row and fires no statement trigger for them.  And
-- policy_supersede, below.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT t.tgrelid::regclass AS tbl, t.tgname
           FROM pg_catalog.pg_trigger t
           JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
           WHERE c.relnamespace = 'lgit'::regnamespace
             AND t.tgfoid = 'lgit.invalidate_cache()'::regprocedure
           ORDER BY c.relname, t.tgname LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I', r.tbl, r.tgname);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION lgit.invalidate_cache()', r.tgname || '_applied', r.tbl);
    EXECUTE format('ALTER TABLE %s ENABLE REPLICA TRIGGER %I', r.tbl, r.tgname || '_applied');
  END LOOP;
END
$$;

-- A subscriber receives the calendar rows added after install only (the shipped ones it has),
-- so a publication filters on seeded; a filtered table must log every column of a changed row.
ALTER TABLE lgit.calendar_year REPLICA IDENTITY FULL;
ALTER TABLE lgit.calendar_day REPLICA IDENTITY FULL;

-- pg_dump keeps the rows of an extension's tables only where the extension marks them.
-- Everything users write is kept whole: units, people, plans, sanctions, projects, evidence,
-- history, contracts and what hangs off them, and every table a later file adds.  The
-- catalogs CREATE EXTENSION itself fills (articles, rules, policy keys, the stage graph,
-- document kinds and parts, the registries' descriptions) are not: they belong to the extension's version and change with
-- ALTER EXTENSION UPDATE; a restore gets them from CREATE EXTENSION, so none is duplicated.
-- Policy is dumped whole (see policy_supersede below); the calendar keeps only the rows added
-- after install (45_calendar.sql).
DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN SELECT c.oid FROM pg_catalog.pg_class c
           JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                       AND d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
           JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'lgit'
           WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind = 'r'
             AND c.oid <> ALL (ARRAY['lgit.article', 'lgit.rule', 'lgit.policy_key', 'lgit.stage_info',
                                     'lgit.stage_edge', 'lgit.document_kind', 'lgit.document_part',
                                     'lgit.registry', 'lgit.registry_column']::regclass[])
             -- the kept findings and assessment figures are derived: a restore judges and counts
             -- every project live until refreshed
             AND c.oid <> ALL (ARRAY['lgit.finding', 'lgit.finding_state', 'lgit.finding_dirty',
                                     'lgit.assessment_state', 'lgit.assessment_fact']::regclass[])
             AND c.oid <> ALL (coalesce(e.extconfig, '{}'))
           ORDER BY c.relname LOOP
    PERFORM pg_catalog.pg_extension_config_dump(t, '');
  END LOOP;
  -- ... with the identity sequences of those tables, so that restored ids are not handed out
  -- again.
  FOR t IN SELECT s.objid FROM pg_catalog.pg_depend s
           JOIN pg_catalog.pg_class c ON c.oid = s.objid AND c.relkind = 'S'
           JOIN pg_catalog.pg_extension e ON e.extname = 'lgit'
           WHERE s.classid = 'pg_catalog.pg_class'::regclass AND s.refclassid = 'pg_catalog.pg_class'::regclass
             AND s.deptype IN ('i', 'a') AND s.refobjid = ANY (e.extconfig)
           ORDER BY c.relname LOOP
    PERFORM pg_catalog.pg_extension_config_dump(t, '');
  END LOOP;
END
$$;

-- Policy is the one catalog the owner changes in place (a value's range is closed at the date
-- a new value takes over), so all of it is dumped.  CREATE EXTENSION on the restoring side
-- has already put in the shipped values; each dumped row, arriving in replica mode, replaces
-- the rows of its key whose dates it overlaps, so the owner's changes win and nothing is
-- doubled.  The same holds for a subscriber that receives lgit.policy.
CREATE FUNCTION lgit.policy_supersede() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_policy_supersede';
COMMENT ON FUNCTION lgit.policy_supersede() IS
  'Trigger on lgit.policy, fired only in replica mode (pg_restore, logical replication): a policy row arriving from a dump or a publisher replaces the rows of the same key whose dates it overlaps (the shipped values CREATE EXTENSION put in). Enforces nothing.';
CREATE TRIGGER policy_supersede BEFORE INSERT ON lgit.policy
  FOR EACH ROW EXECUTE FUNCTION lgit.policy_supersede();
ALTER TABLE lgit.policy ENABLE REPLICA TRIGGER policy_supersede;
REVOKE ALL ON FUNCTION lgit.policy_supersede() FROM PUBLIC;
