-- The accounts at OpenID Connect providers that sign each user in (part of the users model: same events' stream,
-- same processing group, rebuilt with it).
CREATE TABLE external_identities (
    user_id   UUID         NOT NULL,
    provider  VARCHAR(64)  NOT NULL,
    subject   VARCHAR(255) NOT NULL,
    email     VARCHAR(254),
    linked_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, provider)
);
