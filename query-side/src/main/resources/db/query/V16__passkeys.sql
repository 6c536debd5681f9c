-- A person's passkeys as GET /api/v1/users/me/mfa lists them (§13), from the SecondFactors events: the credential
-- id, the name the person gave it, when it was added (PasskeyRegistered) and when it last signed them in (the
-- newest SecondFactorUsed naming it). No key is here; a removed passkey's row goes (PasskeyRemoved).
CREATE TABLE passkeys (
    credential_id VARCHAR(1400) PRIMARY KEY,
    user_id       UUID         NOT NULL,
    name          VARCHAR(200) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_used_at  TIMESTAMPTZ
);
CREATE INDEX passkeys_user ON passkeys (user_id, created_at);
