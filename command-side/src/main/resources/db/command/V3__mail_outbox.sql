-- Mail waiting to be sent, written in the same transaction as the events that call for it, so that a mail is
-- queued exactly when its cause is stored. Dispatchers on every instance claim due rows with a lease.
-- `model` holds what the template shows and stays for the record; `secrets` holds what must not outlive the
-- sending (the raw link of a verification mail) and is erased as soon as the mail is sent or given up.
CREATE TABLE mail_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient       VARCHAR(254) NOT NULL,
    template        VARCHAR(64)  NOT NULL,
    locale          VARCHAR(35)  NOT NULL,
    model           JSONB        NOT NULL,
    secrets         JSONB,
    subject_id      UUID,
    status          VARCHAR(8)   NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    claimed_until   TIMESTAMPTZ,
    last_error      VARCHAR(200),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ
);
CREATE INDEX mail_outbox_due ON mail_outbox (created_at) WHERE status = 'QUEUED';
CREATE INDEX mail_outbox_subject ON mail_outbox (subject_id) WHERE subject_id IS NOT NULL;

-- Pending email-verification links by the SHA-256 of their token, to find whose link a token is; the User
-- aggregate still decides whether it is the newest, unused and unexpired one.
CREATE TABLE email_verification_tokens (
    token_hash CHAR(64)    PRIMARY KEY,
    user_id    UUID        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_verification_tokens_user ON email_verification_tokens (user_id);
CREATE INDEX email_verification_tokens_expiry ON email_verification_tokens (expires_at);
