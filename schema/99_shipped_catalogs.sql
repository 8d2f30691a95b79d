-- The catalogs CREATE EXTENSION fills (articles, rules, policy keys, stage labels, the stage
-- graph, document kinds and their parts) belong to the extension's version, and an update of
-- the extension changes them.  The owner may add rows of the district's own (a document kind
-- a local procedure needs, its parts): those are user data, and pg_dump must keep them, or a
-- restore would leave documents pointing at a kind that no longer exists.  So every row present
-- when this file runs (the last of the install script; the update from 0.1.0 ends the same
-- way) is marked seeded; a row added later is not, and pg_dump keeps exactly those.  A restore
-- gets the seeded rows from CREATE EXTENSION.  A row the owner adds whose key a later version
-- ships makes that restore fail on the duplicate key: choose district-specific keys.  (A later
-- upgrade fragment that ships a new row inserts it with seeded = true.)
ALTER TABLE lgit.article ADD COLUMN seeded boolean NOT NULL DEFAULT true;
ALTER TABLE lgit.rule ADD COLUMN seeded boolean NOT NULL DEFAULT true;
ALTER TABLE lgit.policy_key ADD COLUMN seeded boolean NOT NULL DEFAULT true;
ALTER TABLE lgit.stage_info ADD COLUMN seeded boolean NOT NULL DEFAULT true;
ALTER TABLE lgit.stage_edge ADD COLUMN seeded boolean NOT NULL DEFAULT true;
ALTER TABLE lgit.document_kind ADD COLUMN seeded boolean NOT NULL DEFAULT true;
ALTER TABLE lgit.document_part ADD COLUMN seeded boolean NOT NULL DEFAULT true;

ALTER TABLE lgit.article ALTER COLUMN seeded SET DEFAULT false;
ALTER TABLE lgit.rule ALTER COLUMN seeded SET DEFAULT false;
ALTER TABLE lgit.policy_key ALTER COLUMN seeded SET DEFAULT false;
ALTER TABLE lgit.stage_info ALTER COLUMN seeded SET DEFAULT false;
ALTER TABLE lgit.stage_edge ALTER COLUMN seeded SET DEFAULT false;
ALTER TABLE lgit.document_kind ALTER COLUMN seeded SET DEFAULT false;
ALTER TABLE lgit.document_part ALTER COLUMN seeded SET DEFAULT false;

COMMENT ON COLUMN lgit.article.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others. A shipped row changes with an update of the extension, not in place.';
COMMENT ON COLUMN lgit.rule.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others. A shipped row changes with an update of the extension, not in place.';
COMMENT ON COLUMN lgit.policy_key.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others. A shipped row changes with an update of the extension, not in place.';
COMMENT ON COLUMN lgit.stage_info.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others. A shipped row changes with an update of the extension, not in place.';
COMMENT ON COLUMN lgit.stage_edge.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others. A shipped row changes with an update of the extension, not in place.';
COMMENT ON COLUMN lgit.document_kind.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others (a kind the owner adds for the district). A shipped row changes with an update of the extension, not in place.';
COMMENT ON COLUMN lgit.document_part.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others (a part the owner adds). A shipped row changes with an update of the extension, not in place.';

SELECT pg_catalog.pg_extension_config_dump('lgit.article', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.rule', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.policy_key', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.stage_info', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.stage_edge', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.document_kind', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.document_part', 'WHERE NOT seeded');
-- the numbering of parts goes on after a restore where it stood
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('lgit.document_part', 'ordinal'), '');

-- A publication sends a subscriber only the rows it does not ship itself (WHERE NOT seeded);
-- a filtered table must log every column of a changed row.
ALTER TABLE lgit.article REPLICA IDENTITY FULL;
ALTER TABLE lgit.rule REPLICA IDENTITY FULL;
ALTER TABLE lgit.policy_key REPLICA IDENTITY FULL;
ALTER TABLE lgit.stage_info REPLICA IDENTITY FULL;
ALTER TABLE lgit.stage_edge REPLICA IDENTITY FULL;
ALTER TABLE lgit.document_kind REPLICA IDENTITY FULL;
ALTER TABLE lgit.document_part REPLICA IDENTITY FULL;
