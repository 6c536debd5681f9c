-- The command side's own tables: written in the same transaction as the events they follow, never replayed
-- into by the query side.

-- Set rules over all users: unique username and (case-insensitive) email; and what login needs.
CREATE TABLE accounts (
    user_id        UUID PRIMARY KEY,
    username       VARCHAR(32)  NOT NULL,
    email          VARCHAR(254) NOT NULL,
    email_key      VARCHAR(254) NOT NULL,
    password_hash  VARCHAR(100),
    email_verified BOOLEAN      NOT NULL DEFAULT FALSE,
    status         VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    CONSTRAINT accounts_username_key UNIQUE (username),
    CONSTRAINT accounts_email_key UNIQUE (email_key)
);

-- Sessions as far as refresh and token checks need them; ended rows are polled by every instance.
CREATE TABLE session_registry (
    session_id        UUID PRIMARY KEY,
    user_id           UUID        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    ended_recorded_at TIMESTAMPTZ
);
CREATE INDEX session_registry_user ON session_registry (user_id);
CREATE INDEX session_registry_ended ON session_registry (ended_recorded_at) WHERE ended_recorded_at IS NOT NULL;

-- Refresh tokens, by SHA-256 only; consumed rows stay until the session window ends, for reuse detection.
CREATE TABLE refresh_tokens (
    token_hash  BYTEA PRIMARY KEY,
    session_id  UUID        NOT NULL,
    user_id     UUID        NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    consumed_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Access-token signing keys; private parts sealed (AES-GCM) under the configured master key.
CREATE TABLE signing_keys (
    kid         VARCHAR(64) PRIMARY KEY,
    public_jwk  TEXT        NOT NULL,
    private_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    active_from TIMESTAMPTZ NOT NULL
);
