-- 0.2.0: document numbers unique as they read (schema/57_document_numbers.sql, the same statements).
-- Where two stored numbers already read the same, the update stops with the unique index's
-- error naming the key and changes nothing: correct one of them, then update again.

CREATE FUNCTION lgit.doc_number_key(doc_number text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, pg_temp
  RETURN regexp_replace(translate(normalize(doc_number, NFKC), '[]【】()', '〔〕〔〕〔〕'), '\s+', '', 'g');
COMMENT ON FUNCTION lgit.doc_number_key(text) IS
  'How a document number (文号) reads: full-width letters and digits as half-width (NFKC), the brackets people type for the year (〔〕 [] 【】 () and their full-width forms) as 〔〕, and no white space. Two numbers with the same key are the same number.';

CREATE UNIQUE INDEX document_number_key_used_once ON lgit.document (lgit.doc_number_key(doc_number));
CREATE UNIQUE INDEX contract_number_key_used_once ON lgit.contract (lgit.doc_number_key(doc_number));
CREATE UNIQUE INDEX special_plan_number_key_used_once ON lgit.special_plan (lgit.doc_number_key(doc_number));
CREATE UNIQUE INDEX sanction_number_key_used_once ON lgit.sanction (lgit.doc_number_key(doc_number));
REVOKE ALL ON FUNCTION lgit.doc_number_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lgit.doc_number_key(text)
  TO lgit_unit, lgit_authority, lgit_drc, lgit_finance, lgit_leader, lgit_audit, lgit_expert, lgit_reader;
