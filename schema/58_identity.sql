-- Ids are handed out by their sequences (src/identity_guard.c): OVERRIDING SYSTEM VALUE may
-- not put an id ahead of the sequence, where it would make every other insert fail once the
-- sequence reaches it.  The schema's owner (restores, repairs) is not held to it.  (The
-- upgrade from 0.1.0 runs these same statements: upgrade/0.1.0--0.2.0/22_identity.sql.)

CREATE FUNCTION lgit.identity_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_identity_guard';
COMMENT ON FUNCTION lgit.identity_guard() IS
  'Trigger: BEFORE INSERT on every table whose id is an identity column and that people other than the owner write; refuses an id above the last one its sequence handed out (SQLSTATE 428C9).';

DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN SELECT unnest(ARRAY['lgit.project', 'lgit.document', 'lgit.special_plan', 'lgit.sanction',
                               'lgit.contract', 'lgit.payment', 'lgit.change_order', 'lgit.om_funding',
                               'lgit.result', 'lgit.equipment_purchase', 'lgit.data_access_credential']::regclass[]) LOOP
    EXECUTE format('CREATE TRIGGER identity_guard BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION lgit.identity_guard()', t);
  END LOOP;
END
$$;
