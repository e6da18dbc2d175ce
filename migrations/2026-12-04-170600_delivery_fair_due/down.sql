DROP INDEX CONCURRENTLY IF EXISTS webhook_deliveries_hook_due_idx;
