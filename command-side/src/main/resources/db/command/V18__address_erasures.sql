-- Requests to erase everything held about an address, by someone who may have no account: one per address (by
-- the SHA-256 of the address as normalised), its link's token only hashed. A newer request replaces the link;
-- a confirmed or expired one is deleted.
CREATE TABLE address_erasure_requests (
    address_hash VARCHAR(64) PRIMARY KEY,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    request_id   UUID        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX address_erasure_requests_expiry ON address_erasure_requests (expires_at);
