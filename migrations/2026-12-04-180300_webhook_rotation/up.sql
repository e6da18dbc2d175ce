-- Subscriptions can be paused (`active`: no new deliveries are queued while false) and their
-- secret rotated: the old secret keeps signing beside the new one until
-- `previous_secret_expires_at`, so receivers can switch without losing a delivery.
ALTER TABLE webhooks
    ADD COLUMN active BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN previous_secret TEXT,
    ADD COLUMN previous_secret_expires_at TIMESTAMPTZ,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
