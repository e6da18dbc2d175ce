-- The pgbench script of the database ceiling: one INSERT per transaction into `tickets`
-- (same table, indexes and foreign key as the API writes to), with the values of a ticket
-- the API wrote in this run (kept in the one-row table `ticket_template`; pgbench would
-- read the colons of literal JSON as its variables). The id is time-ordered like the API's
-- UUIDv7 (milliseconds, then random bits).
INSERT INTO tickets (vendor, id, customer_id, subject, description, channel, priority,
    requested_priority, status, received_at, refs, routing_kind, reseller_id, decision,
    first_response_clock, resolution_clock, first_response_due_at, first_response_warn_at,
    resolution_due_at, resolution_warn_at, next_deadline_at, queue_class, queue_at, version,
    created_by, created_at, updated_at, level)
SELECT vendor,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
        || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid,
       customer_id, subject, description, channel, priority, requested_priority, status,
       received_at, refs, routing_kind, reseller_id, decision, first_response_clock,
       resolution_clock, first_response_due_at, first_response_warn_at, resolution_due_at,
       resolution_warn_at, next_deadline_at, queue_class, queue_at, 1, created_by, now(), now(),
       level
FROM ticket_template;
