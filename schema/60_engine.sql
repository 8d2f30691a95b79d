-- The enforcement engine: C triggers and functions.

CREATE FUNCTION lgit.project_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_project_guard';
COMMENT ON FUNCTION lgit.project_guard() IS
  'Trigger on lgit.project: every insert or update is checked against the actor''s capacity and unit, every change of stage against the stage graph and its gates; each change of stage appends a chained row to lgit.history.';

CREATE FUNCTION lgit.refuse_change() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_refuse_change';
COMMENT ON FUNCTION lgit.refuse_change() IS
  'Trigger raising LG002: filed records and history are never altered or removed.';

CREATE FUNCTION lgit.history_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_history_guard';
COMMENT ON FUNCTION lgit.history_guard() IS
  'Trigger on lgit.history: rows are inserted only by lgit''s own stage trigger (LG002 otherwise).';

CREATE TRIGGER project_guard
  AFTER INSERT OR UPDATE ON lgit.project
  FOR EACH ROW EXECUTE FUNCTION lgit.project_guard();
CREATE TRIGGER project_no_delete
  BEFORE DELETE ON lgit.project
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER project_no_truncate
  BEFORE TRUNCATE ON lgit.project
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER history_guard
  BEFORE INSERT ON lgit.history
  FOR EACH ROW EXECUTE FUNCTION lgit.history_guard();
CREATE TRIGGER history_no_change
  BEFORE UPDATE OR DELETE ON lgit.history
  FOR EACH ROW EXECUTE FUNCTION lgit.refuse_change();
CREATE TRIGGER history_no_truncate
  BEFORE TRUNCATE ON lgit.history
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.refuse_change();

CREATE TRIGGER stage_edge_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.stage_edge
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
CREATE TRIGGER policy_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.policy
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
CREATE TRIGGER actor_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.actor
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
CREATE TRIGGER unit_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.unit
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();

CREATE FUNCTION lgit.advance(project_id bigint, to_stage lgit.stage, reason text DEFAULT NULL)
  RETURNS lgit.history
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_advance';
COMMENT ON FUNCTION lgit.advance(bigint, lgit.stage, text) IS
  'Moves a project to to_stage as the current actor, enforced exactly like UPDATE … SET stage; returns the history row written. reason is required for returns, suspensions and terminations.';

CREATE FUNCTION lgit.blockers(project_id bigint, to_stage lgit.stage)
  RETURNS TABLE (code text, article text, message text, facts jsonb, hint text)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_blockers';
COMMENT ON FUNCTION lgit.blockers(bigint, lgit.stage) IS
  'Every unmet precondition of moving the project to to_stage as the current actor, all at once, without moving it. Empty means lgit.advance() will succeed.';

CREATE FUNCTION lgit.current_actor(OUT actor text, OUT capacity lgit.capacity, OUT unit_id int)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_current_actor_sql';
COMMENT ON FUNCTION lgit.current_actor() IS
  'Who lgit believes is acting in this session, and in which capacity and unit (NULLs when the actor is not registered).';

CREATE FUNCTION lgit.verify()
  RETURNS TABLE (project_id bigint, seq int, history_id bigint, problem text)
  LANGUAGE c STABLE AS 'MODULE_PATHNAME', 'lgit_verify';
COMMENT ON FUNCTION lgit.verify() IS
  'Replays every project''s history: reports each row whose hash or chain link does not match, whose change is not an edge of the stage graph or was made in a capacity the edge does not allow, whose relied-on documents changed since it was sealed or which was recorded before the row it follows, each chain that does not end at its head (lgit.history_head), and each project whose stage differs from its history. Empty on an honest database.';

CREATE FUNCTION lgit.policy_in_force(key text, on_date date)
  RETURNS numeric
  LANGUAGE c STABLE STRICT AS 'MODULE_PATHNAME', 'lgit_policy_in_force';
COMMENT ON FUNCTION lgit.policy_in_force(text, date) IS
  'The value of a policy key in force on a date, as the rules judge it; an error when no value is in force then.';
