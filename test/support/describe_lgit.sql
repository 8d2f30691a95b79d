-- One line per property of every object of the lgit extension, in a form that does not depend
-- on OIDs or on the order objects were created in, so that two databases can be compared with
-- diff: a fresh CREATE EXTENSION and one reached by ALTER EXTENSION UPDATE must print the same
-- lines (test/upgrade.sh).  Columns are numbered by their position among live columns, as a
-- client sees them.  Access lists are sorted: REVOKE and GRANT reorder their entries.
SELECT line FROM (
  -- what belongs to the extension, and which of its tables pg_dump keeps
  SELECT 'member ' || pg_describe_object(d.classid, d.objid, d.objsubid) AS line
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'lgit'
  UNION ALL
  SELECT format('dumped %s %s', x.rel::regclass, nullif(x.cond, ''))
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(rel, cond)
  WHERE e.extname = 'lgit'
  UNION ALL
  SELECT format('schema lgit acl %s', (SELECT array_agg(x ORDER BY x::text) FROM unnest(n.nspacl) x))
  FROM pg_namespace n WHERE n.nspname = 'lgit'
  UNION ALL
  -- relations: kind, security, replica identity, options, privileges
  SELECT format('relation %s kind %s rls %s/%s replident %s options %s acl %s',
                c.oid::regclass, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
                c.reloptions, (SELECT array_agg(x ORDER BY x::text) FROM unnest(c.relacl) x))
  FROM pg_class c WHERE c.relnamespace = 'lgit'::regnamespace
  UNION ALL
  -- columns (of tables, views and composite types)
  SELECT format('column %s #%s %s %s%s%s%s%s acl %s',
                a.attrelid::regclass,
                row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), a.attname,
                format_type(a.atttypid, a.atttypmod),
                CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END,
                CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END,
                ' default ' || pg_get_expr(ad.adbin, ad.adrelid),
                (SELECT array_agg(x ORDER BY x::text) FROM unnest(a.attacl) x))
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'c', 'p', 'f')
    AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  -- constraints of tables and domains
  SELECT format('constraint %s %s %s%s',
                coalesce(co.conrelid::regclass::text, format_type(co.contypid, NULL)), co.conname,
                pg_get_constraintdef(co.oid), CASE WHEN co.convalidated THEN '' ELSE ' not valid' END)
  FROM pg_constraint co WHERE co.connamespace = 'lgit'::regnamespace
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'lgit'::regnamespace
  UNION ALL
  -- triggers, with how each is enabled (origin, replica, always, disabled)
  SELECT format('trigger %s enabled %s', pg_get_triggerdef(t.oid), t.tgenabled)
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE c.relnamespace = 'lgit'::regnamespace AND NOT t.tgisinternal
  UNION ALL
  SELECT format('policy %s.%s %s %s to %s using %s check %s',
                p.tablename, p.policyname, p.permissive, p.cmd, p.roles, p.qual, p.with_check)
  FROM pg_policies p WHERE p.schemaname = 'lgit'
  UNION ALL
  -- functions: the whole definition (language, volatility, settings, body or C symbol)
  SELECT format('function %s(%s) acl %s definition %s',
                pr.oid::regproc, pg_get_function_identity_arguments(pr.oid), (SELECT array_agg(x ORDER BY x::text) FROM unnest(pr.proacl) x),
                regexp_replace(CASE WHEN pr.prokind IN ('f', 'p') THEN pg_get_functiondef(pr.oid)
                                    ELSE pr.prokind::text END, '\s+', ' ', 'g'))
  FROM pg_proc pr WHERE pr.pronamespace = 'lgit'::regnamespace
  UNION ALL
  SELECT format('view %s %s', c.oid::regclass, regexp_replace(pg_get_viewdef(c.oid), '\s+', ' ', 'g'))
  FROM pg_class c WHERE c.relnamespace = 'lgit'::regnamespace AND c.relkind IN ('v', 'm')
  UNION ALL
  -- types: enum labels in their order, domains, privileges
  SELECT format('type %s kind %s acl %s', format_type(ty.oid, NULL), ty.typtype, (SELECT array_agg(x ORDER BY x::text) FROM unnest(ty.typacl) x))
  FROM pg_type ty
  WHERE ty.typnamespace = 'lgit'::regnamespace AND ty.typtype IN ('e', 'd', 'b', 'r', 'm')
  UNION ALL
  SELECT format('enum %s #%s %s', format_type(en.enumtypid, NULL),
                row_number() OVER (PARTITION BY en.enumtypid ORDER BY en.enumsortorder), en.enumlabel)
  FROM pg_enum en JOIN pg_type ty ON ty.oid = en.enumtypid WHERE ty.typnamespace = 'lgit'::regnamespace
  UNION ALL
  SELECT format('sequence %s %s start %s increment %s min %s max %s cycle %s', s.seqrelid::regclass,
                format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle)
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace = 'lgit'::regnamespace
  UNION ALL
  -- the privileges pg_dump takes as the extension's own (set by its scripts), not the DBA's
  SELECT format('initial privileges of %s (%s): %s', o.name, ip.privtype, (SELECT array_agg(x ORDER BY x::text) FROM unnest(ip.initprivs) x))
  FROM pg_init_privs ip, pg_describe_object(ip.classoid, ip.objoid, ip.objsubid) AS o(name)
  WHERE o.name ~ '(^| )lgit\.' OR o.name = 'schema lgit'
  UNION ALL
  -- comments on lgit's objects and their parts (columns, constraints, triggers, policies)
  SELECT format('comment on %s: %s', o.name, d.description)
  FROM pg_description d, pg_describe_object(d.classoid, d.objoid, d.objsubid) AS o(name)
  WHERE o.name ~ '(^| )lgit\.' OR o.name = 'schema lgit'
) AS description
ORDER BY line COLLATE "C";
