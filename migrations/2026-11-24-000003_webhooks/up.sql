-- Webhooks, the transactional outbox, deliveries with row leases, and SLA alerts.
--
-- Keys lead with `vendor` (tables can be distributed by vendor later). The two work-queue
-- indexes (`webhook_deliveries_due_idx`, `webhook_deliveries_lease_idx`) are ordered by time
-- only: every worker scans them across vendors.

-- Subscriptions: where a vendor's events go. `secret` signs every delivery (HMAC-SHA256);
-- it is shown once, at creation. Deleting a subscription marks it (history stays readable
-- to admins) and cancels its pending deliveries.
CREATE TABLE webhooks (
    vendor      TEXT        NOT NULL,
    id          UUID        NOT NULL,
    url         TEXT        NOT NULL,
    events      TEXT[]      NOT NULL,
    secret      TEXT        NOT NULL,
    description TEXT,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at  TIMESTAMPTZ,
    PRIMARY KEY (vendor, id)
);
CREATE INDEX webhooks_id_idx ON webhooks (id);
CREATE INDEX webhooks_vendor_live_idx ON webhooks (vendor) WHERE deleted_at IS NULL;

-- The outbox: one row per event, written in the same transaction as the change that caused
-- it. Append-only.
CREATE TABLE outbox_events (
    vendor      TEXT        NOT NULL,
    id          UUID        NOT NULL,
    kind        TEXT        NOT NULL,
    ticket_id   UUID,
    payload     JSONB       NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, id)
);
CREATE INDEX outbox_events_ticket_idx ON outbox_events (vendor, ticket_id, id)
    WHERE ticket_id IS NOT NULL;
CREATE TRIGGER outbox_events_append_only
    BEFORE UPDATE OR DELETE ON outbox_events
    FOR EACH ROW EXECUTE FUNCTION tierline_reject_change();

-- One delivery per (subscription, event), fanned out when the event is enqueued.
-- status: pending (waiting for next_attempt_at), delivering (leased by a worker until
-- lease_expires_at), delivered, dead (gave up), cancelled (subscription deleted).
CREATE TABLE webhook_deliveries (
    vendor            TEXT        NOT NULL,
    id                UUID        NOT NULL,
    webhook_id        UUID        NOT NULL,
    event_id          UUID        NOT NULL,
    status            TEXT        NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'delivering', 'delivered', 'dead', 'cancelled')),
    attempts          INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Retries stop (dead letter) once this much time has passed since retry_from.
    retry_from        TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_token       UUID,
    lease_owner       TEXT,
    lease_expires_at  TIMESTAMPTZ,
    last_status_code  SMALLINT,
    last_error        TEXT,
    delivered_at      TIMESTAMPTZ,
    dead_at           TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, id),
    UNIQUE (vendor, webhook_id, event_id),
    FOREIGN KEY (vendor, webhook_id) REFERENCES webhooks (vendor, id),
    FOREIGN KEY (vendor, event_id) REFERENCES outbox_events (vendor, id),
    CHECK ((status = 'delivering') = (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_lease_idx ON webhook_deliveries (lease_expires_at)
    WHERE status = 'delivering';
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (vendor, webhook_id, id);

-- Every attempt, append-only.
CREATE TABLE webhook_attempts (
    vendor       TEXT        NOT NULL,
    delivery_id  UUID        NOT NULL,
    seq          BIGINT      GENERATED ALWAYS AS IDENTITY,
    attempt      INTEGER     NOT NULL,
    worker       TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    -- delivered (2xx), failed (other status), error (timeout, refused, ...)
    outcome      TEXT        NOT NULL CHECK (outcome IN ('delivered', 'failed', 'error')),
    status_code  SMALLINT,
    error        TEXT,
    PRIMARY KEY (vendor, delivery_id, seq),
    FOREIGN KEY (vendor, delivery_id) REFERENCES webhook_deliveries (vendor, id)
);
CREATE TRIGGER webhook_attempts_append_only
    BEFORE UPDATE OR DELETE ON webhook_attempts
    FOR EACH ROW EXECUTE FUNCTION tierline_reject_change();

-- SLA alerts the monitor recorded: at most one per clock, kind and clock cycle (a cycle is
-- identified by the clock's start instant; a reopened ticket's new resolution clock is a
-- new cycle). Pausing and resuming keeps the cycle, so a warning is not repeated.
CREATE TABLE sla_alerts (
    vendor      TEXT        NOT NULL,
    ticket_id   UUID        NOT NULL,
    clock       TEXT        NOT NULL CHECK (clock IN ('first_response', 'resolution')),
    kind        TEXT        NOT NULL CHECK (kind IN ('warning', 'breached', 'met')),
    cycle       TIMESTAMPTZ NOT NULL,
    instant     TIMESTAMPTZ NOT NULL,
    event_id    UUID        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, ticket_id, clock, kind, cycle),
    FOREIGN KEY (vendor, ticket_id) REFERENCES tickets (vendor, id)
);
