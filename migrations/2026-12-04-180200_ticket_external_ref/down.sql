DROP INDEX tickets_updated_at_id_idx;
DROP INDEX tickets_vendor_external_ref_idx;
ALTER TABLE tickets DROP COLUMN external_ref;
