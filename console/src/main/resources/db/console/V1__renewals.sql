-- Single-flight renewal of a console session's tokens, across instances: the first request that finds the access
-- token expired claims the consumed refresh token's hash and refreshes; the others wait for its result (sealed
-- under the master key) and use it, instead of presenting the consumed refresh token again, which would end the
-- whole session (reuse detection). Rows live 30 s; nothing here needs a backup, so the table is unlogged.
CREATE UNLOGGED TABLE renewals (
    refresh_hash text PRIMARY KEY,
    state        text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'RENEWED', 'ENDED')),
    tokens       bytea,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX renewals_expires_at ON renewals (expires_at);
