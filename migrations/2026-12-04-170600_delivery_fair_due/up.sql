-- Fair webhook delivery: the claim walks every live subscription's own due deliveries and
-- counts what it has in flight, instead of one due order across all subscriptions (where
-- one tenant's backlog for slow receivers held every slot). One index per migration: CREATE
-- INDEX CONCURRENTLY cannot share a transaction or a multi-statement query.
CREATE INDEX CONCURRENTLY IF NOT EXISTS webhook_deliveries_hook_due_idx
    ON webhook_deliveries (vendor, webhook_id, next_attempt_at) WHERE status = 'pending';
