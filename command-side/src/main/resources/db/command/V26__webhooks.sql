-- Webhooks as their events leave them, kept by a subscribing processor in the events' own transaction.
-- company_id is null for an operators' webhook. Events at or below from_position (the store's head when the
-- webhook was made) are never delivered to it: a new webhook starts with what happens after it.
CREATE TABLE webhooks (
    webhook_id    UUID          PRIMARY KEY,
    company_id    UUID,
    url           VARCHAR(2000) NOT NULL,
    event_types   TEXT[]        NOT NULL,
    description   VARCHAR(500),
    created_by    UUID          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    updated_at    TIMESTAMPTZ,
    from_position BIGINT        NOT NULL
);
CREATE INDEX webhooks_company ON webhooks (company_id, webhook_id);

-- A webhook's signing secret, sealed (AES-GCM) under identity.tokens.master-key. It is in no event: it is written
-- beside the command that makes the webhook, in its transaction, and deleted with the webhook.
CREATE TABLE webhook_secrets (
    webhook_id UUID  PRIMARY KEY,
    sealed     BYTEA NOT NULL
);

-- The delivery log, which is also the queue: one row per event and webhook, recorded by the stream consumer
-- before it commits its offset. The body (the CloudEvent as published) is kept only until the delivery arrived
-- or was given up. A key's deliveries to a webhook are sent in the order of their position, each after the one
-- before it arrived or was given up.
CREATE TABLE webhook_deliveries (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id         UUID         NOT NULL,
    event_id           VARCHAR(100) NOT NULL,
    event_type         VARCHAR(200) NOT NULL,
    event_key          VARCHAR(200) NOT NULL,
    position           BIGINT       NOT NULL,
    body               BYTEA,
    status             VARCHAR(9)   NOT NULL DEFAULT 'PENDING'
        CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts           INTEGER      NOT NULL DEFAULT 0,
    last_response_code INTEGER,
    last_error         VARCHAR(200),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    next_attempt_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    claimed_until      TIMESTAMPTZ,
    last_attempt_at    TIMESTAMPTZ,
    done_at            TIMESTAMPTZ,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (webhook_id, event_key, position, id)
    WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_done ON webhook_deliveries (done_at) WHERE status <> 'PENDING';
