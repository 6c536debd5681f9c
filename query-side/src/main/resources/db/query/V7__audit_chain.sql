-- The tamper-evident chain over the event store: entry n holds the SHA-256 of entry n-1's hash and event n's
-- stored form (identifiers, sequence, type, time, payload and metadata bytes). Written by one processor with a
-- single segment, so the chain has one order (the order the events were read in) and cannot fork; any later
-- change to a chained row of the store, or its removal, breaks every hash from there on.
CREATE TABLE audit_chain (
    chain_position BIGINT PRIMARY KEY,
    position       BIGINT NOT NULL UNIQUE,
    hash           BYTEA  NOT NULL
);
