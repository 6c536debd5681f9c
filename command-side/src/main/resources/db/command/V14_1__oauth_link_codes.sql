-- (v1.1) A first sign-in through a provider whose address does not count as verified makes an account without
-- one: no address, nothing reserved (PostgreSQL's unique index holds any number of NULLs).
ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;
ALTER TABLE accounts ALTER COLUMN email_key DROP NOT NULL;

-- (v1.1) Codes that complete linking a provider to the user who started it, by SHA-256 only; redeemed once, by
-- that user alone. The provider account's subject and address are sealed under the master key.
CREATE TABLE oauth_link_codes (
    code_hash   BYTEA PRIMARY KEY,
    user_id     UUID        NOT NULL,
    provider    VARCHAR(64) NOT NULL,
    identity    BYTEA       NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    consumed_at TIMESTAMPTZ
);
CREATE INDEX oauth_link_codes_expiry ON oauth_link_codes (expires_at);
CREATE INDEX oauth_link_codes_user ON oauth_link_codes (user_id);
