-- The stream's messages a consumer has acted on, by CloudEvents id: a message delivered again (after a crash
-- between the work and the offset commit, or a rebalance) finds its row and is not acted on twice. Written in the
-- transaction of the work itself; rows older than the topics' retention are dropped.
CREATE TABLE consumed_events (
    consumer    VARCHAR(64)  NOT NULL,
    event_id    VARCHAR(100) NOT NULL,
    consumed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX consumed_events_age ON consumed_events (consumed_at);
