-- Every event of the store as an audit entry: who did what, when, from where. `data` is the event without any
-- hash of a secret; `personal` names the fields of `data` that are personal data of `data_subject`, replaced by
-- placeholders when that person is erased (as the store itself then reads them). `company_id` is the company a
-- fact belongs to (company and invitation events); `user_id` the account a fact concerns.
CREATE TABLE audit_events (
    position       BIGINT PRIMARY KEY,
    event_id       VARCHAR(36)  NOT NULL,
    type           VARCHAR(64)  NOT NULL,
    aggregate_type VARCHAR(32),
    aggregate_id   VARCHAR(36),
    actor_id       UUID,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    ip             VARCHAR(64),
    user_agent     VARCHAR(512),
    correlation_id VARCHAR(64),
    company_id     UUID,
    user_id        UUID,
    data_subject   UUID,
    personal       TEXT[]       NOT NULL DEFAULT '{}',
    data           JSONB        NOT NULL
);
CREATE INDEX audit_events_company ON audit_events (company_id, position DESC) WHERE company_id IS NOT NULL;
CREATE INDEX audit_events_user ON audit_events (user_id, position DESC) WHERE user_id IS NOT NULL;
CREATE INDEX audit_events_subject ON audit_events (data_subject) WHERE data_subject IS NOT NULL;
CREATE INDEX audit_events_actor ON audit_events (actor_id, position DESC) WHERE actor_id IS NOT NULL;
