-- Lookup indexes (see schema/52_lookup_indexes.sql): every foreign key and every column a
-- check looks rows up by is indexed.
CREATE INDEX actor_unit_idx ON lgit.actor (unit_id);
CREATE INDEX calendar_day_year_idx ON lgit.calendar_day (year);
CREATE INDEX special_plan_unit_idx ON lgit.special_plan (unit_id);
CREATE INDEX project_special_plan_idx ON lgit.project (special_plan_id);
CREATE INDEX document_kind_idx ON lgit.document (kind);
CREATE INDEX payment_contract_idx ON lgit.payment (contract_id);
CREATE INDEX change_order_authority_review_idx ON lgit.change_order (authority_review_id);
CREATE INDEX change_order_reapproval_idx ON lgit.change_order (reapproval_id);
CREATE INDEX result_project_idx ON lgit.result (project_id);
CREATE INDEX equipment_purchase_approval_idx ON lgit.equipment_purchase (approval_id);
CREATE INDEX data_access_credential_project_idx ON lgit.data_access_credential (project_id);
CREATE INDEX sanction_system_idx ON lgit.sanction (project_id, unit_id);
