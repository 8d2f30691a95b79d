-- Privileges.  PUBLIC gets nothing on lgit's tables.  lgit_app, the role of applications
-- such as the district's 全流程系统, reads the catalogs and writes projects; every write is
-- then judged by the triggers against the person it names in lgit.actor.  History is
-- written by lgit itself (as the schema's owner), so nobody is granted INSERT on it.

GRANT USAGE ON SCHEMA lgit TO lgit_app;
GRANT SELECT ON lgit.article, lgit.rule, lgit.policy_key, lgit.policy, lgit.unit, lgit.actor,
                lgit.stage_info, lgit.stage_edge, lgit.history, lgit.calendar_year, lgit.calendar_day,
                lgit.document_kind, lgit.document_part, lgit.special_plan, lgit.sanction, lgit.violations,
                lgit.contract, lgit.payment_milestone, lgit.payment, lgit.change_order, lgit.om_funding, lgit.result,
                lgit.om_eligible
  TO lgit_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON lgit.document, lgit.special_plan, lgit.sanction TO lgit_app;
GRANT SELECT, INSERT, UPDATE ON lgit.project TO lgit_app;
