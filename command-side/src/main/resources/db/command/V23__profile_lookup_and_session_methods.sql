-- What the OpenID Connect provider's id tokens and userinfo say of a person under the scope "profile", as the
-- events leave it (kept by the subscribing processor ProfileLookup; filled from the events already stored by
-- ProfileLookupBackfill, since the events hold these fields sealed). An erased person's row goes with them.
CREATE TABLE profile_lookup (
    user_id      UUID PRIMARY KEY,
    display_name TEXT,
    first_name   TEXT,
    last_name    TEXT,
    avatar_url   TEXT,
    zoneinfo     TEXT,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- The one-time fills of lookup tables from the events already stored, done once for all instances.
CREATE TABLE lookup_backfills (
    name    VARCHAR(64) PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL
);

-- How each session began (SessionStarted.method), for the amr claim (RFC 8176) of the tokens it leads to; null for
-- the sessions started before this version.
ALTER TABLE session_registry ADD COLUMN method VARCHAR(16);
CREATE INDEX oidc_authorizations_sign_in_session ON oidc_authorizations (sign_in_session)
    WHERE sign_in_session IS NOT NULL;
-- ...and how the person proved who they are (SessionStarted.amr, space-separated; RFC 8176), for the amr claim of
-- the session's tokens after every refresh.
ALTER TABLE session_registry ADD COLUMN amr VARCHAR(64);
