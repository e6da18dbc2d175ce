-- API keys: long-lived, revocable bearer credentials (`tlk_...`), an alternative to JWTs.
--
-- Only a SHA-256 hash of the key is stored; the key itself is shown once, in the creation
-- answer. `prefix` (the first characters of the key) lets a holder recognise a key in a
-- listing without the list revealing it. A revoked key stays (history); it no longer
-- authenticates. Not per vendor (a key may name several vendors, or none for admin keys),
-- so the key is `id` alone.
CREATE TABLE api_keys (
    id            UUID        PRIMARY KEY,
    name          TEXT        NOT NULL,
    prefix        TEXT        NOT NULL,
    key_hash      BYTEA       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    role          TEXT        NOT NULL CHECK (role IN ('admin', 'helpdesk', 'agent', 'reseller')),
    vendors       TEXT[]      NOT NULL DEFAULT '{}',
    reseller      TEXT,
    created_by    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT,
    last_used_at  TIMESTAMPTZ
);
CREATE INDEX api_keys_live_idx ON api_keys (created_at, id) WHERE revoked_at IS NULL;
