-- Every attempt to send an outbox mail and its outcome (SENT, or FAILED with the error in one short line), kept as
-- long as the mail's row; the row's last_error tells only the latest.
CREATE TABLE mail_attempts (
    outbox_id    BIGINT       NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    attempt      INTEGER      NOT NULL,
    outcome      VARCHAR(8)   NOT NULL CHECK (outcome IN ('SENT', 'FAILED')),
    error        VARCHAR(200),
    attempted_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (outbox_id, attempt)
);
