-- Ticket lifecycle (issue 5): the support level and last escalation of a ticket, when it was
-- first answered, whether a clock stopped or paused in breach, and the per-customer ledgers
-- of developer time, purchases and sessions.
--
-- New columns are nullable or have constant defaults (no table rewrite). Every new table
-- leads its keys with `vendor`, like the initial schema.

ALTER TABLE tickets
    -- The support level the ticket is at (tier, line or team, as JSON); starts as the
    -- routing decision's level.
    ADD COLUMN level        JSONB,
    -- The last allowed escalation: {to, regression, charges_developer_time}.
    ADD COLUMN escalation   JSONB,
    -- A clock stopped or paused after its target had passed (running clocks are breached
    -- when their due time lies in the past).
    ADD COLUMN sla_breached BOOLEAN NOT NULL DEFAULT FALSE,
    -- When the vendor first answered.
    ADD COLUMN responded_at TIMESTAMPTZ;

UPDATE tickets SET level = decision -> 'routing' -> 'level'
 WHERE decision -> 'routing' ? 'level';

CREATE INDEX tickets_breached_idx ON tickets (vendor, id) WHERE sla_breached;

-- Developer time logged against a customer. `charged` rows draw down the budget of the plan
-- year starting `period_start`; uncharged rows (regression-exception work) are kept for the
-- record.
CREATE TABLE developer_time (
    vendor       TEXT        NOT NULL,
    customer_id  UUID        NOT NULL,
    seq          BIGINT      GENERATED ALWAYS AS IDENTITY,
    minutes      BIGINT      NOT NULL CHECK (minutes > 0),
    charged      BOOLEAN     NOT NULL,
    period_start DATE,
    ticket_id    UUID,
    at           TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    explanation  JSONB       NOT NULL DEFAULT '[]',
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, customer_id, seq),
    FOREIGN KEY (vendor, customer_id) REFERENCES customers (vendor, id),
    FOREIGN KEY (vendor, ticket_id) REFERENCES tickets (vendor, id),
    CHECK (NOT charged OR period_start IS NOT NULL)
);
CREATE INDEX developer_time_period_idx ON developer_time (vendor, customer_id, period_start)
    WHERE charged;

-- Purchases (developer calls, screen sharing), as the adapter quoted them.
CREATE TABLE purchases (
    vendor       TEXT        NOT NULL,
    customer_id  UUID        NOT NULL,
    seq          BIGINT      GENERATED ALWAYS AS IDENTITY,
    item         TEXT        NOT NULL,
    quantity     INTEGER     NOT NULL CHECK (quantity > 0),
    -- Developer minutes the purchase adds to the plan year starting `period_start`.
    adds_minutes BIGINT      NOT NULL DEFAULT 0,
    period_start DATE,
    quote        JSONB       NOT NULL,
    actor        TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, customer_id, seq),
    FOREIGN KEY (vendor, customer_id) REFERENCES customers (vendor, id)
);

-- Booked sessions (onboarding, screen sharing).
CREATE TABLE sessions (
    vendor       TEXT        NOT NULL,
    customer_id  UUID        NOT NULL,
    id           UUID        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('onboarding', 'screen_share')),
    starts_at    TIMESTAMPTZ NOT NULL,
    minutes      BIGINT      NOT NULL CHECK (minutes > 0),
    booked_at    TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor, customer_id, id),
    FOREIGN KEY (vendor, customer_id) REFERENCES customers (vendor, id)
);

-- Ledgers are append-only, like ticket_events.
CREATE TRIGGER developer_time_append_only
    BEFORE UPDATE OR DELETE ON developer_time
    FOR EACH ROW EXECUTE FUNCTION tierline_reject_change();
CREATE TRIGGER purchases_append_only
    BEFORE UPDATE OR DELETE ON purchases
    FOR EACH ROW EXECUTE FUNCTION tierline_reject_change();
