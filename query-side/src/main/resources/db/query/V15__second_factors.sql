-- A person's second factors as GET /api/v1/users/me/mfa shows them (§13), from the SecondFactors events: whether
-- the authenticator app is on and since when, and how many recovery codes are left. No key or code is here.
CREATE TABLE second_factors (
    user_id             UUID PRIMARY KEY,
    totp_enabled        BOOLEAN     NOT NULL DEFAULT FALSE,
    totp_enrolled_at    TIMESTAMPTZ,
    recovery_codes_left INT         NOT NULL DEFAULT 0
);

-- Whether a company requires its members' sessions to have used a second factor (SecondFactorRequirementChanged).
ALTER TABLE companies ADD COLUMN require_mfa BOOLEAN NOT NULL DEFAULT FALSE;
