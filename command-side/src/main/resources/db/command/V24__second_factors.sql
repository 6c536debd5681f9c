-- A person's second factors (§13) as the command side needs them, beside the SecondFactors aggregate's events,
-- which never hold a secret: the authenticator app's key sealed under the master key (context "totp-secret"),
-- pending until its first code confirms it, with the last 30-second step a code was accepted for (a code works
-- once); the recovery codes as keyed digests (context "recovery-code"), each deleted when used; and the one-time
-- tokens (5 minutes) that carry a sign-in from its right password to its second factor, as SHA-256.
CREATE TABLE mfa_totp (
    user_id       UUID PRIMARY KEY,
    sealed_secret BYTEA       NOT NULL,
    confirmed     BOOLEAN     NOT NULL DEFAULT FALSE,
    last_step     BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE mfa_recovery_codes (
    user_id     UUID        NOT NULL,
    code_digest VARCHAR(128) NOT NULL,
    PRIMARY KEY (user_id, code_digest)
);

CREATE TABLE mfa_challenges (
    token_hash   BYTEA PRIMARY KEY,
    user_id      UUID        NOT NULL,
    -- how the sign-in's first step was made: its password (PASSWORD) or another provider's sign-in (OAUTH)
    first_factor VARCHAR(16) NOT NULL DEFAULT 'PASSWORD',
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX mfa_challenges_user ON mfa_challenges (user_id);

-- Whether a company requires its members' sessions to have used a second factor (SecondFactorRequirementChanged),
-- for the check in front of the company's endpoints.
ALTER TABLE company_names ADD COLUMN require_mfa BOOLEAN NOT NULL DEFAULT FALSE;
