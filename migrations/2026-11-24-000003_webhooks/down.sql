DROP TABLE sla_alerts;
DROP TRIGGER webhook_attempts_append_only ON webhook_attempts;
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TRIGGER outbox_events_append_only ON outbox_events;
DROP TABLE outbox_events;
DROP TABLE webhooks;
