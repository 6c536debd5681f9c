-- Throttling of password checks per login name (and later per scope, e.g. security answers): consecutive
-- failures and the time until which further attempts are refused. Keys are hashes or user ids, never what
-- someone typed.
CREATE TABLE throttle (
    scope        VARCHAR(32)  NOT NULL,
    subject      VARCHAR(100) NOT NULL,
    failures     INTEGER      NOT NULL,
    locked_until TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX throttle_updated ON throttle (updated_at);

-- Per-IP rate-limit buckets, shared by every instance (Bucket4j's PostgreSQL select-for-update layout).
CREATE TABLE rate_limit_buckets (
    id         VARCHAR(200) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_buckets_expiry ON rate_limit_buckets (expires_at);
