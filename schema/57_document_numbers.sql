-- A document number (文号) is usable once as a person reads it, not only byte for byte:
-- '龙府办纪〔2026〕7号', '龙府办纪[2026]7号 ' and '龙府办纪【２０２６】７号' are one number.  Each
-- table whose doc_number is unique is also unique on its reading key.  (The upgrade from 0.1.0
-- runs these same statements: upgrade/0.1.0--0.2.0/21_document_numbers.sql.)

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
