-- Test and benchmark support: registers, as the people entitled to, the complete evidence a
-- project needs from proposal to completion (and for its termination), so that tests about
-- something else can walk projects through the gates.  Never part of the extension.
--
--   SELECT lgit_test.file_complete_evidence(project_id);
--
-- It records a filed special plan of the project's unit covering its plan year (2027 if none),
-- names the responsible person and implementing body, and registers one document of each kind
-- a gate reads (every part, qualified issuers, an approving conclusion on every kind that records
-- an outcome; no exemptions), three market quotes,
-- the higher approval for a superior-funded project, a filed contract with every clause and a
-- qualified supervisor, and a registered result.  The DRC's approvals (Art 10, 11, 13) are
-- registered too, the design's with the project's total as the approved estimate.  The project's unit needs an actor of capacity
-- unit, and some actor must hold the authority capacity; a kind registered in a capacity no
-- actor holds (e.g. leader) is skipped.
CREATE SCHEMA IF NOT EXISTS lgit_test;

-- Acts as the first actor of a capacity (of a unit); false when there is none.
CREATE OR REPLACE FUNCTION lgit_test.act_as(capacity lgit.capacity, unit_id int DEFAULT NULL)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  who text;
BEGIN
  SELECT a.actor_name INTO who FROM lgit.actor a
  WHERE a.capacity = act_as.capacity AND (act_as.unit_id IS NULL OR a.unit_id = act_as.unit_id)
  ORDER BY a.actor_name LIMIT 1;
  IF who IS NOT NULL THEN
    PERFORM set_config('lgit.actor', who, true);
  END IF;
  RETURN who IS NOT NULL;
END $$;

CREATE OR REPLACE FUNCTION lgit_test.file_complete_evidence(p bigint, contract_amount numeric DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  prj lgit.project;
  plan int;
  k lgit.document_kind;
  previous_actor text := current_setting('lgit.actor', true);
BEGIN
  SELECT * INTO prj FROM lgit.project WHERE project_id = p;

  IF NOT lgit_test.act_as('authority') THEN
    RAISE EXCEPTION 'no actor of capacity authority';
  END IF;
  SELECT plan_id INTO plan FROM lgit.special_plan
  WHERE unit_id = prj.unit_id AND years @> coalesce(prj.plan_year, 2027) AND filed_on <= current_date
  ORDER BY plan_id LIMIT 1;
  IF plan IS NULL THEN
    INSERT INTO lgit.special_plan (unit_id, title, years, filed_on)
    VALUES (prj.unit_id, '信息化建设专项规划（测试）', int4range(2020, 2031), date '2020-03-01')
    RETURNING plan_id INTO plan;
  END IF;

  IF NOT lgit_test.act_as('unit', prj.unit_id) THEN
    RAISE EXCEPTION 'no actor of capacity unit for unit %', prj.unit_id;
  END IF;
  UPDATE lgit.project
  SET special_plan_id = plan, plan_year = coalesce(plan_year, 2027),
      responsible_person = coalesce(responsible_person, '项目责任人（测试）'),
      implementing_body = coalesce(implementing_body, '项目实施机构（测试）')
  WHERE project_id = p;

  FOR k IN SELECT * FROM lgit.document_kind
           WHERE kind NOT IN ('government_meeting_minutes', 'market_quote', 'authority_change_review',
                              'estimate_reapproval', 'reapproval', 'source_code_exemption', 'phase_exemption')
             AND (kind <> 'superior_approval' OR prj.superior_funded)
           ORDER BY kind
  LOOP
    CONTINUE WHEN NOT lgit_test.act_as(k.registered_by[1],
                                       CASE WHEN k.registered_by[1] = 'unit' THEN prj.unit_id END);
    INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified,
                               issued_on, content_sha256, parts, conclusion, amount)
    VALUES (p, k.kind, format('TEST-%s-%s', p, k.kind), k.name_zh || '（测试）', '测试出具单位', true,
            date '2026-01-05', sha256(convert_to(format('%s/%s', p, k.kind), 'UTF8')),
            ARRAY(SELECT part FROM lgit.document_part d WHERE d.kind = k.kind ORDER BY ordinal),
            CASE WHEN k.records_outcome THEN 'approved' END,
            CASE WHEN k.kind = 'drc_design_approval' THEN prj.total_investment END);
  END LOOP;

  PERFORM lgit_test.act_as('unit', prj.unit_id);
  INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
  SELECT p, 'market_quote', '设备报价清单（测试）', '报价单位' || i, date '2026-01-05',
         sha256(convert_to(format('%s/quote/%s', p, i), 'UTF8'))
  FROM generate_series(1, 3) AS i;

  INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, supervisor,
                             supervisor_qualified, acceptance_clause, ownership_clause, warranty_months)
  VALUES (p, format('TEST-%s-contract', p), '测试承建单位', coalesce(contract_amount, round(prj.total_investment * 0.8, 2)),
          date '2026-01-10', '测试监理单位', true, true, true, 24);
  INSERT INTO lgit.result (project_id, kind, title, registered_on)
  VALUES (p, 'software', '测试成果（软件及源代码）', date '2026-01-10');
  INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_ref, delivered_on)
  VALUES (p, 'readonly_test', 'postgresql://db.test/prj' || p, 'vault://lgit-test/' || p, date '2026-01-10');
  PERFORM lgit_test.act_as('authority');
  UPDATE lgit.contract SET filed_on = date '2026-01-15' WHERE doc_number = format('TEST-%s-contract', p);
  -- Art 30, 32: the authority's filing of the completion report
  UPDATE lgit.document SET filed_on = date '2026-01-15' WHERE project_id = p AND kind = 'completion_report';

  PERFORM set_config('lgit.actor', coalesce(previous_actor, ''), true);
END $$;

-- Moves a project forward, edge by edge, each as the first actor entitled to it, until it
-- reaches the target stage; at a fork it takes the edge with nothing in the way.  Raises the
-- blockers of the first forward edge when no edge is open.
CREATE OR REPLACE FUNCTION lgit_test.walk_to(p bigint, target lgit.stage)
RETURNS lgit.stage LANGUAGE plpgsql AS $$
DECLARE
  prj lgit.project;
  e lgit.stage_edge;
  moved boolean;
  blocked text;
  previous_actor text := current_setting('lgit.actor', true);
BEGIN
  LOOP
    SELECT * INTO prj FROM lgit.project WHERE project_id = p;
    EXIT WHEN prj.stage >= target;
    moved := false;
    blocked := NULL;
    FOR e IN SELECT * FROM lgit.stage_edge
             WHERE from_stage = prj.stage AND kind = 'forward' AND to_stage <= target
             ORDER BY to_stage LOOP
      CONTINUE WHEN NOT lgit_test.act_as(e.capacities[1],
                                         CASE WHEN e.capacities[1] = 'unit' THEN prj.unit_id END);
      IF NOT EXISTS (SELECT FROM lgit.blockers(p, e.to_stage)) THEN
        PERFORM lgit.advance(p, e.to_stage);
        moved := true;
        EXIT;
      END IF;
      blocked := coalesce(blocked, (SELECT string_agg(code || ' ' || message, '; ') FROM lgit.blockers(p, e.to_stage)));
    END LOOP;
    IF NOT moved THEN
      RAISE EXCEPTION 'project % is stuck at %: %', p, prj.stage, coalesce(blocked, 'no forward edge');
    END IF;
  END LOOP;
  PERFORM set_config('lgit.actor', coalesce(previous_actor, ''), true);
  RETURN prj.stage;
END $$;
