-- Passkeys (WebAuthn, §13) as the command side needs them to check an assertion, beside the SecondFactors
-- aggregate's PasskeyRegistered and PasskeyRemoved: the credential id (base64url, unique across everyone), its
-- owner, webauthn4j's form of the attested credential data (the authenticator's model, the credential id and the
-- COSE public key: public, nothing secret), the signature counter (an assertion must raise it, unless the
-- authenticator keeps none and both are 0), the transports the browser named, and the flags as registered (user
-- verified, backup eligible, backed up). No attestation statement is kept: none is asked for.
CREATE TABLE mfa_passkeys (
    credential_id             VARCHAR(1400) PRIMARY KEY,
    user_id                   UUID         NOT NULL,
    attested_credential_data  BYTEA        NOT NULL,
    sign_count                BIGINT       NOT NULL,
    transports                VARCHAR(200) NOT NULL DEFAULT '',
    user_verified             BOOLEAN      NOT NULL,
    backup_eligible           BOOLEAN      NOT NULL,
    backup_state              BOOLEAN      NOT NULL,
    created_at                TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX mfa_passkeys_user ON mfa_passkeys (user_id);

-- The challenges given out with WebAuthn options, each taken (deleted) by the answer it was for, so each works
-- once, and only for 5 minutes: one per person adding a passkey (a newer replaces it), one per second-factor
-- sign-in (keyed by its mfaToken), one per passkey sign-in without a password (keyed by its challengeId). The key
-- is a SHA-256 of what names it; instances share nothing else, so any of them can take the answer.
CREATE TABLE mfa_webauthn_challenges (
    key_hash   BYTEA PRIMARY KEY,
    user_id    UUID,
    challenge  BYTEA       NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX mfa_webauthn_challenges_user ON mfa_webauthn_challenges (user_id);
