-- Read models of the query side. Each is owned by one processing group, written idempotently, and can be
-- dropped and rebuilt from the events. A change of shape gets a new table rebuilt by replay.

-- group "users"
CREATE TABLE users (
    user_id            UUID PRIMARY KEY,
    username           VARCHAR(32)  NOT NULL,
    email              VARCHAR(254) NOT NULL,
    email_verified     BOOLEAN      NOT NULL DEFAULT FALSE,
    display_name       VARCHAR(100),
    first_name         VARCHAR(100),
    last_name          VARCHAR(100),
    phone              VARCHAR(32),
    bio                VARCHAR(500),
    avatar_url         VARCHAR(2048),
    locale             VARCHAR(35),
    timezone           VARCHAR(64),
    notify_product     BOOLEAN      NOT NULL DEFAULT FALSE,
    notify_company     BOOLEAN      NOT NULL DEFAULT TRUE,
    profile_visibility VARCHAR(16)  NOT NULL DEFAULT 'PUBLIC',
    show_email         BOOLEAN      NOT NULL DEFAULT FALSE,
    show_phone         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX users_username_prefix ON users (lower(username) text_pattern_ops);
CREATE INDEX users_display_name_prefix ON users (lower(display_name) text_pattern_ops);

-- group "companies"
CREATE TABLE companies (
    company_id              UUID PRIMARY KEY,
    name                    VARCHAR(100) NOT NULL,
    description             VARCHAR(1000),
    default_invitation_role VARCHAR(16)  NOT NULL DEFAULT 'MEMBER',
    invitation_expiry_days  INTEGER      NOT NULL DEFAULT 7,
    allowed_email_domains   TEXT[]       NOT NULL DEFAULT '{}',
    created_at              TIMESTAMPTZ  NOT NULL
);

CREATE TABLE memberships (
    company_id UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    role       VARCHAR(16) NOT NULL,
    joined_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (company_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_company_order ON memberships (company_id, joined_at, user_id);

-- group "sessions"
CREATE TABLE sessions (
    session_id        UUID PRIMARY KEY,
    user_id           UUID        NOT NULL,
    method            VARCHAR(16) NOT NULL,
    ip                VARCHAR(64),
    user_agent        VARCHAR(512),
    created_at        TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    ended_recorded_at TIMESTAMPTZ
);
CREATE INDEX sessions_user ON sessions (user_id, created_at DESC);
CREATE INDEX sessions_ended ON sessions (ended_recorded_at) WHERE ended_recorded_at IS NOT NULL;

-- Last use of a session as seen by this side's authenticated requests (not derived from events, so a rebuild
-- of "sessions" leaves it alone).
CREATE TABLE session_activity (
    session_id   UUID PRIMARY KEY,
    last_used_at TIMESTAMPTZ NOT NULL
);
