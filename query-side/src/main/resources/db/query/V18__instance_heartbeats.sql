-- The query-side instances sharing this schema's token store (io.identity.query.balance): each writes its row every
-- second or so and deletes it when it stops. An instance whose row is fresh is live and gets its share of every
-- processor's segments; a row gone stale is deleted by a live instance, which releases that instance's claims in
-- token_entry in the same statement, so that the live ones take its segments over at once. Times are the
-- database's, so instances on hosts whose clocks differ agree on who is live.
CREATE TABLE instance_heartbeats (
    node_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL,
    heartbeat  TIMESTAMPTZ  NOT NULL
);
