ALTER TABLE webhooks
    DROP COLUMN updated_at,
    DROP COLUMN previous_secret_expires_at,
    DROP COLUMN previous_secret,
    DROP COLUMN active;
