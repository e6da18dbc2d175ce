-- The foreign-key check of every ticket_events row (vendor, ticket_id) -> tickets (vendor, id)
-- is a query PostgreSQL plans once per connection. On a fresh (empty, never analyzed) tickets
-- table the planner could not tell these indexes from the primary key, picked
-- (vendor, customer_id, id) and kept that plan: each check then walked every index entry of
-- the vendor, so intake slowed down with the number of tickets until the first ANALYZE.
-- Leading with the other equality column keeps these indexes just as good for the queries
-- they serve (vendor AND status / customer / reseller, ORDER BY id) and unusable as a
-- (vendor, id) lookup, so the check always descends straight to one ticket.
DROP INDEX tickets_vendor_status_id_idx;
DROP INDEX tickets_vendor_customer_idx;
DROP INDEX tickets_reseller_idx;
CREATE INDEX tickets_status_vendor_id_idx ON tickets (status, vendor, id);
CREATE INDEX tickets_customer_vendor_id_idx ON tickets (customer_id, vendor, id);
CREATE INDEX tickets_reseller_vendor_id_idx ON tickets (reseller_id, vendor, id)
    WHERE reseller_id IS NOT NULL;

-- The queue is read in (queue_class, queue_at, received_at, id) order: with received_at in the
-- index too, the index gives that order outright. Without it the planner had to sort, and on a
-- table it had no statistics for yet it chose to fetch and sort every open ticket of the
-- vendor (13 ms at 14,000 tickets instead of 0.2 ms) until the first ANALYZE.
DROP INDEX tickets_queue_idx;
CREATE INDEX tickets_queue_idx ON tickets (vendor, queue_class, queue_at, received_at, id)
    WHERE status IN ('open', 'pending');

-- Documents the database only stores and hands back, never looks into, are `json` (the text
-- as written, checked on the way in) rather than `jsonb` (parsed into a binary tree on every
-- write, printed back to text with escaping on every read): the intake decision, the outbox
-- payloads and the history explanations. On a 50-ticket queue page, printing `decision`
-- from jsonb was the database's largest cost. Columns that SQL navigates stay jsonb.
ALTER TABLE tickets ALTER COLUMN decision TYPE json USING decision::json;
ALTER TABLE outbox_events ALTER COLUMN payload TYPE json USING payload::json;
ALTER TABLE ticket_events ALTER COLUMN explanation DROP DEFAULT,
    ALTER COLUMN explanation TYPE json USING explanation::json,
    ALTER COLUMN explanation SET DEFAULT '[]';

-- Documents over ~2 kB (a ticket.created payload is one) are compressed when stored: lz4
-- costs a fraction of the default pglz's CPU on the intake path.
ALTER TABLE outbox_events ALTER COLUMN payload SET COMPRESSION lz4;
ALTER TABLE tickets ALTER COLUMN decision SET COMPRESSION lz4;
ALTER TABLE ticket_events ALTER COLUMN explanation SET COMPRESSION lz4;
ALTER TABLE idempotency_keys ALTER COLUMN response SET COMPRESSION lz4;
