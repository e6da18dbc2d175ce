-- The database's share of one POST /tickets, for scripts/bench: the same single statement
-- the API runs (crates/store/src/intake.rs: the ticket, its two history events, its two
-- outbox events and their webhook deliveries, foreign keys checked), with the values of a
-- ticket the API wrote in this run. The JSON columns come from text and are cast, so
-- PostgreSQL parses them as it does the API's parameters. Templates: ticket_template (one
-- row, JSON columns as text), event_template and outbox_template (that ticket's rows).
WITH ticket AS (
    INSERT INTO tickets (vendor, id, customer_id, subject, description, channel, priority,
        requested_priority, status, received_at, refs, routing_kind, reseller_id, decision,
        first_response_clock, resolution_clock, first_response_due_at, first_response_warn_at,
        resolution_due_at, resolution_warn_at, next_deadline_at, queue_class, queue_at,
        version, created_by, created_at, updated_at)
    SELECT vendor,
           (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
            || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid,
           customer_id, subject, description, channel, priority, requested_priority, status,
           received_at, refs::jsonb, routing_kind, reseller_id, decision::json,
           first_response_clock::jsonb, resolution_clock::jsonb, first_response_due_at,
           first_response_warn_at, resolution_due_at, resolution_warn_at, next_deadline_at,
           queue_class, queue_at, 1, created_by, now(), now()
    FROM ticket_template
    RETURNING vendor, id
),
history AS (
    INSERT INTO ticket_events (vendor, ticket_id, kind, at, actor, data, explanation)
    SELECT ticket.vendor, ticket.id, e.kind, e.at, e.actor, e.data::jsonb, e.explanation::json
    FROM ticket, event_template e
    ORDER BY e.seq
),
events AS (
    INSERT INTO outbox_events (vendor, id, kind, ticket_id, payload)
    SELECT ticket.vendor, gen_random_uuid(), o.kind, ticket.id, o.payload::json
    FROM ticket, outbox_template o
    ORDER BY o.id
    RETURNING vendor, id, kind
)
INSERT INTO webhook_deliveries (vendor, id, webhook_id, event_id)
SELECT w.vendor, gen_random_uuid(), w.id, events.id
FROM events JOIN webhooks w ON w.vendor = events.vendor
WHERE w.deleted_at IS NULL AND events.kind = ANY (w.events);
