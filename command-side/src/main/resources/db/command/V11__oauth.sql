-- Accounts at OpenID Connect providers that sign users in: one per (provider, subject) over all users, one per
-- provider per user. Written with the events that link and unlink them, like accounts.
CREATE TABLE external_identities (
    provider VARCHAR(64)  NOT NULL,
    subject  VARCHAR(255) NOT NULL,
    user_id  UUID         NOT NULL,
    CONSTRAINT external_identities_pkey PRIMARY KEY (provider, subject),
    CONSTRAINT external_identities_user_provider_key UNIQUE (user_id, provider)
);

-- Sign-ins under way at a provider, by the SHA-256 of their state, so that any instance can finish one. The PKCE
-- verifier and the nonce are sealed under the master key. A used or expired flow stays until the purge, so that
-- a replayed callback still finds where to send its error.
CREATE TABLE oauth_flows (
    state_hash   BYTEA PRIMARY KEY,
    provider     VARCHAR(64)   NOT NULL,
    redirect_uri VARCHAR(2048) NOT NULL,
    link_user_id UUID,
    app_state    VARCHAR(512),
    secrets      BYTEA         NOT NULL,
    expires_at   TIMESTAMPTZ   NOT NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX oauth_flows_expiry ON oauth_flows (expires_at);

-- One-time codes handed to applications at the end of a sign-in, by SHA-256 only; redeemed once for tokens.
CREATE TABLE oauth_codes (
    code_hash   BYTEA PRIMARY KEY,
    user_id     UUID        NOT NULL,
    provider    VARCHAR(64) NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    consumed_at TIMESTAMPTZ
);
CREATE INDEX oauth_codes_expiry ON oauth_codes (expires_at);
