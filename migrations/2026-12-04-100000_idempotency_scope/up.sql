-- Idempotency records name the resource their answer shows (a ticket, a customer, a
-- subscription), so a replay can re-check that the caller may still see it; answers about
-- no tenant's data (an SLA preview) leave both columns NULL.
--
-- The principal column now holds the caller's full scope (role, subject, vendors, reseller)
-- instead of `role:subject`. The rows written under the old scope are removed: they could
-- be replayed across tenants that shared a subject, and some hold webhook signing secrets,
-- which replay records no longer keep. Retries of requests made before the upgrade (within
-- the 24 h retention) do their work again, as without a key.
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys ADD COLUMN resource_kind TEXT;
ALTER TABLE idempotency_keys ADD COLUMN resource_id UUID;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_resource_check CHECK (
    (resource_kind IS NULL AND resource_id IS NULL)
    OR (resource_kind IN ('ticket', 'customer', 'webhook') AND resource_id IS NOT NULL)
);
