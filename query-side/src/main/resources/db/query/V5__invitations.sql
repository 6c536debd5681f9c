-- group "invitations": each invitation with its status and, apart from it, the delivery of its mail.
CREATE TABLE invitations (
    invitation_id     UUID PRIMARY KEY,
    company_id        UUID         NOT NULL,
    email             VARCHAR(254) NOT NULL,
    role              VARCHAR(16)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    delivery_status   VARCHAR(16)  NOT NULL DEFAULT 'QUEUED',
    delivery_attempts INTEGER      NOT NULL DEFAULT 0,
    invited_by        UUID         NOT NULL,
    token_hash        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    expires_at        TIMESTAMPTZ  NOT NULL,
    responded_at      TIMESTAMPTZ
);
CREATE INDEX invitations_company ON invitations (company_id, created_at, invitation_id);
CREATE INDEX invitations_token ON invitations (token_hash);
