ALTER TABLE idempotency_keys ALTER COLUMN response SET COMPRESSION pglz;
ALTER TABLE ticket_events ALTER COLUMN explanation SET COMPRESSION pglz;
ALTER TABLE tickets ALTER COLUMN decision SET COMPRESSION pglz;
ALTER TABLE outbox_events ALTER COLUMN payload SET COMPRESSION pglz;

ALTER TABLE ticket_events ALTER COLUMN explanation DROP DEFAULT,
    ALTER COLUMN explanation TYPE jsonb USING explanation::jsonb,
    ALTER COLUMN explanation SET DEFAULT '[]';
ALTER TABLE outbox_events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE tickets ALTER COLUMN decision TYPE jsonb USING decision::jsonb;

DROP INDEX tickets_queue_idx;
CREATE INDEX tickets_queue_idx ON tickets (vendor, queue_class, queue_at, id)
    WHERE status IN ('open', 'pending');

DROP INDEX tickets_reseller_vendor_id_idx;
DROP INDEX tickets_customer_vendor_id_idx;
DROP INDEX tickets_status_vendor_id_idx;
CREATE INDEX tickets_vendor_status_id_idx ON tickets (vendor, status, id);
CREATE INDEX tickets_vendor_customer_idx ON tickets (vendor, customer_id, id);
CREATE INDEX tickets_reseller_idx ON tickets (vendor, reseller_id, id) WHERE reseller_id IS NOT NULL;
