-- The OpenID Connect provider's authorizations (codes, tokens, consent states), shared by every instance. No
-- value is kept in clear: each code, token and state is found by its SHA-256 (hex). The rest is what Spring
-- Authorization Server needs to go on from one request to the next: the client, the person (user id, when they
-- signed in, the pages' session), the authorization request, the scopes, each token's times and metadata, and
-- the user session the tokens belong to.
CREATE TABLE oidc_authorizations (
    id                  VARCHAR(100) PRIMARY KEY,
    client_id           VARCHAR(100) NOT NULL,
    principal_name      VARCHAR(200) NOT NULL,
    grant_type          VARCHAR(100) NOT NULL,
    authorized_scopes   TEXT,
    attributes          TEXT,
    auth_time           TIMESTAMPTZ,
    sign_in_session     UUID,
    session_id          UUID,
    state_hash          VARCHAR(64),
    code_hash           VARCHAR(64),
    code_issued_at      TIMESTAMPTZ,
    code_expires_at     TIMESTAMPTZ,
    code_metadata       TEXT,
    access_hash         VARCHAR(64),
    access_issued_at    TIMESTAMPTZ,
    access_expires_at   TIMESTAMPTZ,
    access_metadata     TEXT,
    access_scopes       TEXT,
    refresh_hash        VARCHAR(64),
    refresh_issued_at   TIMESTAMPTZ,
    refresh_expires_at  TIMESTAMPTZ,
    refresh_metadata    TEXT,
    id_token_hash       VARCHAR(64),
    id_token_issued_at  TIMESTAMPTZ,
    id_token_expires_at TIMESTAMPTZ,
    id_token_metadata   TEXT,
    kept_until          TIMESTAMPTZ  NOT NULL,
    -- one more with every change: a change made from an older reading than the row's is refused, so two requests
    -- at the same moment (one code redeemed twice, one refresh token used twice) cannot both win
    version             BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX oidc_authorizations_state ON oidc_authorizations (state_hash);
CREATE UNIQUE INDEX oidc_authorizations_code ON oidc_authorizations (code_hash);
CREATE UNIQUE INDEX oidc_authorizations_access ON oidc_authorizations (access_hash);
CREATE UNIQUE INDEX oidc_authorizations_refresh ON oidc_authorizations (refresh_hash);
CREATE INDEX oidc_authorizations_id_token ON oidc_authorizations (id_token_hash);
CREATE INDEX oidc_authorizations_principal ON oidc_authorizations (principal_name);
CREATE INDEX oidc_authorizations_kept_until ON oidc_authorizations (kept_until);

-- The refresh tokens an authorization has rotated away from (their SHA-256): one presented again was copied, and
-- everything of its authorization stops (reuse detection, as for the first-party client's refresh tokens).
CREATE TABLE oidc_spent_refresh_tokens (
    refresh_hash     VARCHAR(64)  PRIMARY KEY,
    authorization_id VARCHAR(100) NOT NULL REFERENCES oidc_authorizations (id) ON DELETE CASCADE
);
CREATE INDEX oidc_spent_refresh_tokens_authorization ON oidc_spent_refresh_tokens (authorization_id);

-- The scopes a person allowed a client (Spring Authorization Server's consent, remembered per user and client).
CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100)  NOT NULL,
    principal_name       VARCHAR(200)  NOT NULL,
    authorities          VARCHAR(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
