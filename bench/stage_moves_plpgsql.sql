-- A BASELINE FOR bench/stage_moves.bench.sh ONLY, never installed and never on lgit's
-- enforcement path: the checks lgit's C trigger makes for the moves that benchmark measures,
-- written as an ordinary PL/pgSQL trigger on a copy of lgit.project (schema peer), so the
-- benchmark can print what C buys over PL/pgSQL on the same schema and the same data.
--
-- It covers the measured moves only: suspension and resumption (construction <-> suspended,
-- by the authority, resumed only to the stage the project came from), the return of a
-- submitted design (design_submitted -> established) and its submission
-- (established -> design_submitted: the feasibility fork by the threshold in force on the
-- day of the proposal, the preliminary design complete and by a qualified consultancy, the
-- quotes when it buys equipment).  Like lgit it reads the actor, the edge, the reason, the
-- history and the documents, locks what the move relied on (and the contracts, whose
-- supervision freezes at construction) under REPEATABLE READ and SERIALIZABLE, and appends a
-- hash-chained history row (judged fields, evidence hash) with its head.  Refusals are plain exceptions, without lgit's facts,
-- articles and hints.

-- The benchmark copies lgit.project, lgit.history and lgit.history_head into schema peer
-- first (as it does for its floor), then runs this file.

CREATE OR REPLACE FUNCTION peer.move_guard() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  acting text := current_setting('lgit.actor', true);
  reason text := nullif(current_setting('lgit.reason', true), '');
  who record;
  edge record;
  origin lgit.stage;
  proposed_on date;
  threshold numeric;
  design record;
  quotes bigint[];
  min_quotes numeric;
  evidence bigint[] := '{}';
  evidence_hash bytea;
  head record;
  judged jsonb;
  at timestamptz := clock_timestamp();
  row_hash bytea;
