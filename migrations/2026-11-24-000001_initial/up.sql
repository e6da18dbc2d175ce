-- Tierline's initial schema: customers (with plan history), tickets (decision, clocks,
-- due and queue columns), the append-only ticket event log, and idempotency keys.
--
-- Every ticket-related key and index leads with `vendor`, so the tables can later be
-- distributed by vendor (Citus) without changing keys. Ids are UUIDv7 (time-ordered).

CREATE TABLE customers (
    vendor           TEXT        NOT NULL,
    id               UUID        NOT NULL,
    external_id      TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    plan             TEXT        NOT NULL,
    billing_cycle    TEXT        NOT NULL CHECK (billing_cycle IN ('monthly', 'annual')),
    renews_on        DATE,
    upgraded_on      DATE,
    reseller_id      TEXT,
    reseller_name    TEXT,
    reseller_contact TEXT,
    integration      TEXT,
    trial            BOOLEAN     NOT NULL DEFAULT FALSE,
    locale           TEXT,
    version          BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, id),
    UNIQUE (vendor, external_id),
    CHECK ((reseller_id IS NULL) = (reseller_name IS NULL)
       AND (reseller_id IS NULL) = (reseller_contact IS NULL))
);
-- Lookups by id alone (GET /customers/{id}); ids are unique UUIDs.
CREATE INDEX customers_id_idx ON customers (id);

-- Every plan a customer has had, newest last. The current plan is also on `customers`.
CREATE TABLE customer_plans (
    vendor        TEXT        NOT NULL,
    customer_id   UUID        NOT NULL,
    seq           BIGINT      GENERATED ALWAYS AS IDENTITY,
    plan          TEXT        NOT NULL,
    billing_cycle TEXT        NOT NULL CHECK (billing_cycle IN ('monthly', 'annual')),
    renews_on     DATE,
    upgraded_on   DATE,
    valid_from    TIMESTAMPTZ NOT NULL DEFAULT now(),
    changed_by    TEXT        NOT NULL,
    PRIMARY KEY (vendor, customer_id, seq),
    FOREIGN KEY (vendor, customer_id) REFERENCES customers (vendor, id)
);

CREATE TABLE tickets (
    vendor                 TEXT        NOT NULL,
    id                     UUID        NOT NULL,
    customer_id            UUID        NOT NULL,
    subject                TEXT        NOT NULL,
    description            TEXT        NOT NULL,
    channel                TEXT        NOT NULL,
    -- The priority the ticket carries after the vendor's rules; the one asked for.
    priority               TEXT,
    requested_priority     TEXT,
    status                 TEXT        NOT NULL
                           CHECK (status IN ('open', 'pending', 'resolved', 'referred')),
    received_at            TIMESTAMPTZ NOT NULL,
    refs                   JSONB       NOT NULL DEFAULT '[]',
    routing_kind           TEXT        NOT NULL
                           CHECK (routing_kind IN ('vendor', 'reseller', 'partner', 'third_party')),
    reseller_id            TEXT,
    -- The intake decision as the API returned it (routing, scope, billing, messages,
    -- explanation); clocks live in their own columns.
    decision               JSONB       NOT NULL,
    -- Serialized SLA clocks (start, pauses, resumes, stop) with their policy flags.
    first_response_clock   JSONB,
    resolution_clock       JSONB,
    -- Derived from the clocks, for indexes: NULL when no clock, or paused/stopped.
    first_response_due_at  TIMESTAMPTZ,
    first_response_warn_at TIMESTAMPTZ,
    resolution_due_at      TIMESTAMPTZ,
    resolution_warn_at     TIMESTAMPTZ,
    -- The earliest pending warning/due instant of any running clock (the SLA monitor's index).
    next_deadline_at       TIMESTAMPTZ,
    -- The vendor's working-queue key (adapter.queue_key).
    queue_class            SMALLINT    NOT NULL,
    queue_at               TIMESTAMPTZ NOT NULL,
    version                BIGINT      NOT NULL DEFAULT 1,
    created_by             TEXT        NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, id),
    FOREIGN KEY (vendor, customer_id) REFERENCES customers (vendor, id)
);
CREATE INDEX tickets_id_idx ON tickets (id);
CREATE INDEX tickets_vendor_status_id_idx ON tickets (vendor, status, id);
CREATE INDEX tickets_vendor_customer_idx ON tickets (vendor, customer_id, id);
CREATE INDEX tickets_reseller_idx ON tickets (vendor, reseller_id, id) WHERE reseller_id IS NOT NULL;
CREATE INDEX tickets_queue_idx ON tickets (vendor, queue_class, queue_at, id)
    WHERE status IN ('open', 'pending');
CREATE INDEX tickets_first_response_due_idx ON tickets (vendor, first_response_due_at)
    WHERE first_response_due_at IS NOT NULL;
CREATE INDEX tickets_resolution_due_idx ON tickets (vendor, resolution_due_at)
    WHERE resolution_due_at IS NOT NULL;
CREATE INDEX tickets_next_deadline_idx ON tickets (next_deadline_at)
    WHERE next_deadline_at IS NOT NULL;

-- The append-only history of each ticket.
CREATE TABLE ticket_events (
    vendor      TEXT        NOT NULL,
    ticket_id   UUID        NOT NULL,
    seq         BIGINT      GENERATED ALWAYS AS IDENTITY,
    kind        TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    data        JSONB       NOT NULL DEFAULT '{}',
    explanation JSONB       NOT NULL DEFAULT '[]',
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, ticket_id, seq),
    FOREIGN KEY (vendor, ticket_id) REFERENCES tickets (vendor, id)
);

CREATE FUNCTION tierline_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER ticket_events_append_only
    BEFORE UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION tierline_reject_change();

-- Idempotency-Key records. The row is inserted first, in the same transaction as the work
-- it guards, so racing retries wait on the primary key and then read the stored answer.
CREATE TABLE idempotency_keys (
    principal     TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    method        TEXT        NOT NULL,
    path          TEXT        NOT NULL,
    status        SMALLINT,
    response      JSONB,
    location      TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
