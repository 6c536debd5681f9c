-- The current link of each invitation, by its token's hash: how a link finds its invitation (also once answered,
-- to say so), and how the expiry job finds what ran out. The address is kept only while the invitation is
-- pending (for accept-new).
CREATE TABLE invitation_links (
    token_hash    VARCHAR(64) PRIMARY KEY,
    invitation_id UUID         NOT NULL UNIQUE,
    company_id    UUID         NOT NULL,
    email         VARCHAR(254) NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    ended         BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX invitation_links_expiry ON invitation_links (expires_at);