BEGIN
  IF NEW.stage = OLD.stage THEN
    RETURN NULL;
  END IF;
  SELECT a.capacity, a.unit_id INTO who FROM lgit.actor a WHERE a.actor_name = acting;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'actor "%" is not registered in lgit.actor', acting;
  END IF;
  SELECT * INTO edge FROM lgit.stage_edge e WHERE e.from_stage = OLD.stage AND e.to_stage = NEW.stage;
  IF NOT FOUND THEN
    RAISE EXCEPTION '% -> % is not a change of stage the measures allow', OLD.stage, NEW.stage;
  END IF;
  IF edge.origin_of IS NOT NULL THEN
    SELECT h.from_stage INTO origin FROM peer.history h
    WHERE h.project_id = NEW.project_id AND h.to_stage = edge.origin_of ORDER BY h.seq DESC LIMIT 1;
    IF origin IS DISTINCT FROM NEW.stage THEN
      RAISE EXCEPTION 'a project leaving % goes back only to the stage it came from (%)', OLD.stage, origin;
    END IF;
  END IF;
  IF NOT who.capacity = ANY (edge.capacities) OR (who.capacity = 'unit' AND who.unit_id <> OLD.unit_id) THEN
    RAISE EXCEPTION 'capacity % may not move a project from % to %', who.capacity, OLD.stage, NEW.stage;
  END IF;
  IF edge.reason_required AND btrim(coalesce(reason, '')) = '' THEN
    RAISE EXCEPTION 'moving a project from % to % needs a reason', OLD.stage, NEW.stage;
  END IF;

  IF edge.kind = 'forward' AND NEW.stage = 'design_submitted' THEN
    -- Art 11: the fork, by the threshold in force on the day of the proposal
    SELECT (h.changed_at AT TIME ZONE 'Asia/Shanghai')::date INTO proposed_on FROM peer.history h
    WHERE h.project_id = NEW.project_id AND (h.to_stage = 'proposed' OR h.seq = 1) ORDER BY h.seq DESC LIMIT 1;
    SELECT p.value INTO threshold FROM lgit.policy p
    WHERE p.key = 'feasibility_min_investment' AND p.in_force @> coalesce(proposed_on, current_date);
    IF NEW.total_investment >= threshold THEN
      RAISE EXCEPTION 'a project at or over the feasibility threshold must have its feasibility study approved before design';
    END IF;
    -- Art 12: the latest preliminary design, complete and by a qualified consultancy
    SELECT d.document_id, d.issuer_qualified, d.parts @> ARRAY['equipment_purchase'] AS equipment,
           ARRAY(SELECT p.label_zh FROM lgit.document_part p
                 WHERE p.kind = d.kind AND p.required AND NOT d.parts @> ARRAY[p.part]) AS missing
      INTO design FROM lgit.document d
    WHERE d.project_id = NEW.project_id AND d.kind = 'preliminary_design'
    ORDER BY d.issued_on DESC, d.document_id DESC LIMIT 1;
    IF NOT FOUND OR cardinality(design.missing) > 0 OR NOT design.issuer_qualified THEN
      RAISE EXCEPTION 'the preliminary design is not acceptable';
    END IF;
    evidence := evidence || design.document_id;
    IF design.equipment THEN
      SELECT p.value INTO min_quotes FROM lgit.policy p
      WHERE p.key = 'min_quotes_for_equipment' AND p.in_force @> current_date;
      SELECT array_agg(q.document_id ORDER BY q.document_id) INTO quotes FROM (
        SELECT DISTINCT ON (d.issuer) d.document_id FROM lgit.document d
        WHERE d.project_id = NEW.project_id AND d.kind = 'market_quote' ORDER BY d.issuer, d.document_id) q;
      IF coalesce(cardinality(quotes), 0) < min_quotes THEN
        RAISE EXCEPTION 'the design buys equipment with quotes from % organisations', coalesce(cardinality(quotes), 0);
      END IF;
      evidence := evidence || quotes;
    END IF;
  END IF;
  -- Art 21: what the move relied on stays as it was until the move commits. In READ COMMITTED
  -- the project's row lock holds it (every guarded writer takes it first, and the checks above
  -- read after it); under a transaction snapshot the rows themselves are locked, as lgit does.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    PERFORM 1 FROM lgit.document d WHERE d.document_id = ANY (evidence) FOR SHARE;
    -- the contracts' supervision freezes when construction starts (lgit.registry_column)
    IF NEW.stage = 'construction' THEN
      PERFORM 1 FROM lgit.contract c WHERE c.project_id = NEW.project_id FOR SHARE;
    END IF;
  END IF;

  SELECT sha256(convert_to(coalesce(string_agg(concat_ws('|', d.document_id, d.project_id, d.kind, d.doc_number,
           d.title, d.issuer, d.issuer_qualified, d.issued_on, encode(d.content_sha256, 'hex'), d.parts,
           d.conclusion, d.amount), '/' ORDER BY d.document_id), ''), 'UTF8'))
    INTO evidence_hash FROM lgit.document d WHERE d.document_id = ANY (evidence);
  judged := jsonb_build_object(
    'category', NEW.category, 'build_type', NEW.build_type, 'custom_development', NEW.custom_development,
    'superior_funded', NEW.superior_funded, 'plan_year', NEW.plan_year,
    'special_plan_id', NEW.special_plan_id, 'previous_phase_id', NEW.previous_phase_id,
    'fund_general_budget', NEW.fund_general_budget, 'fund_government_bonds', NEW.fund_government_bonds,
    'fund_unit_self_raised', NEW.fund_unit_self_raised, 'fund_other_government', NEW.fund_other_government,
    'fund_superior', NEW.fund_superior, 'fund_social_capital', NEW.fund_social_capital);
  SELECT h.seq, h.row_hash, h.changed_at INTO head FROM peer.history h
  WHERE h.project_id = NEW.project_id ORDER BY h.seq DESC LIMIT 1;
  at := greatest(at, head.changed_at);
  row_hash := sha256(convert_to(concat_ws('|', 'lgit-history-2', NEW.project_id, head.seq + 1, OLD.stage,
                NEW.stage, acting, who.capacity, who.unit_id, OLD.unit_id, at, reason, evidence, 'move',
                judged, encode(evidence_hash, 'hex')), 'UTF8') || head.row_hash);
  INSERT INTO peer.history (project_id, seq, from_stage, to_stage, actor, capacity, actor_unit_id,
                            project_unit_id, changed_at, reason, evidence, prev_hash, row_hash,
                            hash_version, kind, judged, evidence_hash)
  VALUES (NEW.project_id, head.seq + 1, OLD.stage, NEW.stage, acting, who.capacity, who.unit_id,
          OLD.unit_id, at, reason, evidence, head.row_hash, row_hash, 2, 'move', judged, evidence_hash);
  INSERT INTO peer.history_head AS h (project_id, seq, row_hash, changed_at)
  VALUES (NEW.project_id, head.seq + 1, row_hash, at)
  ON CONFLICT (project_id) DO UPDATE SET seq = excluded.seq, row_hash = excluded.row_hash,
                                         changed_at = excluded.changed_at;
  RETURN NULL;
END
$$;

CREATE TRIGGER move_guard AFTER UPDATE ON peer.project FOR EACH ROW EXECUTE FUNCTION peer.move_guard();
