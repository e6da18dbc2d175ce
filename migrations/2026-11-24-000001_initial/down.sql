DROP TABLE idempotency_keys;
DROP TRIGGER ticket_events_append_only ON ticket_events;
DROP TABLE ticket_events;
DROP FUNCTION tierline_reject_change();
DROP TABLE tickets;
DROP TABLE customer_plans;
DROP TABLE customers;
