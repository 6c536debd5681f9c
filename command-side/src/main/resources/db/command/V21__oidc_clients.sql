-- The clients of the OpenID Connect provider registered through RFC 7591, as their events leave them: the
-- metadata, and the SHA-256 of the secret and of the registration access token (never the values).
CREATE TABLE oidc_clients (
    client_id               VARCHAR(64) PRIMARY KEY,
    metadata                JSONB       NOT NULL,
    secret_hash             VARCHAR(64),
    registration_token_hash VARCHAR(64) NOT NULL,
    registered_at           TIMESTAMPTZ NOT NULL,
    deleted                 BOOLEAN     NOT NULL DEFAULT FALSE
);
